"""The program workbook: a whole Performans Programı in the Rehber's tables, a sheet each.

Municipal staff keep their program in Excel. This module holds the workbook's layout
(sheets, columns, dropdown choices, what goes where: ``rows_of``), from which
``exports`` writes a program or an empty template, and reads a workbook (``.xlsx``,
``.ods`` or ``.xls``, with python-calamine) back into the same plain data the YAML reader produces, with the sheet and cell of
every field: validation, the audit and their messages then work alike for both
formats (``loader.validate``), and nothing after loading knows where a program came from.

One rule for every amount and indicator cell: an empty cell means the field is not
there; "-" is the document's "-" (no value), which is not 0.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from xml.etree import ElementTree

import python_calamine
import xlrd
from openpyxl.utils import column_index_from_string, get_column_letter

from . import turkish
from .schema import Program

SUFFIXES = (".xlsx", ".ods", ".xls")
"""Spreadsheets read as program files; ``exports`` writes ``.xlsx`` with openpyxl."""

DASH = "-"
_DASHES = {"-", "–", "—"}
ROWS = 1000
"""Rows of a sheet that carry dropdowns and formats in an empty template."""

# --- the layout -------------------------------------------------------------

TEXT, CODE, INT, AMOUNT, SHARE, LIST, VALUE = "text", "code", "int", "amount", "share", "list", "value"

MUNICIPALITY_KINDS = {"ilçe": "ilce", "il": "il", "büyükşehir": "buyuksehir"}
STATUSES = {"taslak": "taslak", "meclis onaylı": "meclis_onayli", "revize": "revize"}
COLUMN_KINDS = {"gerçekleşen": "gerceklesen", "tahmin": "tahmin", "hedef": "hedef"}
VALUE_KINDS = {"sayı": "sayi", "metin": "metin"}
ECONOMIC_CODES = {
    "01": "Personel Giderleri", "02": "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri", "03": "Mal ve Hizmet Alım Giderleri",
    "04": "Faiz Giderleri", "05": "Cari Transferler", "06": "Sermaye Giderleri", "07": "Sermaye Transferleri",
    "08": "Borç Verme", "09": "Yedek Ödenekler",
}
COST_ROWS = {
    "Bütçe toplamı": "butce_toplami", "Döner sermaye": "butce_disi.doner_sermaye", "Diğer yurt içi": "butce_disi.diger_yurt_ici",
    "Yurt dışı": "butce_disi.yurt_disi", "Bütçe dışı toplamı": "butce_disi_toplami", "Toplam": "toplam",
}
COST_TEXT_ROWS = {"Açıklama": "aciklama", "Not": "not"}
SHARE_SUMMARIES = {
    "Performans hedefleri toplamı": "performans_hedefleri_toplami", "Genel yönetim giderleri": "genel_yonetim_giderleri",
    "Diğer idarelere transfer": "diger_idarelere_transfer", "Genel toplam": "genel_toplam",
}
NEED_PARTS = {"Bütçe": "butce", "Bütçe dışı": "butce_disi"}
NEED_TOTALS = {"Bütçe toplamı": "butce_toplami", "Bütçe dışı toplamı": "butce_disi_toplami", "Genel toplam": "genel_toplam"}
INFO_KINDS = ("Bölüm", "Tablo", "Sütunlar", "Satır")
MAX_TABLE_WIDTH = 500
"""Genel Bilgiler: a table's "Sütun sayısı" pads every row to it, so it is bounded (the real programs' widest is 28)."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    """Where the value goes in the row's object, dotted for nested objects (``maliyet.butce``)."""
    kind: str = TEXT
    required: bool = False
    width: float = 18
    choices: dict | None = None
    """Turkish label → the YAML value, offered as a dropdown."""
    source: str | None = None
    """A range on another sheet whose values the dropdown offers (the units, the target codes)."""
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    help: str
    columns: tuple[Column, ...]


def _cost_columns(what: str) -> tuple[Column, ...]:
    return (
        Column("Bütçe", "maliyet.butce", AMOUNT, width=17, help=f"{what} bütçeden karşılanan maliyeti (TL)"),
        Column("Bütçe dışı", "maliyet.butce_disi", AMOUNT, width=17, help="bütçe dışı kaynaklardan karşılanan maliyeti (TL)"),
        Column("Toplam", "maliyet.toplam", AMOUNT, width=17, help="belgede yazan toplam (TL); üçü de boşsa belgede maliyet yazmıyor demektir"),
    )


_VARIANTS = Column("Diğer yazılışları", "varyantlar", LIST, width=24, help="belgenin başka tablolarında farklı yazılmışsa o yazılışlar, her biri ayrı satırda (Alt+Enter)")
_NOTE = Column("Not", "not", TEXT, width=30, help="belgede belirsiz olan bir yer için seçtiğiniz okuma")
_TARGET_CODE = Column("PH kodu", "performans_hedefi", CODE, True, 12, source="'Performans Hedefleri'!$B$2:$B${rows}", help="satırın ait olduğu performans hedefinin kodu (Performans Hedefleri sayfasındaki gibi)")
_SHARE_HELP = "belgede yazan pay, yüzde işaretsiz: %4,76 için 4,76 (yüzde biçimli hücre kabul edilmez); belgede yoksa boş bırakın, hesaplamayın"
_SHARES = tuple(
    column
    for header, field, amount in (("Bütçe", "butce", "bütçe tutarı"), ("Bütçe dışı", "butce_disi", "bütçe dışı tutarı"), ("Toplam", "toplam", "toplam tutar"))
    for column in (
        Column(header, field, AMOUNT, width=17, help=f"belgede yazan {amount} (TL)"),
        Column(f"{header} payı (%)", f"{field}_payi", SHARE, width=11, help=_SHARE_HELP),
    )
)
_UNITS = "'Harcama Birimleri'!$A$2:$A${rows}"

PROGRAM = Sheet("Program", "Belediye, programın yılı ve kaynak belge. Her satırın B sütununu doldurun.", (
    Column("Belediyenin adı", "belediye.ad", required=True, help="ör. Yeşilova Belediyesi"),
    Column("Adres adı", "belediye.slug", CODE, True, help="sitedeki adresi: küçük harf, rakam ve tire (ör. yesilova); dosyanın klasörüyle aynı"),
    Column("İl", "belediye.il", required=True),
    Column("Belediye türü", "belediye.tur", required=True, choices=MUNICIPALITY_KINDS),
    Column("İnternet sitesi", "belediye.web"),
    Column("Program yılı", "yil", INT, True, help="programın uygulanacağı yıl; dosyanın adıyla aynı"),
    Column("Belgenin başlığı", "kaynak.baslik", required=True, help="ör. 2026 Yılı Performans Programı"),
    Column("Belgenin durumu", "kaynak.durum", choices=STATUSES),
    Column("Belgenin tarihi", "kaynak.tarih"),
    Column("Sayfa sayısı", "kaynak.sayfa_sayisi", INT),
    Column("Meclis kararı", "kaynak.meclis_karari", help="tarih ve sayı"),
    Column("Hazırlayan", "kaynak.hazirlayan"),
    Column("Belgenin adresi", "kaynak.url", help="belgenin yayımlandığı internet adresi"),
    Column("Belge dosyası", "kaynak.dosya"),
    Column("Nüfus (belgede yazan)", "nufus.kisi", INT, help="yalnız belge yazıyorsa; kişi başına tutarlar bununla hesaplanır"),
    Column("Nüfusun yılı", "nufus.yil", INT),
    Column("Nüfusun belgedeki yeri", "nufus.kaynakta", help="ör. Genel Bilgiler, satır 138"),
    Column("İdare Performans Tablosu no", "idare_performans_tablosu.tablo_no"),
    Column("İdare Performans Tablosu notu", "idare_performans_tablosu.not"),
    Column("Toplam Kaynak İhtiyacı tablo no", "toplam_kaynak_ihtiyaci.tablo_no"),
    Column("Toplam Kaynak İhtiyacı notu", "toplam_kaynak_ihtiyaci.not"),
    Column("Harcama birimleri tablosu no", "harcama_birimleri_tablosu.tablo_no"),
    Column("Harcama birimleri tablosu notu", "harcama_birimleri_tablosu.not"),
    Column("Program notu", "not"),
))

SHEETS = (
    Sheet("Gösterge Sütunları", "Gösterge tablolarındaki yıl sütunları, soldan sağa. Göstergeler sayfasının yıl sütunlarının başlıkları bunlardır.", (
        Column("Yıl", "yil", INT, True, 8), Column("Tür", "tur", required=True, width=14, choices=COLUMN_KINDS),
        Column("Başlık", "baslik", required=True, width=24, help='belgedeki sütun başlığı, ör. "2025 Tahmini"'),
    )),
    Sheet("Sunuş", "Başkanın (ve varsa strateji müdürünün) sunuş yazısı.", (
        Column("Başlık", "baslik", required=True, width=24), Column("Metin", "metin", required=True, width=90), Column("İmza", "imza", width=30),
    )),
    Sheet("Harcama Birimleri", "Müdürlükler ve daire başkanlıkları. Diğer sayfalardaki birim açılır listeleri bu sayfadan gelir.", (
        Column("Birim", "ad", required=True, width=44), _VARIANTS,
    )),
    Sheet("Amaçlar", "Stratejik planın amaçları.", (
        Column("Amaç kodu", "kod", CODE, True, 11), Column("Amaç", "ad", required=True, width=60),
        Column("Hizmet alanı", "hizmet_alani", width=24, help="belge amaçları hizmet alanlarına göre grupluyorsa"), _VARIANTS, _NOTE,
    )),
    Sheet("Hedefler", "Stratejik planın hedefleri; her biri bir amaca bağlı.", (
        Column("Amaç kodu", "amac", CODE, True, 11, source="Amaçlar!$A$2:$A${rows}"), Column("Hedef kodu", "kod", CODE, True, 11),
        Column("Hedef", "ad", required=True, width=60), _VARIANTS, _NOTE,
    )),
    Sheet("Performans Hedefleri", "Performans hedefleri; her biri bir hedefe bağlı. Bütçe, bütçe dışı ve toplam: Performans Hedefi Tablosundaki kaynak ihtiyacı.", (
        Column("Hedef kodu", "hedef", CODE, True, 11, source="Hedefler!$B$2:$B${rows}"), Column("PH kodu", "kod", CODE, True, 12, help="belgedeki gibi, ör. 1.1.1 ya da PH.8.3"),
        Column("Performans hedefi", "ad", required=True, width=50), Column("Tablo no", "tablo_no", INT, width=9),
        Column("Açıklama", "aciklama", width=40), Column("Sorumlu birimler", "sorumlu_birimler", LIST, width=30, source=_UNITS, help="her birim ayrı satırda (Alt+Enter)"),
        *_cost_columns("hedefin"), _VARIANTS, _NOTE,
    )),
    Sheet("Göstergeler", "Performans göstergeleri; her yıl sütunu için bir sütun (başlıkları Gösterge Sütunları sayfasından).", (
        _TARGET_CODE, Column("Gösterge kodu", "kod", CODE, width=11), Column("Gösterge", "ad", required=True, width=50),
        Column("Ölçü birimi", "birim", width=12, help="ör. adet, %, km"),
        Column("Değer türü", "deger_turu", width=11, choices=VALUE_KINDS, help='"metin": değerler yazıyla (ör. "AA+"); boşsa sayı'),
        Column("Açıklama", "aciklama", width=30), _NOTE,
    )),
    Sheet("Faaliyetler", "Faaliyet ve projeler; her biri bir performans hedefine bağlı.", (
        _TARGET_CODE, Column("Faaliyet kodu", "kod", CODE, width=12), Column("Faaliyet", "ad", required=True, width=50),
        Column("Sorumlu birim", "sorumlu_birim", width=30, source=_UNITS), *_cost_columns("faaliyetin"), _VARIANTS, _NOTE,
    )),
    Sheet("Maliyetler", "Faaliyet Maliyetleri Tabloları: ekonomik koda göre maliyetler, belgede yazan toplamlarıyla. Faaliyet boşsa tablo performans hedefinin tamamına aittir.", (
        _TARGET_CODE, Column("Faaliyet", "faaliyet", CODE, width=16, help="faaliyetin kodu (kodu yoksa adı); boşsa hedefin tablosu"),
        Column("Satır", "satir", CODE, True, 18, choices={**{code: code for code in ECONOMIC_CODES}, **{k: k for k in COST_ROWS}, **{k: k for k in COST_TEXT_ROWS}},
               help="ekonomik kod (01–09), bir toplam satırı, ya da tablonun açıklaması / notu"),
        Column("Ad", "ad", width=40, help="ekonomik kodun adı (boşsa Rehber'deki adı), ya da açıklama / not metni"),
        Column("Alt kalem", "alt_kalem", width=30, help="ekonomik kodun bir alt kalemi; üstündeki aynı kodlu satıra bağlanır"),
        Column("Tutar", "tutar", AMOUNT, width=17),
    )),
    Sheet("İdare Performans Tablosu", "Rehber Tablo 3: her performans hedefinin maliyeti ve payı; en altta toplam satırları (Performans hedefleri toplamı, Genel yönetim giderleri, Diğer idarelere transfer, Genel toplam).", (
        Column("Performans hedefi", "performans_hedefi", CODE, True, 24, help="PH kodu ya da bir toplam satırının adı"),
        Column("Faaliyetler", "faaliyetler", LIST, width=30, help="tabloda yazan faaliyetler, her biri ayrı satırda"), *_SHARES, _NOTE,
    )),
    Sheet("İPT Faaliyetleri", "İdare Performans Tablosu her faaliyete ayrı satır veriyorsa bu satırlar: hangi performans hedefinin altında, tutarları ve payları.", (
        Column("Performans hedefi", "performans_hedefi", CODE, True, 14, help="İdare Performans Tablosu sayfasındaki PH kodu"),
        Column("Kod", "kod", CODE, width=8, help="tablodaki sıra numarası"), Column("Faaliyet", "ad", required=True, width=40), *_SHARES,
    )),
    Sheet("Toplam Kaynak İhtiyacı", "Rehber Tablo 4: ekonomik koda göre bütçe ve bütçe dışı kaynak ihtiyacı, toplamlarıyla.", (
        Column("Bölüm", "bolum", required=True, width=18, choices={k: k for k in [*NEED_PARTS, *NEED_TOTALS]}),
        Column("Ekonomik kod", "kod", CODE, width=9), Column("Ad", "ad", width=36),
        Column("Faaliyetler", "faaliyet", AMOUNT, width=17, help="performans hedefleri için"), Column("Genel yönetim giderleri", "genel_yonetim", AMOUNT, width=17),
        Column("Diğer idarelere transfer", "diger_idarelere_transfer", AMOUNT, width=17), Column("Toplam", "toplam", AMOUNT, width=17),
    )),
    Sheet("Harcama Birimleri Tablosu", "Faaliyetlerden sorumlu harcama birimleri tablosu, belgede yazdığı gibi.", (
        _TARGET_CODE, Column("Faaliyetler", "faaliyetler", LIST, width=40, help="her biri ayrı satırda"),
        Column("Harcama birimleri", "birimler", LIST, width=40, source=_UNITS, help="her biri ayrı satırda"),
    )),
    Sheet("Düzeltmeler", "Aktarımda belgede basılandan farklı okunan yerler (bozulmuş harf, iki birim yazılmış bir hücre); site bunları o metni gösteren sayfada belirtir.", (
        Column("Belgede basılan", "basilan", required=True, width=30), Column("Aktarılan", "aktarilan", required=True, width=30),
        Column("Bölüm", "bolum", required=True, width=24, help="ör. Sunuş, PH 3.1, Harcama birimleri"), Column("Neden", "neden", required=True, width=40),
        Column("Belgedeki yeri", "kaynakta", width=20, help="ör. satır 1006"),
    )),
    Sheet("Genel Bilgiler", "Genel bilgiler bölümü, belgedeki sırayla. A sütunu satırın türü: Bölüm (B başlık, C metin, D not), Tablo (B başlık, C no, D not, E sütun sayısı), Sütunlar ve Satır (B'den sağa hücreler).", (
        Column("Tür", "tur", required=True, width=10, choices={k: k for k in INFO_KINDS}), Column("Başlık", "b", width=30),
        Column("Metin / No", "c", width=60), Column("Not", "d", width=24), Column("Sütun sayısı", "e", width=12),
    )),
)
SHEET = {sheet.name: sheet for sheet in SHEETS}
OPTIONAL_SHEETS = {"İPT Faaliyetleri", "Düzeltmeler"}
"""Added later: a workbook made before them is read as if they were empty."""
HOW_TO = "Nasıl doldurulur"
"""The first sheet: what each sheet holds, in plain Turkish, made from the layout above."""


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", turkish.fold(text)).strip()


def _choice(column: Column, text: str) -> str | None:
    wanted = _key(text)
    for label, value in column.choices.items():
        if wanted in (_key(label), _key(value)):
            return value
    return None


# --- writing ----------------------------------------------------------------


def _share_row(row) -> list:
    return [_cost(getattr(row, name)) for name in ("butce", "butce_payi", "butce_disi", "butce_disi_payi", "toplam", "toplam_payi")]


def _cost(value):
    """A figure of a row that exists: "-" where the document has none."""
    return DASH if value is None else value


def _maybe_cost(cost) -> list:
    return [None, None, None] if cost is None else [_cost(cost.butce), _cost(cost.butce_disi), _cost(cost.toplam)]


def _lines(values: list[str]) -> str | None:
    return "\n".join(values) or None


def _cost_rows(code: str, activity: str | None, table) -> list[list]:
    rows = []
    for line in table.ekonomik_kodlar:
        rows.append([code, activity, line.kod, line.ad, None, _cost(line.tutar)])
        rows.extend([code, activity, line.kod, None, sub.ad, _cost(sub.tutar)] for sub in line.alt_kalemler)
    for label, name in COST_ROWS.items():
        owner, _, part = name.rpartition(".")
        value = getattr(getattr(table, owner) if owner else table, part)
        if value is not None:
            rows.append([code, activity, label, None, None, value])
    for label, key in COST_TEXT_ROWS.items():
        text = getattr(table, "not_" if key == "not" else key)  # the YAML key "not" is the attribute not_
        if text:
            rows.append([code, activity, label, text, None, None])
    return rows


def rows_of(program: Program) -> dict[str, list[list]]:
    """Every sheet's rows, in the columns' order."""
    p = program
    targets = [(goal, target) for aim in p.amaclar for goal in aim.hedefler for target in goal.performans_hedefleri]
    info = []
    for section in p.genel_bilgiler:
        info.append(["Bölüm", section.baslik, section.metin, section.not_])
        for table in section.tablolar:
            width = max([len(table.sutunlar), *map(len, table.satirlar)])
            info.append(["Tablo", table.baslik, table.no, table.not_, width])
            if table.sutunlar:
                info.append(["Sütunlar", *table.sutunlar])
            info.extend(["Satır", *row] for row in table.satirlar)
    ipt = p.idare_performans_tablosu
    need = p.toplam_kaynak_ihtiyaci
    return {
        PROGRAM.name: [[
            p.belediye.ad, p.belediye.slug, p.belediye.il, p.belediye.tur.value, p.belediye.web, p.yil,
            p.kaynak.baslik, p.kaynak.durum.value if p.kaynak.durum else None, p.kaynak.tarih, p.kaynak.sayfa_sayisi,
            p.kaynak.meclis_karari, p.kaynak.hazirlayan, p.kaynak.url, p.kaynak.dosya,
            p.nufus.kisi if p.nufus else None, p.nufus.yil if p.nufus else None, p.nufus.kaynakta if p.nufus else None,
            ipt.tablo_no if ipt else None, ipt.not_ if ipt else None, need.tablo_no if need else None, need.not_ if need else None,
            p.harcama_birimleri_tablosu.tablo_no if p.harcama_birimleri_tablosu else None,
            p.harcama_birimleri_tablosu.not_ if p.harcama_birimleri_tablosu else None, p.not_,
        ]],
        "Gösterge Sütunları": [[c.yil, c.tur.value, c.baslik] for c in p.gosterge_sutunlari],
        "Sunuş": [[f.baslik, f.metin, f.imza] for f in p.sunus],
        "Harcama Birimleri": [[u.ad, _lines(u.varyantlar)] for u in p.birimler],
        "Amaçlar": [[a.kod, a.ad, a.hizmet_alani, _lines(a.varyantlar), a.not_] for a in p.amaclar],
        "Hedefler": [[a.kod, g.kod, g.ad, _lines(g.varyantlar), g.not_] for a in p.amaclar for g in a.hedefler],
        "Performans Hedefleri": [
            [g.kod, t.kod, t.ad, t.tablo_no, t.aciklama, _lines(t.sorumlu_birimler), *_maybe_cost(t.maliyet), _lines(t.varyantlar), t.not_]
            for g, t in targets
        ],
        "Göstergeler": [
            [t.kod, i.kod, i.ad, i.birim, "metin" if i.deger_turu == "metin" else None, i.aciklama, i.not_,
             *[(_cost(i.degerler[c.yil]) if c.yil in i.degerler else None) for c in p.gosterge_sutunlari]]
            for _, t in targets for i in t.gostergeler
        ],
        "Faaliyetler": [
            [t.kod, f.kod, f.ad, f.sorumlu_birim, *_maybe_cost(f.maliyet), _lines(f.varyantlar), f.not_]
            for _, t in targets for f in t.faaliyetler
        ],
        "Maliyetler": [
            row for _, t in targets
            for activity, table in [(None, t.maliyet_tablosu), *((f.kod or f.ad, f.maliyet_tablosu) for f in t.faaliyetler)] if table
            for row in _cost_rows(t.kod, activity, table)
        ],
        "İdare Performans Tablosu": [] if not ipt else [
            *([r.performans_hedefi, _lines(r.faaliyetler), *_share_row(r), r.not_] for r in ipt.satirlar),
            *([label, None, *_share_row(getattr(ipt, name))] for label, name in SHARE_SUMMARIES.items() if getattr(ipt, name)),
        ],
        "İPT Faaliyetleri": [] if not ipt else [
            [r.performans_hedefi, a.kod, a.ad, *_share_row(a)] for r in ipt.satirlar for a in r.faaliyet_satirlari
        ],
        "Düzeltmeler": [[c.basilan, c.aktarilan, c.bolum, c.neden, c.kaynakta] for c in p.duzeltmeler],
        "Toplam Kaynak İhtiyacı": [] if not need else [
            *([label, r.kod, r.ad, *_need(r)] for label, name in NEED_PARTS.items() for r in getattr(need, name)),
            *([label, None, None, *_need(getattr(need, name))] for label, name in NEED_TOTALS.items() if getattr(need, name)),
        ],
        "Harcama Birimleri Tablosu": [
            [r.performans_hedefi, _lines(r.faaliyetler), _lines(r.birimler)] for r in (p.harcama_birimleri_tablosu.satirlar if p.harcama_birimleri_tablosu else [])
        ],
        "Genel Bilgiler": info,
    }


def _need(row) -> list:
    return [_cost(row.faaliyet), _cost(row.genel_yonetim), _cost(row.diger_idarelere_transfer), _cost(row.toplam)]


def years_of(program: Program) -> list[tuple[int, str]]:
    return [(c.yil, c.baslik) for c in program.gosterge_sutunlari]


def template_rows(slug: str | None, year: int) -> tuple[dict[str, list[list]], list[tuple[int, str]]]:
    """An empty program to fill: only the address name, the year and the usual year columns."""
    program = [None] * len(PROGRAM.columns)
    program[1], program[5] = slug, year
    columns = [(year - 2, "gerceklesen", f"{year - 2} Gerçekleşen"), (year - 1, "tahmin", f"{year - 1} Tahmin"), (year, "hedef", f"{year} Hedef")]
    rows = {spec.name: [] for spec in SHEETS}
    rows[PROGRAM.name] = [program]
    rows["Gösterge Sütunları"] = [list(c) for c in columns]
    return rows, [(y, title) for y, _, title in columns]


def columns_of(sheet: Sheet, years: list[tuple[int, str]]) -> tuple[Column, ...]:
    """A sheet's columns; Göstergeler has one more per year column."""
    if sheet.name != "Göstergeler":
        return sheet.columns
    return sheet.columns + tuple(Column(title, f"degerler.{year}", VALUE, width=13) for year, title in years)


def label(column: Column, value) -> str:
    """The Turkish word a dropdown shows for a YAML value ("meclis_onayli" → "meclis onaylı")."""
    for text, known in column.choices.items():
        if known == value:
            return text
    return value


# --- reading ----------------------------------------------------------------


@dataclass
class Cell:
    value: object
    ref: str
    """Where a person finds it: ``Faaliyetler!E14``."""


class Unreadable(Exception):
    """What stops a workbook from being read, each problem as (cell, message)."""

    def __init__(self, problems: list[tuple[str | None, str]]):
        super().__init__(problems)
        self.problems = problems


@dataclass
class _Reader:
    problems: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)

    def problem(self, ref: str, message: str) -> None:
        self.problems.append((ref, message))

    def at(self, path: tuple, ref: str) -> None:
        self.cells.setdefault(path, ref)

    # values

    def text(self, cell: Cell) -> str | None:
        value = cell.value
        if value == "" or value is None:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "evet" if value else "hayır"
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value)
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return turkish.date(value)
        return str(value)

    def number(self, cell: Cell, hint: str = "") -> Decimal | None:
        """A figure as typed: a number, "-" for none, or text in Turkish format (``turkish.parse_number``)."""
        value = cell.value
        if isinstance(value, bool):
            self.problem(cell.ref, f'"{self.text(cell)}" bir sayı değil{hint}')
            return None
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):  # calamine gives every number as a float: 1000000 stays 1000000, not 1000000.0
            return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
        if not isinstance(value, str):  # a date, a time or a duration, as Excel turns "1.1" or "1:30" into one
            self.problem(cell.ref, f'"{self.text(cell)}" bir tarih ya da saat, sayı değil: hücrenin biçimini Sayı yapıp rakamı yeniden yazın{hint}')
            return None
        text = value.strip()
        if text in _DASHES:
            return None
        try:
            return turkish.parse_number(text)
        except turkish.NumberError as error:
            self.problem(cell.ref, f"{error}{hint}")
            return None

    def integer(self, cell: Cell) -> int | None:
        if isinstance(cell.value, float) and cell.value.is_integer():
            return int(cell.value)
        if isinstance(cell.value, int) and not isinstance(cell.value, bool):
            return cell.value
        text = self.text(cell)
        if text and text.strip().isdigit():
            return int(text)
        self.problem(cell.ref, f'"{text}" bir tam sayı değil')
        return None

    def convert(self, column: Column, cell: Cell, numeric: bool = True):
        """The YAML value of a non-empty cell; ``Ellipsis`` where the cell says nothing usable."""
        if column.kind in (AMOUNT, SHARE):
            return self.number(cell)
        if column.kind == VALUE:
            if isinstance(cell.value, str) and cell.value.strip() in _DASHES:
                return None
            if isinstance(cell.value, str) and not numeric:
                return cell.value
            return self.number(cell, '; metin değerli bir göstergeyse Değer türü sütununda "metin" seçin')
        if column.kind == INT:
            return self.integer(cell)
        text = self.text(cell)
        if column.kind == LIST:
            return [item.strip() for item in text.splitlines() if item.strip()]
        if column.kind == CODE and isinstance(cell.value, date):
            self.problem(cell.ref, f'"{text}" tarih olarak kaydedilmiş: Excel "1.1" gibi bir kodu tarihe çevirir. '
                                   "Hücrenin biçimini Metin yapıp kodu yeniden yazın (ya da başına ' koyun: '1.1)")
            return Ellipsis
        if column.choices:
            if column.kind == CODE and isinstance(cell.value, (int, float)) and 1 <= cell.value <= 9:
                text = f"0{int(cell.value)}"
            value = _choice(column, text)
            if value is None:
                self.problem(cell.ref, f'"{text}" geçersiz; şunlardan biri olmalı: {", ".join(column.choices)}')
                return Ellipsis
            return value
        return text


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _put_field(target: dict, dotted: str, value) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[int(last) if last.isdigit() else last] = value


def _field_path(dotted: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in dotted.split("."))


class _Table:
    """The data rows of one sheet: each a dict from field to ``Cell``, with the row's first cell."""

    def __init__(self, reader: _Reader, name: str, grid: list[list], columns: tuple[Column, ...], merged: list):
        self.reader, self.name, self.columns = reader, name, columns
        self.rows: list[tuple[str, dict[str, Cell]]] = []
        for (r0, c0), (r1, c1) in merged:
            reader.problem(f"{name}!{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}",
                           "birleştirilmiş hücre; birleştirmeyi kaldırın (Giriş → Birleştir ve Ortala) ve değeri her satırın kendi hücresine yazın")
        if merged:
            return
        header = grid[0] if grid else []
        by_header = {_key(c.header): c for c in columns}
        positions: dict[int, Column] = {}
        for index, title in enumerate(header):
            if _empty(title):
                continue
            column = by_header.get(_key(str(title)))
            if column is None:
                known = ", ".join(f'"{c.header}"' for c in columns)
                reader.problem(self.ref(index, 0), f'"{title}" bilinmeyen bir sütun başlığı; bu sayfanın sütunları: {known}')
                continue
            positions[index] = column
        found = {column.field for column in positions.values()}
        for expected, column in enumerate(columns):
            if column.required and column.field not in found:
                reader.problem(self.ref(expected, 0), f'"{column.header}" sütunu yok; başlık satırına (1. satır) "{column.header}" başlığını geri yazın')
        headless: dict[int, int] = {}
        for r, row in enumerate(grid[1:], 1):
            if all(_empty(v) for v in row):
                continue
            cells = {}
            for index, value in enumerate(row):
                if index in positions:
                    cells[positions[index].field] = Cell(value, self.ref(index, r))
                elif not _empty(value):
                    headless.setdefault(index, r)
            self.rows.append((self.ref(0, r), cells))
        for index, r in headless.items():
            if _empty(header[index] if index < len(header) else None):
                reader.problem(self.ref(index, r), "bu sütunun başlığı yok (1. satır boş) ama altında değerler var; başlığı geri yazın ya da değerleri doğru sütuna taşıyın")

    def ref(self, column: int, row: int) -> str:
        return f"{self.name}!{get_column_letter(column + 1)}{row + 1}"

    def object(self, path: tuple, start: str, cells: dict[str, Cell], skip=(), numeric: bool = True) -> dict:
        """One row as the YAML mapping at ``path``; nested objects appear only where a cell of theirs is filled."""
        reader, result = self.reader, {}
        reader.at(path, start)
        for column in self.columns:
            if column.field in skip or column.field not in cells:
                continue
            cell = cells[column.field]
            reader.at(path + _field_path(column.field), cell.ref)
            for depth in range(1, column.field.count(".") + 1):
                reader.at(path + _field_path(column.field)[:depth], cell.ref)
            if _empty(cell.value):
                continue
            value = reader.convert(column, cell, numeric)
            if value is not Ellipsis:
                _put_field(result, column.field, value)
        return result


MAX_ROWS = 10_000
"""Rows a program sheet may reach: three times the longest sheet of the real programs (İzmir 2024's
Maliyetler, 3,210 rows). calamine builds a sheet's whole grid from A1 to its last value, so one value
in XFD1048576 asked for 549 GB and aborted the process; the pre-pass (``_survey``) refuses it first."""
MAX_COLUMNS = MAX_TABLE_WIDTH + 1
"""Columns a program sheet may reach: Genel Bilgiler's widest table next to its kind column (the real
programs' widest sheet has 29). With ``MAX_ROWS`` a grid stays within about 5 million cells."""

_ODS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_XLSX_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an .xls (a compound document) begins."""
_PERCENT_FORMATS = {"9", "10"}
"""Excel's built-in number formats ``0%`` and ``0.00%``."""


@dataclass
class _Survey:
    """What calamine cannot tell, learnt from the file before calamine reads it (streaming the XML of an
    .xlsx or .ods, xlrd for an .xls): how far each sheet reaches, which numbers are percent-formatted.

    A cell with a percent format is refused rather than read ×100: typing ``%75`` stores 0,75, and
    which of the two the person meant depends on the column (a share, an indicator in %, an amount
    formatted by mistake); the same file read by any other tool gives 0,75. One message with the fix
    costs the person a few seconds; a figure published a hundred times too small or too large is not
    seen until a reader trusts it."""

    far: list = field(default_factory=list)
    percent: list = field(default_factory=list)
    merges: dict | None = None
    """OpenDocument's merged cells, which calamine does not report; None for other formats."""

    def cell(self, sheet: str, row: int, column: int, value: str | None, percent: bool) -> bool:
        """Note one cell holding a value (row, column from 1); False once the sheet is past the limits."""
        if row > MAX_ROWS or column > MAX_COLUMNS:
            self.far.append(_far(sheet, row, column))
            return False
        if percent:
            self.percent.append((f"{sheet}!{get_column_letter(column)}{row}", _percent_message(value)))
        return True


def _far(sheet: str, row: int, column: int) -> tuple[str, str]:
    return (f"{sheet}!{get_column_letter(min(column, 16384))}{row}",
            f"bu hücre tablonun çok dışında (en fazla {MAX_ROWS:,} satır, {MAX_COLUMNS} sütun)".replace(",", ".", 1)
            + " ama bir değer taşıyor; bu hücreyi silin (Excel'de Ctrl+End son dolu hücreye götürür)")


def _percent_message(value: str | None) -> str:
    try:
        stored = Decimal(value or "")
    except ArithmeticError:
        return "yüzde biçimli hücre; değeri yüzde işaretsiz yazın ve hücre biçimini Sayı yapın"
    shown = _decimal_text(stored * 100)
    return f"%{shown} biçimli hücre {_decimal_text(stored)} olarak saklanıyor; {shown} yazın ve hücre biçimini Sayı yapın"


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


def _survey(raw: bytes, sheets: set[str]) -> _Survey:
    survey = _Survey()
    if raw[:8] == _OLE:
        _survey_xls(raw, sheets, survey)
        return survey
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "content.xml" in names:
                _survey_ods(archive, sheets, survey)
            elif "xl/workbook.xml" in names:
                _survey_xlsx(archive, sheets, survey)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError):
        pass  # calamine then says what is wrong with the file
    return survey


def _survey_xlsx(archive: zipfile.ZipFile, sheets: set[str], survey: _Survey) -> None:
    percent = _percent_styles(archive)
    targets = {r.get("Id"): r.get("Target") for r in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels")).iter(f"{_PACKAGE_REL}Relationship")}
    for sheet in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{_XLSX}sheet"):
        name, target = sheet.get("name"), targets.get(sheet.get(_XLSX_REL), "")
        if name not in sheets or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        with archive.open(path) as content:
            row = column = 0
            for _, element in ElementTree.iterparse(content):
                tag = element.tag
                if tag == f"{_XLSX}row":
                    element.clear()
                    continue
                if tag != f"{_XLSX}c":
                    continue
                where = re.fullmatch(r"([A-Z]+)(\d+)", element.get("r", ""))
                if where:
                    column, row = column_index_from_string(where.group(1)), int(where.group(2))
                else:
                    column += 1
                value = element.find(f"{_XLSX}v")
                if value is not None or element.find(f"{_XLSX}is") is not None:
                    numeric = element.get("t", "n") == "n" and value is not None
                    if not survey.cell(name, row, column, value.text if numeric else None, numeric and element.get("s", "0") in percent):
                        break
                element.clear()


def _percent_styles(archive: zipfile.ZipFile) -> set[str]:
    """The cell styles (``s=`` indices) whose number format shows a percent."""
    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return set()
    formats = set(_PERCENT_FORMATS)
    for number_format in styles.iter(f"{_XLSX}numFmt"):
        if _shows_percent(number_format.get("formatCode", "")):
            formats.add(number_format.get("numFmtId"))
    cell_formats = styles.find(f"{_XLSX}cellXfs")
    return {str(i) for i, xf in enumerate(cell_formats if cell_formats is not None else []) if xf.get("numFmtId") in formats}


def _shows_percent(code: str) -> bool:
    """Whether a number format multiplies by 100: a ``%`` outside quoted text, escapes and ``[colours]``."""
    return "%" in re.sub(r'"[^"]*"|\\.|\[[^]]*\]', "", code)


def _survey_xls(raw: bytes, sheets: set[str], survey: _Survey) -> None:
    """An .xls through xlrd, which reads its cell formats (calamine reads none); the format bounds a sheet to 65,536 × 256."""
    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=True)
    except Exception:  # xlrd raises several kinds for a damaged file; calamine then says what is wrong with it
        return
    percent = {key for key, number_format in book.format_map.items() if _shows_percent(number_format.format_str or "")}
    for name in [name for name in book.sheet_names() if name in sheets]:
        sheet = book.sheet_by_name(name)
        for row in range(sheet.nrows):
            filled = [(column, kind) for column, kind in enumerate(sheet.row_types(row)) if kind not in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)]
            if any(not survey.cell(name, row + 1, column + 1, repr(sheet.cell_value(row, column)),
                                   kind == xlrd.XL_CELL_NUMBER and book.xf_list[sheet.cell_xf_index(row, column)].format_key in percent)
                   for column, kind in filled):
                break


def _survey_ods(archive: zipfile.ZipFile, sheets: set[str], survey: _Survey) -> None:
    """Merged cells, the last filled cell and percentage cells of every sheet of an OpenDocument spreadsheet
    (rows and cells repeated by ``number-rows-repeated`` / ``number-columns-repeated`` count as many)."""
    survey.merges = {}
    with archive.open("content.xml") as content:
        sheet, row, column, repeat, skip = None, 0, 0, 1, False
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag.rpartition("}")[2]
            if event == "start" and tag == "table":
                sheet, row, skip = element.get(f"{{{_ODS}}}name"), 0, False
                survey.merges[sheet] = []
            elif event == "start" and tag == "table-row":
                column, repeat = 0, int(element.get(f"{{{_ODS}}}number-rows-repeated", 1))
            elif event == "end" and tag == "table-row":
                row += repeat
                element.clear()
            elif event == "end" and tag in ("table-cell", "covered-table-cell") and sheet is not None:
                rows = int(element.get(f"{{{_ODS}}}number-rows-spanned", 1))
                columns = int(element.get(f"{{{_ODS}}}number-columns-spanned", 1))
                if rows > 1 or columns > 1:
                    survey.merges[sheet].append(((row, column), (row + rows - 1, column + columns - 1)))
                column += int(element.get(f"{{{_ODS}}}number-columns-repeated", 1))
                kind = element.get(f"{{{_ODS_OFFICE}}}value-type")
                if sheet in sheets and not skip and (kind or len(element)):
                    percent = kind == "percentage"
                    skip = not survey.cell(sheet, row + repeat, column, element.get(f"{{{_ODS_OFFICE}}}value") if percent else None, percent)
                element.clear()


@dataclass
class _Book:
    """A spreadsheet read by calamine, with the merged cells of every format."""

    sheets: python_calamine.CalamineWorkbook
    ods_merges: dict | None

    def grid(self, name: str) -> tuple[list[list], list]:
        if name not in self.sheets.sheet_names:
            return [], []
        sheet = self.sheets.get_sheet_by_name(name)
        merged = sheet.merged_cell_ranges if self.ods_merges is None else self.ods_merges.get(name, [])
        return sheet.to_python(skip_empty_area=False), list(merged or [])


def read(raw: bytes) -> tuple[dict, dict]:
    """The plain data of a workbook (as the YAML reader would give it) and the cell of every field."""
    survey = _survey(raw, {PROGRAM.name, *SHEET})
    if survey.far:
        raise Unreadable(survey.far)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as error:  # calamine raises its own errors, and ValueError for what is not a spreadsheet
        raise Unreadable([(None, f"çalışma kitabı okunamadı ({error}); dosyayı Excel ya da LibreOffice ile .xlsx olarak yeniden kaydedin")]) from None
    missing = [name for name in (PROGRAM.name, *SHEET) if name not in book.sheet_names and name not in OPTIONAL_SHEETS]
    if missing:
        raise Unreadable([(f"{name}!A1", f'"{name}" sayfası yok; şablondaki sayfayı adıyla geri ekleyin') for name in missing])
    reader = _Reader(problems=list(survey.percent))
    data = _assemble(reader, _Book(book, survey.merges))
    if reader.problems:
        raise Unreadable(reader.problems)
    return data, reader.cells


def _assemble(reader: _Reader, book) -> dict:
    data: dict = {}
    _read_program(reader, book, data)
    years_table = _sheet(reader, book, "Gösterge Sütunları")
    data["gosterge_sutunlari"] = [years_table.object(("gosterge_sutunlari", i), s, c) for i, (s, c) in enumerate(years_table.rows)]
    reader.at(("gosterge_sutunlari",), "Gösterge Sütunları!A2")
    years = [(c.get("yil"), c.get("baslik")) for c in data["gosterge_sutunlari"]]
    for name, key in (("Sunuş", "sunus"), ("Harcama Birimleri", "birimler"), ("Düzeltmeler", "duzeltmeler")):
        table = _sheet(reader, book, name)
        data[key] = [table.object((key, i), s, c) for i, (s, c) in enumerate(table.rows)]
    data["genel_bilgiler"] = _read_info(reader, book)
    targets = _read_tree(reader, book, data, years)
    _read_summaries(reader, book, data, targets)
    return data


def _sheet(reader: _Reader, book, name: str, years: list | None = None) -> _Table:
    grid, merged = book.grid(name)
    columns = SHEET[name].columns
    if name not in book.sheets.sheet_names:  # an optional sheet a workbook made before it lacks (read() refuses any other)
        columns = ()
    if name == "Göstergeler":
        columns = columns + _year_columns(reader, grid[0] if grid else [], years or [])
    return _Table(reader, name, grid, columns, merged)


def _year_columns(reader: _Reader, header: list, years: list) -> tuple[Column, ...]:
    """A value column is known by its title on Gösterge Sütunları, or by the year in its header ("2025 Tahmini")."""
    titles = {_key(str(title)): year for year, title in years if title}
    fixed = {_key(c.header) for c in SHEET["Göstergeler"].columns}
    found = []
    for index, title in enumerate(header):
        if _empty(title) or _key(str(title)) in fixed:
            continue
        match = re.search(r"\b((?:19|20)\d\d)\b", str(title))
        year = titles.get(_key(str(title)), int(match.group(1)) if match else None)
        if year is None:
            continue
        if year not in {y for y, _ in years}:
            reader.problem(f"Göstergeler!{get_column_letter(index + 1)}1", f"{year} yılı Gösterge Sütunları sayfasında yok; o sayfaya ekleyin ya da sütunun başlığını düzeltin")
            continue
        found.append(Column(str(title), f"degerler.{year}", VALUE))
    return tuple(found)


def _read_program(reader: _Reader, book, data: dict) -> None:
    grid, merged = book.grid(PROGRAM.name)
    table = _Table(reader, PROGRAM.name, [], (), merged)
    labels = {_key(str(row[0]).rstrip(" *")): r for r, row in enumerate(grid) if row and not _empty(row[0])}
    for column in PROGRAM.columns:
        r = labels.get(_key(column.header))
        if r is None:
            if column.required:
                reader.problem(f"{PROGRAM.name}!A{len(grid) + 1}", f'"{column.header}" satırı yok; A sütununa "{column.header}", B sütununa değerini yazın')
            continue
        value = grid[r][1] if len(grid[r]) > 1 else ""
        cells = {column.field: Cell(value, table.ref(1, r))}
        table.columns = (column,)
        for key, found in table.object((), f"{PROGRAM.name}!B2", cells).items():
            if isinstance(found, dict):
                data.setdefault(key, {}).update(found)
            else:
                data[key] = found


def _codes(reader: _Reader, table: _Table, field_name: str, known: dict, what: str, sheet: str) -> list:
    """Rows with the parent their code names, or a problem naming the cell and the codes there are."""
    found = []
    for start, cells in table.rows:
        cell = cells.get(field_name)
        code = reader.text(cell) if cell else None
        if code is None:
            reader.problem(cell.ref if cell else start, f"{what} kodu boş; bu satırın ait olduğu {what} kodunu yazın ({sheet} sayfasındaki kodlardan biri)")
        elif code.strip() not in known:
            sample = ", ".join(list(known)[:6]) + (" …" if len(known) > 6 else "")
            reader.problem(cell.ref, f'"{code}" kodlu {what} yok; {sheet} sayfasındaki kodlardan birini yazın' + (f" ({sample})" if known else ""))
        else:
            found.append((known[code.strip()], start, cells))
    return found


def _level(reader: _Reader, table, column: str, parents: dict, what: str, sheet: str, key: str, children: str | None = None) -> dict:
    """One level of the tree (goals under aims, targets under goals): each row joins its
    parent's ``key`` list; returns the rows by code, with their path, for the level below."""
    found = {}
    for (parent, parent_path), start, cells in _codes(reader, table, column, parents, what, sheet):
        path = parent_path + (key, len(parent[key]))
        item = table.object(path, start, cells, skip=(column,))
        if children:
            item[children] = []
        parent[key].append(item)
        found.setdefault(str(item.get("kod", "")).strip(), (item, path))
    return found


def _read_tree(reader: _Reader, book, data: dict, years: list) -> dict:
    """Aims, goals, targets and what hangs from a target; returns the targets by code, with their path."""
    aims_table = _sheet(reader, book, "Amaçlar")
    data["amaclar"], aims = [], {}
    reader.at(("amaclar",), "Amaçlar!A2")
    for start, cells in aims_table.rows:
        path = ("amaclar", len(data["amaclar"]))
        aim = aims_table.object(path, start, cells)
        aim["hedefler"] = []
        data["amaclar"].append(aim)
        aims.setdefault(str(aim.get("kod", "")).strip(), (aim, path))
    goals = _level(reader, _sheet(reader, book, "Hedefler"), "amac", aims, "amaç", "Amaçlar", "hedefler", "performans_hedefleri")
    targets = _level(reader, _sheet(reader, book, "Performans Hedefleri"), "hedef", goals, "hedef", "Hedefler", "performans_hedefleri")
    indicators = _sheet(reader, book, "Göstergeler", years)
    for (target, path), start, cells in _codes(reader, indicators, "performans_hedefi", targets, "performans hedefi", "Performans Hedefleri"):
        items = target.setdefault("gostergeler", [])
        kind = cells.get("deger_turu")
        numeric = not (kind and not _empty(kind.value) and _choice(SHEET["Göstergeler"].columns[4], reader.text(kind)) == "metin")
        items.append(indicators.object(path + ("gostergeler", len(items)), start, cells, skip=("performans_hedefi",), numeric=numeric))
        items[-1].setdefault("degerler", {})
    activities = _sheet(reader, book, "Faaliyetler")
    for (target, path), start, cells in _codes(reader, activities, "performans_hedefi", targets, "performans hedefi", "Performans Hedefleri"):
        items = target.setdefault("faaliyetler", [])
        items.append(activities.object(path + ("faaliyetler", len(items)), start, cells, skip=("performans_hedefi",)))
    _read_costs(reader, book, targets)
    return targets


def _read_costs(reader: _Reader, book, targets: dict) -> None:
    table = _sheet(reader, book, "Maliyetler")
    columns = {c.field: c for c in SHEET["Maliyetler"].columns}
    tables: dict = {}
    for (target, path), start, cells in _codes(reader, table, "performans_hedefi", targets, "performans hedefi", "Performans Hedefleri"):
        activity = reader.text(cells["faaliyet"]) if "faaliyet" in cells else None
        owner, owner_path = target, path
        if activity:
            activities = target.get("faaliyetler", [])
            match = next((i for i, a in enumerate(activities) if str(a.get("kod", "")).strip() == activity.strip()), None)
            if match is None:
                match = next((i for i, a in enumerate(activities) if str(a.get("ad", "")).strip() == activity.strip()), None)
            if match is None:
                reader.problem(cells["faaliyet"].ref, f'"{activity}" {target.get("kod")} hedefinin faaliyetlerinde yok; Faaliyetler sayfasındaki faaliyet kodunu (kodu yoksa adını) yazın')
                continue
            owner, owner_path = activities[match], path + ("faaliyetler", match)
        here = owner_path + ("maliyet_tablosu",)
        cost = owner.setdefault("maliyet_tablosu", {"ekonomik_kodlar": []})
        reader.at(here, start)
        reader.at(here + ("ekonomik_kodlar",), start)
        row = cells.get("satir")
        kind = reader.convert(columns["satir"], row) if row and not _empty(row.value) else None
        if kind in (None, Ellipsis):
            if kind is None:
                reader.problem(row.ref if row else start, "Satır boş; ekonomik kodu (01–09) ya da toplam satırının adını seçin")
            continue
        name = reader.text(cells["ad"]) if "ad" in cells else None
        sub = reader.text(cells["alt_kalem"]) if "alt_kalem" in cells else None
        amount_cell = cells.get("tutar")
        amount = reader.number(amount_cell) if amount_cell and not _empty(amount_cell.value) else None
        tables[id(cost)] = cost
        if kind in ECONOMIC_CODES and sub:
            lines = [i for i, line in enumerate(cost["ekonomik_kodlar"]) if line["kod"] == kind]
            if not lines:
                reader.problem(cells["alt_kalem"].ref, f"alt kalemin bağlanacağı {kind} satırı üstte yok; önce {kind} kodlu satırı yazın")
                continue
            subs = cost["ekonomik_kodlar"][lines[-1]]["alt_kalemler"]
            sub_path = here + ("ekonomik_kodlar", lines[-1], "alt_kalemler", len(subs))
            reader.at(sub_path + ("ad",), cells["alt_kalem"].ref)
            if amount_cell:
                reader.at(sub_path + ("tutar",), amount_cell.ref)
            subs.append({"ad": sub, "tutar": amount})
        elif kind in ECONOMIC_CODES:
            line_path = here + ("ekonomik_kodlar", len(cost["ekonomik_kodlar"]))
            reader.at(line_path, start)
            if amount_cell:
                reader.at(line_path + ("tutar",), amount_cell.ref)
            cost["ekonomik_kodlar"].append({"kod": kind, "ad": name or ECONOMIC_CODES[kind], "tutar": amount, "alt_kalemler": []})
        elif kind in COST_ROWS:
            if amount_cell:
                reader.at(here + _field_path(COST_ROWS[kind]), amount_cell.ref)
            _put_field(cost, COST_ROWS[kind], amount)
        else:
            _put_field(cost, COST_TEXT_ROWS[kind], name)


def _read_summaries(reader: _Reader, book, data: dict, targets: dict) -> None:
    ipt = _sheet(reader, book, "İdare Performans Tablosu")
    columns = SHEET["İdare Performans Tablosu"].columns
    if ipt.rows or "idare_performans_tablosu" in data:
        table = data.setdefault("idare_performans_tablosu", {})
        table["satirlar"] = []
        reader.at(("idare_performans_tablosu", "satirlar"), "İdare Performans Tablosu!A2")
        for start, cells in ipt.rows:
            label = reader.text(cells["performans_hedefi"]) if "performans_hedefi" in cells else None
            summary = next((name for text, name in SHARE_SUMMARIES.items() if label and _key(text) == _key(label)), None)
            if summary:
                for extra in ("faaliyetler", "not"):
                    if extra in cells and not _empty(cells[extra].value):
                        reader.problem(cells[extra].ref, f"{label} satırında faaliyet ya da not yazılmaz; bu hücreyi boşaltın (not için Program sayfasındaki İdare Performans Tablosu notu)")
                table[summary] = ipt.object(("idare_performans_tablosu", summary), start, cells, skip=("performans_hedefi", "faaliyetler", "not"))
            else:
                path = ("idare_performans_tablosu", "satirlar", len(table["satirlar"]))
                table["satirlar"].append(ipt.object(path, start, cells))
        activities = _sheet(reader, book, "İPT Faaliyetleri")
        for start, cells in activities.rows:
            code = reader.text(cells["performans_hedefi"]) if "performans_hedefi" in cells else None
            index = next((i for i, row in enumerate(table.get("satirlar", []) if ipt.rows else []) if code and str(row.get("performans_hedefi")) == code), None)
            if index is None:
                reader.problem(cells["performans_hedefi"].ref if "performans_hedefi" in cells else start, f"{code or 'boş'}: İdare Performans Tablosu sayfasında bu performans hedefinin satırı yok; önce o satırı yazın")
                continue
            rows = table["satirlar"][index].setdefault("faaliyet_satirlari", [])
            rows.append(activities.object(("idare_performans_tablosu", "satirlar", index, "faaliyet_satirlari", len(rows)), start, cells, skip=("performans_hedefi",)))
    need = _sheet(reader, book, "Toplam Kaynak İhtiyacı")
    columns = SHEET["Toplam Kaynak İhtiyacı"].columns
    if need.rows or "toplam_kaynak_ihtiyaci" in data:
        table = data.setdefault("toplam_kaynak_ihtiyaci", {})
        table.update(butce=[], butce_disi=[])
        reader.at(("toplam_kaynak_ihtiyaci",), "Toplam Kaynak İhtiyacı!A2")
        for start, cells in need.rows:
            part = reader.convert(columns[0], cells["bolum"]) if "bolum" in cells and not _empty(cells["bolum"].value) else None
            if part is None:
                reader.problem(cells["bolum"].ref if "bolum" in cells else start, "Bölüm boş; " + ", ".join(columns[0].choices) + " seçeneklerinden birini seçin")
            elif part in NEED_PARTS:
                key = NEED_PARTS[part]
                row = need.object(("toplam_kaynak_ihtiyaci", key, len(table[key])), start, cells, skip=("bolum",))
                if "ad" not in row and row.get("kod") in ECONOMIC_CODES:
                    row["ad"] = ECONOMIC_CODES[row["kod"]]
                table[key].append(row)
            elif part in NEED_TOTALS:
                table[NEED_TOTALS[part]] = need.object(("toplam_kaynak_ihtiyaci", NEED_TOTALS[part]), start, cells, skip=("bolum", "kod", "ad"))
    units = _sheet(reader, book, "Harcama Birimleri Tablosu")
    if units.rows or "harcama_birimleri_tablosu" in data:
        table = data.setdefault("harcama_birimleri_tablosu", {})
        table["satirlar"] = [units.object(("harcama_birimleri_tablosu", "satirlar", i), s, c) for i, (s, c) in enumerate(units.rows)]


def _read_info(reader: _Reader, book) -> list:
    """Genel Bilgiler: sections in order, each with its tables; table cells are kept as text."""
    grid, merged = book.grid("Genel Bilgiler")
    table = _Table(reader, "Genel Bilgiler", grid[:1], SHEET["Genel Bilgiler"].columns, merged)
    sections: list = []
    current = None
    for r, row in enumerate(grid[1:], 1):
        if all(_empty(v) for v in row):
            continue
        kind = _choice(SHEET["Genel Bilgiler"].columns[0], str(row[0])) if not _empty(row[0]) else None
        cells = [Cell(v, table.ref(c, r)) for c, v in enumerate(row)]
        texts = [reader.text(c) for c in cells]
        if kind == "Bölüm":
            path = ("genel_bilgiler", len(sections))
            sections.append({k: v for k, v in (("baslik", texts[1]), ("metin", _at(texts, 2)), ("not", _at(texts, 3))) if v is not None})
            sections[-1]["tablolar"] = []
            reader.at(path, cells[0].ref)
            reader.at(path + ("baslik",), table.ref(1, r))
        elif kind in ("Tablo", "Sütunlar", "Satır") and not sections:
            reader.problem(cells[0].ref, "tablonun ait olduğu bölüm yok; üstüne bir Bölüm satırı yazın")
        elif kind == "Tablo":
            path = ("genel_bilgiler", len(sections) - 1, "tablolar", len(sections[-1]["tablolar"]))
            width = reader.integer(cells[4]) if len(cells) > 4 and not _empty(cells[4].value) else None
            if width is not None and width > MAX_TABLE_WIDTH:
                reader.problem(cells[4].ref, f'"{width}" çok büyük: bir tablo en çok {MAX_TABLE_WIDTH} sütunlu olabilir')
                width = None
            current = {k: v for k, v in (("baslik", texts[1]), ("no", _at(texts, 2)), ("not", _at(texts, 3))) if v is not None}
            current.update(sutunlar=[], satirlar=[], _width=width)
            sections[-1]["tablolar"].append(current)
            reader.at(path, cells[0].ref)
        elif kind in ("Sütunlar", "Satır") and current is None:
            reader.problem(cells[0].ref, "satırın ait olduğu tablo yok; üstüne bir Tablo satırı yazın")
        elif kind in ("Sütunlar", "Satır"):
            values = [t or "" for t in texts[1:]]
            if kind == "Sütunlar":
                current["sutunlar"] = values
            else:
                current["satirlar"].append(values)
        else:
            reader.problem(cells[0].ref, f'"{row[0]}" geçersiz; A sütunu şunlardan biri olmalı: {", ".join(INFO_KINDS)}')
    for section in sections:
        for item in section["tablolar"]:
            width = item.pop("_width") or max([len(_trim(item["sutunlar"])), *(len(_trim(r)) for r in item["satirlar"])])
            item["sutunlar"] = _fit(item["sutunlar"], width) if item["sutunlar"] else []
            item["satirlar"] = [_fit(r, width) for r in item["satirlar"]]
    return sections


def _at(values: list, index: int):
    return values[index] if index < len(values) else None


def _trim(values: list[str]) -> list[str]:
    while values and values[-1] == "":
        values = values[:-1]
    return values


def _fit(values: list[str], width: int) -> list[str]:
    return (_trim(values) + [""] * width)[:max(width, len(_trim(values)))]
