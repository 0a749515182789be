"""The real Defne 2025 site, built from programs/defne/2025.yml, read as HTML."""

from __future__ import annotations

import json
import re

from seffaf import turkish, urls
from seffaf.schema import Program

from .html import page

# Counts of the source document (shared/seeds/000_…txt), independent of the YAML.
SOURCE_TARGETS = 34
SOURCE_INDICATORS = 205
SOURCE_AIMS = 8


def money(value) -> str:
    """As a reader's text shows it: the no-break space before ₺ read as a space."""
    return " ".join(turkish.money(value).split())


def all_targets(program):
    return [t for a in program.amaclar for g in a.hedefler for t in g.performans_hedefleri]


def address(path: str) -> str:
    return urls.public(path)


def test_every_performance_target_has_its_page(defne_site, defne_program):
    targets = all_targets(defne_program)
    assert len(defne_program.amaclar) == SOURCE_AIMS
    assert len(targets) == SOURCE_TARGETS
    assert sum(len(t.gostergeler) for t in targets) == SOURCE_INDICATORS
    for target in targets:
        html = page(defne_site, address(urls.target(defne_program, target.kod)))
        assert f"Performans hedefi {target.kod}" in html.text
        assert " ".join(target.ad.split()) in html.text


def test_every_indicator_and_activity_appears_on_its_target_page(defne_site, defne_program):
    for target in all_targets(defne_program):
        html = page(defne_site, address(urls.target(defne_program, target.kod)))
        for indicator in target.gostergeler:
            row = html.row(indicator.kod)
            values = [turkish.number(v) if v is not None and not isinstance(v, str) else (v or "–") for v in indicator.degerler.values()]
            assert row[1 : 1 + len(values)] == values, (target.kod, indicator.kod)
        for activity in target.faaliyetler:
            assert " ".join(activity.ad.split()) in html.text, (target.kod, activity.ad)


def test_cost_tables_match_the_yaml(defne_site, defne_program):
    for target in all_targets(defne_program):
        html = page(defne_site, address(urls.target(defne_program, target.kod)))
        table = target.maliyet_tablosu
        for line in table.ekonomik_kodlar:
            assert html.row(line.kod)[2] == money(line.tutar), (target.kod, line.kod)
            for sub in line.alt_kalemler:
                assert f"↳ {sub.ad}" in html.text and money(sub.tutar) in html.text
        totals = [row for t in html.tables for row in t if row[1:2] == ["Toplam kaynak ihtiyacı"]]
        assert totals and totals[0][2] == money(table.toplam), target.kod
        general = [row for t in html.tables for row in t if row[1:2] == ["Genel toplam"]]
        assert general[0][-1] == money(target.maliyet.toplam), target.kod


def test_the_stated_grand_total_is_on_the_program_page(defne_site, defne_program):
    html = page(defne_site, "defne/2025/")
    assert "1.203.495.000 ₺" in html.text
    need = page(defne_site, "defne/2025/toplam-kaynak-ihtiyaci/")
    assert need.row("05")[2:] == ["4.402.000 ₺", "–", "243.500.000 ₺", "247.902.000 ₺"]


def test_program_json_holds_the_whole_validated_program(defne_site, defne_program):
    data = json.loads((defne_site / "defne/2025/veri/program.json").read_text(encoding="utf-8"))
    assert "amaclar" in data and "performans_hedefleri" in data["amaclar"][0]["hedefler"][0]
    assert isinstance(data["toplam_kaynak_ihtiyaci"]["genel_toplam"]["toplam"], int)
    assert Program.model_validate(data) == defne_program


def test_pages_load_nothing_from_another_host(defne_site):
    for path in defne_site.rglob("*.html"):
        html = page(defne_site, str(path.relative_to(defne_site)))
        outside = [s for s in html.sources if re.match(r"(https?:)?//", s)]
        assert not outside, (path, outside)
        assert "fonts.googleapis" not in html.html


def test_links_are_relative_so_the_site_works_under_a_sub_path(defne_site, defne_program):
    html = page(defne_site, address(urls.target(defne_program, "8.2.1")))
    internal = [link for link in html.links if not link.startswith(("http", "#", "mailto:"))]
    assert internal and not [link for link in internal if link.startswith("/")]


def test_pages_are_turkish(defne_site):
    html = page(defne_site, "defne/2025/")
    assert '<html lang="tr"' in html.html
    assert "Toplam kaynak ihtiyacı" in html.text
