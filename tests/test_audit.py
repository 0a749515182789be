"""The arithmetic audit on the real programs: it finds what the documents contradict."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from seffaf.audit import audit
from seffaf.loader import load_program

from .conftest import ROOT
from .html import page


def program(slug, year):
    return load_program(ROOT / "programs" / slug / f"{year}.yml")


def failed_titles(report):
    return {f.title for f in report.failed}


def test_defne_differences_are_the_ones_the_source_has(defne_program):
    report = audit(defne_program)
    failed = {(f.key, f.stated, f.computed) for f in report.failed}
    # PH 8.2.1: ₺375.000.000 in its own tables, ₺131.500.000 in Tablo 15 (the transfers moved out).
    assert ("ipt-8-2-1-toplam", Decimal(375000000), Decimal(131500000)) in failed
    # Tablo 15 prints ₺800.00 and ₺760.00 where the targets' tables say ₺800.000 and ₺760.000.
    assert ("ipt-3-2-1-toplam", Decimal(800000), Decimal("800.00")) in failed
    assert ("ipt-3-3-1-toplam", Decimal(760000), Decimal("760.00")) in failed
    # Every cost table adds up to its stated total.
    assert not [f for f in report.failed if "-mt-" in f.key or f.key.endswith("-kodlar")]
    assert len(report.passed) > 250


def test_kayseri_reclassified_40_million_between_03_and_05():
    report = audit(program("kayseri", 2025))
    by_key = {f.key: f for f in report.failed}
    assert by_key["tki-kod-03"].difference == Decimal(-40000000)
    assert by_key["tki-kod-05"].difference == Decimal(40000000)


def test_a_changed_figure_is_caught(tmp_path, defne_program):
    changed = defne_program.model_copy(deep=True)
    table = changed.amaclar[0].hedefler[0].performans_hedefleri[0].maliyet_tablosu
    table.ekonomik_kodlar[0].tutar += 1
    report = audit(changed)
    assert {f.key for f in report.failed} - {f.key for f in audit(defne_program).failed} == {"ph-1-1-1-mt-kodlar", "tki-kod-01"}


def test_ilgin_lacks_the_summary_tables():
    missing = {r.title for r in audit(program("ilgin", 2023)).missing}
    assert {"İdare Performans Tablosu", "Toplam Kaynak İhtiyacı tablosu"} <= missing


def test_the_audit_page_and_json_show_each_difference(defne_site, defne_program):
    report = audit(defne_program)
    html = page(defne_site, "defne/2025/denetim/")
    assert f"{len(report.findings)}" in html.text and f"{len(report.failed)}" in html.text
    row = html.row("PH 8.2.1: performans hedefi tablosundaki toplam")
    assert row[2:] == ["375.000.000 ₺", "131.500.000 ₺ (İdare Performans Tablosunda)", "243.500.000 ₺"]
    data = json.loads((defne_site / "defne/2025/veri/denetim.json").read_text(encoding="utf-8"))
    assert data["farkli"] == len(report.failed) and data["gecen"] == len(report.passed)
    assert {"bolum": "Meclis kararı (tarih ve sayı) belirtilmiş", "var": False, "aciklama": ""} in data["eksik_bolumler"]


def test_the_difference_is_marked_on_the_page_of_the_figure(defne_site):
    target = page(defne_site, "defne/2025/performans-hedefleri/8-2-1/")
    assert "Belgede tutarsızlık var" in target.text and "131.500.000 ₺" in target.text
    quiet = page(defne_site, "defne/2025/performans-hedefleri/1-1-1/")
    assert "Belgede tutarsızlık var" not in quiet.text


def test_home_page_says_in_plain_words_how_many_totals_do_not_add_up(defne_site, defne_program):
    report = audit(defne_program)
    home = page(defne_site, "")
    assert f"Belgedeki {len(report.findings)} toplamdan {len(report.failed)} tanesi kendi parçalarıyla tutmuyor." in home.text
    assert "defne/2025/denetim/" in home.links


@pytest.mark.parametrize("slug,year", [("defne", 2025), ("ilgin", 2023), ("kars", 2024), ("izmir", 2024), ("kayseri", 2025)])
def test_every_real_program_is_audited_without_error(slug, year):
    report = audit(program(slug, year))
    assert all(f.key for f in report.findings)
    assert len({f.key for f in report.findings}) == len(report.findings), "finding keys are anchors: they must be unique"


def test_kars_two_grand_totals_disagree_by_47_million():
    finding = {f.key: f for f in audit(program("kars", 2024)).failed}["tki-ipt-genel-toplam"]
    assert (finding.stated, finding.computed) == (Decimal(650349000), Decimal(603349000))
