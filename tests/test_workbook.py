"""Issue 17: the program workbook as a first-class input.

Staff fill ``seffaf sablon``'s workbook in Excel or LibreOffice; ``seffaf check`` and
``seffaf build`` read it like YAML, every problem named by sheet and cell.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from seffaf import exports
from seffaf.build import build, check, load_programs, program_files
from seffaf.cli import main
from seffaf.loader import ProgramError, load_program, parse_workbook, validate
from seffaf.render import program_json

from .conftest import PROGRAMS, ROOT, make_project
from .html import page

SOFFICE = "/usr/bin/soffice"
GUIDE = ROOT / "content" / "belediyeler-icin.md"

# --- the five real programs ---------------------------------------------------


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> Path:
    """The five real programs written as workbooks, in a programs folder of their own."""
    folder = tmp_path_factory.mktemp("kitaplar") / "programs"
    for entry in PROGRAMS:
        path = folder / f"{entry}.xlsx"
        path.parent.mkdir(parents=True)
        path.write_bytes(exports.workbook_bytes(load_program(ROOT / "programs" / f"{entry}.yml")))
    return folder


@pytest.mark.parametrize("entry", PROGRAMS)
def test_each_real_program_comes_back_equal_from_its_workbook(entry, workbooks):
    assert load_program(workbooks / f"{entry}.xlsx") == load_program(ROOT / "programs" / f"{entry}.yml")


def test_a_site_from_the_workbooks_publishes_the_same_program_json(workbooks):
    """What the build publishes as program.json comes only from the loaded programs: the same bytes from either format."""
    from_yaml = load_programs(program_files(ROOT / "programs", PROGRAMS), ROOT)
    files = program_files(workbooks, PROGRAMS)
    assert [f.suffix for f in files] == [".xlsx"] * 5
    from_workbooks = load_programs(files, ROOT)
    assert [program_json(p) for p in from_workbooks] == [program_json(p) for p in from_yaml]


def test_ice_aktar_writes_yaml_that_reads_as_the_same_program(workbooks, tmp_path, capsys):
    source = workbooks / "kars/2024.xlsx"
    assert main(["ice-aktar", str(source), "--out", str(tmp_path / "2024.yml")]) == 0
    assert load_program(tmp_path / "2024.yml") == load_program(source)
    assert main(["disa-aktar", str(tmp_path / "2024.yml"), "--out", str(tmp_path / "geri.xlsx")]) == 0
    assert load_program(tmp_path / "geri.xlsx") == load_program(source)


def test_a_program_in_two_files_is_an_error(workbooks, tmp_path):
    folder = tmp_path / "programs"
    shutil.copytree(workbooks / "ilgin", folder / "ilgin")
    shutil.copy(ROOT / "programs/ilgin/2023.yml", folder / "ilgin/2023.yml")
    with pytest.raises(ProgramError) as error:
        program_files(folder, None)
    assert "aynı program iki dosyada: 2023.xlsx ve 2023.yml" in str(error.value)
    with pytest.raises(ProgramError):
        program_files(folder, ["ilgin/2023"])


def test_a_formula_typed_in_a_cell_is_text(defne_program):
    data = defne_program.model_dump(by_alias=True)
    data["amaclar"][0]["ad"] = '=HYPERLINK("http://x","tıkla")'
    program = type(defne_program).model_validate(data)
    raw = exports.workbook_bytes(program)
    cell = load_workbook(io.BytesIO(raw))["Amaçlar"]["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","tıkla")', "s")
    assert validate(parse_workbook(raw, "x.xlsx")).amaclar[0].ad == '=HYPERLINK("http://x","tıkla")'


# --- a person fills the template ---------------------------------------------

UNITS = ["Fen İşleri Müdürlüğü", "Park ve Bahçeler Müdürlüğü", "Zabıta Müdürlüğü"]
TARGETS = [("A1", "H1.1", "1.1.1"), ("A1", "H1.1", "1.1.2"), ("A2", "H2.1", "2.1.1"),
           ("A2", "H2.1", "2.1.2"), ("A3", "H3.1", "3.1.1"), ("A3", "H3.1", "3.1.2")]
GENERAL = 2_000_000


def _cost(n: int) -> tuple[int, int]:
    """The two activities' budgets of the n-th target (1-based)."""
    return 1_000_000 * n, 500_000


def _type(sheet, row: int, values: dict) -> None:
    """Type into the columns a person reads in the header row."""
    header = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for title, value in values.items():
        sheet.cell(row=row, column=header[title], value=value)


def fill(path: Path) -> Path:
    """``seffaf sablon``'s workbook filled as staff would: numbers typed as numbers, one
    amount as Turkish text, words from the dropdowns; three aims, six targets."""
    book = load_workbook(path)
    program = book["Program"]
    for label, value in {"Belediyenin adı *": "Yeşilova Belediyesi", "İl *": "Burdur", "Belediye türü *": "ilçe",
                         "Belgenin başlığı *": "Yeşilova Belediyesi 2026 Yılı Performans Programı", "Belgenin durumu": "meclis onaylı",
                         "Meclis kararı": "04.11.2025 / 112"}.items():
        row = next(c.row for c in program["A"] if c.value == label)
        program.cell(row=row, column=2, value=value)
    for r, name in enumerate(UNITS, 2):
        _type(book["Harcama Birimleri"], r, {"Birim": name})
    for r, (code, name) in enumerate([("A1", "Altyapıyı güçlendirmek"), ("A2", "Yeşil alanları artırmak"), ("A3", "Kent düzenini korumak")], 2):
        _type(book["Amaçlar"], r, {"Amaç kodu": code, "Amaç": name})
        _type(book["Hedefler"], r, {"Amaç kodu": code, "Hedef kodu": f"H{code[1]}.1", "Hedef": f"{name}: ilk hedef"})
    ipt, costs, indicator_row, activity_row, cost_row = book["İdare Performans Tablosu"], book["Maliyetler"], 2, 2, 2
    grand = sum(sum(_cost(n)) for n in range(1, 7))
    for n, (_, goal, code) in enumerate(TARGETS, 1):
        first, second = _cost(n)
        unit = UNITS[(n - 1) % 3]
        _type(book["Performans Hedefleri"], n + 1, {"Hedef kodu": goal, "PH kodu": code, "Performans hedefi": f"Hedef {code} gerçekleşecek",
                                                   "Sorumlu birimler": unit, "Bütçe": first + second, "Bütçe dışı": 0, "Toplam": first + second})
        for i, (name, unit_of, values, kind) in enumerate([("Yapılan iş (km)", "km", (12, 14, 20), None), ("Denetim raporu", None, ("Var", "Var", "Var"), "metin")]):
            _type(book["Göstergeler"], indicator_row, {"PH kodu": code, "Gösterge kodu": f"G{n}.{i + 1}", "Gösterge": name, "Ölçü birimi": unit_of,
                                                      "Değer türü": kind, "2024 Gerçekleşen": values[0], "2025 Tahmin": values[1], "2026 Hedef": values[2]})
            indicator_row += 1
        for i, amount in enumerate((first, second), 1):
            typed = "2.000.000,00 TL" if (n, i) == (2, 1) else amount  # one amount typed as Turkish text
            _type(book["Faaliyetler"], activity_row, {"PH kodu": code, "Faaliyet kodu": f"F{n}.{i}", "Faaliyet": f"Faaliyet {n}.{i}",
                                                     "Sorumlu birim": unit, "Bütçe": typed, "Toplam": amount})
            activity_row += 1
        lines = [("01", 300_000), ("03", first + second - 500_000), ("06", 200_000), ("Bütçe toplamı", first + second), ("Toplam", first + second)]
        for kind, amount in lines:
            _type(costs, cost_row, {"PH kodu": code, "Satır": kind, "Tutar": amount})
            cost_row += 1
        share = round(Decimal(first + second) * 100 / (grand + GENERAL), 2)
        _type(ipt, n + 1, {"Performans hedefi": code, "Bütçe": first + second, "Bütçe payı (%)": float(share), "Toplam": first + second, "Toplam payı (%)": float(share)})
    for r, (label, amount) in enumerate([("Performans hedefleri toplamı", grand), ("Genel yönetim giderleri", GENERAL), ("Genel toplam", grand + GENERAL)], 8):
        share = round(Decimal(amount) * 100 / (grand + GENERAL), 2)
        _type(ipt, r, {"Performans hedefi": label, "Bütçe": amount, "Bütçe payı (%)": float(share), "Toplam": amount, "Toplam payı (%)": float(share)})
    personnel, goods, capital = 6 * 300_000, grand - 6 * 500_000, 6 * 200_000
    need = book["Toplam Kaynak İhtiyacı"]
    for r, (part, code, activities, general) in enumerate([("Bütçe", "01", personnel, GENERAL), ("Bütçe", "03", goods, 0), ("Bütçe", "06", capital, 0),
                                                         ("Bütçe toplamı", None, grand, GENERAL), ("Genel toplam", None, grand, GENERAL)], 2):
        _type(need, r, {"Bölüm": part, "Ekonomik kod": code, "Faaliyetler": activities, "Genel yönetim giderleri": general, "Toplam": activities + general})
    book.save(path)
    return path


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("yesilova")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        assert main(["sablon", "yesilova", "2026"]) == 0
    finally:
        os.chdir(cwd)
    return fill(root / "programs/yesilova/2026.xlsx")


def test_the_template_has_dropdowns_money_format_frozen_protected_headers(tmp_path):
    path = tmp_path / "sablon.xlsx"
    path.write_bytes(exports.template_bytes("yesilova", 2026))
    book = load_workbook(path)
    assert book.sheetnames[0] == "Nasıl doldurulur"
    activities = book["Faaliyetler"]
    assert activities.freeze_panes == "A2" and activities.protection.sheet
    assert activities["A1"].protection.locked and not activities.column_dimensions["E"].protection.locked
    assert activities.column_dimensions["E"].number_format == '#,##0.00 "₺"'
    assert activities.column_dimensions["C"].width >= 40
    lists = {str(v.sqref): v.formula1 for v in activities.data_validations.dataValidation}
    assert lists["D2:D1000"] == "'Harcama Birimleri'!$A$2:$A$1000"
    assert lists["A2:A1000"] == "'Performans Hedefleri'!$B$2:$B$1000"
    assert '"01,02,03,04,05,06,07,08,09,' in {str(v.sqref): v.formula1 for v in book["Maliyetler"].data_validations.dataValidation}["C2:C1000"]
    assert {v.formula1 for v in book["Program"].data_validations.dataValidation} >= {'"ilçe,il,büyükşehir"', '"taslak,meclis onaylı,revize"'}
    assert [c.value for c in book["Göstergeler"][1]][-3:] == ["2024 Gerçekleşen", "2025 Tahmin", "2026 Hedef"]
    assert book["Göstergeler"]["A1"].protection.locked and not book["Göstergeler"]["H1"].protection.locked  # year columns are retitled
    # was: the share columns were not in "Nasıl doldurulur", so 4,76 or 0,0476 or %4,76 was a guess
    explained = {row[0].value.strip(): row[1].value for row in book["Nasıl doldurulur"].iter_rows(min_row=2) if row[0].value}
    assert explained["Bütçe payı (%)"].startswith("belgede yazan pay, yüzde işaretsiz: %4,76 için 4,76"), explained


def test_a_filled_template_checks_clean_and_is_published(filled, tmp_path):
    program = load_program(filled)
    targets = [t for a in program.amaclar for g in a.hedefler for t in g.performans_hedefleri]
    assert (len(program.amaclar), len(targets)) == (3, 6)
    assert targets[1].faaliyetler[0].maliyet.butce == Decimal("2000000.00")
    assert targets[0].gostergeler[1].degerler == {2024: "Var", 2025: "Var", 2026: "Var"}
    assert program.kaynak.durum.value == "meclis_onayli" and program.belediye.tur.value == "ilce"
    errors, warnings = check([filled], filled.parents[2])
    assert (errors, warnings) == ([], [])
    out = tmp_path / "site"
    build(make_project(tmp_path, None, filled.parents[1]), out)
    html = page(out, "yesilova/2026/")
    assert "Yeşilova Belediyesi" in html.text
    assert (out / "yesilova/2026/veri/program.xlsx").exists()
    assert load_program(out / "yesilova/2026/veri/program.xlsx") == program


@pytest.mark.parametrize("suffix", ["xlsx", "ods", "xls"])
def test_libreoffice_saves_the_workbook_and_it_reads_back_the_same(filled, tmp_path, suffix):
    assert load_program(_soffice(filled, suffix, tmp_path)) == load_program(filled)


def _soffice(source: Path, suffix: str, tmp_path: Path) -> Path:
    if not Path(SOFFICE).exists():
        pytest.fail("LibreOffice is missing: run `make test`, which installs libreoffice-calc-nogui")
    out = tmp_path / "out"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profil", "--headless", "--convert-to", suffix, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    return out / f"{source.stem}.{suffix}"


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_a_merged_cell_is_found_in_every_format(filled, tmp_path, suffix):
    """calamine reports merged cells of .xlsx and .xls; those of .ods are read from its XML."""
    book = load_workbook(filled)
    _merged(book)
    book.save(tmp_path / "2026.xlsx")
    with pytest.raises(ProgramError) as error:
        load_program(_soffice(tmp_path / "2026.xlsx", suffix, tmp_path))
    assert f"2026.{suffix}:Faaliyetler!E2:E3: birleştirilmiş hücre" in str(error.value)


# --- typical mistakes ------------------------------------------------------------

def _cell(book, sheet: str, header: str, row: int):
    columns = {c.value: c.column for c in book[sheet][1] if c.value}
    return book[sheet].cell(row=row, column=columns[header])


def _check(book, tmp_path) -> tuple[list[str], list[str]]:
    """The program's errors and warnings as ``seffaf check`` prints them, the workbook saved where a program lives."""
    path = tmp_path / "programs/yesilova/2026.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    errors, warnings = check([path], tmp_path)
    return [str(p) for p in errors], [str(p) for p in warnings]


def _text_in_amount(book):
    _cell(book, "Faaliyetler", "Bütçe", 4).value = "yedi milyon"


def _unknown_unit(book):
    _cell(book, "Faaliyetler", "Sorumlu birim", 3).value = "Fen İşleri"


def _unknown_target(book):
    _cell(book, "Göstergeler", "PH kodu", 5).value = "9.9.9"


def _merged(book):
    book["Faaliyetler"].merge_cells("E2:E3")


def _deleted_header(book):
    _cell(book, "Faaliyetler", "Faaliyet", 1).value = None


def _empty_required(book):
    _cell(book, "Performans Hedefleri", "Performans hedefi", 3).value = None


def _wrong_total(book):
    _cell(book, "Maliyetler", "Tutar", 5).value = 1_600_000


MISTAKES = [
    (_text_in_amount, "hata", "Faaliyetler!E4", '"yedi milyon" bir sayı değil (ör. 7.650.000 ya da 7.650.000,50'),
    (_unknown_unit, "hata", "Faaliyetler!D3", '"Fen İşleri" birimler listesinde yok ("Fen İşleri Müdürlüğü" mi demek istediniz?)'),
    (_unknown_target, "hata", "Göstergeler!A5", '"9.9.9" kodlu performans hedefi yok; Performans Hedefleri sayfasındaki kodlardan birini yazın'),
    (_merged, "hata", "Faaliyetler!E2:E3", "birleştirilmiş hücre; birleştirmeyi kaldırın"),
    (_deleted_header, "hata", "Faaliyetler!C1", '"Faaliyet" sütunu yok; başlık satırına (1. satır) "Faaliyet" başlığını geri yazın'),
    (_empty_required, "hata", "Performans Hedefleri!C3", "zorunlu alan eksik; bu hücreyi doldurun"),
    (_wrong_total, "uyarı", "Maliyetler!F5", "fark"),
]


@pytest.mark.parametrize("mistake, level, where, message", MISTAKES, ids=[m[0].__name__.strip("_") for m in MISTAKES])
def test_a_typical_mistake_is_named_by_sheet_and_cell(filled, tmp_path, mistake, level, where, message):
    book = load_workbook(filled)
    mistake(book)
    path = tmp_path / "programs/yesilova/2026.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    errors, warnings = check([path], tmp_path)
    found = errors if level == "hata" else warnings
    shown = [str(p) for p in found]
    assert any(p.startswith(f"programs/yesilova/2026.xlsx:{where}: ") and message in p for p in shown), shown
    if level == "uyarı":
        assert errors == []
    # the guide's table of mistakes shows this message as check prints it, shortened only at "…"
    (row,) = re.findall(rf"^\| [^|]+ \| `{re.escape(where)}: ([^`]*)` \|", GUIDE.read_text(encoding="utf-8"), re.M)
    message = next(p for p in shown if p.startswith(f"programs/yesilova/2026.xlsx:{where}: ")).replace("\xa0", " ")
    assert all(piece.strip() in message for piece in row.split("…")), (row, message)


DATES = [
    # Turkish Excel turns "1.1" typed into a General cell into 1 Ocak; a code must never become a date silently.
    ("Hedefler", "Hedef kodu", "Hedefler!B2", "tarih olarak kaydedilmiş"),
    ("Faaliyetler", "Bütçe", "Faaliyetler!E2", "bir tarih ya da saat, sayı değil"),
    ("Göstergeler", "2026 Hedef", "Göstergeler!J2", "bir tarih ya da saat, sayı değil"),
    ("Göstergeler", "2025 Tahmin", "Göstergeler!I2", "bir tarih ya da saat, sayı değil"),
]


@pytest.mark.parametrize("sheet, header, where, message", DATES, ids=[d[2] for d in DATES])
def test_a_date_where_a_code_or_a_figure_belongs_is_an_error_not_a_traceback(filled, tmp_path, sheet, header, where, message):
    book = load_workbook(filled)
    _cell(book, sheet, header, 2).value = time(1, 30) if header == "2025 Tahmin" else datetime(2026, 1, 1)
    shown, _ = _check(book, tmp_path)
    assert any(p.startswith(f"programs/yesilova/2026.xlsx:{where}: ") and message in p for p in shown), shown


def test_a_huge_column_count_in_general_information_is_refused_quickly(filled, tmp_path):
    """was: "Sütun sayısı" 999999999 padded every row of the table to that width: check hung, then ran out of memory."""
    book = load_workbook(filled)
    sheet = book["Genel Bilgiler"]
    for row in (["Bölüm", "Nüfus"], ["Tablo", "Nüfus", "1", None, 999_999_999], ["Sütunlar", "Yıl", "Nüfus"], ["Satır", "2024", "12.000"]):
        sheet.append(row)
    path = tmp_path / "programs/yesilova/2026.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    result = subprocess.run([sys.executable, "-m", "seffaf.cli", "check", str(path.relative_to(tmp_path))], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert f"programs/yesilova/2026.xlsx:Genel Bilgiler!E{sheet.max_row - 2}: \"999999999\" çok büyük: bir tablo en çok 500 sütunlu olabilir" in result.stdout, result.stdout


def test_a_workbook_made_before_the_optional_sheets_still_reads(filled, tmp_path):
    """was: a template written before İPT Faaliyetleri and Düzeltmeler existed failed with six
    '"Belgede basılan" sütunu yok' errors on sheets it does not have."""
    book = load_workbook(filled)
    for name in ("İPT Faaliyetleri", "Düzeltmeler"):
        del book[name]
    assert _check(book, tmp_path)[0] == []


def test_a_whole_amount_typed_in_a_cell_is_written_as_a_whole_number(filled):
    """was: calamine gives every number as a float, so 1000000 became Decimal("1000000.0") and the
    CSV downloads of a workbook program said "1000000,0" where a YAML program's say "1000000"."""
    program = load_program(filled)
    activity = program.amaclar[0].hedefler[0].performans_hedefleri[0].faaliyetler[0]
    indicator = program.amaclar[0].hedefler[0].performans_hedefleri[0].gostergeler[0]
    assert [str(activity.maliyet.butce)] + [str(v) for v in indicator.degerler.values() if v is not None] == [
        str(int(activity.maliyet.butce))] + [str(int(v)) if v == int(v) else str(v) for v in indicator.degerler.values() if v is not None]


def test_a_workbook_in_the_wrong_folder_names_the_cell_to_change(filled, tmp_path):
    path = tmp_path / "programs/baska/2026.xlsx"
    path.parent.mkdir(parents=True)
    shutil.copy(filled, path)
    errors, _ = check([path], tmp_path)
    assert [str(p) for p in errors] == [
        "programs/baska/2026.xlsx:Program!B3: belediye.slug: dosya yolu baska/2026.xlsx, içeriği yesilova/2026: ikisi aynı olmalı"
    ]


def test_revisions_of_a_workbook_are_read_back_from_git(filled, tmp_path):
    """A council's revision uploaded as a new workbook: the site's history shows the changed figure."""
    from seffaf import history

    path = tmp_path / "programs/yesilova/2026.xlsx"
    path.parent.mkdir(parents=True)
    shutil.copy(filled, path)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "ilk"], check=True)
    book = load_workbook(path)
    _cell(book, "Performans Hedefleri", "Toplam", 2).value = 1_750_000
    book.save(path)
    subprocess.run([*git, "commit", "-qam", "revize"], check=True)
    (log,) = history.versions(tmp_path, [path])
    assert [v.summary for v in log] == ["revize", "ilk"]
    assert [(c.kind, c.code, c.new) for c in log[0].changes] == [("hedef_toplami", "1.1.1", Decimal(1_750_000))]


# --- the browser-only route ----------------------------------------------------------

def test_the_workflow_check_step_writes_the_problems_to_the_job_summary(filled, tmp_path):
    """What staff see in the Actions run when an uploaded workbook is wrong; the build does not run."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    names = [s.get("name") for s in steps]
    index = names.index("Program dosyalarını denetle")
    assert all("if" not in s and not s.get("continue-on-error") for s in steps[index:]), "a later step would run after a failed check"
    book = load_workbook(filled)
    _text_in_amount(book)
    (tmp_path / "programs/yesilova").mkdir(parents=True)
    book.save(tmp_path / "programs/yesilova/2026.xlsx")
    summary = tmp_path / "ozet.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-e", "-c", steps[index]["run"]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    text = summary.read_text(encoding="utf-8")
    assert "site yayımlanmadı" in text
    assert "| programs/yesilova/2026\\.xlsx | Faaliyetler\\!E4 |" in text
    assert "\\\"yedi milyon\\\" bir sayı değil" in text or '"yedi milyon" bir sayı değil' in text


def test_the_site_offers_the_empty_template(defne_site):
    template = defne_site / "veri/sablon.xlsx"
    assert template.exists()
    assert load_workbook(template).sheetnames[0] == "Nasıl doldurulur"
    html = page(defne_site, "belediyeler-icin/")
    assert "../veri/sablon.xlsx" in html.links


def test_a_value_far_outside_the_table_is_refused_not_a_crash(filled, tmp_path):
    """was: one value in XFD1048576 made calamine build the whole sheet grid and abort the process
    ("memory allocation of 549755813888 bytes failed"), a Rust backtrace instead of a message."""
    book = load_workbook(filled)
    book["Faaliyetler"]["XFD1048576"] = "x"
    path = tmp_path / "programs/yesilova/2026.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    result = subprocess.run([sys.executable, "-m", "seffaf.cli", "check", str(path.relative_to(tmp_path))], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "programs/yesilova/2026.xlsx:Faaliyetler!XFD1048576: bu hücre tablonun çok dışında (en fazla 10.000 satır, 501 sütun)" in result.stdout, (result.stdout, result.stderr[-2000:])
    assert "bu hücreyi silin" in result.stdout


PERCENTS = [
    # Excel stores "%75" typed into a cell as 0.75 with a percent format, which calamine cannot see
    ("Göstergeler", "2026 Hedef", 0.75, "0%", "Göstergeler!J2", "%75 biçimli hücre 0,75 olarak saklanıyor; 75 yazın ve hücre biçimini Sayı yapın"),
    ("İdare Performans Tablosu", "Bütçe payı (%)", 0.0476, "0.00%", "İdare Performans Tablosu!D2", "%4,76 biçimli hücre 0,0476 olarak saklanıyor; 4,76 yazın"),
    ("Faaliyetler", "Bütçe", 1.5, '#,##0.0" TL"%', "Faaliyetler!E2", "%150 biçimli hücre 1,5 olarak saklanıyor"),
]


@pytest.mark.parametrize("sheet, header, value, number_format, where, message", PERCENTS, ids=[p[4] for p in PERCENTS])
def test_a_percent_formatted_cell_is_refused_with_the_fix(filled, tmp_path, sheet, header, value, number_format, where, message):
    """was: 0.75 shown as 75% was read as 0.75 with no message (an indicator in %), or gave only an unexplained sum warning (a share)."""
    book = load_workbook(filled)
    cell = _cell(book, sheet, header, 2)
    cell.value, cell.number_format = value, number_format
    shown, _ = _check(book, tmp_path)
    assert any(p.startswith(f"programs/yesilova/2026.xlsx:{where}: ") and message in p for p in shown), shown


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_a_percent_cell_is_refused_in_every_format(filled, tmp_path, suffix):
    book = load_workbook(filled)
    cell = _cell(book, "Göstergeler", "2026 Hedef", 2)
    cell.value, cell.number_format = 0.75, "0%"
    source = tmp_path / "yuzde.xlsx"
    book.save(source)
    path = _soffice(source, suffix, tmp_path)
    with pytest.raises(ProgramError) as error:
        load_program(path)
    assert "Göstergeler!J2: %75 biçimli hücre 0,75 olarak saklanıyor" in str(error.value)


def test_a_value_far_outside_the_table_of_an_xls_is_named_by_its_cell(filled, tmp_path):
    """An .xls holds at most 65,536 rows, so calamine does not crash on it, but the far cell is refused all the same, by its own name."""
    book = load_workbook(filled)
    book["Faaliyetler"]["C60000"] = "x"
    book.save(tmp_path / "uzak.xlsx")
    with pytest.raises(ProgramError) as error:
        load_program(_soffice(tmp_path / "uzak.xlsx", "xls", tmp_path))
    assert "uzak.xls:Faaliyetler!C60000: bu hücre tablonun çok dışında" in str(error.value)
