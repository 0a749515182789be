"""A rebuild after one program changes reuses what it can, and publishes exactly what a full build would."""

from __future__ import annotations

import os

from seffaf.build import build
from seffaf.incremental import cache_folder

from .conftest import copy_programs, make_project
from .test_record import PAGEFIND_UNSTABLE, files

TARGET = "ilgin/2023/performans-hedefleri/1-1/index.html"
UNTOUCHED = "defne/2025/performans-hedefleri/1-1-1/index.html"


def test_a_rebuild_after_one_change_equals_a_full_build(tmp_path):
    programs = copy_programs(tmp_path, "defne/2025", "ilgin/2023")
    project = make_project(tmp_path, ["defne/2025", "ilgin/2023"], programs)
    site = tmp_path / "www" / "site"
    build(project, site)
    untouched_time = os.stat(site / UNTOUCHED).st_mtime_ns
    published = {name: tmp_path / f"yayimlanan-{number}" for number, name in enumerate((TARGET, "sitemap.xml", "veri/manifest.json"))}
    before = {}
    for name, link in published.items():
        os.link(site / name, link)  # the file the published site serves until the new one replaces it
        before[name] = link.read_bytes()

    # A council revises one figure of one program.
    revised = programs / "ilgin" / "2023.yml"
    text = revised.read_text(encoding="utf-8")
    assert text.count("          2023: 10500000\n") == 1
    revised.write_text(text.replace("          2023: 10500000\n", "          2023: 11500000\n"), encoding="utf-8")

    said: list[str] = []
    again = build(project, site, said.append)
    assert any("yalnız değişen sayfalar" in line for line in said), said
    assert again.warnings == []
    assert os.stat(site / UNTOUCHED).st_mtime_ns == untouched_time  # not rebuilt
    assert "11.500.000" in (site / TARGET).read_text(encoding="utf-8")
    # The rebuild started from hard links to the published site and never wrote into its files.
    assert {name: link.read_bytes() for name, link in published.items()} == before
    pages = list((cache_folder(site) / "sayfalar").iterdir())
    assert len(pages) == 2  # one entry per program: the revised program's old pages are gone

    full = tmp_path / "www" / "tam"
    build(project, full, incremental=False)
    rebuilt, expected = files(site), files(full)
    stable = {name for name in expected if not PAGEFIND_UNSTABLE.match(name)}
    assert {n for n in rebuilt if not PAGEFIND_UNSTABLE.match(n)} == stable
    assert [name for name in sorted(stable) if rebuilt[name] != expected[name]] == []


def test_a_new_page_title_means_a_full_build(tmp_path):
    """Navigation and titles are on every page: when they change, no page is kept."""
    programs = copy_programs(tmp_path, "defne/2025")
    project = make_project(tmp_path, ["defne/2025"], programs)
    site = tmp_path / "site"
    build(project, site)
    path = programs / "defne" / "2025.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("ad: Defne Belediyesi", "ad: Defne Belediye Başkanlığı", 1), encoding="utf-8")
    said: list[str] = []
    build(project, site, said.append)
    assert not any("yalnız değişen sayfalar" in line for line in said)
    assert "Defne Belediye Başkanlığı" in (site / UNTOUCHED).read_text(encoding="utf-8")


def test_pages_shared_among_processes_equal_one_process_build(tmp_path, monkeypatch):
    """MkDocs runs in one process per core, each writing its share of the pages."""
    from seffaf import mkdocs_site

    project = make_project(tmp_path, ["defne/2025"])
    built = {}
    for cores in (1, 3):
        monkeypatch.setattr(mkdocs_site.os, "cpu_count", lambda cores=cores: cores)
        build(project, tmp_path / f"site-{cores}", incremental=False)
        built[cores] = {n: data for n, data in files(tmp_path / f"site-{cores}").items() if not PAGEFIND_UNSTABLE.match(n)}
    assert len(built[1]) > 300
    assert built[1].keys() == built[3].keys()
    assert [name for name in sorted(built[1]) if built[1][name] != built[3][name]] == []


def _revise_ilgin(programs) -> None:
    revised = programs / "ilgin" / "2023.yml"
    text = revised.read_text(encoding="utf-8")
    revised.write_text(text.replace("          2023: 10500000\n", "          2023: 11500000\n"), encoding="utf-8")


def test_a_rebuild_takes_digests_of_kept_files_from_the_published_manifest(tmp_path, monkeypatch):
    """Hashing every published file again was most of a rebuild's manifest; a file the rebuild
    kept as it was (the same file, not written since) has the digest the published manifest gives."""
    from seffaf import record

    programs = copy_programs(tmp_path, "defne/2025", "ilgin/2023")
    project = make_project(tmp_path, ["defne/2025", "ilgin/2023"], programs)
    site = tmp_path / "site"
    build(project, site)
    hashed: list[int] = []
    original = record.sha256
    monkeypatch.setattr(record, "sha256", lambda data: hashed.append(len(data)) or original(data))
    _revise_ilgin(programs)
    build(project, site)
    untouched = sum(1 for path in (site / "defne" / "2025").rglob("*") if path.is_file())
    everything = sum(1 for path in site.rglob("*") if path.is_file() and path.relative_to(site).parts[0] in ("defne", "ilgin"))
    assert len(hashed) <= everything - untouched + 2  # the changed program's files and the two YAML sources


def test_a_published_file_changed_in_place_is_hashed_again(tmp_path):
    """A file written after the published manifest is not vouched for by it."""
    import hashlib
    import json

    programs = copy_programs(tmp_path, "defne/2025", "ilgin/2023")
    project = make_project(tmp_path, ["defne/2025", "ilgin/2023"], programs)
    site = tmp_path / "site"
    build(project, site)
    name = "defne/2025/veri/program.json"
    with open(site / name, "r+b") as edited:  # the same file, new bytes
        edited.write(b"[" + b" " * 8)
    os.utime(site / name, ns=(os.stat(site / "veri" / "manifest.json").st_mtime_ns + 10**9,) * 2)
    _revise_ilgin(programs)
    build(project, site)
    listed = json.loads((site / "veri" / "manifest.json").read_bytes())
    digests = {n: d for entry in listed["programlar"] for n, d in entry["dosyalar"].items()}
    assert digests[name] == hashlib.sha256((site / name).read_bytes()).hexdigest()
