"""Transcribe Ilgın Belediyesi's Performans Programı 2023 (seed 001) into YAML.

Usage: python tools/ilgin.py [SEED_PATH] [OUT_PATH]

The document has no performance-target codes: each "PERFORMANS HEDEFİ TABLOSU"
belongs to one stratejik hedef, so every hedef gets exactly one performans
hedefi carrying the hedef's code and text. Costs are one "KAYNAK İHTİYACI"
amount per hedef; there are no economic codes, no İdare Performans Tablosu and
no Toplam Kaynak İhtiyacı. The text is parsed by its labels; the few one-off
decisions are in the override tables below, each with its source line.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "generator"))
sys.path.insert(0, str(REPO / "tools"))

from seffaf.schema import Program  # noqa: E402
from repairs import entries, word_repairs  # noqa: E402
from seffaf.yamlout import dump  # noqa: E402

SEED_NAME = "001_016e876fc295fd18.txt"
DEFAULT_SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / SEED_NAME
SLUG = "ilgin"

# --- One-off decisions -------------------------------------------------------

# Başkanlık Sunumu (L9-24) is the only damaged part of the text: the PDF font
# lost ş/ç/Ş (printed "Ő"), ğ (printed "Đ") and ö/ü/â/Ö (printed "6").
# "6" is also a real digit ("50 bini", "5393", "2019"), so repairs go word by
# word, only in this section, and every damaged word must be listed here.
FOREWORD_REPAIRS = {
    "BAŐKANLIK": "BAŞKANLIK",  # L9
    "yerleŐim": "yerleşim",  # L11
    "6rnek": "örnek",  # L11
    "6nc6": "öncü",  # L11
    "6rettiĐi": "ürettiği",  # L11
    "Őehrin": "şehrin",  # L11
    "deĐerlerini": "değerlerini",  # L11
    "y6kseĐe": "yükseğe",  # L11
    "taŐımalı": "taşımalı",  # L11
    "deĐerler": "değerler",  # L11
    "6retmelidir": "üretmelidir",  # L11
    "y6netimsel": "yönetimsel",  # L13
    "sınırlandırılmıŐtır": "sınırlandırılmıştır",  # L13
    "y6r6tmek": "yürütmek",  # L13
    "uŐtaki": "uçtaki",  # L13
    "Őekilde": "şekilde",  # L13 (twice)
    "6retmek": "üretmek",  # L13
    "m6mk6n": "mümkün",  # L13
    "N6fusu": "Nüfusu",  # L15
    "geŐen": "geçen",  # L15
    "kılınmıŐtır": "kılınmıştır",  # L15
    "olduĐumuzu": "olduğumuzu",  # L15
    "g6rmemiz": "görmemiz",  # L15
    "aŐısında": "açısında",  # L15 (only the letter is repaired; "açısından" is the authors' wording)
    "6lçemediĐiniz": "Ölçemediğiniz",  # L17 (first word of the quotation)
    "Őeyi": "şeyi",  # L17
    "y6netemezsiniz": "yönetemezsiniz",  # L17
    "gereĐi": "gereği",  # L17
    "b6t6n": "bütün",  # L17
    "6lç6p": "ölçüp",  # L17
    "g6re": "göre",  # L17
    "y6netmeye": "yönetmeye",  # L17
    "yapacaĐımız": "yapacağımız",  # L19
    "t6m": "tüm",  # L19
    "ŐalıŐmalarda": "çalışmalarda",  # L19
    "deĐerli": "değerli",  # L19 (twice)
    "6yelerine": "üyelerine",  # L19
    "fedak6r": "fedakâr",  # L19
    "hemŐerilerimize": "hemşerilerimize",  # L19 ("ilginli" lower case is the authors')
    "Őimdiden": "şimdiden",  # L19
    "teŐekk6rlerimi": "teşekkürlerimi",  # L19
    "ŐalıŐanın": "çalışanın",  # L19
    "ERTAŐ": "ERTAŞ",  # L23
    "BaŐkanı": "Başkanı",  # L24
}

# Sorumlu Birim table (L842-873) and the unit list (L153-155) name some units
# differently; each printed form maps to one unit (the key is kept as variant).
UNIT_ALIASES = {
    "Bilgi, İşlem Müdürlüğü": "Bilgi İşlem Müdürlüğü",  # L846: stray comma; L153 "Bilgi İşlem Müdürlüğü"
    "İmar Müdürlüğü": "İmar ve Şehircilik Müdürlüğü",  # L153; L869 and kadro L243 "İMAR VE ŞEHİRCİLİK"
}

# One printed cell that names two units.
UNIT_CELL_SPLITS = {
    # L853 (hedef 2.3): "İşletme İştirakler" = İşletme ve İştirakler Müdürlüğü (L155, L851)
    "İşletme İştirakler- Kültür Müdürlüğü": ["İşletme ve İştirakler Müdürlüğü", "Kültür Müdürlüğü"],
}

# Tables printed without a caption: first header cell -> title given here.
UNTITLED_TABLES = {
    "Gayr-ı Menkul Türü": "Gayr-ı Menkuller",  # L173-174, right after the İhaleler table
}

# Indicators whose "ddd.ddd" cells could be read either way; read with the
# document's own convention (dot = thousands) and say so. Key: (hedef, No).
AMBIGUOUS_DOTS = {
    ("6.3", "2"): "L793: '198.140' Türkçe biçimle 198140 ton okundu (belgede nokta binlik ayırıcı); "
    "ilçe için yüksek görünüyor, ondalık (198,14) da olabilir.",
    ("6.3", "4"): "L795: '465.320' ve '330.840' Türkçe biçimle 465320 / 330840 ton okundu "
    "(belgede nokta binlik ayırıcı); ondalık da olabilir.",
}

# Indicator notes that flag what the row itself states (no value changed).
INDICATOR_NOTES = {
    ("1.1", 1): "Gösterge adı 'pay' diyor, hücreler TL tutarı biçiminde (L432).",
}

# Lines of section 1.5 where the lost bullet glyph ("S") is the only item
# separator, several items glued on one line or broken across lines:
# L279-289 (one list of 14 items; L279 and L286 are single whole items),
# L303 (4 items), L304 (2 items), L311 (6 items). Listed: the lines that are not
# exactly one "S item".
GLUED_BULLET_LINES = [(280, 285), (287, 289), (303, 303), (304, 304), (311, 311)]

# --- Helpers -----------------------------------------------------------------

COLUMN_KINDS = {"Önceki Yıl": "gerceklesen", "Cari Yıl": "tahmin", "Performans Hedef": "hedef"}


def tr_number(cell: str) -> Decimal:
    """Turkish number: '.' groups thousands, ',' starts decimals ("6.000.000,00")."""
    text = cell.strip()
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?|\d+(,\d+)?", text):
        raise ValueError(f"not a Turkish number: {cell!r}")
    return Decimal(text.replace(".", "").replace(",", "."))


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.rstrip("\n").split("\t")]


class Source:
    """The seed text with 1-based line numbers for error messages and lookups."""

    def __init__(self, text: str):
        self.lines = text.split("\n")

    def find(self, pattern: str, start: int = 1, end: int | None = None) -> int:
        """1-based number of the first line (from start) matching pattern."""
        end = end or len(self.lines)
        rx = re.compile(pattern)
        for no in range(start, end + 1):
            if rx.search(self.lines[no - 1]):
                return no
        raise ValueError(f"pattern {pattern!r} not found from line {start}")

    def line(self, no: int) -> str:
        return self.lines[no - 1]

    def span(self, start: int, end: int) -> list[tuple[int, str]]:
        """Lines start..end inclusive with their numbers."""
        return [(no, self.lines[no - 1].rstrip()) for no in range(start, end + 1)]


def blocks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Group lines into blank-line separated blocks."""
    out, cur = [], []
    for no, text in lines:
        if text.strip():
            cur.append((no, text.strip()))
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def is_heading(text: str) -> bool:
    """Short label lines of the legal section (no sentence, no list item, no article)."""
    return (
        len(text) < 80
        and not text.endswith(".")
        and not text.startswith(("- ", "Madde"))
        and not re.match(r"^[a-zçğıöşü]\) ", text)
    )


def markdown(lines: list[tuple[int, str]], headings: bool = False) -> str:
    """Paragraphs (one per line, long lines are whole paragraphs) and '- ' lists."""
    parts = []
    for block in blocks(lines):
        texts = [t for _, t in block]
        if all(t.startswith("- ") for t in texts):
            parts.append("\n".join(texts))
            continue
        for t in texts:
            parts.append(f"**{t}**" if headings and is_heading(t) else t)
    return "\n\n".join(parts)


def glued_bullets(lines: list[tuple[int, str]]) -> tuple[str, list[int]]:
    """Section 1.5: 'S' is a lost bullet glyph; rebuild list items from it.

    Returns the Markdown and the line numbers where one line held several
    items or one item ran over several lines (checked against GLUED_BULLET_LINES)."""
    parts, glued = [], []
    for block in blocks(lines):
        first = block[0][1]
        if not re.match(r"^(- )?S ", first):
            parts.extend(t for _, t in block)
            continue
        joined = " ".join(re.sub(r"^- ", "", t) for _, t in block)
        items = [i.strip() for i in re.split(r"(?:^|\s)S\s+", joined) if i.strip()]
        for no, t in block:
            t = re.sub(r"^- ", "", t)
            if not t.startswith("S ") or len(re.findall(r"(?:^|\s)S(?:\s|$)", t)) != 1:
                glued.append(no)
        parts.append("\n".join(f"- {i}" for i in items))
    return "\n\n".join(parts), glued


def table(rows: list[tuple[int, str]], baslik: str, note: str | None = None) -> dict:
    """A tab-separated general-information table kept as printed strings."""
    data = [cells(t) for _, t in rows if t.strip()]
    out = {"baslik": baslik, "sutunlar": data[0], "satirlar": data[1:]}
    if note:
        out["not"] = note
    return out


# --- Parts of the document ---------------------------------------------------


def foreword_lines(src: Source) -> list[tuple[int, str]]:
    """Başkanlık Sunumu as printed, with its line numbers."""
    start = src.find(r"^BA.KANLIK SUNUMU$")
    return list(src.span(start, src.find(r"^1-GENEL B", start) - 1))


def repair_foreword(text: str) -> str:
    return re.sub(r"\w+", lambda m: FOREWORD_REPAIRS.get(m.group(0), m.group(0)), text)


def corrections(src: Source) -> list[dict]:
    """The foreword's repaired words and the cell read as two units, as the program file records them."""
    unit_line = src.find(re.escape(next(iter(UNIT_CELL_SPLITS))))
    letters = entries(word_repairs(foreword_lines(src), repair_foreword), "PDF'ten metin çıkarılırken bozulan harf (Ő, Đ, 6) düzeltildi", lambda n: "Sunuş")
    return letters + [
        {
            "basilan": printed,
            "aktarilan": units[0],
            "bolum": "Harcama birimleri",
            "neden": "Tek hücrede iki birim yazılmış; " + " ve ".join(units) + " olarak iki birim okundu",
            "kaynakta": f"satır {unit_line}",
        }
        for printed, units in UNIT_CELL_SPLITS.items()
    ]


def parse_foreword(src: Source) -> dict:
    """Başkanlık Sunumu (damaged letters repaired word by word)."""
    lines = [(no, repair_foreword(t)) for no, t in foreword_lines(src)]
    for no, t in lines:
        bad = [w for w in re.findall(r"\w+", t) if re.search("[ŐĐ]", w) or re.search(r"\d", w) and re.search(r"\D", w)]
        if bad:
            raise ValueError(f"L{no}: unrepaired words {bad}")
    title = lines[0][1]
    body = [ln for ln in lines[1:] if ln[1].strip()]
    signature = "\n".join(t for _, t in body[-2:])
    paragraphs = [t for _, t in body[:-2]]
    return {"baslik": title, "metin": "\n\n".join(paragraphs), "imza": signature}


def parse_general(src: Source) -> list[dict]:
    """Genel Bilgiler sections, plus Temel Politika and Misyon/Vizyon pages."""
    l_1a = src.find(r"^1\.A -")
    l_1b = src.find(r"^1\.B -", l_1a)
    l_fiz = src.find(r"^Fiziksel Kaynaklar$", l_1b)
    l_bt = src.find(r"^b\. Bilgi ve Teknolojik Kaynaklar", l_fiz)
    l_ik = src.find(r"^1\.4 -", l_bt)
    l_dh = src.find(r"^1\.5 -", l_ik)
    l_pb = src.find(r"^2- PERFORMANS B", l_dh)
    l_tp = src.find(r"^2\.1\. Temel Politika", l_pb)
    l_ah = src.find(r"^2\.2\. Amaç ve Hedefler", l_tp)
    l_mis = src.find(r"^MİSYON:$", l_ah)
    l_viz = src.find(r"^VİZYON:$", l_mis)
    l_td = src.find(r"^TEMEL DEĞERLER:$", l_viz)
    l_23 = src.find(r"^2\.3\. ", l_td)

    sections = []
    sections.append({
        "baslik": src.line(l_1a).strip(),
        "metin": markdown(src.span(l_1a + 1, l_1b - 1), headings=True),
    })
    sections.append({
        "baslik": src.line(l_1b).strip(),
        "not": "Kaynak metinde bu başlığın altı boş (teşkilat şeması PDF'te görsel olmalı, metne geçmemiş).",
    })
    assert not "".join(t for _, t in src.span(l_1b + 1, l_fiz - 1)).strip()

    # Fiziksel Kaynaklar: text, then three tab tables (araç, ihale, gayrimenkul).
    fiz = src.span(l_fiz + 1, l_bt - 1)
    text_lines, tables = [], []
    fiz_blocks = blocks(fiz)
    for i, block in enumerate(fiz_blocks):
        if "\t" in block[0][1] or "\t" in src.line(block[0][0]):
            raw = [(no, src.line(no)) for no, _ in block]
            prev = fiz_blocks[i - 1][-1][1] if i else ""
            if prev.endswith(":") and "\t" not in src.line(fiz_blocks[i - 1][-1][0]):
                tables.append(table(raw, prev.rstrip(":")))
            else:
                first_header = cells(raw[0][1])[0]
                tables.append(table(raw, UNTITLED_TABLES[first_header],
                                    note="Kaynakta tablo başlığı yok; başlık sütun adlarından verildi."))
        elif i + 1 < len(fiz_blocks) and block[-1][1].endswith(":") and "\t" in src.line(fiz_blocks[i + 1][0][0]):
            continue  # the caption of the next table
        else:
            text_lines.extend(block + [(0, "")])
    sections.append({
        "baslik": src.line(l_fiz).strip(),
        "metin": markdown(text_lines, headings=True),
        "tablolar": tables,
    })

    # Bilgi ve Teknolojik Kaynaklar: one 8-column table (blank line L203 = page break).
    bt_rows = [(no, src.line(no)) for no, t in src.span(l_bt + 1, l_ik - 1) if t.strip()]
    sections.append({
        "baslik": src.line(l_bt).strip(),
        "tablolar": [table(bt_rows, "Bilgi ve Teknolojik Kaynaklar",
                           note="'X' ve boş hücreler kaynakta olduğu gibi.")],
    })

    # İnsan Kaynakları: Personel Dağılımı table, bullets, a kadro table without title.
    ik = src.span(l_ik + 1, l_dh - 1)
    ik_blocks = blocks(ik)
    metin_lines, ik_tables, caption = [], [], None
    for i, block in enumerate(ik_blocks):
        raw = [(no, src.line(no)) for no, _ in block]
        next_is_table = i + 1 < len(ik_blocks) and "\t" in src.line(ik_blocks[i + 1][0][0])
        if "\t" in raw[0][1]:
            if cells(raw[0][1])[0] == "C9":
                header = cells(raw[1][1])
                rows = [cells(t) for _, t in raw[2:]]
                ik_tables.append({
                    "baslik": "C9",
                    "sutunlar": header,
                    "satirlar": rows,
                    "not": "Kaynakta tablo başlığı yok; ilk satır 'C9', ikinci satır '150 000-199 999 | ADET'. "
                    "(*) ve (**) işaretlerinin açıklaması metinde yok.",
                })
            else:
                assert caption, raw[0][0]
                ik_tables.append(table(raw, caption))
            caption = None
        elif len(block) == 1 and next_is_table and len(block[0][1]) < 40:
            caption = block[0][1]  # "Personel Dağılımı" (L224): the next table's title
        else:
            metin_lines.extend(block + [(0, "")])
    sections.append({
        "baslik": src.line(l_ik).strip(),
        "metin": markdown(metin_lines),
        "tablolar": ik_tables,
    })

    text, glued = glued_bullets(src.span(l_dh + 1, l_pb - 1))
    expected = [no for a, b in GLUED_BULLET_LINES for no in range(a, b + 1)]
    if glued != expected:
        raise ValueError(f"glued bullet lines {glued} differ from GLUED_BULLET_LINES {expected}")
    sections.append({"baslik": src.line(l_dh).strip(), "metin": text})

    sections.append({
        "baslik": src.line(l_tp).strip(),
        "metin": markdown(src.span(l_tp + 1, l_ah - 1)),
        "not": "Performans Bilgileri bölümünden (2.1).",
    })
    mvt = []
    for lo, hi in ((l_mis, l_viz), (l_viz, l_td), (l_td, l_23)):
        mvt.append(f"**{src.line(lo).strip()}**")
        mvt.append(markdown(src.span(lo + 1, hi - 1)))
    sections.append({
        "baslik": "Misyon, Vizyon, Temel Değerler",
        "metin": "\n\n".join(mvt),
        "not": "Başlık İçindekiler'den; metinde 2.2 ile 2.3 arasında.",
    })
    return sections


def parse_aim_list(src: Source) -> tuple[dict, dict]:
    """2.2 Amaç ve Hedefler: numbered aims with their goals (list wording)."""
    start = src.find(r"^2\.2\. Amaç ve Hedefler")
    end = src.find(r"^MİSYON:$", start)
    aims, goals = {}, {}
    for no, t in src.span(start + 1, end - 1):
        if m := re.match(r"^(\d)\. (.+)$", t):
            aims[m.group(1)] = m.group(2).strip()
        elif m := re.match(r"^- (\d\.\d)\. (.+)$", t):
            goals[m.group(1)] = m.group(2).strip()
        elif t.strip():
            raise ValueError(f"L{no}: unexpected line in 2.2: {t!r}")
    return aims, goals


def parse_unit_table(src: Source) -> list[dict]:
    """Final table: 'Performans Hedefi (N.)' = amaç, 'Faaliyet' = hedef title, Sorumlu Birim."""
    start = src.find(r"^Performans Hedefi \(1\.\)\t")
    end = src.find(r"^İÇİNDEKİLER$", start)
    rows, aim_no, index, aim_title = [], None, 0, {}
    for no, t in src.span(start, end - 1):
        if not t.strip():
            continue
        c = cells(src.line(no))
        if m := re.match(r"^Performans Hedefi \((\d)\.\)$", c[0]):
            aim_no, index = m.group(1), 0
            assert c[1:] == ["Faaliyet", "Sorumlu Birim"], (no, c)
            continue
        index += 1
        if c[0]:
            aim_title[aim_no] = c[0]
        rows.append({"line": no, "hedef": f"{aim_no}.{index}", "faaliyet": c[1], "birim": c[2]})
    return rows, aim_title


def parse_targets(src: Source) -> tuple[list[dict], list[dict]]:
    """The 21 'PERFORMANS HEDEFİ TABLOSU' blocks, one per stratejik hedef."""
    start = src.find(r"^2\.3\. ")
    end = src.find(r"^Performans Hedefi \(1\.\)\t", start)
    heads = [no for no, t in src.span(start, end) if t.strip() == "ILGIN BELEDİYESİ"]
    columns = None
    tables = []
    for i, head in enumerate(heads):
        stop = heads[i + 1] - 1 if i + 1 < len(heads) else end - 1
        amac = cells(src.line(head + 1))
        hedef = cells(src.line(head + 2))
        assert amac[0] == "Stratejik Amaç", head
        m = re.match(r"^Stratejik Hedef \((\d\.\d)\)$", hedef[0])
        assert m, head
        kod = m.group(1)
        ind_head = src.find(r"^No\tPerformans Göstergeleri\t", head, stop)
        act_head = src.find(r"^No\tFaaliyetler$", ind_head, stop)
        cost_line = src.find(r"^KAYNAK İHTİYACI \(2023\) TL\t", act_head, stop)
        header = cells(src.line(ind_head))[2:]
        cols = []
        for h in header:
            hm = re.match(r"^(.+?) \((\d{4})\)$", h)
            cols.append({"yil": int(hm.group(2)), "tur": COLUMN_KINDS[hm.group(1)], "baslik": h})
        if columns is None:
            columns = cols
        assert cols == columns, f"L{ind_head}: different indicator columns"
        years = [c["yil"] for c in cols]

        indicators = []
        for pos, (no, _) in enumerate([x for x in src.span(ind_head + 1, act_head - 1) if x[1].strip()], 1):
            c = cells(src.line(no))
            assert len(c) == 2 + len(years), (no, c)
            number, name, values = c[0], c[1], c[2:]
            ind = {"kod": number or None, "ad": name}
            notes = []
            if not number:
                notes.append(f"Kaynakta No sütunu boş (L{no}).")
            numeric = all(v == "X" or re.fullmatch(r"[\d.,]+", v) for v in values)
            if numeric:
                ind["degerler"] = {y: (None if v == "X" else tr_number(v)) for y, v in zip(years, values)}
            else:
                ind["deger_turu"] = "metin"
                ind["degerler"] = {y: (None if v == "X" else v) for y, v in zip(years, values)}
            if (kod, number) in AMBIGUOUS_DOTS:
                notes.append(AMBIGUOUS_DOTS[(kod, number)])
            if (kod, pos) in INDICATOR_NOTES:
                notes.append(INDICATOR_NOTES[(kod, pos)])
            if notes:
                ind["not"] = " ".join(notes)
            if ind["kod"] is None:
                del ind["kod"]
            indicators.append(ind)

        activities = []
        for no, _ in [x for x in src.span(act_head + 1, cost_line - 1) if x[1].strip()]:
            c = cells(src.line(no))
            assert len(c) == 2 and c[0].isdigit(), (no, c)
            activities.append({"kod": c[0], "ad": c[1]})
        assert [int(a["kod"]) for a in activities] == list(range(1, len(activities) + 1))

        amount_cell = cells(src.line(cost_line))[1]
        am = re.fullmatch(r"([\d.,]+) TL", amount_cell)
        assert am, cost_line
        rest = [t for no, t in src.span(cost_line + 1, stop) if t.strip()]
        assert all(re.fullmatch(r"-+\s+-+", t) for t in rest), (cost_line, rest)
        tables.append({
            "line": head,
            "amac": amac[1],
            "kod": kod,
            "ad": hedef[1],
            "gostergeler": indicators,
            "faaliyetler": activities,
            "kaynak": tr_number(am.group(1)),
        })
    return tables, columns


def unit_names(src: Source) -> list[str]:
    """Müdürlük names from the Fiziksel Yapı paragraphs (L153-155)."""
    start = src.find(r"^Ana Bina: ")
    end = src.find(r"dış birim olarak hizmet vermektedir\.$", start)
    names = []
    for _, t in src.span(start, end):
        for piece in re.split(r", |(?<=Müdürlüğü) ve ", t):
            if m := re.match(r"^(?:Ana Bina: )?(.*?Müdürlüğü)", piece):
                names.append(m.group(1))
    return names


def resolve_unit(printed: str) -> list[str]:
    if printed in UNIT_CELL_SPLITS:
        return list(UNIT_CELL_SPLITS[printed])
    return [UNIT_ALIASES.get(printed, printed)]


def most_common_first(values: list[str]) -> str:
    """Most frequent wording; ties go to the first seen."""
    counts = Counter(values)
    return max(values, key=lambda v: (counts[v], -values.index(v)))


def variants(ad: str, *others: str) -> list[str]:
    out = []
    for o in others:
        if o and o != ad and o not in out:
            out.append(o)
    return out


def build(seed: Path) -> dict:
    src = Source(seed.read_text(encoding="utf-8"))
    foreword = parse_foreword(src)
    general = parse_general(src)
    list_aims, list_goals = parse_aim_list(src)
    targets, columns = parse_targets(src)
    unit_rows, final_aims = parse_unit_table(src)
    year = columns[-1]["yil"]
    cover_year = re.search(r"^(\d{4}) MALİ YILI$", src.line(src.find(r"^\d{4} MALİ YILI$")))
    assert int(cover_year.group(1)) == year

    # Units: teşkilat list (L153-155) first, then those only in the final table.
    birimler: dict[str, list[str]] = {}
    for name in unit_names(src):
        birimler.setdefault(UNIT_ALIASES.get(name, name), [])
        if name in UNIT_ALIASES:
            birimler[UNIT_ALIASES[name]].append(name)
    for row in unit_rows:
        for unit in resolve_unit(row["birim"]):
            birimler.setdefault(unit, [])
        if row["birim"] in UNIT_ALIASES and row["birim"] not in birimler[UNIT_ALIASES[row["birim"]]]:
            birimler[UNIT_ALIASES[row["birim"]]].append(row["birim"])

    by_goal = {r["hedef"]: r for r in unit_rows}
    assert sorted(by_goal) == sorted(t["kod"] for t in targets), "final table rows != hedef tables"

    amaclar = []
    for aim_no in sorted({t["kod"].split(".")[0] for t in targets}, key=int):
        aim_tables = [t for t in targets if t["kod"].split(".")[0] == aim_no]
        wordings = [t["amac"] for t in aim_tables]
        ad = most_common_first(wordings)
        aim = {
            "kod": aim_no,
            "ad": ad,
            "varyantlar": variants(ad, *wordings, list_aims[aim_no], final_aims[aim_no]),
            "hedefler": [],
        }
        if len(set(wordings)) > 1:
            lines = ", ".join(f"L{t['line'] + 1}" for t in aim_tables if t["amac"] != ad)
            aim["not"] = f"Tablolarda farklı yazım ({lines}); çoğunluktaki yazım esas alındı."
        for t in aim_tables:
            row = by_goal[t["kod"]]
            var = variants(t["ad"], list_goals[t["kod"]], row["faaliyet"])
            target = {
                "kod": t["kod"],
                "ad": t["ad"],
                "varyantlar": list(var),
                "sorumlu_birimler": resolve_unit(row["birim"]),
                "gostergeler": t["gostergeler"],
                "faaliyetler": t["faaliyetler"],
                "maliyet": {"butce": None, "butce_disi": None, "toplam": t["kaynak"]},
                "not": "Belge performans hedeflerini stratejik hedef düzeyinde veriyor (ayrı performans hedefi "
                "kodu yok). Maliyet: tablonun 'KAYNAK İHTİYACI (2023) TL' satırı; bütçe / bütçe dışı ayrımı yok.",
            }
            goal = {"kod": t["kod"], "ad": t["ad"], "varyantlar": list(var), "performans_hedefleri": [target]}
            for obj in (goal, target):
                if not obj["varyantlar"]:
                    del obj["varyantlar"]
            aim["hedefler"].append(goal)
        if not aim["varyantlar"]:
            del aim["varyantlar"]
        amaclar.append(aim)

    unit_table = {
        "satirlar": [
            {"performans_hedefi": r["hedef"], "faaliyetler": [r["faaliyet"]], "birimler": resolve_unit(r["birim"])}
            for r in unit_rows
        ],
        "not": "Kaynakta 'Performans Hedefi (N.)' sütunu stratejik amacı, 'Faaliyet' sütunu stratejik hedefin adını "
        "veriyor; satırlar sırayla hedeflere (N.1, N.2, …) eşlendi. L853 hücresi "
        "'İşletme İştirakler- Kültür Müdürlüğü' iki birim olarak yazıldı; L846 'Bilgi, İşlem Müdürlüğü' = "
        "Bilgi İşlem Müdürlüğü.",
    }

    return {
        "belediye": {"ad": "Ilgın Belediyesi", "slug": SLUG, "il": "Konya", "tur": "ilce"},
        "yil": year,
        "kaynak": {
            "baslik": "PERFORMANS PROGRAMI 2023 MALİ YILI",
            "sayfa_sayisi": 41,
            "dosya": seed.name,
        },
        "gosterge_sutunlari": columns,
        "sunus": [foreword],
        "genel_bilgiler": general,
        "birimler": [{"ad": k, "varyantlar": v} if v else {"ad": k} for k, v in birimler.items()],
        "amaclar": amaclar,
        "harcama_birimleri_tablosu": unit_table,
        "duzeltmeler": corrections(src),
        "not": "Ad: tablo başlıklarında 'ILGIN BELEDİYESİ' (Ilgın); metinde 'İlgın Belediyesi' (L151) ve 'İlgın Belediye Başkanı' (L24) de geçiyor; "
        "kapakta belediye adı yok. Sayfa sayısı İçindekiler'den (son bölüm s. 40-41); performans hedef tabloları "
        "s. 19-39. Belgede performans hedefi kodu yok: her stratejik hedefin tek performans hedefi var. "
        "Göstergelerde 'X' = veri yok, null yazıldı. Kaynak ihtiyacı yalnızca hedef başına tek tutar: ekonomik kod "
        "tablosu, bütçe / bütçe dışı ayrımı, İdare Performans Tablosu, Toplam Kaynak İhtiyacı ve genel toplam "
        "belgede yok. Meclis kararı, tarih ve web adresi belgede yok. 'Cari Yıl (2022)' sütunu tahmin sayıldı.",
    }


def main(argv: list[str]) -> int:
    seed = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    data = build(seed)
    Program.model_validate(data)
    out = Path(argv[2]) if len(argv) > 2 else REPO / "programs" / SLUG / f"{data['yil']}.yml"
    header = f"# Ilgın Belediyesi Performans Programı {data['yil']}: tools/ilgin.py ile {seed.name} dosyasından üretildi.\n"
    dump(data, out, header=header)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
