"""Transcribe Kars Belediyesi's 2024 Performans Programı (seed 002) into program YAML.

Usage: python tools/kars.py [SEED_PATH] [OUT_PATH]

The seed is text extracted from the published PDF: tab-separated table rows,
Markdown-ish headings, ``<b>`` tags, page breaks as runs of blank lines. The
script parses by labels and codes (``PERFORMANS HEDEFİ TABLOSU``, ``PG.``,
``F.``, ``Ekonomik Kod`` …), never by absolute line numbers, except in the
commented override tables below, where one-off decisions are made explicit.
Every figure is kept per source table (performance-target table, Faaliyet
Maliyetleri, İdare Performans Tablosu, Tablo 11): they disagree, and the audit
shows it.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter, OrderedDict
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "generator"))
sys.path.insert(0, str(REPO / "tools"))

from seffaf.schema import Program  # noqa: E402
from repairs import entries, part_of, word_repairs  # noqa: E402
from seffaf.yamlout import dump  # noqa: E402

SEED_NAME = "002_63d8b152ad89639f.txt"
DEFAULT_SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / SEED_NAME
YEAR = 2024
SLUG = "kars"

# Letters damaged by the PDF text extraction (only in the PH 3.x tables and
# F.4.5.1): Czech/Croatian letters and Cyrillic look-alikes standing for
# Turkish ones. Nothing else is "corrected".
CHAR_REPAIRS = {
    "ř": "ş",
    "đ": "ğ",
    "л": "l",  # Cyrillic el
    "ы": "ı",  # Cyrillic yeru
    "п": "p",  # Cyrillic pe
}

# One-off repairs of extraction damage, by source line (1-based):
# (line, printed text, repaired text). Each must still be found in its line.
LINE_FIXES = [
    # A space inside a word ("i ş" for "iş") in the Faaliyet Maliyetleri,
    # İdare Performans and Ekler tables; the PH table (l.912) has "iş".
    (1603, "Araçve i ş makinelerinin", "Araçve iş makinelerinin"),
    (3161, "Araçve i ş makinelerinin", "Araçve iş makinelerinin"),
    (3301, "Araç ve i ş makinelerinin", "Araç ve iş makinelerinin"),
    (3352, "biçimde, i şyeri açma", "biçimde, işyeri açma"),
    (3318, "minyatürle r hazırlanarak", "minyatürler hazırlanarak"),
    # "- oluşur." is the end of the Madde 33 sentence, not a third list item.
    (258, "- oluşur.", "oluşur."),
]

# The İdare Performans Tablosu's PH cell for PH 1.4 is split by a page break:
# the first half stands on l.3161 (row F.1.4.1), the second on l.3165 (row
# F.1.4.2). Key: line of the second half; value: line of the first half.
IPT_SPLIT_LABELS = {3165: 3161}

# Activities without a Faaliyet Maliyetleri table (or with an empty unit
# cell there): the responsible unit is taken from the Ekler table, row as
# printed (source line of the Ekler row). Ekler rows are misaligned elsewhere,
# so it is used only where the cost tables say nothing.
UNIT_FROM_EKLER = {
    "F.1.1.3": 3292,  # FM table l.1497 has an empty Sorumlu Harcama Birimi cell
    "F.1.3.1": 3296,
    "F.1.3.2": 3297,
    "F.1.3.3": 3298,
    "F.1.3.4": 3299,
    "F.4.4.1": 3340,
    "F.4.4.2": 3341,
    "F.4.4.3": 3342,
    "F.4.5.1": 3343,
}

ECONOMIC_NAMES = {}  # filled from the tables as printed


# ---------------------------------------------------------------- low level


def load_lines(path: Path) -> list[str]:
    """Source lines, 1-based (index 0 unused), with the override table applied."""
    lines = [""] + path.read_text(encoding="utf-8").split("\n")
    for number, old, new in LINE_FIXES:
        if old not in lines[number]:
            raise SystemExit(f"l.{number}: override text {old!r} not found; seed changed?")
        lines[number] = lines[number].replace(old, new, 1)
    return [repair(line) for line in lines]


def corrections(seed: Path, part) -> list[dict]:
    """Every repair above as the program file records it, with its source lines and part of the document."""
    raw = [""] + seed.read_text(encoding="utf-8").split("\n")
    damaged = [(n, t) for n, t in enumerate(raw) if any(c in t for c in CHAR_REPAIRS)]
    letters = entries(word_repairs(damaged, repair), "PDF'ten metin çıkarılırken bozulan harf (ř, đ ya da Kiril harfi) düzeltildi", part)
    return letters + entries(
        ((n, old, new) for n, old, new in LINE_FIXES), "PDF'ten metin çıkarılırken kelimenin içine düşen boşluk ya da satır başı işareti kaldırıldı", part
    )


def repair(text: str) -> str:
    for bad, good in CHAR_REPAIRS.items():
        text = text.replace(bad, good)
    return text


def clean(text: str) -> str:
    """A cell's text without HTML bold tags and surrounding blanks."""
    text = re.sub(r"</?b>", "", text)
    return re.sub(r"\s+", " ", text).strip()


def cells(line: str) -> list[str]:
    return [clean(c) for c in line.split("\t")]


def filled(line: str) -> list[str]:
    """The non-empty cells of a table row (labels drift between columns)."""
    return [c for c in cells(line) if c]


NUMBER = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


def number(text: str | None) -> Decimal | None:
    """A Turkish-format number ("30.000.000,00", "52560,00", "20%") or None for "-" / empty."""
    if text is None:
        return None
    text = clean(text).replace("%", "").strip()
    if text in ("", "-"):
        return None
    if not NUMBER.match(text):
        raise ValueError(f"not a number: {text!r}")
    return Decimal(text.replace(".", "").replace(",", "."))


def find(lines: list[str], pattern: str, start: int = 1) -> int:
    """Line number of the first line at or after start matching the regex."""
    rx = re.compile(pattern)
    for n in range(start, len(lines)):
        if rx.search(lines[n]):
            return n
    raise SystemExit(f"pattern not found: {pattern}")


def norm(text: str) -> str:
    """Comparison key for names: case, punctuation and blanks ignored."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def add_variant(variants: list[str], canonical: str, text: str) -> None:
    text = text.strip()
    if text and text != canonical and text not in variants:
        variants.append(text)


# ---------------------------------------------------------------- sections


def parse_cover(lines: list[str]) -> dict:
    web = None
    for n in range(1, find(lines, r"^## Değerli Hemşehrilerim")):
        if lines[n].startswith("**Web:**"):
            m = next(i for i in range(n + 1, n + 4) if lines[i].strip())
            web = lines[m].strip().strip("*")
    return {"web": web}


def parse_foreword(lines: list[str]) -> dict:
    """The mayor's foreword, preceded on its page by an Atatürk quotation."""
    start = find(lines, r"^## Değerli Hemşehrilerim")
    end = find(lines, r"^## İçindekiler")
    quote_line = find(lines, r"^\*“Uygarlık")
    quote = lines[quote_line].strip().strip("*")
    author = lines[find(lines, r"^\*K\. Atatürk\*", quote_line)].strip().strip("*")
    paras, signature = [], []
    for n in range(start + 1, end):
        text = lines[n].strip()
        if not text:
            continue
        if text.startswith("**"):
            signature.append(text.strip("*").strip())
        else:
            paras.append(text)
    metin = f"> {quote}\n>\n> {author}\n\n" + "\n\n".join(paras)
    return {
        "baslik": lines[start].lstrip("#").strip(),
        "metin": metin,
        "imza": ", ".join(signature),
    }


FIGURE = re.compile(r"^Şekil \d+ ")
LETTER_ITEM = re.compile(r"^[a-zçğıöşü]\) ")


def markdown(lines: list[str], start: int, end: int) -> tuple[str, list[str]]:
    """Markdown for a prose range: page breaks rejoined, list items normalised.

    Returns the text and the figure captions dropped (figures are images; the
    text has only their captions and chart legends).
    """
    blocks: list[str] = []
    figures: list[str] = []
    blank_run = 0
    for n in range(start, end):
        raw = lines[n]
        text = raw.strip()
        if not text:
            blank_run += 1
            continue
        if FIGURE.match(text):
            figures.append(text)
            blank_run = 0
            continue
        if text.startswith("■") or text == "---" or text == "-":
            continue
        if text.startswith("#"):
            level, _, title = text.partition(" ")
            text = f"{level} {title.replace('**', '').strip()}"
        elif text.startswith("- ") or LETTER_ITEM.match(text):
            if not text.startswith("- "):
                text = "- " + text
        previous = blocks[-1] if blocks else ""
        # A paragraph cut by a page break: it ends without punctuation and
        # the next page goes on in lower case.
        if (
            blank_run >= 2
            and previous
            and not previous.startswith("#")
            and previous[-1] not in ".:;!?”\""
            and text[0].islower()
        ):
            blocks[-1] = previous + " " + text
        else:
            blocks.append(text)
        blank_run = 0
    text = ""
    for i, block in enumerate(blocks):
        if i:
            tight = block.startswith("- ") and blocks[i - 1].startswith("- ")
            text += "\n" if tight else "\n\n"
        text += block
    return text, figures


def table_rows(lines: list[str], start: int) -> tuple[list[list[str]], int]:
    """Consecutive tab-separated rows from start (blank lines before them allowed)."""
    n = start
    while n < len(lines) and not lines[n].strip():
        n += 1
    rows = []
    while n < len(lines) and "\t" in lines[n]:
        rows.append(cells(lines[n]))
        n += 1
    return rows, n


def strip_trailing(row: list[str], width: int) -> list[str]:
    row = list(row)
    while len(row) > width and row[-1] == "":
        row.pop()
    while len(row) < width:
        row.append("")
    return row


TABLE_CAPTION = re.compile(r"^Tablo (\d+) (.+)$")


def table_note(no: str, body: list[list[str]]) -> str | None:
    """Arithmetic remarks on general-information tables whose totals do not add up."""
    if no == "1":
        areas = [int(m.group(1)) for r in body[:-1] if (m := re.match(r"^(\d+)", r[1]))]
        return (
            f"Satırlardaki alanların toplamı {sum(areas)} m2; tabloda yazılı toplam {body[-1][1]}. "
            "Asfalt Tesisi 10000 m2 yazılmış, parantez içindeki kapalı+açık alan 100+900 m2."
        )
    if no == "9":
        return (
            f"Eğitim durumu toplamları ({', '.join(body[-1][1:])}) personel tablolarındaki sayılardan "
            "(Tablo 6-8 ve 10: 104 memur, 68 işçi, 172) farklı; kaynaktaki gibi."
        )
    if no == "10":
        return "18-25 Yaş satırında İşçi hücresi boş."
    return None


def info_section(lines: list[str], title_line: int, end: int) -> dict:
    """A Genel Bilgiler section: its prose as Markdown and its numbered tables."""
    title = lines[title_line].lstrip("#").strip()
    prose: list[int] = []
    tables = []
    n = title_line + 1
    while n < end:
        m = TABLE_CAPTION.match(lines[n].strip())
        if m:
            rows, after = table_rows(lines, n + 1)
            width = len(rows[0])
            header = strip_trailing(rows[0], width)
            body = [strip_trailing(r, width) for r in rows[1:]]
            table = {"no": m.group(1), "baslik": m.group(2).strip(), "sutunlar": header, "satirlar": body}
            note = table_note(m.group(1), body)
            if note:
                table["not"] = note
            tables.append(table)
            n = after
            continue
        prose.append(n)
        n += 1
    text_lines = [lines[i] if i in prose else "" for i in range(title_line + 1, end)]
    metin, figures = markdown([""] + text_lines, 1, len(text_lines) + 1)
    section = {"baslik": title}
    if metin:
        section["metin"] = metin
    if tables:
        section["tablolar"] = tables
    if figures:
        section["not"] = "Görsel olarak yer alan, metni olmayan şekiller: " + "; ".join(figures) + "."
    return section


def policy_section(lines: list[str], title_line: int, end: int) -> dict:
    """Temel Politika ve Öncelikler: an introduction and three policy tables.

    Each table opens with a title row; the Kalkınma Planı and OVP tables then
    have a header row, the Yeni Ekonomi Programı table has none. After page
    breaks the extraction drops leading empty cells, so rows are re-padded on
    the left to the table's width.
    """
    title = lines[title_line].lstrip("#").strip()
    intro = []
    tables = []
    n = title_line + 1
    while n < end:
        text = lines[n].strip()
        if text.startswith("#") and "⇒" in text:
            heading = text.lstrip("#").replace("⇒", "").strip()
            rows: list[list[str]] = []
            n += 1
            while n < end and not (lines[n].strip().startswith("#")):
                if "\t" in lines[n]:
                    rows.append(cells(lines[n]))
                n += 1
            title_row = [c for c in rows[0] if c]
            width = max(len(r) for r in rows)
            has_header = rows[1][0].startswith("Üst Politika")
            header = strip_trailing(rows[1], width) if has_header else []
            body = []
            for r in rows[2 if has_header else 1 :]:
                if len(r) < width:
                    r = [""] * (width - len(r)) + r
                body.append(r)
            table = {"baslik": title_row[0] if title_row else heading, "sutunlar": header, "satirlar": body}
            table["not"] = f"Bölüm başlığı: {heading}."
            tables.append(table)
            continue
        if text and not text.startswith("#"):
            intro.append(text)
        n += 1
    section = {"baslik": title, "metin": "\n\n".join(intro), "tablolar": tables}
    section["not"] = (
        "Sayfa sonlarında boş ilk hücreler metin çıkarımında düşmüş; satırlar soldan boş hücreyle tamamlandı. "
        "Yeni Ekonomi Programı tablosunun son satırları (Gençlik ve Toplum) çıkarımdaki sütun yerleriyle bırakıldı."
    )
    return section


def general_starts(lines: list[str]) -> list[int]:
    """Where Genel Bilgiler's sections A–E start, and where the next part does."""
    marks = [
        r"^### A- Yetki, Görev ve Sorumluluklar",
        r"^## B- Teşkilat Yapısı",
        r"^### C- Fiziksel Kaynaklar",
        r"^## D- İnsan Kaynakları",
        r"^#### E- Diğer Hususlar",
        r"^## II- PERFORMANS BİLGİLERİ",
    ]
    starts = []
    pos = 1
    for mark in marks:
        pos = find(lines, mark, pos)
        starts.append(pos)
    return starts


def parse_general(lines: list[str]) -> list[dict]:
    starts = general_starts(lines)
    sections = [info_section(lines, starts[i], starts[i + 1]) for i in range(len(starts) - 1)]
    policy = find(lines, r"^### A-Temel Politika ve Öncelikler")
    aims = find(lines, r"^## B- Amaç ve Hedefler")
    sections.append(policy_section(lines, policy, aims))
    aim_list = find(lines, r"^<b>Amaç ve Hedefler</b>", aims)
    sections.append(info_section(lines, aims, aim_list))
    return sections


# ------------------------------------------------------------- aims & goals


def parse_aim_list(lines: list[str]) -> tuple[dict, dict]:
    """The Amaç/Hedef list under B- Amaç ve Hedefler: code → wording."""
    start = find(lines, r"^<b>Amaç ve Hedefler</b>")
    end = find(lines, r"^## C- Performans Hedef", start)
    aims, goals = OrderedDict(), OrderedDict()
    for n in range(start + 1, end):
        text = clean(lines[n])
        m = re.match(r"^Amaç (\d+) : (.+)$", text)
        if m:
            aims[m.group(1)] = m.group(2).strip()
            continue
        m = re.match(r"^Hedef (\d+\.\d+) : (.+)$", text)
        if m:
            goals[m.group(1)] = m.group(2).strip()
    return aims, goals


# ------------------------------------------------ performance-target tables


INDICATOR_NAME = re.compile(r"^(.*?)\s*\(([^()]*)\)$")


def parse_target_tables(lines: list[str]) -> list[dict]:
    start = find(lines, r"^## Performans Hedefi Tabloları")
    end = find(lines, r"^## Faaliyet Maliyetleri Tabloları", start)
    heads = [n for n in range(start, end) if clean(lines[n].lstrip("#")).startswith("PERFORMANS HEDEFİ TABLOSU")]
    tables = []
    for i, head in enumerate(heads):
        stop = heads[i + 1] if i + 1 < len(heads) else end
        t = {"line": head, "indicators": [], "activities": [], "years": None}
        for n in range(head + 1, stop):
            if not lines[n].strip():
                continue
            row = cells(lines[n])
            first = row[0]
            values = [c for c in row[1:] if c]
            if first in ("Amaç", "Hedef", "Performans Hedefi", "Açıklamalar", "İdare Adı"):
                t[first] = values[0] if values else None
                if first == "Performans Hedefi":
                    t["title_line"] = n
            elif first == "Performans Göstergeleri":
                t["years"] = [int(v) for v in values]
            elif first.startswith("PG"):
                t["indicators"].append({"line": n, "kod": first, "ad": row[1], "cells": row[2:5]})
            elif first.startswith("F."):
                t["activities"].append({"line": n, "kod": first, "ad": row[1], "cells": row[2:5]})
            elif first in ("Ara Toplam", "Genel Toplam"):
                if len(values) != 3:
                    raise SystemExit(f"l.{n}: expected 3 amounts")
                t[first] = [number(v) for v in values]
            elif first == "Faaliyetler" or (first == "" and "Bütçe" in values):
                continue
            else:
                raise SystemExit(f"l.{n}: unexpected row {row[:2]}")
        codes = {a["kod"].split(".", 1)[1].rsplit(".", 1)[0] for a in t["activities"]}
        pg_codes = {re.sub(r"^PG\.\s*", "", g["kod"]).rsplit(".", 1)[0] for g in t["indicators"]}
        if len(codes) != 1 or codes != pg_codes:
            raise SystemExit(f"l.{head}: PH code not derivable ({codes}, {pg_codes})")
        t["kod"] = codes.pop()
        tables.append(t)
    return tables


def indicator(raw: dict, years: list[int]) -> dict:
    name = raw["ad"]
    m = INDICATOR_NAME.match(name)
    ad, birim = (m.group(1), m.group(2)) if m else (name, None)
    values = {}
    for year, cell in zip(years, raw["cells"]):
        values[year] = number(cell)
    item = {"kod": raw["kod"], "ad": ad}
    if birim is not None:
        item["birim"] = birim
    item["degerler"] = values
    notes = []
    printed = [c for c in raw["cells"]]
    if birim == "%" and any("%" not in c for c in printed if c not in ("", "-")) and any("%" in c for c in printed):
        plain = ", ".join(f"{y}: {c}" for y, c in zip(years, printed) if "%" not in c)
        marked = ", ".join(f"{y}: {c}" for y, c in zip(years, printed) if "%" in c)
        notes.append(
            f"Değerler karışık yazılmış: % işaretsiz ({plain}), % ile ({marked}). Kaynaktaki gibi bırakıldı; "
            "işaretsiz değer büyük olasılıkla kesir (ör. 1,00 = %100)."
        )
    if birim is None and any("%" in c for c in printed):
        notes.append("Gösterge adında birim yok; değerler % ile yazılmış.")
    for y, c in zip(years, printed):
        if re.match(r"^\d{4,},\d+$", c):
            notes.append(f"{y} değeri binlik ayırıcısız yazılmış ({c}).")
        if c == "-":
            notes.append(f"{y} değeri “-” (boş).")
    if notes:
        item["not"] = " ".join(notes)
    return item


# ------------------------------------------------------ cost tables (FM)


def parse_cost_tables(lines: list[str]) -> list[dict]:
    start = find(lines, r"^## Faaliyet Maliyetleri Tabloları")
    end = find(lines, r"^## D- İdare Performans Tablosu", start)
    heads = [n for n in range(start, end) if filled(lines[n])[:1] == ["İdare Adı"]]
    out = []
    for i, head in enumerate(heads):
        stop = heads[i + 1] if i + 1 < len(heads) else end
        t = {"line": head, "eco": [], "off": {}}
        for n in range(head, stop):
            row = filled(lines[n])
            if not row:
                continue
            label = row[0]
            if label in ("İdare Adı", "Performans Hedefi", "Faaliyet Adı", "Sorumlu Harcama Birimi veya Birimleri"):
                t[label] = row[1] if len(row) > 1 else None
            elif label == "Ekonomik Kod":
                t["year"] = row[1]
            elif re.fullmatch(r"[1-9]", label):
                ECONOMIC_NAMES.setdefault(label, row[1])
                t["eco"].append((f"0{label}", row[1], number(row[2])))
            elif label == "Toplam Bütçe Kaynak İhtiyacı":
                t["butce"] = number(row[1])
            elif label in ("Bütçe", "Bütçe Dışı") and row[1] == "Döner Sermaye":
                t["off"]["doner_sermaye"] = number(row[2])
                t["off_label"] = label
            elif label == "Diğer Yurt İçi":
                t["off"]["diger_yurt_ici"] = number(row[1])
            elif label == "Yurt Dışı":
                t["off"]["yurt_disi"] = number(row[1])
            elif label == "Toplam Bütçe Dışı Kaynak İhtiyacı":
                t["disi"] = number(row[1])
            elif label == "Toplam Kaynak İhtiyacı":
                t["toplam"] = number(row[1])
            else:
                raise SystemExit(f"l.{n}: unexpected cost-table row {row[:2]}")
        if len(t["eco"]) != 8 or "toplam" not in t or t.get("year") != str(YEAR):
            raise SystemExit(f"l.{head}: incomplete cost table")
        out.append(t)
    return out


def cost_table(t: dict) -> dict:
    return {
        "ekonomik_kodlar": [{"kod": k, "ad": ad, "tutar": v} for k, ad, v in t["eco"]],
        "butce_toplami": t["butce"],
        "butce_disi": {
            "doner_sermaye": t["off"].get("doner_sermaye"),
            "diger_yurt_ici": t["off"].get("diger_yurt_ici"),
            "yurt_disi": t["off"].get("yurt_disi"),
        },
        "butce_disi_toplami": t["disi"],
        "toplam": t["toplam"],
    }


# -------------------------------------------- İdare Performans Tablosu


def parse_admin_table(lines: list[str]) -> dict:
    start = find(lines, r"^## D- İdare Performans Tablosu")
    end = find(lines, r"^## E- İdarenin Toplam Kaynak İhtiyacı", start)
    rows, summary = [], {}
    labels: dict[int, str] = {}
    for n in range(start + 1, end):
        if not lines[n].strip():
            continue
        row = cells(lines[n])
        if len(row) >= 9 and re.match(r"^F\.\d", row[1]):
            label = row[0]
            if n in IPT_SPLIT_LABELS:
                first = IPT_SPLIT_LABELS[n]
                labels[first] = labels[first] + " " + label
                label = ""
            if label:
                labels[n] = label
            rows.append({"line": n, "label_line": n if label else None, "kod": row[1], "ad": row[2], "v": row[3:9]})
        elif row[0] in (
            "Performans Hedefleri Maliyetleri Toplamı",
            "Genel Yönetim Giderleri",
            "Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı",
            "Genel Toplam",
        ):
            summary[row[0]] = row[3:9]
    for r in rows:
        r["label"] = labels.get(r["label_line"]) if r["label_line"] else None
    return {"rows": rows, "summary": summary, "line": start}


def share_row(v: list[str]) -> dict:
    return {
        "butce": number(v[0]),
        "butce_payi": number(v[1]),
        "butce_disi": number(v[2]),
        "butce_disi_payi": number(v[3]),
        "toplam": number(v[4]),
        "toplam_payi": number(v[5]),
    }


# ------------------------------------------------ Toplam Kaynak İhtiyacı


def parse_resource_need(lines: list[str]) -> dict:
    start = find(lines, r"^Tablo 11 Toplam Kaynak İhtiyacı$", find(lines, r"^## E- İdarenin Toplam Kaynak"))
    end = find(lines, r"^## III\. EKLER", start)
    butce, disi = [], []
    out: dict = {"tablo_no": "11"}
    for n in range(start + 1, end):
        row = cells(lines[n])
        if len(row) < 6 or row[1] == "Ekonomik Kod":
            continue
        amounts = dict(zip(("faaliyet", "genel_yonetim", "diger_idarelere_transfer", "toplam"), map(number, row[2:6])))
        if re.fullmatch(r"[1-9]", row[0]):
            butce.append({"kod": f"0{row[0]}", "ad": row[1], **amounts})
        elif row[1] == "Toplam Bütçe Kaynak İhtiyacı":
            out["butce_toplami"] = amounts
        elif row[1] in ("Döner Sermaye", "Diğer Yurt İçi", "Yurt Dışı"):
            disi.append({"ad": row[1], **amounts})
        elif row[1] == "Toplam Bütçe Dışı Kaynak İhtiyacı":
            out["butce_disi_toplami"] = amounts
        elif row[1] == "GENEL TOPLAM":
            out["genel_toplam"] = amounts
        else:
            raise SystemExit(f"l.{n}: unexpected Tablo 11 row {row[:2]}")
    header = cells(lines[find(lines, r"\tEkonomik Kod\t", start)])
    reserve = next(r for r in butce if r["kod"] == "09")
    result = {
        "tablo_no": "11",
        "butce": butce,
        "butce_toplami": out["butce_toplami"],
        "butce_disi": disi,
        "butce_disi_toplami": out["butce_disi_toplami"],
        "genel_toplam": out["genel_toplam"],
        "not": (
            f"Sütunlar: {', '.join(h for h in header if h)}. "
            f"9 Yedek Ödenek ({fmt(reserve['genel_yonetim'])}) “Genel Yönetim Giderleri Toplamı” sütununda yazılmış, "
            "“Diğer İdarelere Transfer Edilecek Kaynaklar + Yedek Ödenek Toplamı” sütununda değil. "
            f"Genel toplam {fmt(out['genel_toplam']['toplam'])}; İdare Performans Tablosunun genel toplamı farklı "
            "(bkz. program notu)."
        ),
    }
    return result


# ------------------------------------------------------------- Ekler


def parse_unit_table(lines: list[str]) -> list[dict]:
    start = find(lines, r"^FAALİYETLERDEN SORUMLU HARCAMA BİRİMLERİNE İLİŞKİN TABLO")
    header = find(lines, r"^PERFORMANS HEDEFİ\tFAALİYETLER\tSORUMLU BİRİMLER", start)
    rows = []
    for n in range(header + 1, len(lines)):
        if "\t" not in lines[n]:
            continue
        row = strip_trailing(cells(lines[n]), 3)
        rows.append({"line": n, "label": row[0], "ad": row[1], "birim": row[2]})
    return rows


# ----------------------------------------------------------- assembling


def best_match(name: str, candidates: list[dict], key: str = "ad") -> tuple[dict, float]:
    scored = [(difflib.SequenceMatcher(None, norm(name), norm(c[key])).ratio(), i) for i, c in enumerate(candidates)]
    ratio, i = max(scored)
    return candidates[i], ratio


def target_by_name(name: str, targets: list[dict]) -> dict:
    """The performance target whose title (or goal wording) a printed label names."""
    scored = []
    for t in targets:
        names = [t["ad"], *t["varyantlar"], t["hedef"]]
        scored.append((max(difflib.SequenceMatcher(None, norm(name), norm(x)).ratio() for x in names), t["kod"]))
    ratio, code = max(scored)
    if ratio < 0.85:
        raise SystemExit(f"no performance target named {name!r}")
    return next(t for t in targets if t["kod"] == code)


def build(seed: Path) -> dict:
    lines = load_lines(seed)
    cover = parse_cover(lines)
    list_aims, list_goals = parse_aim_list(lines)
    ph_tables = parse_target_tables(lines)
    fm_tables = parse_cost_tables(lines)
    ipt = parse_admin_table(lines)
    ekler = parse_unit_table(lines)
    years = ph_tables[0]["years"]
    assert all(t["years"] == years for t in ph_tables)

    # Performance targets, keyed by their derived code "x.y".
    targets: list[dict] = []
    for t in ph_tables:
        empty_title = not t.get("Performans Hedefi")
        target = {
            "kod": t["kod"],
            "ad": t["Hedef"] if empty_title else t["Performans Hedefi"],
            "varyantlar": [],
            "hedef": t["Hedef"],
            "amac": t["Amaç"],
            "line": t["line"],
            "title_line": t["title_line"],
            "sorumlu_birimler": [],
            "gostergeler": [indicator(g, years) for g in t["indicators"]],
            "faaliyetler": [],
            "ara": t["Ara Toplam"],
            "genel": t["Genel Toplam"],
            "notes": [],
        }
        if empty_title:
            target["notes"].append(
                f"Performans hedefi tablosunda (l.{t['title_line']}) “Performans Hedefi” hücresi boş; ad, hedef metninden alındı."
            )
        if t["Ara Toplam"] != t["Genel Toplam"]:
            target["notes"].append("Ara Toplam Genel Toplamdan farklı: " + ", ".join(str(x) for x in t["Ara Toplam"]) + ".")
        for a in t["activities"]:
            target["faaliyetler"].append(
                {
                    "kod": a["kod"],
                    "ad": a["ad"],
                    "varyantlar": [],
                    "line": a["line"],
                    "maliyet": {
                        "butce": number(a["cells"][0]),
                        "butce_disi": number(a["cells"][1]),
                        "toplam": number(a["cells"][2]),
                    },
                    "notes": [],
                }
            )
        targets.append(target)
    by_code = {t["kod"]: t for t in targets}
    activities = {a["kod"]: a for t in targets for a in t["faaliyetler"]}

    # Duplicate indicator names inside one target.
    for t in targets:
        counts = Counter((g["ad"], g.get("birim")) for g in t["gostergeler"])
        for g in t["gostergeler"]:
            if counts[(g["ad"], g.get("birim"))] > 1:
                others = [x["kod"] for x in t["gostergeler"] if x["ad"] == g["ad"] and x is not g]
                note = f"Adı {', '.join(others)} ile aynı yazılmış."
                g["not"] = (g.get("not", "") + " " + note).strip()

    # Faaliyet Maliyetleri tables → activities, matched by target and name.
    matched: dict[str, dict] = {}
    for fm in fm_tables:
        target = target_by_name(fm["Performans Hedefi"], targets)
        add_variant(target["varyantlar"], target["ad"], fm["Performans Hedefi"])
        act, ratio = best_match(fm["Faaliyet Adı"], target["faaliyetler"])
        if ratio < 0.8 or act["kod"] in matched:
            raise SystemExit(f"l.{fm['line']}: cost table matches no activity ({act['kod']}, {ratio:.2f})")
        matched[act["kod"]] = fm
        add_variant(act["varyantlar"], act["ad"], fm["Faaliyet Adı"])
        act["maliyet_tablosu"] = cost_table(fm)
        act["fm_line"] = fm["line"]
        if fm["Sorumlu Harcama Birimi veya Birimleri"]:
            act["sorumlu_birim"] = fm["Sorumlu Harcama Birimi veya Birimleri"]
        if fm["toplam"] != act["maliyet"]["toplam"]:
            act["notes"].append(
                f"Performans hedefi tablosunda {fmt(act['maliyet']['toplam'])} TL (l.{act['line']}), "
                f"faaliyet maliyet tablosunda {fmt(fm['toplam'])} TL (l.{fm['line']})."
            )

    # Ekler rows: the printed table, and units where the cost tables have none.
    ekler_by_line = {r["line"]: r for r in ekler}
    for code, line in UNIT_FROM_EKLER.items():
        act = activities[code]
        row = ekler_by_line[line]
        _, ratio = best_match(row["ad"], [act])
        if ratio < 0.8 or act.get("sorumlu_birim"):
            raise SystemExit(f"l.{line}: Ekler override does not fit {code}")
        act["sorumlu_birim"] = row["birim"]
        reason = "faaliyet maliyet tablosunda birim hücresi boş" if code in matched else "faaliyet maliyet tablosu yok"
        act["notes"].append(f"Sorumlu birim Ekler tablosundan (l.{line}); {reason}.")
    for code, act in activities.items():
        if code not in matched and not any("maliyet tablosu yok" in n for n in act["notes"]):
            act["notes"].append("Faaliyet maliyet tablosu yok.")

    # İdare Performans Tablosu rows.
    ipt_rows = []
    for r in ipt["rows"]:
        act = activities[r["kod"]]
        target_code = r["kod"][2:].rsplit(".", 1)[0]
        target = by_code[target_code]
        add_variant(act["varyantlar"], act["ad"], r["ad"])
        if r["label"]:
            add_variant(target["varyantlar"], target["ad"], r["label"])
        row = {"performans_hedefi": target_code, "faaliyetler": [r["kod"]], **share_row(r["v"])}
        if row["toplam"] != act["maliyet"]["toplam"]:
            act["notes"].append(
                f"İdare Performans Tablosunda {fmt(row['toplam'])} TL (l.{r['line']})."
            )
        if r["line"] in IPT_SPLIT_LABELS.values():
            second = next(k for k, v in IPT_SPLIT_LABELS.items() if v == r["line"])
            row["not"] = f"Performans hedefi hücresi sayfa sonunda bölünmüş (l.{r['line']} ve l.{second}); birleştirildi."
        ipt_rows.append(row)

    # Ekler table as printed, grouped under its printed PH labels.
    unit_rows = []
    ekler_notes = []
    group = None
    for r in ekler:
        if r["label"]:
            target = target_by_name(r["label"], targets)
            add_variant(target["varyantlar"], target["ad"], r["label"])
            group = {"performans_hedefi": target["kod"], "faaliyetler": [], "birimler": [], "lines": []}
            unit_rows.append(group)
        group["faaliyetler"].append(r["ad"])
        group["birimler"].append(r["birim"])
        group["lines"].append(r["line"])
    # Compare each Ekler row with the activity it names.
    all_acts = list(activities.values())
    for r in ekler:
        act, ratio = best_match(r["ad"], all_acts)
        if ratio < 0.8:
            ekler_notes.append(f"l.{r['line']} “{r['ad']}” başka hiçbir tabloda yok")
            continue
        add_variant(act["varyantlar"], act["ad"], r["ad"])
        printed_target = next(g for g in unit_rows if r["line"] in g["lines"])["performans_hedefi"]
        if printed_target != act["kod"][2:].rsplit(".", 1)[0]:
            ekler_notes.append(f"l.{r['line']} {act['kod']} PH {printed_target} altında")
        if act.get("sorumlu_birim") and r["birim"] != act["sorumlu_birim"]:
            ekler_notes.append(f"l.{r['line']} {act['kod']}: {r['birim']} (maliyet tablosunda {act['sorumlu_birim']})")

    # Goals and aims: the performance-target tables' wording, list wording as variant.
    aims_out = []
    for aim_code, list_text in list_aims.items():
        aim_targets = [t for t in targets if t["kod"].split(".")[0] == aim_code]
        canonical = aim_targets[0]["amac"]
        variants: list[str] = []
        for t in aim_targets[1:]:
            add_variant(variants, canonical, t["amac"])
        add_variant(variants, canonical, list_text)
        goals = []
        for goal_code, goal_text in list_goals.items():
            if goal_code.split(".")[0] != aim_code:
                continue
            t = by_code[goal_code]
            goal = {"kod": goal_code, "ad": t["hedef"]}
            gv: list[str] = []
            add_variant(gv, t["hedef"], goal_text)
            if gv:
                goal["varyantlar"] = gv
            goal["performans_hedefleri"] = [finish_target(t)]
            goals.append(goal)
        aim = {"kod": aim_code, "ad": canonical}
        if variants:
            aim["varyantlar"] = variants
        aim["hedefler"] = goals
        if len({t["amac"] for t in aim_targets}) > 1:
            aim["not"] = "Performans hedefi tablolarında amaç farklı yazılmış; ilk tablonun yazımı esas alındı."
        aims_out.append(aim)
    assert [t["kod"] for t in targets] == list(list_goals.keys())

    # Units, in order of first appearance in the cost tables, then Ekler.
    units: list[str] = []
    for fm in fm_tables:
        u = fm["Sorumlu Harcama Birimi veya Birimleri"]
        if u and u not in units:
            units.append(u)
    for r in ekler:
        if r["birim"] and r["birim"] not in units:
            units.append(r["birim"])

    ph_sum = sum(t["genel"][2] for t in targets)
    summary = ipt["summary"]
    ipt_total = number(summary["Performans Hedefleri Maliyetleri Toplamı"][4])
    need = parse_resource_need(lines)
    need_total = need["genel_toplam"]["faaliyet"]
    differing = [code for code, fm in matched.items() if fm["toplam"] != activities[code]["maliyet"]["toplam"]]
    fm_03 = sum(v for fm in fm_tables for k, _, v in fm["eco"] if k == "03" and v is not None)
    no_table = sum(a["maliyet"]["toplam"] for code, a in activities.items() if code not in matched)
    need_03 = next(r for r in need["butce"] if r["kod"] == "03")["faaliyet"]
    data = {
        "belediye": {"ad": "Kars Belediyesi", "slug": SLUG, "il": "Kars", "tur": "il", "web": cover["web"]},
        "yil": YEAR,
        "kaynak": {
            "baslik": "T.C. KARS BELEDİYE BAŞKANLIĞI 2024 MALİ YILI PERFORMANS PROGRAMI",
            "tarih": "KARS/2023",
            "url": cover["web"],
            "dosya": seed.name,
        },
        "gosterge_sutunlari": [
            {"yil": y, "tur": kind, "baslik": str(y)} for y, kind in zip(years, ("gerceklesen", "tahmin", "hedef"))
        ],
        "sunus": [parse_foreword(lines)],
        "genel_bilgiler": parse_general(lines),
        "birimler": [{"ad": u} for u in units],
        "amaclar": aims_out,
        "idare_performans_tablosu": {
            "satirlar": ipt_rows,
            "performans_hedefleri_toplami": share_row(summary["Performans Hedefleri Maliyetleri Toplamı"]),
            "genel_yonetim_giderleri": share_row(summary["Genel Yönetim Giderleri"]),
            "diger_idarelere_transfer": share_row(summary["Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı"]),
            "genel_toplam": share_row(summary["Genel Toplam"]),
            "not": (
                "Satırlar faaliyet bazında; performans hedefi hücresi yalnız her hedefin ilk satırında yazılı. "
                "Satırların PAY (%) değerleri 253.748.000,00 TL'ye, özet satırlarınki 603.349.000,00 TL'ye göre. "
                "Bütçe dışı PAY sütununda % işareti yok (0,00)."
            ),
        },
        "toplam_kaynak_ihtiyaci": need,
        "harcama_birimleri_tablosu": {
            "satirlar": [{k: g[k] for k in ("performans_hedefi", "faaliyetler", "birimler")} for g in unit_rows],
            "not": (
                "Ekler tablosu basıldığı gibi: faaliyet kodu yok, performans hedefi hücresi grubun ilk satırında. "
                "Satırlar birkaç yerde kaymış: " + "; ".join(ekler_notes) + "."
            ),
        },
        "duzeltmeler": corrections(seed, part_of(
            [(t["line"], f"PH {t['kod']}") for t in targets]
            + [(a["fm_line"], f"PH {t['kod']}") for t in targets for a in t["faaliyetler"] if a.get("fm_line")]
            + [(ipt["line"], "İdare Performans Tablosu"), (min(r["line"] for r in ekler), "Harcama birimleri tablosu")]
            + [(n, "Genel Bilgiler: " + clean(lines[n].lstrip("#"))) for n in general_starts(lines)[:-1]],
            before="Sunuş",
        )),
        "not": (
            "Performans hedefi tablolarında hedef numarası yazılı değil; kodlar (ör. 1.1) tablodaki PG./F. "
            "kodlarından ve Amaç ve Hedefler listesindeki hedef numarasından türetildi. "
            "Gösterge sütunları yalnız yıl olarak yazılmış (2022, 2023, 2024); gerçekleşen/tahmin/hedef türü "
            "programın yılına göre atandı. "
            f"Faaliyet tutarları üç tabloda farklı: performans hedefi tabloları toplamı {fmt(ph_sum)} TL, "
            f"İdare Performans Tablosu {fmt(ipt_total)} TL, Tablo 11 Faaliyet Toplamı {fmt(need_total)} TL. "
            f"Genel toplam: Tablo 11'de {fmt(need['genel_toplam']['toplam'])} TL, İdare Performans Tablosunda "
            f"{fmt(number(summary['Genel Toplam'][4]))} TL. "
            f"Tablo 11'de 03 Mal ve Hizmet Alım Giderleri faaliyet tutarı {fmt(need_03)} TL; faaliyet maliyet "
            f"tablolarında 03 toplamı {fmt(fm_03)} TL, maliyet tablosu olmayan faaliyetler {fmt(no_table)} TL. "
            f"{', '.join(differing)} faaliyetlerinde performans hedefi tablosundaki tutar, "
            "faaliyet maliyet tablosundakinden ve İdare Performans Tablosundakinden farklı. "
            f"Faaliyet maliyet tablolarının {sum(fm['off_label'] == 'Bütçe' for fm in fm_tables)}'inde bütçe dışı "
            "kaynak satırları (Döner Sermaye, Diğer Yurt İçi, Yurt Dışı) “Bütçe” etiketiyle basılmış. "
            "Meclis kararı ve sayfa sayısı belgede yazılı değil (içindekiler 103. sayfaya kadar)."
        ),
    }
    return data


def fmt(value: Decimal) -> str:
    """Turkish format for notes: 30.000.000,00."""
    text = f"{value:,.2f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def finish_target(t: dict) -> dict:
    acts = []
    units: list[str] = []
    for a in t["faaliyetler"]:
        item = {"kod": a["kod"], "ad": a["ad"]}
        if a["varyantlar"]:
            item["varyantlar"] = a["varyantlar"]
        if a.get("sorumlu_birim"):
            item["sorumlu_birim"] = a["sorumlu_birim"]
            if a["sorumlu_birim"] not in units:
                units.append(a["sorumlu_birim"])
        item["maliyet"] = a["maliyet"]
        if "maliyet_tablosu" in a:
            item["maliyet_tablosu"] = a["maliyet_tablosu"]
        if a["notes"]:
            item["not"] = " ".join(a["notes"])
        acts.append(item)
    out = {"kod": t["kod"], "ad": t["ad"]}
    if t["varyantlar"]:
        out["varyantlar"] = t["varyantlar"]
    if units:
        out["sorumlu_birimler"] = units
    out["gostergeler"] = t["gostergeler"]
    out["faaliyetler"] = acts
    out["maliyet"] = {"butce": t["genel"][0], "butce_disi": t["genel"][1], "toplam": t["genel"][2]}
    if t["notes"]:
        out["not"] = " ".join(t["notes"])
    return out


def main(argv: list[str]) -> None:
    seed = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    out = Path(argv[2]) if len(argv) > 2 else REPO / "programs" / SLUG / f"{YEAR}.yml"
    data = build(seed)
    Program.model_validate(data)
    header = (
        f"# Kars Belediyesi {YEAR} Performans Programı.\n"
        f"# tools/kars.py ile {seed.name} dosyasından üretildi; elle değil, betikle düzeltin.\n"
    )
    dump(data, out, header=header)


if __name__ == "__main__":
    main(sys.argv)
