"""Transcribe İzmir Büyükşehir Belediyesi's 2024 Performans Programı into YAML.

The seed is text extracted from a designed PDF: table columns collapse into
single spaces, empty cells survive only as no-break spaces (U+00A0), long cells
wrap onto the next line. The parser therefore works by content (labels such as
"Performans Hedefi 1.1.1 :", a unit word followed by value cells, amounts in
``1.234,00`` form) and checks every table against its neighbours while it
reads. One-off readings that the text alone cannot settle are listed in the
override tables below with the source line number, so a reviewer can check
each decision.

Usage: python tools/izmir.py [SEED_PATH] [OUT_PATH]
"""

from __future__ import annotations

import re
import sys
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "generator"))
sys.path.insert(0, str(REPO / "tools"))

from seffaf.schema import Program  # noqa: E402
from seffaf.yamlout import dump  # noqa: E402

SEED_NAME = "003_9eee17d955cae805.txt"
DEFAULT_SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / SEED_NAME
YEAR = 2024
DEFAULT_OUT = REPO / "programs" / "izmir" / f"{YEAR}.yml"

NBSP = "\xa0"
YEARS = [2022, 2023, 2024]

# --------------------------------------------------------------------------
# One-off decisions (source line numbers are 1-based lines of the seed file)
# --------------------------------------------------------------------------

# Indicator rows printing fewer than three value cells. The empty cells left no
# trace in the text; the 2024 target must exist in a 2024 programme, so the
# visible cells are read right to left (last = 2024 Hedef).
SHORT_INDICATOR_ROWS = {
    2645: "Kaynakta satırda tek değer (70) var; boş hücreler metinde görünmüyor. Değer 2024 hedefi olarak okundu.",
    4238: "Kaynakta satırda bir boş hücre ve tek değer (48) var; üçüncü hücre metinde görünmüyor. Değer 2024 hedefi olarak okundu.",
    4248: "Kaynakta satırda bir boş hücre ve tek değer (100) var; üçüncü hücre metinde görünmüyor. Değer 2024 hedefi olarak okundu.",
}

# Indicator values that are printed correctly as numbers but look odd next to
# their neighbours; kept as printed, flagged for the reader.
INDICATOR_NOTES = {
    2347: "2023 hedefi kaynakta 1.102.500 (hektar) yazılı; 2022 (1.562) ve 2024 (1.950) değerleriyle ölçek farkı var, olduğu gibi alındı.",
}

# Activity rows of the Performans Hedefi Tablosu with only two amounts
# (no no-break space left for the empty cell): read as bütçe içi + toplam,
# as in every other row whose bütçe dışı cell is empty.
SHORT_ACTIVITY_ROWS = {
    3692: "Kaynakta satırda iki tutar (0,00 0,00) var; bütçe içi ve toplam olarak okundu, bütçe dışı boş.",
}

# Unit spellings in the Faaliyet Maliyetleri blocks that name the same
# harcama birimi as the canonical spelling (first seen line in comment).
UNIT_VARIANTS = {
    "Park Bahçeler Dairesi Başkanlığı": "Park ve Bahçeler Dairesi Başkanlığı",  # l.6519
    "Etüd Projeler Dairesi Başkanlığı": "Etüd ve Projeler Dairesi Başkanlığı",  # l.9926, l.15909
    "Deprem Risk Yönetimi, Kentsel İyileştirme Dairesi Başkanlığı": "Deprem Risk Yönetimi ve Kentsel İyileştirme Dairesi Başkanlığı",  # l.6276
    "Genel Sekreter Yardımlığı": "Genel Sekreter Yardımcılığı",  # l.12681
    # only in the harcama birimleri table (l.15889), for the activity whose
    # cost block (l.12898) names "İnsan Kaynakları Dairesi Başkanlığı"
    "İnsan Kaynakları ve Eğitim Dairesi Başkanlığı": "İnsan Kaynakları Dairesi Başkanlığı",
}

# Economic-code rows of a cost block whose label was lost in extraction (the
# line holds only no-break spaces). The row position and the block's own total
# identify the code; the cell is empty.
FM_LOST_LABELS = {
    11967: "07",  # Entegre Sistemlerin Faaliyetlerinin Yürütülmesi: "7. Sermaye Transferleri" missing
}

FOOTNOTE_DEFAULT = "Göstergenin 2024 hedefi kümülatif olarak hesaplanmıştır."

ECONOMIC_NAMES = {
    "01": "Personel Giderleri",
    "02": "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri",
    "03": "Mal ve Hizmet Alım Giderleri",
    "04": "Faiz Giderleri",
    "05": "Cari Transferler",
    "06": "Sermaye Giderleri",
    "07": "Sermaye Transferleri",
    "08": "Borç Verme",
    "09": "Yedek Ödenekler",
}

UNITS = ["Metrekare", "Metre", "Adet", "Kişi", "Saat", "Hektar", "Litre", "Ton", "Km", "Kg", "m2", "m3", "%"]

AMOUNT = r"\d{1,3}(?:\.\d{3})*,\d{2}"
AMOUNT_RE = re.compile(AMOUNT)


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def blank(line: str) -> bool:
    """A line holding nothing but spaces and no-break spaces."""
    return not line.replace(NBSP, " ").strip()


def squash(text: str) -> str:
    """Collapse the PDF's runs of spaces, tabs and no-break spaces."""
    return re.sub(r"\s+", " ", text.replace(NBSP, " ")).strip()


def join_lines(parts: list[str]) -> str:
    """Join wrapped cell lines; undo hyphenation at a line break ("Yapı-" + "landırılacak")."""
    out = ""
    for part in parts:
        part = squash(part)
        if not part:
            continue
        if re.search(r"[a-zçğıöşü]-$", out) and re.match(r"[a-zçğıöşü]", part):
            out = out[:-1] + part
        elif out:
            out += " " + part
        else:
            out = part
    return out


def amount(token: str | None) -> Decimal | None:
    """A Turkish-format amount ("1.234.000,00") as Decimal; NBSP/None = empty cell."""
    if token is None or token.strip(NBSP + " ") == "":
        return None
    token = token.strip()
    if not re.fullmatch(AMOUNT, token):
        raise ValueError(f"not an amount: {token!r}")
    return Decimal(token.replace(".", "").replace(",", "."))


def share(token: str) -> Decimal | None:
    token = token.strip()
    if token == "-":
        return None
    return Decimal(token.replace(".", "").replace(",", "."))


def indicator_number(token: str, line_no: int) -> Decimal | None:
    """An indicator cell: "1.050.381" → 1050381, "12,5" → 12.5, NBSP → None."""
    if token == NBSP:
        return None
    if "," in token:
        return Decimal(token.replace(".", "").replace(",", "."))
    if "." in token:
        groups = token.split(".")
        if not all(len(g) == 3 for g in groups[1:]):
            raise ValueError(f"l.{line_no}: ambiguous indicator value {token!r}")
        return Decimal(token.replace(".", ""))
    return Decimal(token)


def tr_lower(text: str) -> str:
    """Turkish lower case that keeps string length (İ→i, I→ı), for positional search."""
    return text.replace("İ", "i").replace("I", "ı").lower()


def key(text: str) -> str:
    """Comparison key for names printed slightly differently (spaces, case, apostrophes)."""
    text = squash(text).replace("’", "'").replace(" ,", ",")
    return tr_lower(text)


# --------------------------------------------------------------------------
# Section boundaries
# --------------------------------------------------------------------------


def matched_rows(lines: list[str], start: int, pattern: str) -> tuple[list[list[str]], int]:
    """A plain table's rows: lines from ``start`` matching ``pattern`` (blank lines skipped), and the first line that does not."""
    rows, k = [], start
    while True:
        text = squash(lines[k])
        if text:
            match = re.match(pattern, text)
            if not match:
                return rows, k
            rows.append(list(match.groups()))
        k += 1


def find_line(lines: list[str], pattern: str, start: int = 0) -> int:
    rx = re.compile(pattern)
    for i in range(start, len(lines)):
        if rx.search(lines[i]):
            return i
    raise ValueError(f"pattern not found: {pattern}")


# --------------------------------------------------------------------------
# Sunuş
# --------------------------------------------------------------------------


def paragraphs(lines: list[str]) -> list[str]:
    """Runs of non-blank lines, each joined into one paragraph."""
    found, cur = [], []
    for line in lines:
        if blank(line):
            if cur:
                found.append(join_lines(cur))
                cur = []
        else:
            cur.append(line)
    if cur:
        found.append(join_lines(cur))
    return found


def parse_foreword(lines: list[str]) -> dict:
    """The mayor's foreword opens the text; it ends with name and title."""
    end = find_line(lines, r"^İzmir Büyükşehir Belediye Başkanı\s*$")
    return {
        "baslik": "Sunuş",
        "metin": "\n\n".join(paragraphs(lines[: end - 1])),
        "imza": squash(lines[end - 1]) + ", " + squash(lines[end]),
    }



# --------------------------------------------------------------------------
# Misyon / vizyon / ilkeler and Genel Bilgiler (l.25-1604)
# --------------------------------------------------------------------------

DAYANAK = r"\d{4} s\.K(?:\.m\.|\.|\s)\S*(?:\s?[;,]\s?m\.\S+)*[;,]?"
DAYANAK_LINE_RE = re.compile(r"^\s*(?:" + DAYANAK + r"|m\.\S+)\s*$")
DAYANAK_TAIL_RE = re.compile(r"^(.*\S)\s+(" + DAYANAK + r")[\s\xa0]*$")


def markdown(lines: list[str], start: int, end: int, skip: set[int] | None = None, headings: tuple = ()) -> str:
    """Prose as Markdown: paragraphs, "•"/"▶" bullets (continued after a blank line
    until the item closes with ")"), and the given sub-headings as "###"."""
    skip = skip or set()
    blocks: list[list] = []  # [kind, [lines]]
    cur = None
    for i in range(start, end):
        if i in skip:
            continue
        line = lines[i]
        if blank(line):
            if cur and cur[0] == "p":
                cur = None
            elif cur and cur[0] == "li":
                cur[2] = True  # blank seen inside an item
            continue
        s = squash(line)
        bullet = re.match(r"^(?:[•▶➢]\s*)+(.*)$", s)
        if bullet:
            cur = ["li", [bullet.group(1)], False]
            blocks.append(cur)
            continue
        if s in headings:
            cur = ["p", [s], False]
            blocks.append(cur)
            cur = None
            continue
        if cur and cur[0] == "li":
            # an item goes on after a blank line only when the next line is
            # plainly its continuation (l.1118 "“Mezarlık Alanı” olarak", l.1235 "tim alanı”")
            # (or, l.1236, closes an unfinished item with "… (tahsis)")
            text = join_lines(cur[1])
            if not cur[2] or re.match(r"^[“(a-zçğıöşü]", s) or (not text.endswith((".", ")")) and s.endswith(")")):
                cur[1].append(s)
                continue
        if cur is None or cur[0] != "p":
            cur = ["p", [], False]
            blocks.append(cur)
        cur[1].append(s)
    out = []
    for kind, parts, *_ in blocks:
        text = join_lines(parts)
        if kind == "li":
            out.append("- " + text)
        elif text in headings:
            out.append("### " + text)
        else:
            out.append(text)
    # bullets of one list stay together
    md = ""
    for n, chunk in enumerate(out):
        if n and not (chunk.startswith("- ") and out[n - 1].startswith("- ")):
            md += "\n\n"
        elif n:
            md += "\n"
        md += chunk
    return md


def legal_table(lines: list[str], start: int, end: int, title: str) -> dict:
    """"Yasal Yükümlülük | Dayanak" rows: a row closes with its dayanak, printed at
    the end of its last line or on lines of its own."""
    rows: list[list] = []
    cur = None
    notes = []
    for i in range(start, end):
        line = lines[i]
        s = squash(line)
        if s in ("Yasal Yükümlülük Dayanak", title, "45 mm"):
            continue
        if s.startswith("* "):
            notes.append(s)  # footnote under the table (l.877)
            continue
        if blank(line):
            continue
        if DAYANAK_LINE_RE.match(line) and cur is not None and (cur[1] or not cur[2]):
            cur[1].append(s)
            cur[2] = True
            continue
        if cur is None or cur[2]:
            cur = [[], [], False]
            rows.append(cur)
        m = DAYANAK_TAIL_RE.match(line)
        if m:
            cur[0].append(m.group(1))
            cur[1].append(squash(m.group(2)))
            cur[2] = True
        else:
            # a trailing no-break space marks the empty part of a merged
            # dayanak cell (l.355, 567): the row goes on until its dayanak
            cur[0].append(line)
    return {
        "baslik": title,
        "sutunlar": ["Yasal Yükümlülük", "Dayanak"],
        "satirlar": [[join_lines(t), " ".join(d)] for t, d, _ in rows],
        "not": " ".join(notes) or None,
    }


def parse_general_info(lines: list[str], intro_start: int) -> tuple[list[dict], list[dict]]:
    """Misyon/vizyon/ilkeler and the Genel Bilgiler sections, with their tables."""
    sections = []

    # --- ilkeler, misyon, vizyon (l.41-82): labels printed after the texts
    lab = find_line(lines, r"^misyonumuz\s*$")
    principles = [squash(l) for l in lines[25:lab] if not blank(l)]
    vis_start = find_line(lines, r"^ilkelerimiz\s*$", lab) + 1
    paras = paragraphs(lines[vis_start : find_line(lines, r"^A Yetki, Görev", vis_start)])
    vision = next(p for p in paras if p.endswith("bir şehir olmak."))
    mission = next(p for p in paras if p.endswith("belediye hizmeti sunmak."))
    sections.append(
        {
            "baslik": "Misyon, Vizyon ve İlkeler",
            "metin": "### Misyonumuz\n\n" + mission + "\n\n### Vizyonumuz\n\n" + vision + "\n\n### İlkelerimiz\n\n"
            + "\n".join("- " + p for p in principles),
            "not": "Kaynakta başlıklar (misyonumuz, vizyonumuz, ilkelerimiz) metinlerden ayrı basılmış; metinler içeriğine göre eşleştirildi.",
        }
    )

    # --- A. Yetki, Görev ve Sorumluluklar
    a = find_line(lines, r"^\s*Yetki, Görev ve Sorumluluklar\s*$")
    org = find_line(lines, r"^\s*Teşkilat Yapısı\s*$", a)
    first_table = find_line(lines, r"^\s*Büyükşehir Belediyesi\s*$", a)
    map_start = find_line(lines, r"^Aliağa\s*$", a)
    titles = ["Büyükşehir Belediyesi", "Büyükşehir Belediye Meclisi", "Büyükşehir Belediye Encümeni", "Büyükşehir Belediye Başkanı"]
    starts = [first_table] + [find_line(lines, r"^\s*" + t + r"\s*$", first_table + 1) for t in titles[1:]]
    tables = []
    for n, t in enumerate(titles):
        tables.append(legal_table(lines, starts[n] + 1, starts[n + 1] if n + 1 < len(starts) else org, t))
    sections.append(
        {
            "baslik": "Yetki, Görev ve Sorumluluklar",
            "metin": markdown(lines, a + 1, map_start),
            "tablolar": tables,
            "not": "Metindeki ilçe haritasının etiketleri (ilçe ve komşu il adları) alınmadı.",
        }
    )

    # --- B. Teşkilat Yapısı: prose, then bullets with nested lists of bodies/companies
    phys = find_line(lines, r"^\s*Fiziksel Kaynaklar\s*$", org)
    bullets_at = find_line(lines, r"^\s*•", org)
    md = markdown(lines, org + 1, bullets_at)
    items = []
    for l in lines[bullets_at:phys]:
        s = squash(l)
        if not s or re.match(r"^[A-Z] Fiziksel Kaynakları$|^Genel Bilgiler$", s):
            continue
        if s.startswith("•"):
            items.append("- " + s.lstrip("• "))
        else:
            items.append("  - " + s)
    sections.append({"baslik": "Teşkilat Yapısı", "metin": md + "\n\n" + "\n".join(items)})

    # --- C. Fiziksel Kaynaklar: prose with three tables
    hr = find_line(lines, r"^\s*İnsan Kaynakları Analizi\s*$", phys)
    use_start = find_line(lines, r"^4\.454 Adet Arsa", phys)
    use_end = find_line(lines, r"^\s*Belediyemize ait taşınmazların ihale yoluyla", use_start)
    use_rows = []
    buf = []
    for l in lines[use_start:use_end]:
        if blank(l):
            if buf:
                text = join_lines(buf)
                use_rows.append(re.split(r" (?=\d[\d.]* [A-ZÇĞİÖŞÜ])", text, maxsplit=1))
                buf = []
            continue
        buf.append(l)
    if buf:
        use_rows.append(re.split(r" (?=\d[\d.]* [A-ZÇĞİÖŞÜ])", join_lines(buf), maxsplit=1))
    dist_start = find_line(lines, r"^İlçe Adı Taşınmaz Adedi İlçe Adı Taşınmaz Adedi", phys)
    dist_rows, k = matched_rows(lines, dist_start + 1, r"^(.+?) (\d[\d.]*) (.+?) (\d[\d.]*)$")
    dist_end = k
    # the table's caption is printed under it (l.1364)
    dist_title_at = find_line(lines, r"^Belediyemize ait taşınmazların ilçeler bazında", dist_end)
    dist_title = squash(lines[dist_title_at])
    rent_start = find_line(lines, r"^Yıl Tahsil Edilen Kira Bedeli \(TL\)", dist_end)
    rent_rows, k = matched_rows(lines, rent_start + 1, r"^(\d{4}) (" + AMOUNT + r"\*?)$")
    rent_note = squash(lines[k]).lstrip("* ").strip()
    skip = set(range(use_start, use_end)) | set(range(dist_start, dist_end)) | set(range(rent_start, k + 1)) | {dist_title_at}
    heads = (
        "Taşınır Mallar",
        "Taşınmazlar",
        "a. Mülkiyeti Belediyemize Ait Taşınmazların Değerlendirilmesi",
        "Belediyemizce Tahsis ve Devir Alınan Taşınmazlar",
        "Belediyemize Ait Taşınmazların Tahsisi ve Devri İşlemleri",
        "b. Lojman ve Sosyal Konutların Değerlendirilmesi",
        "c. Kiralıkların Değerlendirilmesi",
    )
    sections.append(
        {
            "baslik": "Fiziksel Kaynaklar",
            "metin": markdown(lines, phys + 1, hr, skip, heads),
            "tablolar": [
                {
                    "baslik": "Taşınmazların kullanım durumlarına göre dağılımı",
                    "sutunlar": ["", ""],
                    "satirlar": [r if len(r) == 2 else r + [""] for r in use_rows],
                    "not": "Kaynakta başlıksız, iki sütunlu liste; başlık metindeki cümleden (9984 adet taşınmazın kullanım durumlarına göre dağılımı) alındı.",
                },
                {
                    "baslik": dist_title,
                    "sutunlar": ["İlçe Adı", "Taşınmaz Adedi", "İlçe Adı", "Taşınmaz Adedi"],
                    "satirlar": dist_rows,
                },
                {
                    "baslik": "Yıllara göre tahsil edilen kira bedeli",
                    "sutunlar": ["Yıl", "Tahsil Edilen Kira Bedeli (TL)"],
                    "satirlar": rent_rows,
                    "not": "* " + rent_note,
                },
            ],
        }
    )

    # --- D. İnsan Kaynakları Analizi: prose with the hizmet sınıfı table
    pol = find_line(lines, r"^\s*Temel Politikalar ve Öncelikler\s*$", hr)
    cls_start = find_line(lines, r"^Hizmet Sınıfı Personel\s*$", hr)
    cls_rows, k = matched_rows(lines, cls_start + 2, r"^(.+?Sınıfı) (\d[\d.]*)$")
    skip = set(range(cls_start, k))
    heads = ("a. Memur Personel Analizi", "b. İşçi Personel Analizi", "c. Sözleşmeli Personel Analizi")
    sections.append(
        {
            "baslik": "İnsan Kaynakları Analizi",
            "metin": markdown(lines, hr + 1, pol, skip, heads),
            "tablolar": [
                {
                    "baslik": "Memur personelin hizmet sınıflarına göre dağılımı",
                    "sutunlar": ["Hizmet Sınıfı", "Personel Sayısı"],
                    "satirlar": cls_rows,
                    "not": "Kaynakta başlıksız tablo; başlık önceki cümleden alındı. Kaynaktaki grafikler alınmadı.",
                }
            ],
        }
    )

    # --- Temel Politikalar ve Öncelikler (l.1529-1604)
    sections.append(
        {"baslik": "Temel Politikalar ve Öncelikler", "metin": markdown(lines, pol + 1, intro_start)}
    )
    return sections

# --------------------------------------------------------------------------
# Intro list: aims, goals, targets and numbered activity lists (l.1605-2103)
# --------------------------------------------------------------------------


def parse_intro(lines: list[str], start: int, end: int) -> dict:
    """Titles and numbered activity names as the outline lists them."""
    out = {"amac": {}, "hedef": {}, "ph": {}, "faaliyet": {}}
    i = start
    cur_ph = None
    while i < end:
        s = lines[i]
        m = re.match(r"^\s*Stratejik Amaç (\d+)\.\s*(.*)$", s)
        m2 = re.match(r"^\s*Stratejik Hedef (\d+\.\d+)\.\s*(.*)$", s)
        m3 = re.match(r"^\s*Performans Hedefi (\d+\.\d+\.\d+)\.\s*(.*)$", s)
        m4 = re.match(r"^(\d+)\.\t\s*(.*)$", s)
        if m or m2 or m3:
            mm = m or m2 or m3
            parts = [mm.group(2)]
            j = i + 1
            while j < end and lines[j].startswith("\t") and not blank(lines[j]):
                parts.append(lines[j])
                j += 1
            title = join_lines(parts)
            kind = "amac" if m else "hedef" if m2 else "ph"
            out[kind][mm.group(1)] = title
            if m3:
                cur_ph = mm.group(1)
                out["faaliyet"][cur_ph] = []
            i = j
            continue
        if m4 and cur_ph:
            parts = [m4.group(2)]
            j = i + 1
            # continuation lines (sometimes after a blank line) until the next item/header
            while j < end:
                t = lines[j]
                if blank(t):
                    # look ahead: a lone continuation word after a blank line
                    k = j + 1
                    if (
                        k < end
                        and not blank(lines[k])
                        and not re.match(r"^(\d+)\.\t", lines[k])
                        and not re.match(r"^\s*(Stratejik|Performans Hedefi)", lines[k])
                        and re.match(r"^[a-zçğıöşüA-ZÇĞİÖŞÜ]", lines[k])
                        and len(squash(lines[k]).split()) <= 3
                    ):
                        parts.append(lines[k])
                        j = k + 1
                        continue
                    break
                if re.match(r"^(\d+)\.\t", t) or re.match(r"^\s*(Stratejik|Performans Hedefi)", t):
                    break
                parts.append(t)
                j += 1
            assert int(m4.group(1)) == len(out["faaliyet"][cur_ph]) + 1, (i + 1, s)
            out["faaliyet"][cur_ph].append(join_lines(parts))
            i = j
            continue
        i += 1
    return out


# --------------------------------------------------------------------------
# Performans Hedefi Tablosu (l.2104-4632)
# --------------------------------------------------------------------------

HEADER_RE = re.compile(r"^\s*(?:Stratejik|Starejik) (Amaç|Hedef) (\d+(?:\.\d+)?)\s*:\s*(.*)$")
PH_RE = re.compile(r"^\s*Performans Hedefi (\d+\.\d+\.\d+)\s*:\s*(.*)$")
NUMERIC_ROW_RE = re.compile(
    r"^(?P<name>.*?)\s+(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")(?P<vals>(?:[ \t]+(?:\d[\d.,]*|\xa0))+)[\s\xa0]*$"
)
DURATION_START_RE = re.compile(r"^(?P<name>.*?)\s+(?P<unit>Dakika)\s+(?P<rest>\d+ dakika \d+.*)$")
RATING_START_RE = re.compile(r"^(?P<name>.*?)\s+(?P<unit>Not)(?:\s+(?P<rest>.*))?$")
RATING_CELL_RE = re.compile(r"^[A-Za-z0-9+\-]+ ?\([A-Za-zçğıöşüÇĞİÖŞÜ]+\)$")
ACTIVITY_ROW_RE = re.compile(r"^(?P<name>.*?)(?P<vals>(?:[ \t]+(?:" + AMOUNT + r"|\xa0))+)[\s\xa0]*$")


def header_block(lines: list[str], i: int) -> tuple[str, int]:
    """A "Label N : title" header whose title may wrap onto indented lines."""
    m = HEADER_RE.match(lines[i]) or PH_RE.match(lines[i])
    parts = [m.groups()[-1]]
    j = i + 1
    # the title runs on until the blank line that closes the header cell
    while j < len(lines) and not blank(lines[j]):
        parts.append(lines[j])
        j += 1
    return join_lines(parts), j


def parse_indicators(lines: list[str], start: int, end: int, ph: str, footnote: str) -> list[dict]:
    """Indicator rows between the column header and "Faaliyetler Kaynak İhtiyacı"."""
    out = []
    buf: list[str] = []
    buf_line = None
    i = start
    while i < end:
        line = lines[i]
        s = squash(line)
        if blank(line) or s.startswith("* Göstergenin"):
            i += 1
            continue
        if buf_line is None:
            buf_line = i + 1
        m_num = NUMERIC_ROW_RE.match(line)
        m_dur = DURATION_START_RE.match(line)
        m_rat = RATING_START_RE.match(line)
        if m_num:
            toks = re.findall(r"\d[\d.,]*|\xa0", m_num.group("vals"))
            name = join_lines(buf + [m_num.group("name")])
            ind = {"ad": name, "birim": m_num.group("unit")}
            notes = []
            if len(toks) < 3:
                if i + 1 not in SHORT_INDICATOR_ROWS:
                    raise ValueError(f"l.{i + 1}: {len(toks)} value cells, not in SHORT_INDICATOR_ROWS")
                notes.append(SHORT_INDICATOR_ROWS[i + 1])
                toks = [NBSP] * (3 - len(toks)) + toks
            elif i + 1 in SHORT_INDICATOR_ROWS:
                raise ValueError(f"l.{i + 1}: listed in SHORT_INDICATOR_ROWS but has 3 cells")
            if len(toks) != 3:
                raise ValueError(f"l.{i + 1}: {len(toks)} value cells")
            ind["degerler"] = {y: indicator_number(t, i + 1) for y, t in zip(YEARS, toks)}
            if i + 1 in INDICATOR_NOTES:
                notes.append(INDICATOR_NOTES[i + 1])
            ind["_line"] = buf_line
            ind["_notes"] = notes
            out.append(ind)
            buf, buf_line = [], None
            i += 1
            continue
        if m_dur:
            # "Dakika 4 dakika 41" / "saniye" / "4 dakika 18" / "saniye" ...
            text = [m_dur.group("rest")]
            j = i + 1
            while len(re.findall(r"\d+ dakika \d+ saniye", squash(" ".join(text)))) < 3:
                text.append(lines[j])
                j += 1
            cells = re.findall(r"\d+ dakika \d+ saniye", squash(" ".join(text)))
            out.append(
                {
                    "ad": join_lines(buf + [m_dur.group("name")]),
                    "birim": "Dakika",
                    "deger_turu": "metin",
                    "degerler": dict(zip(YEARS, cells)),
                    "_line": buf_line,
                    "_notes": [],
                }
            )
            buf, buf_line = [], None
            i = j
            continue
        if m_rat and not m_num:
            # Credit ratings: blank-separated groups of rating lines, split evenly in three cells.
            groups, cur = [], []
            if m_rat.group("rest"):
                cur.append(squash(m_rat.group("rest")))
            j = i + 1
            while j < end:
                t = squash(lines[j])
                if not t:
                    if cur:
                        groups.append(cur)
                        cur = []
                    j += 1
                    continue
                if RATING_CELL_RE.match(t):
                    cur.append(t)
                    j += 1
                    continue
                break
            if cur:
                groups.append(cur)
            if len(groups) % 3:
                raise ValueError(f"l.{i + 1}: {len(groups)} rating groups")
            k = len(groups) // 3
            cells = [" / ".join(x for g in groups[n * k : (n + 1) * k] for x in g) for n in range(3)]
            out.append(
                {
                    "ad": join_lines(buf + [m_rat.group("name")]),
                    "birim": "Not",
                    "deger_turu": "metin",
                    "degerler": dict(zip(YEARS, cells)),
                    "_line": buf_line,
                    "_notes": ["Hücrede alt alta yazılmış notlar \" / \" ile ayrıldı."],
                }
            )
            buf, buf_line = [], None
            i = j
            continue
        buf.append(line)
        i += 1
    if buf:
        raise ValueError(f"PH {ph}: unparsed indicator lines {buf}")
    for ind in out:
        if ind["ad"].endswith("*"):
            ind["ad"] = ind["ad"].rstrip("*").rstrip()
            ind["_notes"].insert(0, "* " + footnote)
    return out


def parse_activity_rows(lines: list[str], start: int, end: int, ph: str) -> tuple[list[dict], dict]:
    """Activity rows and the Genel Toplam row of one target's "Faaliyetler" part."""
    acts = []
    buf: list[str] = []
    total = None
    for i in range(start, end):
        line = lines[i]
        s = squash(line)
        if (
            blank(line)
            or s.startswith("* Göstergenin")
            or s in ("Faaliyetler", "Kaynak İhtiyacı (2024) (TL)", "Bütçe İçi Bütçe Dışı Toplam", "Faaliyetler Kaynak İhtiyacı (2024) (TL)")
        ):
            continue
        m = ACTIVITY_ROW_RE.match(line)
        if not m:
            buf.append(line)
            continue
        toks = re.findall(AMOUNT + r"|\xa0", m.group("vals"))
        note = None
        if len(toks) == 4 and toks[0] == NBSP and toks[2] == NBSP:
            # a stray no-break space after the name (l.3617, l.4201): drop it
            toks = toks[1:]
        if len(toks) == 2:
            if i + 1 not in SHORT_ACTIVITY_ROWS:
                raise ValueError(f"l.{i + 1}: two amounts, not in SHORT_ACTIVITY_ROWS")
            note = SHORT_ACTIVITY_ROWS[i + 1]
            toks = [toks[0], NBSP, toks[1]]
        if len(toks) != 3:
            raise ValueError(f"l.{i + 1}: {toks}")
        name = join_lines(buf + [m.group("name")])
        cost = {"butce": amount(toks[0]), "butce_disi": amount(toks[1]), "toplam": amount(toks[2])}
        buf = []
        if name == "Genel Toplam":
            total = cost
            break
        acts.append({"ad": name, "maliyet": cost, "_line": i + 1, "_note": note})
    if buf or total is None:
        raise ValueError(f"PH {ph}: activity table not closed ({buf})")
    return acts, total


def parse_target_tables(lines: list[str], start: int, end: int) -> tuple[list[dict], list[str]]:
    """All Performans Hedefi Tablosu blocks: headers, indicators, activity costs."""
    targets = []
    footnotes = [squash(l)[2:] for l in lines[start:end] if squash(l).startswith("* Göstergenin")]
    footnote = footnotes[0] if footnotes else FOOTNOTE_DEFAULT
    assert set(footnotes) == {footnote}, set(footnotes)
    cur = {"amac": None, "hedef": None, "alan": None}
    i = start
    while i < end:
        line = lines[i]
        m = HEADER_RE.match(line)
        if m:
            title, j = header_block(lines, i)
            kind, code = m.group(1), m.group(2)
            if kind == "Amaç":
                if cur["amac"] is None or cur["amac"][0] != code:
                    # the stratejik alan label stands just above a new aim
                    k = i - 1
                    label = None
                    while k > i - 6:
                        t = squash(lines[k])
                        if t and t not in ("Performans Hedefi Tablosu",) and not t.startswith("Genel Toplam"):
                            label = t
                            break
                        k -= 1
                    cur["alan"] = label
                cur["amac"] = (code, title, cur["alan"])
            else:
                cur["hedef"] = (code, title, "Starejik" in line)
            i = j
            continue
        m = PH_RE.match(line)
        if m:
            title, j = header_block(lines, i)
            code = m.group(1)
            hdr = find_line(lines, r"^Performans Göstergeleri Değer", j)
            # column header: ... "2024" / "Hedef"
            k = hdr
            while not (squash(lines[k]) == "Hedef" and squash(lines[k - 1]) == "2024"):
                k += 1
            act_start = find_line(lines, r"^\s*Faaliyetler Kaynak İhtiyacı|^\s*Faaliyetler\s*$", k)
            # the footnote is printed under most tables with starred indicators;
            # PH 2.1.1 (l.2567, 2569) has starred rows but no footnote of its own
            nxt = next((n for n in range(j, end) if PH_RE.match(lines[n])), end)
            own = any(squash(l).startswith("* Göstergenin") for l in lines[i:nxt])
            note = footnote if own else f"Bu tabloda dipnot basılmamış; belgedeki diğer tablolarda yıldızın anlamı: {footnote}"
            inds = parse_indicators(lines, k + 1, act_start, code, note)
            acts, total = parse_activity_rows(lines, act_start, end, code)
            targets.append(
                {
                    "kod": code,
                    "ad": title,
                    "amac": cur["amac"],
                    "hedef": cur["hedef"],
                    "gostergeler": inds,
                    "faaliyetler": acts,
                    "maliyet": total,
                    "_line": i + 1,
                }
            )
            # continue after this target's Genel Toplam row
            i = find_line(lines, r"^Genel Toplam ", act_start) + 1
            continue
        i += 1
    return targets, footnotes


# --------------------------------------------------------------------------
# Faaliyet Maliyetleri Tablosu (l.4633-14767)
# --------------------------------------------------------------------------

FM_CODE_RE = re.compile(r"^([1-9])\. (.+?)(?:[ \t\xa0]+(" + AMOUNT + r"))?[ \t\xa0]*$")


def split_units(text: str) -> list[str]:
    """"A Dairesi Başkanlığı, B Dairesi Başkanlığı" → [A…, B…]; commas inside a name stay."""
    text = squash(text)
    parts = re.split(r"(?:(?<=Başkanlığı)|(?<=Yardımcılığı)|(?<=Yardımlığı))\s*,?\s*", text)
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def parse_cost_blocks(lines: list[str], start: int, end: int) -> list[dict]:
    """One block per activity: its aim/goal/target titles, name, units and economic codes."""
    blocks = []
    prev_end = start
    i = start
    while i < end:
        if not lines[i].startswith("Faaliyet Adı"):
            i += 1
            continue
        # --- context above the block: Amaç / Hedef / Performans Hedefi titles
        ctx = [l for l in lines[prev_end:i]]
        ctx_text = join_lines(
            [l for l in ctx if not re.match(r"^\s*\d+\s{3,}Genel Bilgiler|^\s*2024 Performans Programı\s{3,}\d+", l)]
        )
        ph_m = re.search(r"Perform ?ans Hedefi (\d+\.\d+\.\d+)\.? ?(.*)$", ctx_text)
        goal_m = re.search(r"Hedef (\d+\.\d+)\.? ?(.*?) Perform ?ans Hedefi", ctx_text)
        aim_m = re.search(r"(?:Amaç )?(\d+)\. (.*?) Hedef \d+\.\d+", ctx_text)
        if not (ph_m and goal_m and aim_m):
            raise ValueError(f"l.{i + 1}: cost block context not understood: {ctx_text[-300:]!r}")
        # --- activity name (may start on the next line) until "Sorumlu Harcama"
        j = i
        name_parts = [lines[i][len("Faaliyet Adı") :]]
        j += 1
        while not lines[j].startswith("Sorumlu Harcama"):
            name_parts.append(lines[j])
            j += 1
        name = join_lines(name_parts)
        assert squash(lines[j + 1]) == "Birimi veya Birimleri", j + 1
        j += 2
        unit_lines = []
        while not lines[j].startswith("Ekonomik Kod"):
            if not blank(lines[j]):
                unit_lines.append(lines[j])
            j += 1
        printed_units = split_units(" ".join(unit_lines))
        j += 1
        codes = []
        table_note = None
        for n in range(1, 9):
            if j + 1 in FM_LOST_LABELS and blank(lines[j]):
                assert FM_LOST_LABELS[j + 1] == f"0{n}", j + 1
                codes.append({"kod": f"0{n}", "ad": ECONOMIC_NAMES[f"0{n}"], "tutar": None})
                table_note = f"Kaynakta {n}. satırın etiketi metinde yok, hücre boş; satır sırasından {n}. {ECONOMIC_NAMES[f'0{n}']} olarak okundu."
                j += 1
                continue
            m = FM_CODE_RE.match(lines[j])
            if not m or int(m.group(1)) != n:
                raise ValueError(f"l.{j + 1}: economic code line {n} expected: {lines[j]!r}")
            codes.append({"kod": f"0{n}", "ad": squash(m.group(2)), "tutar": amount(m.group(3))})
            j += 1

        def labelled(label: str) -> Decimal | None:
            nonlocal j
            m = re.match(r"^" + label + r"(?:[ \t\xa0]+(" + AMOUNT + r"))?[ \t\xa0]*$", lines[j])
            if not m:
                raise ValueError(f"l.{j + 1}: {label!r} expected: {lines[j]!r}")
            j += 1
            return amount(m.group(1))

        table = {
            "ekonomik_kodlar": codes,
            "butce_toplami": labelled("Toplam Bütçe Kaynak İhtiyacı"),
            "butce_disi": {
                "doner_sermaye": labelled("Döner Sermaye"),
                "diger_yurt_ici": labelled("Diğer Yurt İçi"),
                "yurt_disi": labelled("Yurt Dışı"),
            },
            "butce_disi_toplami": labelled("Toplam Bütçe Dışı Kaynak İhtiyacı"),
            "toplam": labelled("Toplam Kaynak İhtiyacı"),
            "not": table_note,
        }
        blocks.append(
            {
                "ph": ph_m.group(1),
                "ph_title": ph_m.group(2),
                "goal": (goal_m.group(1), goal_m.group(2)),
                "aim": (aim_m.group(1), aim_m.group(2)),
                "ad": name,
                "units": printed_units,
                "table": table,
                "_line": i + 1,
            }
        )
        prev_end = j
        i = j
    return blocks


# --------------------------------------------------------------------------
# İdarenin Toplam Kaynak İhtiyacı summary = İdare Performans Tablosu (l.14768-15059)
# --------------------------------------------------------------------------

SUMMARY_ROW_START = re.compile(
    r"^\s*(Stratejik Amaç \d+|Stratejik Hedef \d+\.\d+|Perf\. Hedefi \d+\.\d+\.\d+|Performans Hedefleri Toplamı|Genel Yönetim Giderleri|Diğer İdarelere Transferler|Toplam Bütçe)\b"
)
SUMMARY_SKIP = re.compile(r"TL Perf\. Topl\.|^PAY \(%\)$|^Toplam$|^Bütçe PAY$|^\(%\)$")


def parse_summary(lines: list[str], start: int, end: int) -> list[dict]:
    rows, cur = [], None
    for i in range(start, end):
        s = squash(lines[i])
        if not s or SUMMARY_SKIP.search(s):
            continue
        if SUMMARY_ROW_START.match(s):
            if cur:
                rows.append(cur)
            cur = {"parts": [s], "_line": i + 1}
        elif cur:
            cur["parts"].append(s)
    rows.append(cur)
    out = []
    for r in rows:
        text = join_lines(r["parts"])
        m = re.match(r"^(.*?) (" + AMOUNT + r") (\d+,\d\d|-) (\d+,\d\d)$", text)
        if not m:
            raise ValueError(f"l.{r['_line']}: summary row not understood: {text!r}")
        label = m.group(1)
        lm = re.match(r"^(Stratejik Amaç|Stratejik Hedef|Perf\. Hedefi) ([\d.]+) (.*)$", label)
        out.append(
            {
                "tur": lm.group(1) if lm else label,
                "kod": lm.group(2) if lm else None,
                "ad": lm.group(3) if lm else label,
                "tutar": amount(m.group(2)),
                "perf_payi": m.group(3),
                "butce_payi": m.group(4),
                "_line": r["_line"],
            }
        )
    return out


# --------------------------------------------------------------------------
# 2024 Mali Yılı Toplam Kaynak İhtiyacı Tablosu (l.15060-15126)
# --------------------------------------------------------------------------


def parse_resource_need(lines: list[str], start: int, end: int) -> dict:
    four = r"(" + AMOUNT + r") (" + AMOUNT + r") (" + AMOUNT + r") (" + AMOUNT + r")"
    need = {"tablo_no": None, "butce": [], "butce_disi": []}

    def totals(m):
        return {
            "faaliyet": amount(m.group(1)),
            "genel_yonetim": amount(m.group(2)),
            "diger_idarelere_transfer": amount(m.group(3)),
            "toplam": amount(m.group(4)),
        }

    for i in range(start, end):
        s = squash(lines[i])
        m = re.match(r"^([1-9]) ([A-ZÇĞİÖŞÜ ]+?) " + four + "$", s)
        if m:
            need["butce"].append(
                {
                    "kod": f"0{m.group(1)}",
                    "ad": m.group(2),
                    "faaliyet": amount(m.group(3)),
                    "genel_yonetim": amount(m.group(4)),
                    "diger_idarelere_transfer": amount(m.group(5)),
                    "toplam": amount(m.group(6)),
                }
            )
            continue
        m = re.match(r"^TOPLAM BÜTÇE KAYNAK İHTİYACI " + four + "$", s)
        if m:
            need["butce_toplami"] = totals(m)
            continue
        m = re.match(r"^(DÖNER SERMAYE|DİĞER YURT İÇİ|YURT DIŞI)(?: " + four + ")?$", s)
        if m:
            row = {"ad": m.group(1)}
            if m.group(2):
                row.update(
                    faaliyet=amount(m.group(2)),
                    genel_yonetim=amount(m.group(3)),
                    diger_idarelere_transfer=amount(m.group(4)),
                    toplam=amount(m.group(5)),
                )
            need["butce_disi"].append(row)
            continue
        m = re.match(r"^TOPLAM BÜTÇE DIŞI KAYNAK İHTİYACI " + four + "$", s)
        if m:
            need["butce_disi_toplami"] = totals(m)
            continue
        m = re.match(r"^TOPLAM KAYNAK İHTİYACI " + four + "$", s)
        if m:
            need["genel_toplam"] = totals(m)
            break
    return need


# --------------------------------------------------------------------------
# Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo (l.15148-end)
# --------------------------------------------------------------------------


def parse_unit_table(lines: list[str], start: int, targets: list[dict], unit_names: list[str]) -> list[dict]:
    """Rows "activity unit[, unit]" without a delimiter: cut at the known unit names."""
    codes = {t["kod"]: t for t in targets}
    # split the text into one chunk per target (cell starting "1.1.1. ")
    chunks: "OrderedDict[str, list[str]]" = OrderedDict()
    cur = None
    for i in range(start, len(lines)):
        s = squash(lines[i])
        if not s or s in ("Performans Hedefi Faaliyetler Sorumlu Birimler",) or s.upper() == s and not re.search(r"\d", s):
            continue
        if s == "Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo":
            continue
        m = re.match(r"^(\d+\.\d+\.\d+)\.? (.*)$", s)
        if m and m.group(1) in codes and m.group(1) not in chunks:
            cur = m.group(1)
            chunks[cur] = [m.group(2)]
            continue
        if cur:
            chunks[cur].append(s)
    unit_alt = "|".join(re.escape(u) for u in sorted(unit_names, key=len, reverse=True))
    rows = []
    titles = {}
    for code, parts in chunks.items():
        text = join_lines(parts)
        t = codes[code]
        # the target's title is printed wrapped in the first column; it ends
        # where the first activity's name begins
        first = [t["faaliyetler"][0]["ad"]] + t["faaliyetler"][0].get("_variants", [])
        found = [re.search(re.escape(tr_lower(squash(n))) + r"(?![\wçğıöşü])", tr_lower(text)) for n in first]
        cut = min((f.start() for f in found if f and f.start() > 0), default=-1)
        if cut < 0:
            raise ValueError(f"unit table {code}: first activity not found in {text[:160]!r}")
        titles[code] = text[:cut].strip()
        text = text[cut:]
        pos = 0
        rx = re.compile(r"(.+?) ((?:(?:" + unit_alt + r")\s*,?\s*)+)(?= |$)")
        for m in rx.finditer(text):
            rows.append({"performans_hedefi": code, "faaliyet": m.group(1).strip(), "birimler": split_units(m.group(2))})
            pos = m.end()
        if text[pos:].strip():
            raise ValueError(f"unit table {code}: unparsed tail {text[pos:]!r}")
    return rows, titles


# --------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------


def canonical_unit(name: str) -> str:
    return UNIT_VARIANTS.get(name, name)


def build(seed: Path) -> dict:
    lines = seed.read_text(encoding="utf-8").split("\n")

    intro_start = find_line(lines, r"^\s*Stratejik Amaç 1\. ")
    tables_start = find_line(lines, r"^\s*Performans Hedefi Tablosu\s*$")
    fm_start = find_line(lines, r"^\s*Faaliyet Maliyetleri Tablosu\s*$")
    summary_start = find_line(lines, r"Stratejik Amaç, Stratejik Hedef ve Performans Hedeflerinin,", fm_start)
    tki_start = find_line(lines, r"^\s*2024 Mali Yılı Toplam Kaynak İhtiyacı Tablosu", summary_start)
    unit_start = find_line(lines, r"^\s*Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo", tki_start)

    intro = parse_intro(lines, intro_start, tables_start)
    targets, _ = parse_target_tables(lines, tables_start, fm_start)
    blocks = parse_cost_blocks(lines, fm_start, summary_start)
    summary = parse_summary(lines, summary_start + 2, tki_start)
    need = parse_resource_need(lines, tki_start, unit_start)

    program = assemble(lines, intro, targets, blocks, summary, need, unit_start)
    program["genel_bilgiler"] = parse_general_info(lines, intro_start)
    return program


def assemble(lines, intro, targets, blocks, summary, need, unit_start) -> dict:
    # ---- units: every distinct harcama birimi, first-seen order, variants kept
    units: "OrderedDict[str, list[str]]" = OrderedDict()
    for b in blocks:
        for u in b["units"]:
            c = canonical_unit(u)
            units.setdefault(c, [])
            if u != c and u not in units[c]:
                units[c].append(u)

    # ---- match cost blocks to target-table activities, target by target, in order
    by_ph: dict[str, list[dict]] = {}
    for b in blocks:
        by_ph.setdefault(b["ph"], []).append(b)
    summary_by = {(r["tur"], r["kod"]): r for r in summary}

    aims: "OrderedDict[str, dict]" = OrderedDict()
    for t in targets:
        aim_code, aim_title, alan = t["amac"]
        goal_code, goal_title, _ = t["hedef"]
        aim = aims.setdefault(
            aim_code,
            {"kod": aim_code, "ad": aim_title, "varyantlar": [], "hedefler": OrderedDict(), "_alan": alan},
        )
        if key(aim_title) != key(aim["ad"]) and aim_title not in aim["varyantlar"]:
            aim["varyantlar"].append(aim_title)
        goal = aim["hedefler"].setdefault(
            goal_code, {"kod": goal_code, "ad": goal_title, "varyantlar": [], "performans_hedefleri": []}
        )
        if key(goal_title) != key(goal["ad"]) and goal_title not in goal["varyantlar"]:
            goal["varyantlar"].append(goal_title)

        fm = by_ph.get(t["kod"], [])
        if len(fm) != len(t["faaliyetler"]):
            raise ValueError(f"PH {t['kod']}: {len(t['faaliyetler'])} activities vs {len(fm)} cost blocks")
        intro_acts = intro["faaliyet"].get(t["kod"], [])
        if len(intro_acts) != len(t["faaliyetler"]):
            raise ValueError(f"PH {t['kod']}: {len(t['faaliyetler'])} activities vs {len(intro_acts)} in the outline")

        variants: list[str] = []

        def add_variant(lst, main, other):
            if other and key(other) != key(main) and other not in lst:
                lst.append(other)

        add_variant(variants, t["ad"], intro["ph"].get(t["kod"]))
        for b in fm:
            add_variant(variants, t["ad"], b["ph_title"])
            add_variant(aim["varyantlar"], aim["ad"], b["aim"][1])
            add_variant(goal["varyantlar"], goal["ad"], b["goal"][1])
        add_variant(aim["varyantlar"], aim["ad"], intro["amac"].get(aim_code))
        add_variant(goal["varyantlar"], goal["ad"], intro["hedef"].get(goal_code))
        srow = summary_by.get(("Perf. Hedefi", t["kod"]))
        if srow:
            add_variant(variants, t["ad"], srow["ad"])
        t["_variants"] = variants

        activities = []
        ph_units: list[str] = []
        for a, b, intro_name in zip(t["faaliyetler"], fm, intro_acts):
            a["_units"] = b["units"]
            act_variants: list[str] = []
            add_variant(act_variants, a["ad"], b["ad"])
            add_variant(act_variants, a["ad"], intro_name)
            canon = [canonical_unit(u) for u in b["units"]]
            for u in canon:
                if u not in ph_units:
                    ph_units.append(u)
            notes = []
            if a["_note"]:
                notes.append(a["_note"])
            if len(canon) > 1:
                notes.append("Sorumlu birimler: " + "; ".join(canon) + ".")
            printed_variants = [u for u in b["units"] if canonical_unit(u) != u]
            for u in printed_variants:
                notes.append(f"Faaliyet maliyetleri tablosunda birim adı \"{u}\" olarak yazılmış.")
            act = {
                "kod": None,
                "ad": a["ad"],
                "varyantlar": act_variants,
                "sorumlu_birim": canon[0] if len(canon) == 1 else None,
                "maliyet": a["maliyet"],
                "maliyet_tablosu": b["table"],
                "not": " ".join(notes) or None,
            }
            activities.append(act)

        inds = []
        for n, ind in enumerate(t["gostergeler"], 1):
            inds.append(
                {
                    "kod": None,
                    "ad": ind["ad"],
                    "birim": ind["birim"],
                    "deger_turu": ind.get("deger_turu", "sayi"),
                    "degerler": ind["degerler"],
                    "not": " ".join(ind["_notes"]) or None,
                }
            )
        ph = {
            "kod": t["kod"],
            "ad": t["ad"],
            "varyantlar": variants,
            "sorumlu_birimler": ph_units,
            "gostergeler": inds,
            "faaliyetler": activities,
            "maliyet": t["maliyet"],
        }
        goal["performans_hedefleri"].append(ph)

    # summary rows for aims and goals: no field for them, kept in "not"
    def summary_note(row) -> str:
        return (
            f"İdarenin Toplam Kaynak İhtiyacı tablosunda: {format_tl(row['tutar'])} TL; "
            f"Perf. Topl. PAY (%) {row['perf_payi']}; Toplam Bütçe PAY (%) {row['butce_payi']}."
        )

    aim_list = []
    for aim in aims.values():
        srow = summary_by.get(("Stratejik Amaç", aim["kod"]))
        notes = [f"Stratejik alan: {aim['_alan']}."]
        if srow:
            add_list_variant(aim["varyantlar"], aim["ad"], srow["ad"])
            notes.append(summary_note(srow))
        goals = []
        for goal in aim["hedefler"].values():
            grow = summary_by.get(("Stratejik Hedef", goal["kod"]))
            gnote = None
            if grow:
                add_list_variant(goal["varyantlar"], goal["ad"], grow["ad"])
                gnote = summary_note(grow)
            goals.append({**goal, "not": gnote})
        aim_list.append(
            {"kod": aim["kod"], "ad": aim["ad"], "varyantlar": aim["varyantlar"], "hedefler": goals, "not": " ".join(notes)}
        )

    # ---- İdare Performans Tablosu
    ipt_rows = []
    for t in targets:
        srow = summary_by[("Perf. Hedefi", t["kod"])]
        ipt_rows.append(
            {
                "performans_hedefi": t["kod"],
                "faaliyetler": [a["ad"] for a in t["faaliyetler"]],
                "toplam": srow["tutar"],
                "toplam_payi": share(srow["butce_payi"]),
                "not": f"Perf. Topl. PAY (%) {srow['perf_payi']}.",
            }
        )

    def share_row(label):
        r = summary_by[(label, None)]
        return {"toplam": r["tutar"], "toplam_payi": share(r["butce_payi"])}, r

    ph_total, r1 = share_row("Performans Hedefleri Toplamı")
    gyg, r2 = share_row("Genel Yönetim Giderleri")
    transfer, r3 = share_row("Diğer İdarelere Transferler")
    grand, r4 = share_row("Toplam Bütçe")
    ipt = {
        "tablo_no": None,
        "satirlar": ipt_rows,
        "performans_hedefleri_toplami": ph_total,
        "genel_yonetim_giderleri": gyg,
        "diger_idarelere_transfer": transfer,
        "genel_toplam": grand,
        "not": (
            "Kaynakta \"İdarenin Toplam Kaynak İhtiyacı\" başlıklı tablo (Stratejik Amaç, Stratejik Hedef ve Performans "
            "Hedeflerinin, Performans Hedefleri Maliyetleri Toplamı ve Toplam Bütçe İçindeki Payı). Tutarlar bütçe içi ve "
            "bütçe dışı ayrımı olmadan tek sütunda (TL) verilmiş; toplam_payi = \"Toplam Bütçe PAY (%)\", "
            "\"Perf. Topl. PAY (%)\" her satırın notunda. Performans Hedefleri Toplamı: Perf. Topl. PAY "
            f"{r1['perf_payi']}; Genel Yönetim Giderleri: {r2['perf_payi']}; Diğer İdarelere Transferler: "
            f"{r3['perf_payi']}; Toplam Bütçe: {r4['perf_payi']}. Stratejik amaç ve hedef ara toplamları ilgili amaç ve "
            "hedefin notunda."
        ),
    }

    # ---- Toplam Kaynak İhtiyacı: say where its Faaliyet column differs from the cost blocks
    sums: dict[str, Decimal] = {}
    for b in blocks:
        for e in b["table"]["ekonomik_kodlar"]:
            sums[e["kod"]] = sums.get(e["kod"], Decimal(0)) + (e["tutar"] or Decimal(0))
    diffs = [
        f"{r['kod']}: {format_tl(sums.get(r['kod'], Decimal(0)))} / {format_tl(r['faaliyet'])}"
        for r in need["butce"]
        if r["faaliyet"] is not None and sums.get(r["kod"], Decimal(0)) != r["faaliyet"]
    ]
    if diffs:
        need["not"] = (
            "Faaliyet Toplamı sütunu bazı ekonomik kodlarda faaliyet maliyetleri tablolarının toplamından farklı "
            "(faaliyet tabloları toplamı / bu tablo): " + "; ".join(diffs) + ". Genel toplam aynı."
        )

    need = {k: need.get(k) for k in ("tablo_no", "butce", "butce_toplami", "butce_disi", "butce_disi_toplami", "genel_toplam", "not")}

    # ---- harcama birimleri tablosu
    for printed, canon in UNIT_VARIANTS.items():
        if canon in units and printed not in units[canon]:
            units[canon].append(printed)
    unit_names = list(units.keys()) + [v for vs in units.values() for v in vs]
    unit_rows, unit_titles = parse_unit_table(lines, unit_start, targets, unit_names)
    expected = [(t["kod"], a) for t in targets for a in t["faaliyetler"]]
    if len(unit_rows) != len(expected):
        raise ValueError(f"unit table: {len(unit_rows)} rows vs {len(expected)} activities")
    ut_rows = []
    for r, (code, a) in zip(unit_rows, expected):
        if r["performans_hedefi"] != code:
            raise ValueError(f"unit table row {r} out of order")
        if r["performans_hedefi"] in unit_titles:
            ph = find_target(aim_list, code)
            add_list_variant(ph.setdefault("varyantlar", []), ph["ad"], unit_titles.pop(code))
        act = next(x for x in find_target(aim_list, code)["faaliyetler"] if x["ad"] == a["ad"])
        add_list_variant(act["varyantlar"], act["ad"], r["faaliyet"])
        if {canonical_unit(u) for u in r["birimler"]} != {canonical_unit(u) for u in a["_units"]}:
            raise ValueError(f"unit table: units differ for {a['ad']!r}: {r['birimler']} vs {a['_units']}")
        for u in r["birimler"]:
            if canonical_unit(u) not in units:
                raise ValueError(f"unit table: unknown unit {u!r}")
        ut_rows.append({"performans_hedefi": code, "faaliyetler": [r["faaliyet"]], "birimler": r["birimler"]})

    program = {
        "belediye": {"ad": "İzmir Büyükşehir Belediyesi", "slug": "izmir", "il": "İzmir", "tur": "buyuksehir", "web": None},
        "yil": YEAR,
        "kaynak": {
            "baslik": "2024 Mali Yılı Performans Programı",
            "tarih": None,
            "sayfa_sayisi": None,
            "meclis_karari": None,
            "hazirlayan": None,
            "url": None,
            "dosya": SEED_NAME,
        },
        "gosterge_sutunlari": [
            {"yil": 2022, "tur": "gerceklesen", "baslik": "2022 Gerçekleşen"},
            {"yil": 2023, "tur": "hedef", "baslik": "2023 Hedef"},
            {"yil": 2024, "tur": "hedef", "baslik": "2024 Hedef"},
        ],
        "sunus": [parse_foreword(lines)],
        "genel_bilgiler": [],
        "birimler": [{"ad": u, "varyantlar": v} for u, v in units.items()],
        "amaclar": aim_list,
        "idare_performans_tablosu": ipt,
        "toplam_kaynak_ihtiyaci": need,
        "harcama_birimleri_tablosu": {
            "tablo_no": None,
            "satirlar": ut_rows,
            "not": "Kaynakta her performans hedefi için faaliyetler ve sorumlu birimler; burada her faaliyet bir satır.",
        },
        "not": (
            "Metinde görünen son sayfa numarası 134; toplam sayfa sayısı, yayın tarihi ve meclis kararı metinde yok "
            "(yalnız organizasyon şemasına ilişkin 17.10.2023 tarih ve 1032 sayılı meclis kararı anılıyor). "
            "Grafikler, organizasyon şeması ve ilçe haritası alınmadı."
        ),
    }
    return program


def find_target(aims: list[dict], code: str) -> dict:
    for aim in aims:
        for goal in aim["hedefler"]:
            for ph in goal["performans_hedefleri"]:
                if ph["kod"] == code:
                    return ph
    raise KeyError(code)


def add_list_variant(lst: list[str], main: str, other: str | None) -> None:
    if other and key(other) != key(main) and other not in lst:
        lst.append(other)


def format_tl(value: Decimal) -> str:
    """Decimal → "1.234.000,00" as the source prints it (for notes)."""
    whole, frac = f"{value:.2f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def prune(obj):
    """Drop empty optional values so the YAML stays readable (schema defaults = same meaning)."""
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if isinstance(k, str) and k.startswith("_"):
                continue
            if k in ("varyantlar", "alt_kalemler", "sorumlu_birimler", "tablolar") and v == []:
                continue
            if k in ("not", "no", "kod", "aciklama", "tablo_no", "web", "tarih", "sayfa_sayisi", "meclis_karari", "hazirlayan", "url", "imza") and v is None:
                continue
            if k == "deger_turu" and v == "sayi":
                continue
            out[k] = prune(v)
        return out
    if isinstance(obj, list):
        return [prune(v) for v in obj]
    return obj


def main(argv: list[str]) -> None:
    seed = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    data = prune(build(seed))
    Program.model_validate(data)
    header = (
        "# İzmir Büyükşehir Belediyesi 2024 Mali Yılı Performans Programı\n"
        f"# Üreten: tools/izmir.py ({SEED_NAME}); elle düzenlemeyin, betiği düzeltip yeniden çalıştırın.\n"
    )
    dump(data, out, header=header)


if __name__ == "__main__":
    main(sys.argv)
