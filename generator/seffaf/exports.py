"""Downloads: every program as tables a journalist opens in Excel or a program reads.

Three tables per program (faaliyetler, göstergeler, ekonomik kodlar) in three
forms: CSV for Turkish Excel (UTF-8 with BOM, ``;``, decimal comma), CSV for
programmers (UTF-8, ``,``, decimal point), and one XLSX workbook; plus a
Frictionless Data Package describing them. Column names are the YAML's keys.

No cell an author wrote can run in a spreadsheet: every text cell of every
download goes through ``spreadsheet_text`` (CSV) or ``xlsx_cell`` (XLSX), the
one place formulas are neutralised. A workbook written elsewhere uses them too.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection

from . import urls, workbook
from .schema import Program
from .views import target_cost


def build_time() -> datetime:
    """The workbooks' date: the build's reproducible time (SOURCE_DATE_EPOCH) where set, else a fixed date."""
    return datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "946684800")), tz=timezone.utc).replace(tzinfo=None)


LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    kind: str = "string"  # string | number | integer


@dataclass
class Table:
    name: str
    title: str
    description: str
    columns: list[Column]
    rows: list[list]

    def only(self, column: str, value) -> "Table":
        index = [c.name for c in self.columns].index(column)
        return Table(self.name, self.title, self.description, self.columns, [r for r in self.rows if r[index] == value])


_PROGRAM = [Column("belediye", "Belediye"), Column("yil", "Program yılı", "integer")]
_TARGET = [
    Column("amac_kodu", "Amaç kodu"), Column("amac", "Amaç"), Column("hedef_kodu", "Hedef kodu"),
    Column("performans_hedefi_kodu", "Performans hedefi kodu"), Column("performans_hedefi", "Performans hedefi"),
]


def _targets(program: Program):
    for aim in program.amaclar:
        for goal in aim.hedefler:
            for target in goal.performans_hedefleri:
                yield [program.belediye.ad, program.yil, aim.kod, aim.ad, goal.kod, target.kod, target.ad], target


def activities(program: Program) -> Table:
    rows = []
    for prefix, target in _targets(program):
        total = target_cost(target).toplam
        for number, activity in enumerate(target.faaliyetler, 1):
            cost = activity.maliyet
            rows.append(prefix + [
                activity.kod or str(number), activity.ad, activity.sorumlu_birim or "; ".join(target.sorumlu_birimler),
                cost.butce if cost else None, cost.butce_disi if cost else None, cost.toplam if cost else None, total,
            ])
    return Table(
        "faaliyetler", "Faaliyetler",
        "Her faaliyet ve proje, sorumlu birimi ve belgede yazan maliyetiyle. Belge maliyeti faaliyetlere bölmüyorsa faaliyetin tutarları boştur; performans hedefinin toplamı ayrı sütundadır.",
        _PROGRAM + _TARGET + [
            Column("faaliyet_kodu", "Faaliyet kodu"), Column("faaliyet", "Faaliyet"), Column("sorumlu_birim", "Sorumlu birim"),
            Column("butce", "Bütçe (TL)", "number"), Column("butce_disi", "Bütçe dışı (TL)", "number"),
            Column("toplam", "Toplam (TL)", "number"), Column("performans_hedefi_toplami", "Performans hedefinin toplamı (TL)", "number"),
        ],
        rows,
    )


def indicators(program: Program) -> Table:
    rows = []
    for prefix, target in _targets(program):
        for indicator in target.gostergeler:
            for column in program.gosterge_sutunlari:
                value = indicator.degerler.get(column.yil)
                rows.append(prefix + [
                    indicator.kod, indicator.ad, indicator.birim, column.yil, column.tur.value, column.baslik,
                    value if isinstance(value, Decimal) else None, value if isinstance(value, str) else None,
                ])
    return Table(
        "gostergeler", "Göstergeler",
        "Her performans göstergesinin her yıl sütunundaki değeri (gerçekleşen, tahmin ya da hedef). Boş değer belgede değer yazılmadığını gösterir.",
        _PROGRAM + _TARGET + [
            Column("gosterge_kodu", "Gösterge kodu"), Column("gosterge", "Gösterge"), Column("birim", "Birim"),
            Column("deger_yili", "Değerin yılı", "integer"), Column("deger_turu", "Değer türü"), Column("sutun", "Sütun başlığı"),
            Column("deger", "Değer", "number"), Column("deger_metin", "Değer (metin)"),
        ],
        rows,
    )


def economic_codes(program: Program) -> Table:
    rows = []
    for prefix, target in _targets(program):
        tables = [("", target.maliyet_tablosu)] + [(a.kod or str(n), a.maliyet_tablosu) for n, a in enumerate(target.faaliyetler, 1)]
        for activity_code, table in tables:
            if not table:
                continue
            for line in table.ekonomik_kodlar:
                rows.append(prefix + [activity_code, line.kod, line.ad, "", line.tutar])
                for sub in line.alt_kalemler:
                    rows.append(prefix + [activity_code, line.kod, line.ad, sub.ad, sub.tutar])
    return Table(
        "ekonomik-kodlar", "Ekonomik kodlar",
        "Faaliyet maliyetleri tablolarının ekonomik koda (01–09) göre satırları; faaliyet kodu boşsa tablo performans hedefinin tamamına aittir.",
        _PROGRAM + _TARGET + [
            Column("faaliyet_kodu", "Faaliyet kodu"), Column("ekonomik_kod", "Ekonomik kod"), Column("ekonomik_kod_adi", "Ekonomik kodun adı"),
            Column("alt_kalem", "Alt kalem"), Column("tutar", "Tutar (TL)", "number"),
        ],
        rows,
    )


def tables(program: Program) -> list[Table]:
    return [activities(program), indicators(program), economic_codes(program)]


FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def spreadsheet_text(text: str) -> str:
    """A text cell as a spreadsheet must show it: one that would start a formula gets a
    leading apostrophe (OWASP's advice), so ``=HYPERLINK(…)`` is read as text. Numbers
    never come here: a negative amount stays a number."""
    return "'" + text if text.startswith(FORMULA_STARTERS) else text


def _cell(value, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, int):
        return str(value)
    return spreadsheet_text(str(value))


def csv_bytes(table: Table, excel: bool) -> bytes:
    """``excel``: what Turkish Excel opens by double-click; otherwise plain RFC 4180 with a point."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(v, excel) for v in row])
    return ("\ufeff" if excel else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


# --- the program workbook ----------------------------------------------------

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_FORMATS = {workbook.AMOUNT: '#,##0.00 "₺"', workbook.SHARE: "0.00##", workbook.CODE: "@", workbook.TEXT: "@", workbook.LIST: "@", workbook.INT: "0"}
_OPEN = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def _filled(sheet, value, column: workbook.Column | None = None) -> WriteOnlyCell:
    """A cell staff may change: numbers as numbers in Turkish money format, text through ``xlsx_cell``."""
    if isinstance(value, str):
        if column is not None and column.choices:
            value = workbook.label(column, value)
        cell = xlsx_cell(sheet, value)
        if "\n" in value or len(value) > 60:
            cell.alignment = _WRAP
    else:
        cell = WriteOnlyCell(sheet, value)
    cell.protection = _OPEN
    if column is not None:
        cell.number_format = _FORMATS.get(column.kind, "General")
    return cell


def _header(sheet, text: str, retitled: bool = False) -> WriteOnlyCell:
    """Headers are locked, except the indicators' year columns, which staff retitle for their program's years."""
    cell = xlsx_cell(sheet, text)
    cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
    if retitled:
        cell.protection = _OPEN
    return cell


def _protect(sheet) -> None:
    """Headers cannot be changed by mistake; rows can still be added, removed, sorted and filtered."""
    sheet.protection = SheetProtection(
        sheet=True, insertRows=False, deleteRows=False, formatCells=False, formatColumns=False, formatRows=False,
        sort=False, autoFilter=False, selectLockedCells=False, selectUnlockedCells=False,
    )


def _dropdown(sheet, column: workbook.Column, where: str, rows: int) -> None:
    formula = column.source.format(rows=rows) if column.source else '"' + ",".join(column.choices) + '"'
    choose = column.kind != workbook.LIST and column.field != "sorumlu_birim"  # several units, or one not listed yet, may be typed
    validation = DataValidation(
        type="list", formula1=formula, allow_blank=True, showErrorMessage=choose, errorTitle="Listede yok", error="Açılır listeden bir değer seçin.",
        promptTitle=column.header[:32], prompt=column.help[:255] or None, showInputMessage=bool(column.help),
    )
    validation.add(where)
    sheet.data_validations.append(validation)


def _table_sheet(book, spec: workbook.Sheet, columns: tuple, rows: list[list]) -> None:
    sheet = book.create_sheet(spec.name)
    for index, column in enumerate(columns, 1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        dimension.number_format = _FORMATS.get(column.kind, "General")
        dimension.protection = _OPEN
    sheet.freeze_panes = "A2"
    last = max(workbook.ROWS, len(rows) + 1)
    for index, column in enumerate(columns, 1):
        if column.choices or column.source:
            letter = get_column_letter(index)
            _dropdown(sheet, column, f"{letter}2:{letter}{last}", last)
    _protect(sheet)
    sheet.append([_header(sheet, column.header, retitled=column.kind == workbook.VALUE) for column in columns])
    for row in rows:
        sheet.append([None if value is None else _filled(sheet, value, column) for value, column in zip(row, columns)]
                     + [None if value is None else _filled(sheet, value) for value in row[len(columns):]])


def _program_sheet(book, values: list) -> None:
    sheet = book.create_sheet(workbook.PROGRAM.name)
    for letter, width in zip("ABC", (32, 50, 70)):
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["B"].protection = _OPEN
    sheet.freeze_panes = "A2"
    for r, column in enumerate(workbook.PROGRAM.columns, 2):
        if column.choices:
            _dropdown(sheet, column, f"B{r}", 0)
    _protect(sheet)
    sheet.append([_header(sheet, "Alan"), _header(sheet, "Değer"), _header(sheet, "Açıklama")])
    for column, value in zip(workbook.PROGRAM.columns, values):
        name = xlsx_cell(sheet, column.header + (" *" if column.required else ""))
        name.font = Font(bold=column.required)
        empty = WriteOnlyCell(sheet, None)
        empty.protection, empty.number_format = _OPEN, _FORMATS.get(column.kind, "General")
        sheet.append([name, empty if value is None else _filled(sheet, value, column), xlsx_cell(sheet, column.help) if column.help else None])


_HOW_TO = [
    ("Bu dosya", "Belediyenizin bir yıllık performans programının tamamıdır: Performans Programı Hazırlama Rehberi'ndeki tablolar, her biri ayrı bir sayfada. "
                 "Doldurup programs/<adres adı>/<yıl>.xlsx olarak yükleyin (ör. programs/yesilova/2026.xlsx); seffaf denetler ve sitede yayımlar."),
    ("Kurallar", "Her satır bir kayıttır; satır ekleyip silebilirsiniz ama başlık satırını (1. satır) değiştirmeyin ve hücre birleştirmeyin. "
                 "Tutarları sayı olarak yazın (7650000; Türkçe biçimde metin olarak da olur: 7.650.000,00). "
                 "Belgede \"-\" yazan yere \"-\" yazın: \"-\" değer yok demektir, 0 değildir; boş hücre o bilginin belgede olmadığını söyler. "
                 "Birden çok değer alan hücrelerde (birimler, diğer yazılışları) her değeri ayrı satıra yazın (Alt+Enter)."),
    ("Kodlar", "Kodlar sayfaları birbirine bağlar: bir göstergenin, faaliyetin ya da maliyet satırının PH kodu Performans Hedefleri sayfasındaki bir kod, "
               "bir performans hedefinin hedef kodu Hedefler sayfasındaki bir kod, bir hedefin amaç kodu Amaçlar sayfasındaki bir kod olmalı."),
    ("Denetim", "seffaf check programs/<adres adı>/<yıl>.xlsx her sorunu sayfası ve hücresiyle söyler (ör. Faaliyetler!E14). "
                "Dosyayı GitHub'a yüklediğinizde aynı denetim çalışır; sorun varsa site yayımlanmaz ve sorunlar Actions sekmesindeki çalışmanın özet sayfasında listelenir."),
]


def _how_to_sheet(book, years: list, source: str | None) -> None:
    sheet = book.create_sheet(workbook.HOW_TO)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 110
    title = xlsx_cell(sheet, "Performans programı çalışma kitabı: nasıl doldurulur")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    lines = list(_HOW_TO) + ([("Kaynak ve lisans", source)] if source else [])
    for spec in (workbook.PROGRAM, *workbook.SHEETS):
        lines.append((spec.name, spec.help))
        for column in workbook.columns_of(spec, years):
            what = column.help
            if column.choices and len(column.choices) <= 12:
                what = (what + "; " if what else "") + "seçenekler: " + ", ".join(column.choices)
            if what or column.required:
                lines.append(("    " + column.header + (" (zorunlu)" if column.required else ""), what))
    for name, text in lines:
        head = xlsx_cell(sheet, name)
        head.alignment = _TOP
        if not name.startswith(" "):
            head.font = Font(bold=True)
        body = xlsx_cell(sheet, text) if text else None
        if body is not None:
            body.alignment = _WRAP
        sheet.append([head, body])


def _workbook_bytes(rows: dict[str, list[list]], years: list, source: str | None = None) -> bytes:
    book = Workbook(write_only=True)
    _how_to_sheet(book, years, source)
    _program_sheet(book, rows[workbook.PROGRAM.name][0])
    for spec in workbook.SHEETS:
        _table_sheet(book, spec, workbook.columns_of(spec, years), rows[spec.name])
    book.properties.created = book.properties.modified = build_time()
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue())


def workbook_bytes(program: Program) -> bytes:
    """The program as its workbook (``veri/program.xlsx``): what anyone downloads, corrects and sends back, and ``seffaf check`` reads."""
    source = f"{program.kaynak.baslik}" + (f" ({program.kaynak.url})" if program.kaynak.url else "") + f". Lisans: {LICENSE['title']}."
    return _workbook_bytes(workbook.rows_of(program), workbook.years_of(program), source)


def template_bytes(slug: str | None, year: int) -> bytes:
    """An empty program workbook to fill (``seffaf sablon``, and the guide's download)."""
    return _workbook_bytes(*workbook.template_rows(slug, year))


def _stable_zip(data: bytes) -> bytes:
    """openpyxl stamps every zip entry with the current time; a public record must rebuild byte for byte."""
    entries = {}
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl sets "modified" to now when saving
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + build_time().strftime("%Y-%m-%dT%H:%M:%SZ").encode(), content)
            entries[info.filename] = content
    return _zip(entries)


def xlsx_cell(sheet, value, number: bool = False):
    """A workbook cell: a number as a number; text always as text, never a formula or an
    error code (openpyxl would make ``=…`` a formula), marked so Excel keeps it text when
    it is edited; characters XML cannot hold become U+FFFD instead of failing the build."""
    if value is None or isinstance(value, int):
        return value
    if number:
        cell = WriteOnlyCell(sheet, float(value))
        cell.number_format = "#,##0.##"
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTERS):
        cell.quotePrefix = True
    return cell


def excel_name(table: Table) -> str:
    return f"{table.name}.csv"


def plain_name(table: Table) -> str:
    return f"{table.name}-virgul.csv"


def _resource(table: Table, path: str, excel: bool) -> dict:
    resource = {
        "name": table.name + ("" if excel else "-virgul"),
        "title": table.title + (" (Excel için)" if excel else " (virgülle ayrılmış)"),
        "description": table.description,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig" if excel else "utf-8",
        "dialect": {"delimiter": ";" if excel else ","},
        "schema": {
            "fields": [
                {"name": c.name, "title": c.title, "type": c.kind, **({"decimalChar": ","} if excel and c.kind == "number" else {})}
                for c in table.columns
            ]
        },
    }
    return resource


def datapackage(name: str, title: str, parts: Iterable[tuple[Table, str]], sources: list[dict]) -> bytes:
    """A Frictionless Data Package: the files, their columns and types, the licence and the sources."""
    resources = []
    for table, folder in parts:
        resources.append(_resource(table, folder + excel_name(table), True))
        resources.append(_resource(table, folder + plain_name(table), False))
    package = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "licenses": [LICENSE],
        "sources": sources,
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8")


def source_of(program: Program) -> dict:
    source = {"title": program.kaynak.baslik}
    if program.kaynak.url or program.belediye.web:
        source["path"] = program.kaynak.url or program.belediye.web
    return source


def program_files(program: Program, by_target: bool = True) -> dict[str, bytes]:
    """Everything under ``/<slug>/<yıl>/veri/`` except program.json. ``by_target``: each
    target's rows of each table in a file of its own as well, for the "CSV indir" link under
    that table (a site of many municipalities links the program's table instead: 50 MB at 100 programs)."""
    parts = tables(program)
    files = {}
    for table in parts:
        files[urls.data(program, excel_name(table))] = csv_bytes(table, excel=True)
        files[urls.data(program, plain_name(table))] = csv_bytes(table, excel=False)
        for _, target in _targets(program) if by_target else ():
            files[urls.target_data(program, target.kod, table.name)] = csv_bytes(table.only("performans_hedefi_kodu", target.kod), excel=True)
    files[urls.data(program, "program.xlsx")] = workbook_bytes(program)
    files[urls.data(program, "datapackage.json")] = datapackage(
        f"{program.belediye.slug}-{program.yil}", f"{program.belediye.ad} {program.yil} Performans Programı",
        [(t, "") for t in parts], [source_of(program)],
    )
    return files


def site_files(programs: list[Program], program_files: dict[str, bytes], bundle: bool = False) -> dict[str, bytes]:
    """Every program's tables in one package under ``/veri/``, joined from each program's own
    files (``program_files``) rather than written again; ``bundle``: as one zip, for a site
    whose tables would otherwise be the largest files on it (100 MB at 100 programs)."""
    parts = tables(programs[0]) if programs else []
    files = {}
    for table in parts:
        for name in (excel_name(table), plain_name(table)):
            files[name] = _joined([program_files[urls.data(p, name)] for p in programs])
    files["datapackage.json"] = datapackage("seffaf", "Belediye performans programları", [(t, "") for t in parts], [source_of(p) for p in programs])
    if bundle:
        return {f"veri/{BUNDLE}": _zip(files)}
    return {f"veri/{name}": data for name, data in files.items()}


BUNDLE = "butun-programlar.zip"


def _joined(csvs: list[bytes]) -> bytes:
    """CSV files with the same header as one: the first whole, the others without their header line."""
    return b"".join([csvs[0]] + [data[data.index(b"\r\n") + 2 :] for data in csvs[1:]])


def _zip(files: dict[str, bytes]) -> bytes:
    """Entries dated 1980-01-01, so the same tables make the same zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def programs_table(summaries: list, codes: list[str]) -> Table:
    """Every program in one row: the comparison page's table, downloadable."""
    rows = []
    for s in summaries:
        program, largest = s.program, s.largest_aims(1)
        population = program.nufus
        rows.append([
            program.belediye.ad, program.yil, s.view.total, "evet" if s.view.total_stated else "hayır",
            population.kisi if population else None, population.yil if population else None, s.per_resident,
            largest[0].label if largest else None, largest[0].amount if largest else None, largest[0].share if largest else None,
            len(s.view.aims), len(s.view.targets), s.view.indicator_count, s.view.activity_count, s.checks, s.differences,
        ] + [share.amount if (share := s.economic_share(code)) else None for code in codes])
    return Table(
        "programlar", "Bütün programlar",
        "Her programın toplamı, kişi başına tutarı (belge nüfus verdiyse), en büyük amacı, sayıları, denetimin sonucu ve ekonomik kodlara göre maliyeti.",
        _PROGRAM + [
            Column("toplam", "Toplam kaynak ihtiyacı (TL)", "number"), Column("toplam_belgede_yazili", "Toplam belgede yazılı mı"),
            Column("nufus", "Nüfus (belgede)", "integer"), Column("nufus_yili", "Nüfusun yılı", "integer"), Column("kisi_basina", "Kişi başına (TL)", "number"),
            Column("en_buyuk_amac", "En büyük amaç"), Column("en_buyuk_amac_tutari", "En büyük amacın tutarı (TL)", "number"),
            Column("en_buyuk_amac_payi", "En büyük amacın payı (%)", "number"),
            Column("amac_sayisi", "Amaç", "integer"), Column("performans_hedefi_sayisi", "Performans hedefi", "integer"),
            Column("gosterge_sayisi", "Gösterge", "integer"), Column("faaliyet_sayisi", "Faaliyet", "integer"),
            Column("denetim_sayisi", "Denetlenen toplam", "integer"), Column("tutmayan_toplam", "Tutmayan toplam", "integer"),
        ] + [Column(f"ekonomik_kod_{code}", f"Ekonomik kod {code} (TL)", "number") for code in codes],
        rows,
    )
