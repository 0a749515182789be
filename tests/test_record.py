"""The public record: addresses that never move, builds that repeat byte for byte, a verifiable manifest."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from seffaf.build import build

from .conftest import ROOT, make_project
from .html import page

# Pagefind writes its filter and metadata indexes in hash-map order, so those few files
# differ between two runs on the same input (Pagefind issue #638: fragments are stable since 1.3,
# "other files will still change"). Everything else must repeat byte for byte.
PAGEFIND_UNSTABLE = re.compile(r"^pagefind/(filter/.*\.pf_filter|pagefind\.[^/]*\.pf_meta|pagefind-entry\.json)$")


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def article(html: str) -> str:
    return re.search(r"<article.*?</article>", html, re.S).group(0)


def test_adding_a_program_moves_no_existing_address(tmp_path, defne_site):
    bigger = tmp_path / "iki"
    build(make_project(tmp_path, ["defne/2025", "ilgin/2023"]), bigger)
    before = [p.relative_to(defne_site) for p in (defne_site / "defne").rglob("*.html")]
    assert len(before) > 80
    for path in before:
        assert (bigger / path).exists(), path
        assert article((bigger / path).read_text(encoding="utf-8")) == article((defne_site / path).read_text(encoding="utf-8")), path
    assert (bigger / "ilgin/2023/index.html").exists()


def test_indicators_and_activities_have_anchors_from_their_codes(defne_site):
    html = page(defne_site, "defne/2025/performans-hedefleri/1-2-1/").html
    assert 'id="pg-1-2-3"' in html
    assert 'id="faaliyet-1"' in html


def test_building_the_same_commit_twice_gives_the_same_bytes(tmp_path, defne_site):
    again = tmp_path / "yine"
    build(make_project(tmp_path, ["defne/2025"]), again)
    first, second = files(defne_site), files(again)
    assert first.keys() - second.keys() == {k for k in first.keys() - second.keys() if PAGEFIND_UNSTABLE.match(k)}
    different = [name for name in first.keys() & second.keys() if first[name] != second[name] and not PAGEFIND_UNSTABLE.match(name)]
    assert different == []
    assert any(name.startswith("pagefind/fragment/") for name in first)


def test_the_manifest_verifies_every_published_file(defne_site):
    manifest = json.loads((defne_site / "veri/manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["programlar"]
    source = (ROOT / "programs/defne/2025.yml").read_bytes()
    assert entry["yaml_sha256"] == hashlib.sha256(source).hexdigest()
    assert entry["kaynak"]["baslik"] == "Defne Belediyesi Performans Programı 2025"
    assert len(entry["dosyalar"]) > 100
    for name, digest in entry["dosyalar"].items():
        assert hashlib.sha256((defne_site / name).read_bytes()).hexdigest() == digest, name


def test_the_archive_lists_each_program_with_its_status(defne_site):
    row = page(defne_site, "arsiv/").row("Defne Belediyesi")
    assert row[1:3] == ["2025", "Belgede belirtilmemiş"]
