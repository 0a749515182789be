"""Several years of one municipality (a fictional one, tests/fixtures/ornekkoy) and a program's revisions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from seffaf.build import Project, build
from seffaf.incremental import cache_folder

from .conftest import ROOT, git
from .html import page
from .markdown import docs_folder, off_the_page, site_links

FIXTURE = Path(__file__).parent / "fixtures" / "ornekkoy"


def project_in(folder: Path) -> Project:
    """A project folder of its own: theme and content from this repository, the fictional programs."""
    for name in ("theme", "content"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(FIXTURE, folder / "programs" / "ornekkoy")
    (folder / "site.yml").write_text("baslik: Deneme\nkod_deposu: https://github.com/kullanici/depo\n", encoding="utf-8")
    return Project(root=folder, programs_dir=folder / "programs", config_file=folder / "site.yml")


@pytest.fixture(scope="module")
def years_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("yillar")
    build(project_in(folder), folder / "site")
    return folder / "site"


def test_two_years_side_by_side(years_site):
    html = page(years_site, "ornekkoy/karsilastirma/2025-2026/")
    assert html.row("1.1.1")[1:] == ["12.000.000 ₺", "14.500.000 ₺", "+%20,8"]
    assert html.row("2.2.1")[1:] == ["", "2.000.000 ₺", ""] and "(yeni)" in html.row("2.2.1")[0]
    assert "43.000.000 ₺ → 47.500.000 ₺ (+%10,5)" in html.text


def test_a_promise_is_set_against_what_a_later_program_reports(years_site):
    html = page(years_site, "ornekkoy/gostergeler/")
    row = html.row("PG 1.1.1 Asfaltlanan köy yolu (km)")
    assert row[1:] == ["2024", "20 (2024 programı)", "14 (2026 programı)", "-6"]
    assert "hedef 20 (2024 programı); tahmin 15 (2025 programı); gerçekleşen 14 (2026 programı)" in html.text


def test_the_municipality_page_links_the_years(years_site):
    html = page(years_site, "ornekkoy/")
    assert "2025 ve 2026 programlarının karşılaştırması" in html.text
    assert [r[0] for r in html.tables[0][1:]] == ["2026", "2025", "2024"]


def test_the_comparison_and_history_pages_link_relative_to_themselves(years_site):
    docs = docs_folder(cache_folder(years_site) / "docs")
    assert off_the_page(docs) == []
    assert {("ornekkoy/karsilastirma/2025-2026/index.md", "../../2026/performans-hedefleri/1-1-1/index.md"), ("ornekkoy/gostergeler/index.md", "../index.md")} <= set(site_links(docs))


def test_each_revision_is_listed_with_what_changed_in_figures(tmp_path):
    project = project_in(tmp_path)
    for year in ("2024", "2025"):
        (tmp_path / "programs/ornekkoy" / f"{year}.yml").unlink()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "Meclis onaylı program")
    program = tmp_path / "programs/ornekkoy/2026.yml"
    text = program.read_text(encoding="utf-8")
    program.write_text(text.replace("14500000", "15000000").replace("{2024: 14, 2025: 18, 2026: 25}", "{2024: 14, 2025: 18, 2026: 30}"), encoding="utf-8")
    git(tmp_path, "commit", "-qam", "Ek bütçe ile revize")
    build(project, tmp_path / "site")
    html = page(tmp_path / "site", "ornekkoy/2026/")
    assert "Ek bütçe ile revize" in html.text and "Meclis onaylı program" in html.text
    assert "PH 1.1.1 toplamı 14.500.000 ₺ → 15.000.000 ₺" in html.text
    assert "PG 1.1.1 2026 değeri 25 → 30" in html.text
    assert any(link.startswith("https://github.com/kullanici/depo/blob/") and link.endswith("/programs/ornekkoy/2026.yml") for link in html.links)


def test_a_checkout_without_history_builds_without_the_section(tmp_path):
    build(project_in(tmp_path), tmp_path / "site")
    assert "Sürüm geçmişi" not in page(tmp_path / "site", "ornekkoy/2026/").text


def test_the_program_page_says_what_is_new_since_last_year(years_site):
    html = page(years_site, "ornekkoy/2026/")
    assert "2025 programına göre toplam %10,47 arttı (43.000.000 ₺ → 47.500.000 ₺); 1 performans hedefi yeni, 0 tanesi artık yok." in html.text
