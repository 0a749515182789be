"""The experiment behind issue 20's rebuild goal: one Pagefind index per group of municipalities.

Pagefind cannot add to an index it wrote, so a rebuild after one program changes
indexes the whole site again. Split by municipality into G indexes (a hash of
the slug) plus one for the site-wide pages, a rebuild would index only the
changed program's group, and the search page would merge the G + 1 indexes
(``pagefind.mergeIndex``). For each G this takes one built site, indexes a
hard-linked copy of it that way and measures:

- Pagefind's seconds (clock and processor) for all the indexes, and for the
  largest group: what a rebuild would pay instead of the whole index;
- Pagefind's peak memory (largest process);
- in Chromium, the bytes under ``pagefind/`` a first search fetches on a phone
  (filter index not loaded) and on a desktop (filter index loaded after the
  results), gzip as GitHub Pages sends text;
- whether "Tutar (büyükten küçüğe)" still orders the results: Pagefind merges
  the indexes' results by relevance score, whatever the sort.

G = 1 is the site as built (one index), measured the same way. Nothing here
changes the build; the copy's search page is patched to merge the groups.

    .venv/bin/python bench/grouped_index.py --programs 100 --groups 1,3,8
    .venv/bin/python bench/grouped_index.py --site /tmp/site --groups 1,4
"""

from __future__ import annotations

import argparse
import hashlib
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "generator"))

import search_bytes  # noqa: E402
from build import ROOT, DescendantPeak  # noqa: E402
from seffaf import search  # noqa: E402

MERGE_AFTER = "    await pagefind.options({});\n"
AMOUNT = re.compile(r"· ([\d.]+(?:,\d+)?)\s₺$")


def build_synthetic(count: int, work: Path) -> Path:
    import synthetic
    from seffaf.build import Project, build

    entries = synthetic.generate(count, work / "programlar", check=False)
    config = work / "site.yml"
    config.write_text("baslik: Sentetik\nprogramlar:\n" + "".join(f"  - {entry}\n" for entry in entries), encoding="utf-8")
    build(Project(root=ROOT, programs_dir=work / "programlar", config_file=config), work / "site", incremental=False)
    return work / "site"


def groups_of(site: Path, count: int) -> list[list[str]]:
    """Municipalities' folders (those with a year folder inside) by a hash of their name."""
    slugs = sorted(p.name for p in site.iterdir() if p.is_dir() and any(c.name.isdigit() for c in p.iterdir() if c.is_dir()))
    groups: list[list[str]] = [[] for _ in range(count)]
    for slug in slugs:
        groups[int(hashlib.sha256(slug.encode()).hexdigest(), 16) % count].append(slug)
    return [group for group in groups if group]


def pagefind(site: Path, glob: str | None, output: str) -> tuple[float, float]:
    """Clock and processor seconds of one Pagefind run."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", output, "--force-language", search.LANGUAGE, "--quiet"]
    command += [a for selector in search.EXCLUDE for a in ("--exclude-selectors", selector)]
    if glob:
        command += ["--glob", glob]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - started, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def index_in_groups(site: Path, count: int) -> dict:
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    groups = groups_of(site, count) if count > 1 else []
    grouped = {slug for group in groups for slug in group}
    runs = []
    with DescendantPeak() as peak:
        if groups:
            rest = sorted(p.name + ("/**/*.html" if p.is_dir() else "") for p in site.iterdir() if p.name not in grouped and (p.is_dir() or p.suffix == ".html"))
            runs.append(pagefind(site, "{" + ",".join(rest) + "}", "pagefind"))
            for number, group in enumerate(groups):
                runs.append(pagefind(site, "{" + ",".join(f"{slug}/**/*.html" for slug in group) + "}", f"pagefind/grup-{number}"))
        else:
            runs.append(pagefind(site, None, "pagefind"))
    script = site / "assets" / "seffaf.js"
    text = script.read_text(encoding="utf-8")
    assert MERGE_AFTER in text, "seffaf.js changed: update MERGE_AFTER"
    merges = "".join(f"    await pagefind.mergeIndex(new URL(form.dataset.bundle + 'grup-{n}/', document.baseURI).href);\n" for n in range(len(groups)))
    script.unlink()  # a hard link to the built site's file
    script.write_text(text.replace(MERGE_AFTER, MERGE_AFTER + merges), encoding="utf-8")
    group_runs = runs[1:] or runs
    return {
        "groups": max(count, 1),
        "seconds": sum(wall for wall, _ in runs),
        "cpu_seconds": sum(cpu for _, cpu in runs),
        "largest_group_seconds": max(wall for wall, _ in group_runs),
        "largest_group_cpu_seconds": max(cpu for _, cpu in group_runs),
        "peak_mb": peak.peak()[1] / 1024,
        "index_mb": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 1e6,
    }


def in_amount_order(site: Path, query: str) -> tuple[bool, int]:
    """Whether the amounts in the first results' titles never go up, and how many were read."""
    from playwright.sync_api import sync_playwright

    with search_bytes.serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=search_bytes.CHROMIUM, args=search_bytes.CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{base}/ara/?q={query}&sirala=tutar")
        page.wait_for_selector(search_bytes.RESULT, timeout=120_000)
        titles = page.locator(search_bytes.RESULT).all_text_contents()
        browser.close()
    amounts = [float(m.group(1).replace(".", "").replace(",", ".")) for m in map(AMOUNT.search, (t.strip() for t in titles)) if m]
    return all(a >= b for a, b in zip(amounts, amounts[1:])), len(amounts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build --programs synthetic programs)")
    parser.add_argument("--programs", type=int, default=100)
    parser.add_argument("--groups", default="1,3,8", help="comma-separated numbers of groups; 1 is one index, as built")
    parser.add_argument("--query", default="temizlik")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="seffaf-gruplu-") as work:
        work = Path(work)
        site = args.site or build_synthetic(args.programs, work)
        print(f"{'gruplar':>8} {'saniye':>7} {'işlemci':>8} {'en büyük grup (işlemci)':>24} {'bellek':>8} {'dizin':>8} {'ilk arama, gzip: telefon / masaüstü':>36} {'tutar sırası':>13}")
        for count in (int(c) for c in args.groups.split(",")):
            copy = work / f"kopya-{count}"
            shutil.copytree(site, copy, copy_function=lambda s, d: Path(d).hardlink_to(s))
            figures = index_in_groups(copy, count)
            fetched = search_bytes.measure(copy, None, args.query, compress=True)
            ordered, read = in_amount_order(copy, args.query)
            print(
                f"{figures['groups']:>8} {figures['seconds']:>6.1f}s {figures['cpu_seconds']:>7.1f}s "
                f"{figures['largest_group_seconds']:>14.1f}s ({figures['largest_group_cpu_seconds']:.1f}s) "
                f"{figures['peak_mb']:>6.0f}MB {figures['index_mb']:>6.1f}MB "
                f"{fetched['search_first_pagefind_bytes'] / 1000:>12.0f} kB ({fetched['search_first_pagefind_requests']} istek) / {fetched['search_pagefind_bytes'] / 1000:.0f} kB "
                f"{'korunur' if ordered else 'BOZULUR'} ({read})",
                flush=True,
            )
            shutil.rmtree(copy)


if __name__ == "__main__":
    main()
