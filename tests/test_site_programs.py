"""The default site: all five real programs together, each complete on its pages."""

from __future__ import annotations

import json

import pytest
from seffaf.loader import load_program
from seffaf.urls import code_slug

from .conftest import PROGRAMS, ROOT
from .html import page


@pytest.mark.parametrize("entry", PROGRAMS)
def test_every_target_indicator_and_activity_is_on_its_page(full_site, entry):
    program = load_program(ROOT / "programs" / f"{entry}.yml")
    data = json.loads((full_site / entry / "veri/program.json").read_text(encoding="utf-8"))
    assert data["belediye"]["slug"] == program.belediye.slug
    for aim in program.amaclar:
        for goal in aim.hedefler:
            for target in goal.performans_hedefleri:
                html = page(full_site, f"{entry}/performans-hedefleri/{code_slug(target.kod)}/")
                assert " ".join(target.ad.split()) in html.text
                for item in [*target.faaliyetler, *target.gostergeler]:
                    assert " ".join(item.ad.split()) in html.text, (entry, target.kod, item.ad[:40])


def test_ilgin_total_is_labelled_as_computed(full_site):
    html = page(full_site, "ilgin/2023/")
    assert "performans hedeflerinin toplamı (belgede genel toplam yok)" in html.text
    assert "74.000.000 ₺" in html.text


@pytest.mark.parametrize("entry,total", [("defne/2025", "1.203.495.000 ₺"), ("kars/2024", "650.349.000 ₺"), ("izmir/2024", "45.100.000.000 ₺"), ("kayseri/2025", "17.000.000.000 ₺")])
def test_stated_grand_totals(full_site, entry, total):
    assert total in page(full_site, f"{entry}/").text


def test_kayseri_can_be_browsed_by_service_area(full_site):
    html = page(full_site, "kayseri/2025/")
    assert html.row("İmar ve Şehircilik Hizmetleri Yönetimi")[1] == "Amaç 1"
    nav = page(full_site, "kayseri/2025/amaclar/1/").html
    assert "Amaç 1: İmar ve Şehircilik Hizmetleri Yönetimi" in nav
