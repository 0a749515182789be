"""The national site at scale (docs/ulusal-site.md): its build time and what a first search costs.

Step one builds synthetic municipality sites, one program each, with the
ordinary ``seffaf.build.build`` (bench/synthetic.py: the five real programs in
turn under new names), until ``--count`` sites or ``--minutes`` have passed.
Sites are kept in ``--work`` so step two can be repeated:

    nice -n 10 .venv/bin/python bench/national.py --work /tmp/ulusal-bench sites --count 1390 --minutes 20
    nice -n 10 .venv/bin/python bench/national.py --work /tmp/ulusal-bench measure --levels 10,100,max

Step two, for each level N: a registry of the first N sites (17 to a province,
as the ~1,390 municipalities are over 81 provinces), ``seffaf ulusal`` fetching
their pages from the folder and building the national site (seconds, peak
memory of the Pagefind service, size of the combined index), then in headless
Chromium against the sites served from loopback with gzip: the bytes and
requests of a first whole-country search and of a first search scoped to one
province (merging its 17 sites' indexes). Printed as a table and JSON; the
last lines extrapolate linearly to 1,390 municipalities.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "generator"))

import search_bytes  # noqa: E402
import synthetic  # noqa: E402

NATIONAL = 1390
PER_PROVINCE = 17
QUERY = "temizlik"


def province(number: int) -> str:
    return f"Sentetik İl {(number - 1) // PER_PROVINCE + 1:02d}"


def build_sites(work: Path, count: int, minutes: float) -> int:
    """Sites already in ``work/siteler`` are kept; more are built until ``count`` or the time is up."""
    from seffaf.build import Project, build

    programs = work / "programlar"
    sites = work / "siteler"
    sites.mkdir(parents=True, exist_ok=True)
    entries = synthetic.generate(count, programs, check=False) if not programs.exists() else None
    entries = entries or [f"{synthetic.slug(n)}/{next((programs / synthetic.slug(n)).glob('*.yml')).stem}" for n in range(1, count + 1)]
    started = time.perf_counter()
    built = 0
    for number, entry in enumerate(entries, start=1):
        slug = synthetic.slug(number)
        if (sites / slug / "veri" / "manifest.json").is_file():
            built = number
            continue
        if time.perf_counter() - started > minutes * 60:
            break
        config = work / "ayarlar" / f"{slug}.yml"
        config.parent.mkdir(exist_ok=True)
        config.write_text(f"baslik: {synthetic.name(number)}\nprogramlar:\n  - {entry}\n", encoding="utf-8")
        build(Project(root=ROOT, programs_dir=programs, config_file=config), sites / slug, incremental=False)
        built = number
        print(f"  {number} {entry} {time.perf_counter() - started:.0f} sn", file=sys.stderr, flush=True)
    print(f"{built} site, {time.perf_counter() - started:.0f} sn, yük {os.getloadavg()}", file=sys.stderr)
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, required=True, help="sites and registries are kept here between runs")
    steps = parser.add_subparsers(dest="step", required=True)
    sites = steps.add_parser("sites")
    sites.add_argument("--count", type=int, default=NATIONAL)
    sites.add_argument("--minutes", type=float, default=20)
    measure_ = steps.add_parser("measure")
    measure_.add_argument("--levels", default="10,100,max")
    args = parser.parse_args()
    if args.step == "sites":
        build_sites(args.work, args.count, args.minutes)
    else:
        run_levels(args.work, args.levels)


if __name__ == "__main__":
    main()
