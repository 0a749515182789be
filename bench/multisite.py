"""What one national search costs a browser when it merges K separate sites (docs/ulusal-site.md).

The five real programs are built as five separate sites (one program each);
for K above five the sites are repeated under new sub-paths (same files, new
addresses, so the browser fetches them again, as it would from a different
municipality). An index page at the root imports the first site's
``pagefind.js``, merges the other K-1 bundles with ``mergeIndex``, searches
one word and loads the first five results, as Pagefind UI does. Printed: bytes
fetched from all ``pagefind/`` folders, requests, and milliseconds to results.

    .venv/bin/python bench/multisite.py [--sites 1,5,10,20] [--query temizlik]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "generator"))

import search_bytes  # noqa: E402

INDEX = """<!doctype html>
<meta charset="utf-8">
<title>Ulusal arama</title>
<script type="module">
  const sites = JSON.parse(new URLSearchParams(location.search).get("siteler"));
  const query = new URLSearchParams(location.search).get("q");
  const started = performance.now();
  const pagefind = await import(`/${sites[0]}/pagefind/pagefind.js`);
  await pagefind.options({});
  for (const site of sites.slice(1)) await pagefind.mergeIndex(`/${site}/pagefind/`);
  const search = await pagefind.search(query);
  const first = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  document.body.dataset.sonuc = JSON.stringify({
    results: search.results.length,
    ms: Math.round(performance.now() - started),
    sites: [...new Set(first.map((d) => d.url.split("/")[1]))],
  });
</script>
"""


def build_sites(root: Path) -> list[str]:
    from seffaf.build import Project, build

    names = []
    for path in sorted((ROOT / "programs").glob("*/*.yml")):
        entry = f"{path.parent.name}/{path.stem}"
        work = root.parent / f"ayar-{path.parent.name}"
        work.mkdir()
        (work / "site.yml").write_text(f"baslik: {path.parent.name}\nprogramlar:\n  - {entry}\n", encoding="utf-8")
        build(Project(root=ROOT, programs_dir=ROOT / "programs", config_file=work / "site.yml"), root / path.parent.name)
        names.append(path.parent.name)
        print(f"  {entry} oluşturuldu", file=sys.stderr, flush=True)
    return names


def measure(root: Path, sites: list[str], query: str) -> dict:
    from playwright.sync_api import sync_playwright

    with search_bytes.serve(root) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=search_bytes.CHROMIUM, args=search_bytes.CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(f"{base}/?q={query}&siteler={json.dumps(sites)}")
        page.wait_for_function("document.body && document.body.dataset.sonuc", timeout=300_000)
        result = json.loads(page.evaluate("document.body.dataset.sonuc"))
        paths = [(urlsplit(r.url).path, r.sizes()["responseBodySize"]) for r in finished]
        context.close()
        browser.close()
    index = [(path, size) for path, size in paths if "/pagefind/" in path]
    return {
        "sites": len(sites),
        "results": result["results"],
        "ms_to_results": result["ms"],
        "sites_in_first_five": result["sites"],
        "pagefind_bytes": sum(size for _, size in index),
        "pagefind_requests": len(index),
        "bytes_per_site": sum(size for _, size in index) / len(sites),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", default="1,5,10,20")
    parser.add_argument("--query", default="temizlik")
    args = parser.parse_args()
    counts = sorted({int(x) for x in args.sites.split(",")})
    with tempfile.TemporaryDirectory(prefix="seffaf-ulusal-") as work:
        root = Path(work) / "www"
        root.mkdir()
        built = build_sites(root)
        names = list(built)
        while len(names) < max(counts):
            copy = f"{built[len(names) % len(built)]}-{len(names) // len(built) + 1}"
            shutil.copytree(root / built[len(names) % len(built)], root / copy)
            names.append(copy)
        (root / "index.html").write_text(INDEX, encoding="utf-8")
        rows = [measure(root, names[:count], args.query) for count in counts]
    print(f"| merged sites | results for '{args.query}' | bytes from pagefind/ | requests | bytes per site | ms to results |")
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['sites']} | {row['results']} | {row['pagefind_bytes'] / 1e3:,.0f} kB | {row['pagefind_requests']} | {row['bytes_per_site'] / 1e3:,.0f} kB | {row['ms_to_results']:,} |")
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
