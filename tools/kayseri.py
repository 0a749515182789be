"""Transcribe Kayseri Büyükşehir Belediyesi's 2025 Performans Programı into YAML.

Usage: python tools/kayseri.py [SEED_PATH] [OUT_PATH]

The seed is PDF-extracted text with tab-separated table cells whose column
positions drift from table to table, so every table is parsed by its labels
("Performans Hedefi (n):", "Faaliyet Adı:", "Toplam Bütçe Kaynak İhtiyacı", …)
and by the kind of cell content, never by absolute line numbers. The few
one-off decisions the source forces on us are listed in the OVERRIDES tables
below, each with the source line it concerns, and the script checks that the
source still looks the way those decisions assume.
"""

from __future__ import annotations

import difflib
import re
import sys
from decimal import Decimal
from enum import Enum
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "generator"))
sys.path.insert(0, str(REPO / "tools"))

from seffaf import turkish  # noqa: E402
from seffaf.schema import Program  # noqa: E402
from repairs import entries, word_repairs  # noqa: E402
from seffaf.yamlout import dump  # noqa: E402

SEED_NAME = "004_c543939527adc2fe.txt"
DEFAULT_SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / SEED_NAME
YEAR = 2025
SLUG = "kayseri"

# ---------------------------------------------------------------------------
# One-off decisions (source line numbers refer to the seed file, 1-based).
# ---------------------------------------------------------------------------

# Words the PDF extraction damaged beyond the generic ř→ş / đ→ğ repair.
TEXT_FIXES = {
    # L104: "Yolcu ve ylık terminalleri" — 5216 s. Kanun md. 7/l reads "yük terminalleri".
    "Yolcu ve ylık terminalleri": "Yolcu ve yük terminalleri",
}

# HTML <ul> lists whose <li> separators were lost in extraction: the items as
# we split them (source line → items). The split follows capitalisation and
# the recurring "Projesi/Projeleri", "yapım işi" endings.
UL_ITEMS = {
    1202: [
        "Alzheimer Merkezi Projesi",
        "Emekli Evi Emekliler Kafeteryası Projeleri",
        "Çocuk Kreşi Projeleri",
        "Tablet Müzesi Projesi",
        "Kitap Kafe Projesi",
        "Atletizm Pisti Projesi",
        "Sümer Kapalı Tenis Kortu Projesi",
        "Erciyes Yeni Tenis Kortları Projesi",
        "Karavan Park Projeleri vb.",
    ],
    2669: [
        "Altınoluk mahallesi sosyal yaşam merkezi yapım işi",
        "Develi terminal binası yapım işi",
        "Develi kapalı otopark ve meydan düzenlemesi yapım işi",
        "Kent müzesi teşhir tanzim işi",
        "Talas ek misafirhane yapım işi",
        "Fosil müzesi teşhir tanzim yapım işi",
        "Erciyes garaj taşıma işi",
        "İncesu kent müzesi teşhir tanzim yapım işi",
        "Pınarbaşı kütüphane yapım işi",
        "Sarioğlan kütüphane yapım işi",
        "Paleontoloji ikmal inşaatı yapım işi",
        "Yeni doğan pazar yeri yapım işi",
        "Kayseri Merkez Camii",
        "Hava ikmal içerisine protokol kapsamı yapılacak hangar, nöbetçi kulesi, lastik deposu, atış poligonu yapım işi",
    ],
    2672: ["Kayseri merkez ve ilçelerinde muhtelif bakım, onarım ve tamir tadilat yapım işleri"],
}

# Indicator cells that are not well-formed numbers: (source line, year) →
# (printed cell, value we record). Each gets a note in the indicator.
INDICATOR_CELL_READINGS = {
    # L2829 KAYMEK eğitim alan kişi sayısı: "38.000  40.00  45.000". "40.00" is neither
    # a Turkish thousands figure nor a decimal one; next to 38.000 and 45.000 the dot
    # is a thousands separator with a lost digit: read as 40.000.
    (2829, 2024): (
        "40.00",
        Decimal("40000"),
        "2024 hücresi kaynakta \"40.00\" basılı (L2829); 38.000 ve 45.000 yanında nokta binlik ayırıcı sayıldı, "
        "bir hane düşmüş kabul edilerek 40.000 okundu.",
    ),
}

# Faaliyet Maliyet Tabloları whose "Performans Hedefi (n):" label does not
# match the PH table they follow (and whose content and order say they belong
# to): source line of the label → (printed number, PH it belongs to).
FMT_WRONG_PH_LABEL = {
    940: ("", "1"),  # "Performans Hedefi ():" — number missing
    3613: ("31", "32"),  # third FMT after the PH 32 table
}
# (The reading notes also list L1855/L1870 and L3308/L3324; those FMTs are
# labelled (10) and (29), matching the tables they follow.)

# L3003: the FMT of PH24's second activity (600.000,00) repeats the first
# activity's name; by order and amount it is "Afet planlama ve eğitim faaliyetleri".
FMT_COPIED_NAME = {3003: "Afet risk azaltma ve deprem zemin inceleme faaliyetleri"}

# 2.6 table rows that name a different activity than the PH table at that
# place (a contradiction, not a spelling variant): source line → PH code.
UNIT_TABLE_CONFLICTS = {
    # L3904 (P.H.17) "Yeni ve akıllı hayvansal sulama …" where the PH 17 table (L2398)
    # and the İdare Performans Tablosu (L3722) have "… bitkisel sulama …".
    3904: "17",
}

# 2.6 table: unit names printed differently from the Faaliyet Maliyet Tabloları.
UNIT_VARIANTS = {
    "Etüt Projeler Daire Başkanlığı": "Etüt ve Projeler Daire Başkanlığı",
    "Ulaşım ve Raylı Sistem Daire Başkanlığı": "Ulaşım Planlama ve Raylı Sistem Daire Başkanlığı",
    "İşletme ve İştirakler Daire Başkanlığı": "İşletmeler ve İştirakler Daire Başkanlığı",
    "1.Hukuk Müşavirliği": "1. Hukuk Müşavirliği",
}

# L3830: the Toplam Bütçe Dışı Kaynak İhtiyacı row of the Toplam Kaynak
# İhtiyacı table has three amounts for four columns; they fit the first three
# columns (900M bütçe dışı is all faaliyet money), the Genel Toplam cell is lost.
TKI_LOST_CELL_LINE = 3830

# Service-area headings of 2.2.2 (one per aim); the schema has no field for them.

ECONOMIC_NAMES = {
    "01": "Personel Giderleri",
    "02": "SGK Devlet Primi Giderleri",
    "03": "Mal ve Hizmet Alım Giderleri",
    "04": "Faiz Giderleri",
    "05": "Cari Transferler",
    "06": "Sermaye Giderleri",
    "07": "Sermaye Transferleri",
    "08": "Borç verme",
    "09": "Yedek Ödenek",
}

# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------


def repair_letters(text: str) -> str:
    return text.replace("ř", "ş").replace("đ", "ğ")


def corrections(src: Source) -> list[dict]:
    """The repaired letters and words, as the program file records them (all in Genel Bilgiler's legal text)."""
    heads = general_heads(src)
    starts = [(start, None if kind else "Genel Bilgiler: " + section_title(src, start)) for start, kind in heads]

    def part(number: int) -> str:
        found = [name for start, name in starts if start <= number]
        if not found or not found[-1]:
            raise SystemExit(f"L{number}: a repair outside Genel Bilgiler; say which part of the document it is in")
        return found[-1]

    numbered = list(enumerate(src.lines, 1))
    letters = word_repairs([(n, t) for n, t in numbered if "ř" in t or "đ" in t], repair_letters)
    words = [(n, bad, good) for bad, good in TEXT_FIXES.items() for n, t in numbered if bad in t]
    return entries(letters, "PDF'ten metin çıkarılırken bozulan harf (ř, đ) düzeltildi", part) + entries(
        words, "PDF'ten metin çıkarılırken bozulan kelime, 5216 sayılı Kanun'un metnine göre düzeltildi", part
    )


def clean(text: str) -> str:
    """Undo extraction damage only: letters, superscripts, hyphenation, HTML tags."""
    text = text.replace("<i>", "").replace("</i>", "")
    text = repair_letters(text)
    text = re.sub(r"m ²", "m²", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"([a-zçğıöşü])- ([a-zçğıöşü])", r"\1\2", text)
    for bad, good in TEXT_FIXES.items():
        text = text.replace(bad, good)
    return re.sub(r"\s+", " ", text).strip()


def norm(text: str) -> str:
    """Comparison key: case, spacing and final punctuation do not make a different title."""
    text = clean(text).casefold()
    text = re.sub(r"\s+", " ", text)
    return text.rstrip(" .,;:")


AMOUNT_RE = re.compile(r"^\d{1,3}(\.\d{3})*,\d{2}$")


def amount(cell: str):
    """Turkish money '1.234.567,00' → Decimal; empty cell → None."""
    cell = cell.strip()
    if cell == "":
        return None
    if not AMOUNT_RE.match(cell):
        raise ValueError(f"not an amount: {cell!r}")
    return Decimal(cell.replace(".", "").replace(",", "."))


def share(cell: str) -> Decimal:
    if not re.match(r"^\d+,\d{2}$", cell):
        raise ValueError(f"not a share: {cell!r}")
    return Decimal(cell.replace(",", "."))


def indicator_value(cell: str):
    """Indicator cell → Decimal, or None for '-'. Dots group thousands, comma is decimal."""
    cell = cell.strip()
    if cell in ("-", ""):
        return None
    if re.match(r"^\d{1,3}(\.\d{3})+$", cell):
        return Decimal(cell.replace(".", ""))
    if re.match(r"^\d+(,\d+)?$", cell):
        return Decimal(cell.replace(",", "."))
    raise ValueError(f"unexpected indicator value {cell!r}")


def cells_of(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def filled(line: str) -> list[str]:
    return [c for c in cells_of(line) if c]


def after_label(line: str, label_re: str) -> str:
    """Text after a label cell such as 'Faaliyet Adı:' wherever the columns drifted."""
    parts = filled(line)
    head = re.sub(label_re, "", parts[0]).strip()
    rest = [head] if head else []
    return clean(" ".join(rest + parts[1:]))


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


class Source:
    def __init__(self, text: str):
        self.lines = text.split("\n")

    def line(self, no: int) -> str:
        return self.lines[no - 1]

    def find(self, pattern: str, start: int = 1) -> int:
        """First line number (1-based) at or after start matching pattern, tabs excluded."""
        rx = re.compile(pattern)
        for no in range(start, len(self.lines) + 1):
            text = self.lines[no - 1]
            if "\t" not in text and rx.match(text.strip()):
                return no
        raise ValueError(f"not found: {pattern}")


def cover_title(src: Source) -> str:
    """Title as printed on the inner cover: "KAYSERİ … BELEDİYESİ 2025 YILI PERFORMANS PROGRAMI"."""
    no = src.find(rf"^{YEAR} YILI PERFORMANS PROGRAMI$")
    name = next(src.line(n).strip() for n in range(no + 1, no + 4) if src.line(n).strip())
    assert name == PAGE_HEADER, name
    return f"{name} {src.line(no).strip()}"


def parse_foreword(src: Source) -> list[dict]:
    start = src.find(r"^SUNUŞ$")
    sign = src.find(r"^\*\*DR\. MEMDUH$", start)
    end = src.find(r"^1\.\s*GENEL BİLGİLER$", start)
    paragraphs = [clean(src.line(n)) for n in range(start + 1, sign) if src.line(n).strip()]
    # L50-51 repeat the signature as a caption above the text.
    assert paragraphs[1] == "Kayseri Büyükşehir Belediye Başkanı", paragraphs[:2]
    paragraphs = paragraphs[2:]
    imza_lines = [clean(src.line(n).replace("*", "")) for n in range(sign, end) if src.line(n).strip()]
    imza_lines = [l for l in imza_lines if l != "KAYSERİ BÜYÜKŞEHİR BELEDİYESİ"]
    imza = imza_lines[0] + " " + imza_lines[1] + ", " + imza_lines[2]
    return [{"baslik": "Sunuş", "metin": "\n\n".join(paragraphs), "imza": imza}]


PAGE_HEADER = "KAYSERİ BÜYÜKŞEHİR BELEDİYESİ"

# General-information tables whose printed layout needs a word of explanation.
TABLE_NOTES = {
    # L322-347: six commissions printed two per row band.
    "MECLİS KOMİSYONLARI": "Kaynakta iki sütunlu yerleşim: her sütun bir komisyon; sonraki komisyonların adları "
    "(PLAN VE BÜTÇE KOMİSYONU, ULAŞIM KOMİSYONU, …) satır olarak basılı.",
}


def section_blocks(src: Source, start: int, end: int):
    """Split lines start..end-1 into ('text', line) and ('table', [(no, line), …]) blocks."""
    blocks = []
    table = []
    for no in range(start, end):
        raw = src.line(no)
        if "\t" in raw:
            table.append((no, raw))
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if raw.strip():
            blocks.append(("text", (no, raw)))
    if table:
        blocks.append(("table", table))
    return blocks


def build_tables(blocks, section_title):
    """Turn table blocks into schema tables; keep text lines for the Markdown body."""
    texts = []
    tables = []
    for kind, content in blocks:
        if kind == "text":
            no, raw = content
            text = clean(raw)
            if text == PAGE_HEADER:
                continue
            texts.append(text)
            continue
        rows = [cells_of(raw) for _, raw in content]
        first_filled = [c for c in rows[0] if c]
        title = None
        own_title = False
        if len(first_filled) == 1 and len(rows) > 1:
            title = clean(first_filled[0])
            rows = rows[1:]
            own_title = True
        elif texts and texts[-1] is not None and len(texts[-1]) <= 60 and not texts[-1].endswith("."):
            title = texts.pop()
            own_title = True
        header = [clean(c) for c in rows[0]]
        while header and header[-1] == "":
            header.pop()
        body = []
        for r in rows[1:]:
            r = [clean(c) for c in r]
            while len(r) > len(header) and r[-1] == "":
                r.pop()
            r += [""] * (len(header) - len(r))
            body.append(r)
        prev = tables[-1] if tables else None
        # A page break repeats the header (and the caption): continue the table.
        if prev is not None and prev["_last"] and prev["sutunlar"] == header and (not own_title or title == prev["baslik"]):
            prev["satirlar"].extend(body)
            continue
        table = {"baslik": title or section_title, "sutunlar": header, "satirlar": body, "_last": True}
        if title in TABLE_NOTES:
            table["not"] = TABLE_NOTES[title]
        if not own_title:
            table["not"] = "Tablonun kaynakta kendi başlığı yok; başlık bölüm adından."
        for t in tables:
            t["_last"] = False
        tables.append(table)
        texts.append(None)  # marks where a table stood; breaks page-continuation
    for t in tables:
        t.pop("_last")
    return texts, tables


def markdown(texts: list) -> str:
    """Paragraphs separated by blank lines; consecutive '- ' items form one list."""
    out = []
    for t in texts:
        if t is None:
            continue
        item = t.startswith("- ")
        if item:
            t = "- " + t[2:].lstrip("❖ ").strip()
        if item and out and out[-1].startswith("- "):
            out[-1] += "\n" + t
        else:
            out.append(t)
    return "\n\n".join(out)


def general_heads(src: Source) -> list[tuple[int, str | None]]:
    """Where each section of Genel Bilgiler starts; "stop" where a part the site does not publish there starts."""
    body = src.find(r"^1\.\s*GENEL BİLGİLER$")
    return [
        (src.find(r"^1\.1\.\s*Yetki", body), None),
        (src.find(r"^1\.2\.\s*Teşkilat", body), None),
        (src.find(r"^1\.3\.\s*Fiziksel", body), None),
        (src.find(r"^1\.4\.\s*Bilgi ve Teknolojik", body), None),
        (src.find(r"^1\.5\.\s*İnsan", body), None),
        (src.find(r"^2\.\s*PERFORMANS BİLGİLERİ$", body), "stop"),
        (src.find(r"^2\.1\.\s*Temel Politika", body), None),
        (src.find(r"^2\.2\.\s*Amaç ve Hedefler$", body), "stop"),
        (src.find(r"^2\.2\.1\.\s*Misyon", body), None),
        (src.find(r"^2\.2\.2\.", body), "stop"),
    ]


def section_title(src: Source, start: int) -> str:
    return re.sub(r"^(\d+(\.\d+)*\.)\s*", r"\1 ", clean(src.line(start)))


def parse_general(src: Source) -> list[dict]:
    """Genel Bilgiler 1.1–1.5, plus 2.1 and 2.2.1 (mission, vision, values) which have no own field."""
    heads = general_heads(src)
    sections = []
    for (start, kind), (end, _) in zip(heads, heads[1:]):
        if kind == "stop":
            continue
        title = section_title(src, start)
        texts, tables = build_tables(section_blocks(src, start + 1, end), re.sub(r"^[\d.]+\s*", "", title))
        section = {"baslik": title, "metin": markdown(texts) or None, "tablolar": tables}
        if title.startswith("2."):
            section["not"] = "Performans Bilgileri bölümünden; şemada ayrı alanı yok."
        sections.append(section)
    return sections


def parse_aims_section(src: Source):
    """2.2.2: service-area headings, S.A.n and S.H.n.m as printed there."""
    start = src.find(r"^2\.2\.2\.")
    end = src.find(r"^2\.3\.\s*Performans Hedef", start)
    aims, goals, areas = {}, {}, {}
    area = None
    for no in range(start + 1, end):
        text = src.line(no).strip()
        if not text:
            continue
        m = re.match(r"^S\.A\.\s*(\d+):\s*(.+)$", text)
        if m:
            aims[m.group(1)] = clean(m.group(2))
            areas[m.group(1)] = area
            continue
        m = re.match(r"^S\.H\.(\d+\.\d+):\s*(.+)$", text)
        if m:
            goals[m.group(1)] = clean(m.group(2))
            continue
        area = clean(text)
    return aims, goals, areas


def parse_area_titles(src: Source) -> dict[str, str]:
    """2.3.1–2.3.7 headings, the service areas as the document titles them, keyed by their lower case."""
    start = src.find(r"^2\.3\.\s*Performans Hedef")
    titles = {}
    for no in range(start + 1, src.find(r"^2\.4\.\s*İdare Performans Tablosu")):
        m = re.match(r"^2\.3\.\d\.\s+(.+)$", src.line(no).strip())
        if m:
            title = clean(m.group(1))
            titles[turkish.lower(title)] = title
    return titles


def parse_targets(src: Source):
    """2.3: Performans Hedefi Tabloları, each followed by its Faaliyet Maliyet Tabloları."""
    start = src.find(r"^2\.3\.\s*Performans Hedef")
    end = src.find(r"^2\.4\.\s*İdare Performans Tablosu")
    targets = []
    ph = fmt = None
    mode = None
    money_cols = None
    columns = None
    for no in range(start + 1, end):
        raw = src.line(no)
        parts = filled(raw)
        if not parts:
            continue
        head = parts[0]
        if head in ("PERFORMANS HEDEFİ TABLOSU", "ERFORMANS HEDEFİ TABLOSU"):  # L1281 lost its "P"
            ph = {"line": no, "indicators": [], "activities": [], "fmts": [], "aciklama": None}
            targets.append(ph)
            fmt = None
            mode = "head"
            continue
        if head == "FAALİYET MALİYET TABLOSU":
            fmt = {"line": no, "codes": [], "aciklama": None}
            ph["fmts"].append(fmt)
            mode = "fmt"
            continue
        if re.match(r"^2\.3\.\d+\.", head):
            continue
        if head == "İdare Adı:":
            continue
        if fmt is not None:
            parse_fmt_line(fmt, no, raw, parts)
            continue
        m = re.match(r"^Stratejik Amaç (\d+):$", head)
        if m:
            ph["aim"] = (m.group(1), clean(" ".join(parts[1:])))
            continue
        m = re.match(r"^Stratejik Hedef (\d+\.\d+):$", head)
        if m:
            ph["goal"] = (m.group(1), clean(" ".join(parts[1:])))
            continue
        m = re.match(r"^Performans Hedefi \((\d+)\):$", head)
        if m:
            ph["kod"] = m.group(1)
            ph["ad"] = clean(" ".join(parts[1:]))
            continue
        if head.startswith("Açıklamalar") or head.startswith("<i>Açıklamalar"):
            text = after_label(raw, r"^(<i>)?Açıklamalar:(</i>)?\s*(:\s*)?")
            if mode == "head":
                ph["aciklama"] = text or None
            elif mode == "indicators":
                ph["indicators"][-1]["aciklama"] = text or None
            else:
                raise ValueError(f"L{no}: Açıklamalar in {mode}")
            continue
        if head.startswith("<ul"):
            if no not in UL_ITEMS:
                raise ValueError(f"L{no}: unlisted <ul> block")
            joined = clean(re.sub(r"<ul[^>]*>", "", raw))
            if norm(" ".join(UL_ITEMS[no])) != norm(joined):
                raise ValueError(f"L{no}: <ul> items do not match the source")
            ind = ph["indicators"][-1]
            assert ind["aciklama"] is None
            ind["aciklama"] = "\n".join("- " + item for item in UL_ITEMS[no])
            ind["ul_line"] = no
            continue
        if head == "Performans Göstergeleri":
            mode = "indicators"
            columns = [clean(c) for c in parts[1:]]
            continue
        if head == "Faaliyetler":
            mode = "activities_head"
            continue
        if mode == "activities_head":
            cells = cells_of(raw)
            assert [c for c in cells if c] == ["Bütçe", "Bütçe Dışı", "Toplam"], (no, raw)
            money_cols = [cells.index("Bütçe"), cells.index("Bütçe Dışı"), cells.index("Toplam")]
            mode = "activities"
            continue
        if mode == "indicators" and re.match(r"^\d{4} ", head):
            columns = [clean(c) for c in parts]
            continue
        if mode == "indicators" and re.match(r"^\d+$", head):
            values = parts[2:]
            if len(values) != 3:
                raise ValueError(f"L{no}: indicator with {len(values)} values")
            ph["indicators"].append(
                {"line": no, "kod": head, "ad": clean(parts[1]), "values": values, "aciklama": None, "columns": columns}
            )
            continue
        if mode == "activities" and (re.match(r"^\d+$", head) or head == "Genel Toplam"):
            cells = cells_of(raw)
            nums = [amount(cells[i]) if i < len(cells) else None for i in money_cols]
            row = {"line": no, "butce": nums[0], "butce_disi": nums[1], "toplam": nums[2]}
            # every cell after the label/name must be one of the three money cells or empty
            others = [c for i, c in enumerate(cells) if c and i not in money_cols][1 if head == "Genel Toplam" else 2 :]
            if others:
                raise ValueError(f"L{no}: unexpected cells {others}")
            if head == "Genel Toplam":
                ph["total"] = row
                mode = None
            else:
                row["no"] = head
                row["ad"] = clean(parts[1])
                ph["activities"].append(row)
            continue
        raise ValueError(f"L{no}: unparsed line in PH table: {raw!r}")
    return targets


def parse_fmt_line(fmt: dict, no: int, raw: str, parts: list[str]) -> None:
    head = parts[0]
    m = re.match(r"^Performans Hedefi \((\d*)\):$", head)
    if m:
        fmt["ph_label"] = m.group(1)
        fmt["ph_label_line"] = no
        fmt["ph_title"] = clean(" ".join(parts[1:]))
        return
    if head == "Faaliyet Adı:":
        fmt["ad"] = clean(" ".join(parts[1:]))
        fmt["ad_line"] = no
        return
    if head == "Sorumlu Harcama Birimi:":
        fmt["birim"] = clean(" ".join(parts[1:]))
        return
    if head.startswith("Açıklamalar") or head.startswith("<i>Açıklamalar"):
        fmt["aciklama"] = after_label(raw, r"^(<i>)?Açıklamalar:(</i>)?\s*") or None
        return
    if head == "Ekonomik Kod":
        return
    m = re.match(r"^(0[1-9])(?:\s+(.+))?$", head)
    if m:
        name = m.group(2) or parts[1]
        fmt["codes"].append({"kod": m.group(1), "ad": clean(name), "tutar": amount(parts[-1])})
        return
    labels = {
        "Toplam Bütçe Kaynak İhtiyacı": "butce_toplami",
        "Toplam Bütçe Dışı Kaynak İhtiyacı": "butce_disi_toplami",
        "Toplam Kaynak İhtiyacı": "toplam",
    }
    if head in labels:
        assert len(parts) == 2, (no, raw)
        fmt[labels[head]] = amount(parts[1])
        return
    offbudget = {"Döner Sermaye": "doner_sermaye", "Diğer Yurt İçi": "diger_yurt_ici", "Yurt Dışı": "yurt_disi"}
    rest = parts[1:] if head == "Bütçe Dışı Kaynak" else parts
    if rest and rest[0] in offbudget:
        assert len(rest) == 2, (no, raw)
        fmt[offbudget[rest[0]]] = amount(rest[1])
        return
    raise ValueError(f"L{no}: unparsed FMT line {raw!r}")


def parse_administration(src: Source):
    """2.4 İdare Performans Tablosu: PH rows, activity rows (global numbers), totals."""
    start = src.find(r"^2\.4\.\s*İdare Performans Tablosu")
    end = src.find(r"^2\.5\.\s*Toplam Kaynak")
    rows, totals = [], {}
    labels = {
        "Performans Hedefleri Maliyetleri Toplamı": "performans_hedefleri_toplami",
        "Genel Yönetim Giderleri": "genel_yonetim_giderleri",
        "Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı": "diger_idarelere_transfer",
        "Genel toplam": "genel_toplam",
    }
    intro = None
    for no in range(start + 1, end):
        raw = src.line(no)
        cells = cells_of(raw)
        parts = [c for c in cells if c]
        if not parts:
            continue
        if "\t" not in raw:
            intro = clean(raw)
            continue
        if parts[0] in ("Performans Hedefi", "TL"):
            continue
        values = parts[-6:]
        money = {
            "butce": amount(values[0]),
            "butce_payi": share(values[1]),
            "butce_disi": amount(values[2]),
            "butce_disi_payi": share(values[3]),
            "toplam": amount(values[4]),
            "toplam_payi": share(values[5]),
        }
        if parts[0] in labels:
            assert len(parts) == 7, (no, raw)
            totals[labels[parts[0]]] = money
        elif cells[0]:
            assert len(parts) == 8 and cells[0].isdigit(), (no, raw)
            rows.append({"ph": cells[0], "ad": clean(parts[1]), "money": money, "activities": [], "line": no})
        else:
            assert len(parts) == 8 and cells[1].isdigit(), (no, raw)
            rows[-1]["activities"].append({"no": cells[1], "ad": clean(parts[1]), "money": money, "line": no})
    return intro, rows, totals


def parse_resource_need(src: Source) -> dict:
    """2.5 Toplam Kaynak İhtiyacı: code rows, bütçe dışı rows and totals."""
    start = src.find(r"^2\.5\.\s*Toplam Kaynak")
    end = src.find(r"^2\.6\.")
    cols = ["faaliyet", "genel_yonetim", "diger_idarelere_transfer", "toplam"]
    result = {"butce": [], "butce_disi": []}
    notes = []
    for no in range(start + 1, end):
        raw = src.line(no)
        parts = filled(raw)
        if not parts or parts[0] in (PAGE_HEADER, "Bütçe Kaynak İhtiyacı"):
            continue
        nums = [p for p in parts if AMOUNT_RE.match(p)]
        labels = [p for p in parts if not AMOUNT_RE.match(p)]
        if no == TKI_LOST_CELL_LINE:
            assert labels == ["Toplam Bütçe Dışı Kaynak İhtiyacı"] and len(nums) == 3, raw
            values = dict(zip(cols, [amount(n) for n in nums] + [None]))
            result["butce_disi_toplami"] = values
            notes.append(
                "Toplam Bütçe Dışı Kaynak İhtiyacı satırında dört sütun için üç tutar basılı (900.000.000,00 / 0,00 / 0,00); "
                "ilk üç sütuna yazıldı, Genel Toplam hücresi kaynakta yok (null)."
            )
            continue
        assert len(nums) == 4, (no, raw)
        values = dict(zip(cols, [amount(n) for n in nums]))
        if re.match(r"^0[1-9]$", labels[0]):
            result["butce"].append({"kod": labels[0], "ad": clean(labels[1]), **values})
        elif labels[0] == "Toplam Bütçe Kaynak İhtiyacı":
            result["butce_toplami"] = values
        elif labels[0] == "Toplam Kaynak İhtiyacı":
            result["genel_toplam"] = values
        else:
            name = labels[-1]
            assert name in ("Döner Sermaye", "Diğer Yurt İçi", "Yurt Dışı"), raw
            result["butce_disi"].append({"ad": name, **values})
    result["not"] = " ".join(notes)
    return result


def parse_unit_table(src: Source):
    """2.6: P.H.n rows with their activities and one responsible unit."""
    start = src.find(r"^2\.6\.")
    rows = []
    for no in range(start + 1, len(src.lines) + 1):
        raw = src.line(no)
        if "\t" not in raw:
            if rows and raw.strip() and not raw.strip().startswith("2.6"):
                if src.line(no).strip() == "Kayseri Büyükşehir Belediyesi":
                    break
            continue
        cells = cells_of(raw)
        if cells[0] == "PERFORMANS HEDEFİ":
            continue
        m = re.match(r"^P\.H\.(\d+):$", cells[0])
        if m:
            rows.append({"ph": m.group(1), "ad": clean(cells[1]), "faaliyetler": [], "lines": [], "birimler": [], "line": no})
        else:
            assert cells[0] == "" and cells[1] == "", (no, raw)
        if len(cells) > 2 and cells[2]:
            rows[-1]["faaliyetler"].append(clean(cells[2]))
            rows[-1]["lines"].append(no)
        if len(cells) > 3 and cells[3]:
            rows[-1]["birimler"].append(clean(cells[3]))
    return rows


# ---------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------


def add_variant(entry: dict, text: str) -> None:
    if norm(text) != norm(entry["ad"]) and all(norm(text) != norm(v) for v in entry["varyantlar"]):
        entry["varyantlar"].append(text)


def column_spec(header: list[str]) -> list[dict]:
    kinds = {"Gerçekleşen": "gerceklesen", "Tahmin": "tahmin", "Hedef": "hedef"}
    out = []
    for h in header:
        year, kind = h.split(" ", 1)
        out.append({"yil": int(year), "tur": kinds[kind], "baslik": h})
    return out


def build(seed: Path) -> dict:
    src = Source(seed.read_text(encoding="utf-8"))
    aims_text, goals_text, areas = parse_aims_section(src)
    area_titles = parse_area_titles(src)
    targets = parse_targets(src)
    ipt_intro, ipt_rows, ipt_totals = parse_administration(src)
    tki = parse_resource_need(src)
    unit_rows = parse_unit_table(src)

    assert len(targets) == 32 and [t["kod"] for t in targets] == [str(i) for i in range(1, 33)]
    assert len(ipt_rows) == 32 and len(unit_rows) == 32

    columns = targets[0]["indicators"][0]["columns"]
    for t in targets:
        for ind in t["indicators"]:
            assert ind["columns"] == columns, ind["line"]

    aims: dict[str, dict] = {}
    goals: dict[str, dict] = {}
    units: dict[str, dict] = {}
    seen_wrong_labels = {}
    seen_copied = {}
    seen_conflicts = set()

    for t, ipt, u in zip(targets, ipt_rows, unit_rows):
        aim_code, aim_text = t["aim"]
        goal_code, goal_text = t["goal"]
        assert goal_code.split(".")[0] == aim_code
        if aim_code not in aims:
            aims[aim_code] = {"kod": aim_code, "ad": aim_text, "varyantlar": [], "hedefler": []}
            aims[aim_code]["hizmet_alani"] = area_titles[turkish.lower(areas[aim_code])]
        aim = aims[aim_code]
        add_variant(aim, aim_text)
        if goal_code not in goals:
            goal = {"kod": goal_code, "ad": goal_text, "varyantlar": [], "performans_hedefleri": []}
            goals[goal_code] = goal
            aim["hedefler"].append(goal)
        goal = goals[goal_code]
        add_variant(goal, goal_text)

        target = {"kod": t["kod"], "ad": t["ad"], "varyantlar": []}
        notes = []
        if t["aciklama"]:
            target["aciklama"] = t["aciklama"]

        indicators = []
        for ind in t["indicators"]:
            values = {}
            cell_notes = []
            for col, cell in zip(columns, ind["values"]):
                year = int(col.split()[0])
                if (ind["line"], year) in INDICATOR_CELL_READINGS:
                    printed, value, note = INDICATOR_CELL_READINGS[(ind["line"], year)]
                    assert cell == printed, (ind["line"], cell)
                    values[year] = value
                    cell_notes.append(note)
                else:
                    values[year] = indicator_value(cell)
            entry = {"kod": ind["kod"], "ad": ind["ad"], "birim": unit_of(ind["ad"]), "degerler": values}
            if ind["aciklama"]:
                entry["aciklama"] = ind["aciklama"]
            if cell_notes:
                entry["not"] = " ".join(cell_notes)
            if "ul_line" in ind:
                entry["not"] = (
                    f"Açıklama kaynakta madde işaretleri kaybolmuş bir HTML listesi (L{ind['ul_line']}); maddelere ayırma bizim."
                )
            indicators.append(entry)
        target["gostergeler"] = indicators

        if len(t["fmts"]) != len(t["activities"]):
            raise ValueError(f"PH {t['kod']}: {len(t['fmts'])} FMT for {len(t['activities'])} activities")
        if len(ipt["activities"]) != len(t["activities"]):
            raise ValueError(f"PH {t['kod']}: IPT activity count differs")
        assert ipt["ph"] == t["kod"] and u["ph"] == t["kod"]

        # PH title variants: FMT labels, IPT, 2.6
        for f in t["fmts"]:
            add_variant(target, f["ph_title"])
        add_variant(target, ipt["ad"])
        add_variant(target, u["ad"])

        activities = []
        unit_names = []
        for i, (a, f, ia) in enumerate(zip(t["activities"], t["fmts"], ipt["activities"])):
            act = {"kod": ia["no"], "ad": a["ad"], "varyantlar": []}
            anotes = []
            label = f["ph_label"]
            if label != t["kod"]:
                seen_wrong_labels[f["ph_label_line"]] = (label, t["kod"])
                anotes.append(
                    f"Faaliyet Maliyet Tablosunda performans hedefi \"({label})\" yazılı (L{f['ph_label_line']}); "
                    f"sırası ve tutarı Performans Hedefi ({t['kod']}) tablosuna ait olduğunu gösteriyor."
                )
            if f["ad_line"] in FMT_COPIED_NAME:
                assert f["ad"] == FMT_COPIED_NAME[f["ad_line"]]
                seen_copied[f["ad_line"]] = f["ad"]
                anotes.append(
                    f"Faaliyet Maliyet Tablosunda faaliyet adı \"{f['ad']}\" yazılı (L{f['ad_line']}), bir önceki tablonun kopyası; "
                    "sıra ve tutar bu faaliyete ait olduğunu gösteriyor."
                )
            else:
                if not _similar(f["ad"], a["ad"]):
                    raise ValueError(f"L{f['ad_line']}: FMT name {f['ad']!r} unlike {a['ad']!r}")
                add_variant(act, f["ad"])
            add_variant(act, ia["ad"])
            unit = f["birim"]
            act["sorumlu_birim"] = unit
            if unit not in units:
                units[unit] = {"ad": unit, "varyantlar": []}
            if unit not in unit_names:
                unit_names.append(unit)
            act["maliyet"] = {"butce": a["butce"], "butce_disi": a["butce_disi"], "toplam": a["toplam"]}
            if a["butce_disi"] is None:
                anotes.append("Performans hedefi tablosunda Bütçe Dışı hücresi boş.")
            table = {
                "ekonomik_kodlar": f["codes"],
                "butce_toplami": f.get("butce_toplami"),
                "butce_disi": {
                    "doner_sermaye": f.get("doner_sermaye"),
                    "diger_yurt_ici": f.get("diger_yurt_ici"),
                    "yurt_disi": f.get("yurt_disi"),
                },
                "butce_disi_toplami": f.get("butce_disi_toplami"),
                "toplam": f.get("toplam"),
            }
            if f["aciklama"]:
                table["aciklama"] = f["aciklama"]
            act["maliyet_tablosu"] = table
            if anotes:
                act["not"] = " ".join(anotes)
            activities.append(act)

        # 2.6 lists activities by PH; its wordings become variants where they
        # are the same activity, notes where they contradict.
        for idx, (name, line) in enumerate(zip(u["faaliyetler"], u["lines"])):
            if any(_matches(name, act) for act in activities):
                continue
            if line in UNIT_TABLE_CONFLICTS:
                assert UNIT_TABLE_CONFLICTS[line] == t["kod"]
                act = activities[idx]
                seen_conflicts.add(line)
                extra = f"2.6 tablosunda bu sırada \"{name}\" yazılı (L{line}); performans hedefi tablosu ve İdare Performans Tablosu bu adı kullanıyor."
                act["not"] = (act.get("not", "") + " " + extra).strip()
            elif idx < len(activities) and _similar(name, activities[idx]["ad"]):
                add_variant(activities[idx], name)
            else:
                raise ValueError(f"L{line}: 2.6 activity {name!r} not matched")
        # İdare Performans Tablosu activity rows: amounts must be those of the PH table.
        for a, ia, act in zip(t["activities"], ipt["activities"], activities):
            m = ia["money"]
            if (m["butce"], m["butce_disi"] if a["butce_disi"] is not None else None, m["toplam"]) != (a["butce"], a["butce_disi"], a["toplam"]):
                raise ValueError(f"L{ia['line']}: İdare Performans Tablosu amounts differ from the PH table (L{a['line']})")
        target["sorumlu_birimler"] = unit_names
        target["faaliyetler"] = activities
        tot = t["total"]
        target["maliyet"] = {"butce": tot["butce"], "butce_disi": tot["butce_disi"], "toplam": tot["toplam"]}
        if tot["butce_disi"] is None:
            notes.append("Genel Toplam satırında Bütçe Dışı hücresi boş.")

        for uname in u["birimler"]:
            canonical = UNIT_VARIANTS.get(uname, uname)
            if canonical not in unit_names:
                raise ValueError(f"PH {t['kod']}: 2.6 unit {uname!r} is not among its FMT units {unit_names}")
            if uname != canonical:
                if uname not in units[canonical]["varyantlar"]:
                    units[canonical]["varyantlar"].append(uname)
        missing = [a["ad"] for a in activities if not any(_matches(n, a) for n in u["faaliyetler"])]
        if missing:
            notes.append(
                "2.6 Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo bu faaliyet(ler)i listelemiyor: " + "; ".join(missing) + "."
            )
        if notes:
            target["not"] = " ".join(notes)
        goal["performans_hedefleri"].append(target)

    if seen_wrong_labels != FMT_WRONG_PH_LABEL:
        raise ValueError(f"FMT label mismatches differ from the documented list: {seen_wrong_labels}")
    if seen_conflicts != set(UNIT_TABLE_CONFLICTS):
        raise ValueError("2.6 conflicts differ from the documented list")
    if set(seen_copied) != set(FMT_COPIED_NAME):
        raise ValueError("copied FMT name not found")

    # 2.2.2 wording of aims/goals as variants
    for code, text in aims_text.items():
        add_variant(aims[code], text)
    for code, text in goals_text.items():
        add_variant(goals[code], text)
    assert set(aims_text) == set(aims) and set(goals_text) == set(goals)

    administration = {
        "satirlar": [
            {
                "performans_hedefi": r["ph"],
                "faaliyetler": [a["ad"] for a in r["activities"]],
                **r["money"],
                "faaliyet_satirlari": [{**a["money"], "kod": a["no"], "ad": a["ad"]} for a in r["activities"]],
            }
            for r in ipt_rows
        ],
        **ipt_totals,
        "not": "Tablonun faaliyet satırlarındaki tutarlar performans hedefi tablolarındaki faaliyet tutarlarıyla aynı (betik denetliyor; "
        "boş Bütçe Dışı hücreleri burada 0,00); faaliyet satırları tutarları ve paylarıyla faaliyet_satirlari altında. Faaliyetlerin bu tablodaki "
        "genel sıra numarası (1-123) faaliyet kodu olarak kullanıldı. Giriş metni: " + ipt_intro,
    }

    # Faaliyet column of the TKİ by code against the sum of the FMTs' code lines.
    code_sums: dict[str, Decimal] = {}
    for aim in aims.values():
        for goal in aim["hedefler"]:
            for target in goal["performans_hedefleri"]:
                for act in target["faaliyetler"]:
                    for line in act["maliyet_tablosu"]["ekonomik_kodlar"]:
                        code_sums[line["kod"]] = code_sums.get(line["kod"], Decimal(0)) + line["tutar"]
    diffs = [
        f"{r['kod']} {r['ad']}: tabloda {tr_amount(r['faaliyet'])}, faaliyet maliyet tablolarının toplamı {tr_amount(code_sums.get(r['kod'], Decimal(0)))}"
        for r in tki["butce"]
        if r["faaliyet"] != code_sums.get(r["kod"], Decimal(0))
    ]
    if diffs:
        tki["not"] += " Faaliyet Toplamı sütunu ekonomik kod bazında faaliyet maliyet tablolarıyla uyuşmuyor (toplamlar aynı): " + "; ".join(diffs) + "."

    need = {
        "butce": tki["butce"],
        "butce_toplami": tki["butce_toplami"],
        "butce_disi": tki["butce_disi"],
        "butce_disi_toplami": tki["butce_disi_toplami"],
        "genel_toplam": tki["genel_toplam"],
        "not": tki["not"],
    }

    unit_table = {
        "satirlar": [{"performans_hedefi": r["ph"], "faaliyetler": r["faaliyetler"], "birimler": r["birimler"]} for r in unit_rows],
        "not": "Birim adları bu tabloda basıldığı gibi; bazıları Faaliyet Maliyet Tablolarındaki adlardan farklı (birimler listesinde varyant olarak).",
    }

    program = {
        "belediye": {
            "ad": "Kayseri Büyükşehir Belediyesi",
            "slug": SLUG,
            "il": "Kayseri",
            "tur": "buyuksehir",
            "web": "www.kayseri.bel.tr",
        },
        "yil": YEAR,
        "kaynak": {
            "baslik": cover_title(src),
            "tarih": None,
            "sayfa_sayisi": None,
            "meclis_karari": None,
            "url": "www.kayseri.bel.tr",
            "dosya": seed.name,
        },
        "gosterge_sutunlari": column_spec(columns),
        "sunus": parse_foreword(src),
        "genel_bilgiler": parse_general(src),
        "birimler": sorted(units.values(), key=lambda u: u["ad"]),
        "amaclar": list(aims.values()),
        "idare_performans_tablosu": administration,
        "toplam_kaynak_ihtiyaci": need,
        "harcama_birimleri_tablosu": unit_table,
        "duzeltmeler": corrections(src),
        "not": (
            "Kaynakta tarih, sayfa sayısı ve meclis kararı yok. Metin onarımları yalnızca PDF çıkarımı hatalarıdır: "
            "ř→ş, đ→ğ (5216 s. Kanun md. 7 bentleri), m² üst simgesinden önceki boşluk, satır sonu hecelemesi, HTML etiketleri."
        ),
    }
    return program


def unit_of(name: str):
    """The unit printed in the indicator name's last parentheses ("(yıl/ha)");
    "(adet) (Birikimli)" puts a qualifier last, so the unit is the group before it."""
    groups = re.findall(r"\(([^()]*)\)", name)
    if not name.rstrip().endswith(")") or not groups:
        return None
    if groups[-1].casefold() == "birikimli" and len(groups) > 1:
        return groups[-2]
    return groups[-1]


def tr_amount(value: Decimal) -> str:
    """Amount in the document's own format, for notes."""
    whole, frac = f"{value:.2f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def _matches(name: str, act: dict) -> bool:
    return norm(name) == norm(act["ad"]) or any(norm(name) == norm(v) for v in act["varyantlar"])


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, norm(a), norm(b)).ratio() >= 0.6


def prune(value):
    """Drop None/empty optional keys so the YAML shows what the source states."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = prune(v)
            if v is None and k not in KEEP_NULL and not isinstance(k, int):
                continue
            if v == [] and k in ("varyantlar", "tablolar", "alt_kalemler"):
                continue
            if v == "" and k == "not":
                continue
            out[k] = v
        return out
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def plain(value):
    """Enums → their values, so the YAML writer sees only plain data."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


# Keys whose null is information (the source's empty cell), not absence.
KEEP_NULL = {
    "butce", "butce_disi", "toplam", "tutar", "faaliyet", "genel_yonetim", "diger_idarelere_transfer",
    "doner_sermaye", "diger_yurt_ici", "yurt_disi", "butce_toplami", "butce_disi_toplami",
}


def main(argv: list[str]) -> int:
    seed = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    out = Path(argv[2]) if len(argv) > 2 else REPO / "programs" / SLUG / f"{YEAR}.yml"
    data = prune(build(seed))
    program = Program.model_validate(data)
    # Round-trip through the model: keys come out in the schema's order.
    data = plain(program.model_dump(mode="python", by_alias=True, exclude_unset=True))
    header = f"# Kayseri Büyükşehir Belediyesi {YEAR} Performans Programı, tools/kayseri.py ile {seed.name} dosyasından üretildi.\n"
    dump(data, out, header=header)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
