"""Downloads a journalist takes away: they parse, and their totals are the program's."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from frictionless import validate
from openpyxl import load_workbook
from seffaf.loader import load_program
from seffaf.views import target_cost

from .html import page


def read_csv(path, excel: bool) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == excel
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if excel else ","))


def number(text: str, excel: bool) -> Decimal:
    return Decimal(text.replace(",", ".") if excel else text)


def all_targets(program):
    return [t for a in program.amaclar for g in a.hedefler for t in g.performans_hedefleri]


def test_both_csv_variants_hold_the_same_figures(defne_site, defne_program):
    folder = defne_site / "defne/2025/veri"
    for name in ("faaliyetler", "gostergeler", "ekonomik-kodlar"):
        excel = read_csv(folder / f"{name}.csv", excel=True)
        plain = read_csv(folder / f"{name}-virgul.csv", excel=False)
        assert len(excel) == len(plain) > 0
        assert [r["performans_hedefi_kodu"] for r in excel] == [r["performans_hedefi_kodu"] for r in plain]
    rows = read_csv(folder / "ekonomik-kodlar.csv", excel=True)
    total = sum(number(r["tutar"], True) for r in rows if r["tutar"])
    assert total == sum(target_cost(t).toplam or 0 for t in all_targets(defne_program)) == Decimal(1203495000)
    activities = read_csv(folder / "faaliyetler-virgul.csv", excel=False)
    assert len(activities) == sum(len(t.faaliyetler) for t in all_targets(defne_program))
    indicators = read_csv(folder / "gostergeler-virgul.csv", excel=False)
    assert len(indicators) == 3 * sum(len(t.gostergeler) for t in all_targets(defne_program))
    assert {"gosterge_kodu": "PG 8.2.2", "deger_yili": "2023", "deger": "8.8"}.items() <= next(
        r for r in indicators if r["gosterge_kodu"] == "PG 8.2.2" and r["deger_yili"] == "2023"
    ).items()


def test_the_published_workbook_is_the_program_workbook(defne_site, defne_program):
    """veri/program.xlsx is what staff fill: downloaded, corrected and sent back, it is the same program."""
    path = defne_site / "defne/2025/veri/program.xlsx"
    book = load_workbook(path)
    assert book.sheetnames[:2] == ["Nasıl doldurulur", "Program"]
    codes = book["Maliyetler"]
    header = [c.value for c in codes[1]]
    amounts = [row[header.index("Tutar")] for row in codes.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(a, (int, float)) or a in (None, "-") for a in amounts)
    assert book["Program"]["B2"].value == "Defne Belediyesi"
    assert load_program(path) == defne_program


def test_data_packages_validate(defne_site):
    for package in ("defne/2025/veri/datapackage.json", "veri/datapackage.json"):
        report = validate(str(defne_site / package))
        assert report.valid, report.flatten(["type", "message"])[:5]


def test_each_table_has_its_own_csv(defne_site):
    html = page(defne_site, "defne/2025/performans-hedefleri/8-2-1/")
    links = [link for link in html.links if link.endswith(".csv")]
    assert len(links) == 3
    rows = read_csv(defne_site / "defne/2025/veri/performans-hedefleri/8-2-1-ekonomik-kodlar.csv", excel=True)
    assert {r["performans_hedefi_kodu"] for r in rows} == {"8.2.1"}
    assert sum(number(r["tutar"], True) for r in rows if r["tutar"]) == Decimal(375000000)


def test_the_data_page_explains_every_column(defne_site):
    html = page(defne_site, "veri/")
    for name in ("butce_disi", "performans_hedefi_toplami", "deger_metin", "ekonomik_kod_adi"):
        assert name in html.text
    assert "Creative Commons" in html.text
    assert json.loads((defne_site / "veri/datapackage.json").read_text(encoding="utf-8"))["licenses"][0]["name"] == "CC-BY-4.0"


def test_a_reader_downloads_the_workbook(page, served, tmp_path):
    page.goto(f"{served}defne/2025/")
    with page.expect_download() as download:
        page.get_by_role("link", name="program.xlsx").click()
    target = tmp_path / "program.xlsx"
    download.value.save_as(target)
    assert load_workbook(target)["Faaliyetler"].max_row > 100


def test_with_many_municipalities_a_target_s_csv_link_is_its_program_s_table(many_site, defne_site):
    """Beyond views.MANY_MUNICIPALITIES no file per target and table (8.880 files, 50 MB at 100
    programs): the link under a table is the program's table, and the page says which rows are
    the target's; they are the rows the target's own file holds on a smaller site."""
    html = page(many_site, "defne/2025/performans-hedefleri/8-2-1/")
    assert [link for link in html.links if link.endswith(".csv")] == [f"../../veri/{name}.csv" for name in ("gostergeler", "faaliyetler", "ekonomik-kodlar")]
    assert html.text.count("Dosyada programın bütün performans hedefleri var; bu hedefinkiler performans_hedefi_kodu sütununda 8.2.1 yazan satırlar.") == 3
    for name in ("gostergeler", "faaliyetler", "ekonomik-kodlar"):
        rows = [row for row in read_csv(many_site / f"defne/2025/veri/{name}.csv", excel=True) if row["performans_hedefi_kodu"] == "8.2.1"]
        assert rows and rows == read_csv(defne_site / f"defne/2025/veri/performans-hedefleri/8-2-1-{name}.csv", excel=True)
    assert not (many_site / "defne/2025/veri/performans-hedefleri").exists()
    assert "programın o tablosunu (Excel için CSV) indirir" in page(many_site, "veri/").text
    assert "yalnız o hedefin satırlarını içeren bir CSV dosyası" in page(defne_site, "veri/").text
