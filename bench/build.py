"""How the build and the search grow with the number of programs.

    .venv/bin/python bench/build.py                  # levels 1, 10, 50, 100 programs (make bench)
    .venv/bin/python bench/build.py --levels 1,10    # a quick run

For each level N, N synthetic programs (bench/synthetic.py: the five real
programs in turn under new names) are built with ``seffaf.build.build`` in a
fresh Python process, into a temporary folder. Printed for each level: pages,
seconds and their split by build phase, ms per page, peak memory, site and
search index size, the HTML of one performance-target page, the bytes a
browser fetches for one search (``/ara/?q=temizlik``) and for a first visit to
that target page, and a floor: the same Markdown straight to HTML with
Python-Markdown (bench/floor.py). Figures are printed and written to
bench/results.json (merged by level with what is there); nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "generator"))

RESULTS = BENCH / "results.json"
PHASES = ["okuma", "denetim ve sayfalar", "mkdocs", "pagefind"]
QUERY = "temizlik"


# ---------------------------------------------------------------- child: one build in a fresh process


class DescendantPeak:
    """Peak resident memory of this process's descendants (the Pagefind binary), sampled from /proc.

    ``RUSAGE_CHILDREN`` cannot tell: on Linux a child's ``ru_maxrss`` starts at
    its parent's size at fork, so it would report the Python build again.
    ``VmHWM`` of an exec'd process starts afresh.
    """

    def __init__(self, interval: float = 0.05):
        import threading

        self.interval = interval
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.interval):
            parents = {}
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    try:
                        stat = (entry / "stat").read_text()
                        parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
                    except (OSError, ValueError):
                        pass
            found, frontier = set(), {me}
            while frontier:
                frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
                found |= frontier
            for pid in found:
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
                if "VmHWM" in fields:
                    kb = int(fields["VmHWM"].split()[0])
                    name = fields.get("Name", "?").strip()
                    self.peaks[pid] = (name, max(kb, self.peaks.get(pid, ("", 0))[1]))

    def peak(self) -> tuple[str, int]:
        return max(self.peaks.values(), key=lambda item: item[1], default=("", 0))


def cpu_seconds() -> float:
    """Processor time of the build, its worker processes and Pagefind (user + system): unlike
    the seconds on the clock, it hardly changes when other work shares the machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child(programs_dir: Path, config_file: Path, out_dir: Path, result_file: Path, rebuild: bool = False) -> None:
    """One build; ``rebuild``: into a site built before, without the floor."""
    import floor
    from seffaf.build import Project, build, load_programs, load_site_config, program_files
    from seffaf.render import Renderer

    project = Project(root=ROOT, programs_dir=programs_dir, config_file=config_file)
    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"    [{time.perf_counter() - started:7.1f} s] {message}", file=sys.stderr, flush=True)

    with DescendantPeak() as descendants:
        result = build(project, out_dir, progress)
    own_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_name, child_kb = descendants.peak()
    cpu = cpu_seconds()
    if rebuild:
        result_file.write_text(json.dumps({"seconds": result.seconds, "cpu_seconds": cpu, "phases": result.phases, "pages": result.pages}))
        return

    progress("taban: aynı Markdown, Python-Markdown ile doğrudan HTML")
    config = load_site_config(config_file)
    programs = load_programs(program_files(programs_dir, config.programlar), ROOT)
    site = Renderer(project.theme_dir, project.content_dir, {"title": config.baslik}).render(programs)
    floor_dir = out_dir.with_name(out_dir.name + "-taban")
    floor_seconds = floor.render(site.pages.values(), floor_dir, config.baslik)
    shutil.rmtree(floor_dir)

    result_file.write_text(json.dumps({
        "pages": result.pages,
        "programs": result.programs,
        "seconds": result.seconds,
        "cpu_seconds": cpu,
        "phases": result.phases,
        "mkdocs_warnings": len(result.warnings),
        "peak_rss_build_mb": own_kb / 1024,
        "peak_rss_pagefind_mb": child_kb / 1024,
        "peak_rss_pagefind_process": child_name,
        "floor_seconds": floor_seconds,
        "floor_pages": len(site.pages),
    }, ensure_ascii=False))


# ---------------------------------------------------------------- parent: the levels, the sizes, the browser


def machine() -> dict:
    def run(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            return ""

    from importlib.metadata import version

    return {
        "nproc": run("nproc"),
        "free_h": run("free", "-h"),
        "cpu": next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": {name: version(name) for name in ("mkdocs", "mkdocs-material", "Markdown", "pagefind_bin", "playwright")},
        "commit": run("git", "-C", str(ROOT), "rev-parse", "--short", "HEAD") or os.environ.get("SEFFAF_BENCH_COMMIT", ""),
        "generator": str(Path(sys.modules["seffaf.loader"].__file__).parent) if "seffaf.loader" in sys.modules else "",
    }


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``folder``."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files


def target_page(programs_dir: Path, entry: str) -> str:
    """The address of the first performance target of a program: the page measured across levels."""
    from seffaf import urls
    from seffaf.loader import load_program

    program = load_program(programs_dir / f"{entry}.yml")
    target = next(t for aim in program.amaclar for goal in aim.hedefler for t in goal.performans_hedefleri)
    return urls.public(urls.target(program, target.kod))


def browser_missing() -> str | None:
    """Why the browser figures cannot be measured here, if they cannot (``make test`` installs both)."""
    import importlib.util

    import search_bytes

    if importlib.util.find_spec("playwright") is None:
        return "Playwright kurulu değil (pip install -e '.[test]')"
    if not Path(search_bytes.CHROMIUM).exists():
        return f"{search_bytes.CHROMIUM} yok (apt-get install chromium)"
    return None


def level(count: int, entries: list[str], programs_dir: Path, work: Path, browser: bool) -> dict:
    folder = work / f"duzey-{count}"
    folder.mkdir()
    config = folder / "site.yml"
    config.write_text(
        "baslik: Sentetik Ulusal Site\nadres: https://kullanici.github.io/seffaf/\nprogramlar:\n" + "".join(f"  - {e}\n" for e in entries[:count]),
        encoding="utf-8",
    )
    out, result_file = folder / "site", folder / "sonuc.json"
    load = os.getloadavg()
    started = time.perf_counter()
    run_child(programs_dir, config, out, result_file)
    wall = time.perf_counter() - started
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result.update(level=count, wall_seconds=wall, load_average_before=load, load_average_after=os.getloadavg(), measured_at=datetime.datetime.now().isoformat(timespec="seconds"))
    result["ms_per_page"] = 1000 * result["seconds"] / result["pages"]
    result["build_over_floor"] = result["seconds"] / result["floor_seconds"]
    result["mkdocs_over_floor"] = result["phases"]["mkdocs"] / result["floor_seconds"]
    result["site_bytes"], result["site_files"] = tree_size(out)
    result["pagefind_bytes"], result["pagefind_files"] = tree_size(out / "pagefind")
    result["site_downloads_bytes"], _ = tree_size(out / "veri")
    largest = max(out.rglob("*.html"), key=lambda path: path.stat().st_size)
    result.update(largest_html=str(largest.relative_to(out)), largest_html_bytes=largest.stat().st_size)
    page = target_page(programs_dir, entries[0])
    html = (out / page / "index.html").read_bytes()
    result.update(target_page=page, target_html_bytes=len(html), target_html_gzip_bytes=len(gzip.compress(html, 6)))
    if browser:
        import search_bytes

        missing = browser_missing()
        if missing:
            print(f"    tarayıcı ölçümleri atlandı: {missing}", file=sys.stderr, flush=True)
        else:
            print(f"    tarayıcı: /ara/?q={QUERY} ve /{page}", file=sys.stderr, flush=True)
            result.update(search_bytes.measure(out, page, QUERY))
            result.update({f"{key}_gzip": value for key, value in search_bytes.measure(out, page, QUERY, compress=True).items() if key.endswith("bytes")})
    print(f"    yeniden kurulum: {entries[count - 1]} içinde bir tutar değişti", file=sys.stderr, flush=True)
    revise(programs_dir / f"{entries[count - 1]}.yml")
    try:
        run_child(programs_dir, config, out, result_file, "--rebuild")
        again = json.loads(result_file.read_text(encoding="utf-8"))
        result.update(
            rebuild_seconds=again["seconds"], rebuild_cpu_seconds=again["cpu_seconds"], rebuild_phases=again["phases"],
            full_over_rebuild=result["seconds"] / again["seconds"], full_over_rebuild_cpu=result["cpu_seconds"] / again["cpu_seconds"],
        )
    finally:
        revise(programs_dir / f"{entries[count - 1]}.yml", undo=True)
    shutil.rmtree(folder)
    return result


def run_child(programs_dir: Path, config: Path, out: Path, result_file: Path, *flags: str) -> None:
    subprocess.run([sys.executable, __file__, *flags, "--child", str(programs_dir), str(config), str(out), str(result_file)], check=True, cwd=ROOT)


def revise(path: Path, undo: bool = False) -> None:
    """A council's revision: the first stated total of the program goes up by one lira (or back)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"toplam: (\d+)", text)
    value = int(match.group(1)) + (-1 if undo else 1)
    path.write_text(text[: match.start(1)] + str(value) + text[match.end(1) :], encoding="utf-8")


def mb(value: float) -> str:
    return f"{value / 1e6:,.1f} MB" if value >= 1e6 else f"{value / 1e3:,.0f} kB"


def table(levels: list[dict]) -> str:
    rows: list[tuple[str, Callable[[dict], str]]] = [
        ("pages", lambda r: f"{r['pages']:,}"),
        ("total build, s", lambda r: f"{r['seconds']:.1f}"),
        ("  processor time (build, workers, Pagefind), s", lambda r: f"{r['cpu_seconds']:.1f}" if "cpu_seconds" in r else "–"),
        *[(f"  {name}, s", lambda r, name=name: f"{r['phases'].get(name, 0):.1f}") for name in PHASES],
        ("ms per page", lambda r: f"{r['ms_per_page']:.1f}"),
        ("ms per page ÷ same at 10", lambda r: f"{r['ms_per_page'] / by_level[10]['ms_per_page']:.2f}" if 10 in by_level else "–"),
        ("peak memory, build (Python)", lambda r: f"{r['peak_rss_build_mb']:,.0f} MB"),
        ("peak memory, Pagefind", lambda r: f"{r['peak_rss_pagefind_mb']:,.0f} MB"),
        ("floor: Markdown → HTML, s", lambda r: f"{r['floor_seconds']:.1f}"),
        ("build ÷ floor", lambda r: f"{r['build_over_floor']:.1f}×"),
        ("mkdocs phase ÷ floor", lambda r: f"{r['mkdocs_over_floor']:.1f}×"),
        ("site on disk", lambda r: f"{mb(r['site_bytes'])} ({r['site_files']:,} files)"),
        ("  site-wide downloads (veri/)", lambda r: mb(r["site_downloads_bytes"])),
        ("largest page's HTML", lambda r: f"{mb(r['largest_html_bytes'])} ({r['largest_html']})"),
        ("Pagefind index", lambda r: f"{mb(r['pagefind_bytes'])} ({r['pagefind_files']:,} files)"),
        ("one target page's HTML", lambda r: f"{mb(r['target_html_bytes'])} ({mb(r['target_html_gzip_bytes'])} gzip)"),
        (f"search '{QUERY}': /pagefind/ bytes", lambda r: f"{mb(r['search_pagefind_bytes'])} ({r['search_pagefind_requests']} req.)" if "search_pagefind_bytes" in r else "–"),
        (f"search '{QUERY}': whole visit", lambda r: f"{mb(r['search_total_bytes'])} ({r['search_requests']} req.)" if "search_total_bytes" in r else "–"),
        ("search result count", lambda r: r.get("message") or "–"),
        ("first visit to the target page", lambda r: f"{mb(r['page_total_bytes'])} ({r['page_requests']} req.)" if "page_total_bytes" in r else "–"),
        ("  same, gzip as GitHub Pages sends it", lambda r: mb(r["page_total_bytes_gzip"]) if "page_total_bytes_gzip" in r else "–"),
        (f"search '{QUERY}': whole visit, gzip", lambda r: mb(r["search_total_bytes_gzip"]) if "search_total_bytes_gzip" in r else "–"),
        (f"search '{QUERY}': /pagefind/ bytes, gzip", lambda r: mb(r["search_pagefind_bytes_gzip"]) if "search_pagefind_bytes_gzip" in r else "–"),
        (f"search '{QUERY}' on a phone (filter index not loaded until the panel opens): /pagefind/ bytes, gzip", lambda r: f"{mb(r['search_first_pagefind_bytes_gzip'])} ({r['search_first_pagefind_requests']} req.)" if "search_first_pagefind_bytes_gzip" in r else "–"),
        ("rebuild after one program changes, s", lambda r: f"{r['rebuild_seconds']:.1f}" if "rebuild_seconds" in r else "–"),
        *[(f"  {name}, s", lambda r, name=name: f"{r['rebuild_phases'].get(name, 0):.1f}" if "rebuild_phases" in r else "–") for name in PHASES],
        ("  processor time, s", lambda r: f"{r['rebuild_cpu_seconds']:.1f}" if "rebuild_cpu_seconds" in r else "–"),
        ("full build ÷ rebuild", lambda r: f"{r['full_over_rebuild']:.1f}×" if "full_over_rebuild" in r else "–"),
        ("  same in processor time", lambda r: f"{r['full_over_rebuild_cpu']:.1f}×" if "full_over_rebuild_cpu" in r else "–"),
        ("load average before (1 min)", lambda r: f"{r['load_average_before'][0]:.2f}"),
        ("load average after (1 min)", lambda r: f"{r['load_average_after'][0]:.2f}" if "load_average_after" in r else "–"),
    ]
    by_level = {r["level"]: r for r in levels}
    header = "| programs | " + " | ".join(str(r["level"]) for r in levels) + " |"
    lines = [header, "|---|" + "---:|" * len(levels)]
    lines += [f"| {name} | " + " | ".join(str(cell(r)) for r in levels) + " |" for name, cell in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="1,10,50,100", help="comma-separated numbers of programs (default 1,10,50,100)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"where to write the results (default {RESULTS.relative_to(ROOT)})")
    parser.add_argument("--child", nargs=4, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rebuild", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, rebuild=args.rebuild)
        return

    import synthetic

    levels = sorted({int(x) for x in args.levels.split(",") if x.strip()})
    info = machine()
    print(f"makine: {info['nproc']} çekirdek ({info['cpu']}), Python {info['python']}, commit {info['commit']}")
    print(info["free_h"])
    with tempfile.TemporaryDirectory(prefix="seffaf-bench-") as work:
        work = Path(work)
        programs_dir = work / "programs"
        started = time.perf_counter()
        entries = synthetic.generate(max(levels), programs_dir)
        print(f"{len(entries)} sentetik program yazıldı ve geri okundu ({time.perf_counter() - started:.1f} s)", flush=True)
        measured = []
        for count in levels:
            print(f"\n== {count} program", flush=True)
            result = level(count, entries, programs_dir, work, browser=not args.no_browser)
            measured.append(result)
            print(f"   {result['pages']} sayfa, {result['seconds']:.1f} s, {result['ms_per_page']:.1f} ms/sayfa", flush=True)

    print()
    print(table(measured))
    by_level = {r["level"]: r for r in measured}
    if 10 in by_level and 100 in by_level:
        print(f"\nBir sayfanın maliyeti 100 programda, 10 programdakinin {by_level[100]['ms_per_page'] / by_level[10]['ms_per_page']:.2f} katı.")

    previous = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
    merged = {str(r["level"]): r for r in previous.get("levels", [])}
    merged.update({str(r["level"]): {**r, "machine": info} for r in measured})
    args.json.write_text(json.dumps({
        "command": ".venv/bin/python bench/build.py --levels " + ",".join(map(str, levels)),
        "machine": info,
        "levels": sorted(merged.values(), key=lambda r: r["level"]),
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nsonuçlar: {args.json}")


if __name__ == "__main__":
    main()
