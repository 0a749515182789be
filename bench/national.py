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
import resource
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



def registry(work: Path, count: int, base: str) -> Path:
    path = work / f"belediyeler-{count}.yml"
    path.write_text("".join(
        f"- slug: {synthetic.slug(n)}\n  ad: {synthetic.name(n)}\n  il: {province(n)}\n  adres: {base}/siteler/{synthetic.slug(n)}/\n"
        for n in range(1, count + 1)
    ), encoding="utf-8")
    return path


def visit(browser, url: str) -> dict:
    """A first search in a fresh browser: bytes and requests from any ``pagefind/``, and in all."""
    context = browser.new_context(locale="tr-TR")
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".sf-results__list > li .sf-result__link", timeout=600_000)
    ms = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    results = int(page.locator(".sf-results__status").inner_text().split(" için ")[1].split()[0].replace(".", ""))
    sizes = [(urlsplit(r.url).path, r.sizes()["responseBodySize"]) for r in finished]
    context.close()
    index = [size for path, size in sizes if "/pagefind/" in path]
    return {"results": results, "pagefind_bytes": sum(index), "pagefind_requests": len(index), "total_bytes": sum(s for _, s in sizes), "ms": round(ms)}


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the Pagefind service, MkDocs' processes):
    on a machine shared with others, wall time says more about them than about the build."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def level(work: Path, count: int, base: str, browser) -> dict:
    from build import DescendantPeak, tree_size
    from seffaf import national

    out = work / f"ulusal-{count}"
    shutil.rmtree(out.with_name(f".{out.name}-onbellek"), ignore_errors=True)
    before = cpu_seconds()
    with DescendantPeak() as peak:
        result = national.build_national(registry(work, count, base), out, ROOT / "theme", "Şeffaf Belediyeler", f"{base}/{out.name}/", national.Folder(work / "siteler"))
    cpu = cpu_seconds() - before
    first = province(1)
    scoped = visit(browser, f"{base}/{out.name}/ara/?il={national.province_slug(first)}&q={QUERY}")
    whole = visit(browser, f"{base}/{out.name}/ara/?q={QUERY}")
    return {
        "sites": count,
        "pages_indexed": result.pages,
        "build_s": round(result.seconds, 1),
        "build_cpu_s": round(cpu, 1),
        "phases_s": {k: round(v, 1) for k, v in result.phases.items()},
        "pagefind_peak_mb": round(peak.peak()[1] / 1024),
        "index_mb": round(tree_size(out / "pagefind")[0] / 1e6, 1),
        "site_mb": round(tree_size(out)[0] / 1e6, 1),
        "scope_sites": min(count, PER_PROVINCE),
        "scoped": scoped,
        "whole": whole,
        "load": os.getloadavg(),
    }


def extrapolate(rows: list[dict]) -> dict:
    """A straight line through the smallest and the largest level, carried to 1,390 municipalities."""
    a, b = rows[0], rows[-1]

    def line(get) -> float:
        slope = (get(b) - get(a)) / (b["sites"] - a["sites"])
        return get(b) + slope * (NATIONAL - b["sites"])

    return {
        "sites": NATIONAL,
        "build_s": round(line(lambda r: r["build_s"])),
        "build_cpu_s": round(line(lambda r: r["build_cpu_s"])),
        "index_mb": round(line(lambda r: r["index_mb"]), 1),
        "pagefind_peak_mb": round(line(lambda r: r["pagefind_peak_mb"])),
        "whole_pagefind_bytes": round(line(lambda r: r["whole"]["pagefind_bytes"])),
    }


def run_levels(work: Path, levels: str) -> None:
    from playwright.sync_api import sync_playwright

    built = sum(1 for site in (work / "siteler").iterdir() if (site / "veri" / "manifest.json").is_file())
    counts = sorted({built if part == "max" else min(int(part), built) for part in levels.split(",")})
    print(f"{built} sites built in {work}; levels {counts}; load average {os.getloadavg()}", file=sys.stderr)
    rows = []
    with search_bytes.serve(work, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=search_bytes.CHROMIUM, args=search_bytes.CHROMIUM_ARGS)
        for count in counts:
            rows.append(level(work, count, base, browser))
            print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)
        browser.close()
    print(f"| sites | pages indexed | national build (CPU) | Pagefind peak | combined index | first whole-country search (pagefind/, gzip) | first scoped search ({PER_PROVINCE} sites) | load average |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(
            f"| {r['sites']:,} | {r['pages_indexed']:,} | {r['build_s']} s ({r['build_cpu_s']} s) | {r['pagefind_peak_mb']:,} MB | {r['index_mb']} MB "
            f"| {r['whole']['pagefind_bytes'] / 1e3:,.0f} kB in {r['whole']['pagefind_requests']} requests "
            f"| {r['scoped']['pagefind_bytes'] / 1e3:,.0f} kB in {r['scoped']['pagefind_requests']} requests ({r['scope_sites']} sites) "
            f"| {', '.join(f'{x:.1f}' for x in r['load'])} |"
        )
    if len(rows) >= 2:
        e = extrapolate(rows)
        print(
            f"\nExtrapolated to {NATIONAL:,} municipalities (line through {rows[0]['sites']} and {rows[-1]['sites']}): "
            f"build {e['build_s']:,} s ({e['build_cpu_s']:,} s CPU), combined index {e['index_mb']} MB, Pagefind peak {e['pagefind_peak_mb']:,} MB, "
            f"first whole-country search {e['whole_pagefind_bytes'] / 1e3:,.0f} kB"
        )
        rows.append({"extrapolated": e})
    print(json.dumps(rows, ensure_ascii=False))


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
