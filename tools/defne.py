"""Transcribe Defne Belediyesi's 2025 Performans Programı (seed 000) into YAML.

Usage: python tools/defne.py [SEED_PATH] [OUT_PATH]

The seed is text extracted from the PDF: tab-separated tables, a few HTML
fragments (<i>, <ul>) and page headers. Everything is found by its labels
("PERFORMANS HEDEFİ TABLOSU -n", "Ekonomik Kod", "Tablo 15." ...). The few
places where the source needs a one-off decision are the override tables
below, each with the source line it is about, so a reviewer can check them.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "generator"))
sys.path.insert(0, str(REPO / "tools"))

from seffaf.schema import Program  # noqa: E402
from seffaf.yamlout import dump  # noqa: E402

SEED_NAME = "000_8dc14520a4400630.txt"
DEFAULT_SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / SEED_NAME
YEAR = 2025
DEFAULT_OUT = REPO / "programs" / "defne" / f"{YEAR}.yml"

PAGE_HEADER = "DEFNE BELEDİYE BAŞKANLIĞI"  # running header at page breaks

# --------------------------------------------------------------------------
# One-off decisions (each checked against the source; line numbers of the seed)
# --------------------------------------------------------------------------

# Cells whose "•" bullet separators were lost in extraction: the items run
# together with single spaces. Each list gives the opening words of every item,
# in order; the cell is cut where each opening starts. Key: (table, PH code).
LOST_BULLETS = {
    ("fm", "2.1.1"): ["Kent merkezlerinin", "Ulaşımında yaya", "Zemin altı altyapı hizmeti", "İhtiyaç halinde",
                      "Zemin altı altyapı yatırımları", "Tamamlanan yol"],  # L984
    ("fm", "2.3.1"): ["Hizmet binaları", "Okullardan", "Bütçe dahilinde"],  # L1087
    ("fm", "5.2.1"): ["Sahipsiz sokak", "Geçici hayvan", "Sahipsiz köpeklerin"],  # L1622
    ("fm", "7.2.1"): ["Mahalle Muhtarları", "Kent Konseyi"],  # L1957
    ("t15", "2.5.1"): ["Afet müdahale ekipleri", "Afet Eylem", "Afetlerde acil", "AFAD ve"],  # L2408
    ("t15", "3.1.1"): ["Ekonomik durumu", "Çocuklara yönelik", "Engelli, hasta"],  # L2409
    ("t15", "3.2.1"): ["Kadına yönelik", "Kadın konukları", "Kadınların ekonomik", "Kadın kooperatiflerine",
                       "Kadınlara yönelik", "El ve yöresel"],  # L2410
    ("t15", "3.3.1"): ["Rehberlik ve", "Kreş ve", "Sosyal tesis", "Cenaze hizmetleri"],  # L2411
    ("t15", "4.1.1"): ["Festival, konser", "Panel, seminer"],  # L2412
    ("t15", "4.2.1"): ["Eğitim ve öğretime", "Tiyatro, müzik", "Gençlik, kültür", "Kütüphane hizmetleri"],  # L2413
    ("t15", "4.3.1"): ["Spor tesisleri", "Spor müsabakaları"],  # L2414
    ("t15", "4.4.1"): ["Resmi bayramların", "Dini bayramlara", "Kültürel bayramlara", "Belirli gün"],  # L2415
    ("t15", "5.1.1"): ["Evsel ve", "Hafriyat atığı", "Cadde-sokak", "Kamu binaları", "Yabani otlarla"],  # L2416
    # L2417 + its continuation row L2423 (which has its bullet)
    ("t15", "5.2.1"): ["Sahipsiz sokak", "Geçici hayvan", "Sahipsiz köpeklerin"],
    # L2425: the bullet before the last item is missing
    ("t15", "5.4.1"): ["Geri dönüştürülebilir", "Belediye tesislerinde", "Belediye hizmetlerinde",
                       "Yenilenebilir enerji", "Topluma sıfır"],
}

# How the items of the FM table, Tablo 15 and Tablo 17 line up with the PH
# table's numbered activity rows. Default: one to one, in order (the script
# checks the counts). None = the item is only part of a PH row (not a variant);
# "new" = an activity missing from the PH table, added with a note.
ALIGNMENT = {
    # PH table row 4 (L1032) joins FM/T15/T17 items 4 and 5; PH rows 5 and 7
    # (L1033, L1035) are not in FM (L1042), T15 (L2404), T17 (L2488); their
    # 7th item "Kent meydanları, ..." is not in the PH table.
    "2.2.1": [0, 1, 2, None, None, 5, "new"],
    # PH table (L1757) has one activity; FM (L1764), T15 (L2426), T17 (L2509) two.
    "6.1.1": [0, "new"],
}

ACTIVITY_NOTES = {
    ("2.2.1", 3): "FM tablosu, Tablo 15 ve Tablo 17'de iki ayrı faaliyet olarak yazılmış: "
                  "'Gençlik kültür ve sanat evleri kurulması' ve 'Kültür merkezleri yapılması'.",
    ("2.2.1", 4): "FM tablosu, Tablo 15 ve Tablo 17'de yok.",
    ("2.2.1", 6): "FM tablosu, Tablo 15 ve Tablo 17'de yok.",
    ("2.2.1", 7): "PH tablosunda yok; FM tablosu, Tablo 15 ve Tablo 17'de var.",
    ("6.1.1", 1): "PH tablosunda yok; FM tablosu, Tablo 15 ve Tablo 17'de var.",
    ("5.1.1", 0): "PH tablosunda 'Eysel' yazılmış; FM tablosu, Tablo 15 ve Tablo 17'de 'Evsel'.",  # L1567
}

# Tablo 15 amounts printed with a lost digit group (L2410, L2411, L2413):
# kept as printed; the note says what they most likely mean.
T15_TYPO_NOTE = ("Kaynakta '{printed}' yazılı; büyük olasılıkla ₺{meant} demek: PH ve FM tablolarında ₺{meant}, "
                 "PAY %{pay} de ₺{meant} üzerinden.")

T15_ROW_NOTES = {
    # L2433 vs L2093/L2119
    "8.2.1": "PH ve FM tablolarında ₺375.000.000; Tablo 15, diğer idarelere transfer edilecek "
             "₺243.500.000'yi (HBB, HATSU, İller Bankası) ayrı satırda gösterdiği için ₺131.500.000 yazmış.",
}

# Indicator codes printed without the space after "PG" (L701).
INDICATOR_CODE_NOTE = "Kaynakta '{printed}' (boşluksuz) yazılmış."

# Subheadings inside the Genel Bilgiler / policy / finance text (Markdown ###).
SUBHEADINGS = {
    "İlçe Kimliği",
    "Belediyenin Görev ve Sorumlulukları – Madde 14",
    "Belediyenin yetkileri ve imtiyazları – Madde 15",
    "Hizmet Binaları",
    "Araç ve İş Makineleri",
    "Teknoloji ve Bilişim Altyapısı",
    "Bilişim Ağı Altyapısı",
    "TEMEL POLİTİKALAR",
    "ÖNCELİKLER",
    "ONİKİNCİ KALKINMA PLANI",
    "1. MALİ DURUM",
    "MALİ POLİTİKALRIMIZ",  # L2376, typo as printed
}

# Captions of pictures that the text does not contain (dropped from the text,
# recorded in the section's note).
PICTURES = {
    "Şema 1. Defne Belediyesi Organizasyon Şeması": "Şema 1 (Organizasyon Şeması) görsel olduğu için metinde yok.",
    "Çalışanların Statü Dağılımı": "'Çalışanların Statü Dağılımı' grafiği görsel olduğu için metinde yok.",
}

TABLE_NOTES = {
    "Hizmet Binaları": "Hücrelerdeki birim listeleri metne aktarılırken tek satırda birleşmiş; basıldığı gibi bırakıldı.",
    # L337-347: header labels shifted after "Ses Yayın Cihazı"; some rows lost empty cells
    "4": ("Üst başlık satırı: BİLGİSAYAR, YAZICI, HABERLEŞME HATTI, DİĞER DEMİRBAŞLAR, TOPLAM. Alt başlıklar basıldığı "
          "gibi; 'Ses Yayın Cihazı'ndan sonra bir sütun kaymış görünüyor, son sütun satır toplamıdır (ör. 264, 535). "
          "Bazı satırlarda hücreler kaymış: sütun toplamları TOPLAM satırıyla tutmuyor (Projeksiyon 5/4, Kamera 4/5, "
          "Switch 8/6, Ses Yayın 0/2), satır toplamları tutuyor. Hücreler basıldığı gibi bırakıldı."),
    "8": "İki liste yan yana: sol sütunlarda memur, sözleşmeli ve işçi personel; sağ sütunlarda DEFTUR A.Ş. personeli.",
    "11": ("İlkokul–Yüksekokul satırlarında boş SÖZLEŞMELİ hücreleri düşmüş, değerler sola kaymış "
           "(ör. İlkokul: memur 1, işçi 38, DEFTUR A.Ş. 151, toplam 190). Hücreler basıldığı gibi bırakıldı."),
}

# Tablo 2 (L236-298) prints two tables side by side (by mahalle / by nitelik),
# the rest of both continuing after a page break: they are given as two tables.
TABLE2_NOTES = (
    "Tablo 2'nin sol yarısı (mahalleye göre). Mahalle satırlarının toplamı 1,347,509.38; "
    "GENEL TOPLAM satırında 1,347,510.38 yazılı.",
    "Tablo 2'nin sağ yarısı (niteliğe göre); sayfa sonundan sonra devam ediyor. Parsel sayılarının toplamı 443; "
    "GENEL TOPLAM satırında 444 yazılı.",
)


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

def clean(text: str) -> str:
    """Undo extraction damage only: HTML fragments, split superscripts, one damaged letter, spacing."""
    text = re.sub(r"</?i>|<ul[^>]*>|</ul>", " ", text)
    text = text.replace("m ²", "m²").replace("m ³", "m³")
    text = text.replace("ę", "ğ")  # L516 "deęişime": extraction turned ğ into ę
    return re.sub(r"\s+", " ", text).strip()


def split_items(cell: str, key: tuple[str, str] | None = None) -> list[str]:
    """Split a bullet list cell into items; cut lost-bullet cells at the known item openings."""
    text = clean(cell)
    starts = LOST_BULLETS.get(key) if key else None
    if not starts:
        return [clean(p) for p in text.split("•") if clean(p)]
    text = clean(text.replace("•", " "))
    positions, at = [], 0
    for start in starts:
        found = text.find(start, at)
        if found < 0:
            raise ValueError(f"{key}: '{start}' bulunamadı")
        positions.append(found)
        at = found + len(start)
    if positions[0] != 0:
        raise ValueError(f"{key}: ilk madde hücrenin başında değil")
    positions.append(len(text))
    return [clean(text[a:b]) for a, b in zip(positions, positions[1:])]


def money(cell: str) -> Decimal | None:
    """'₺7.650.000' → 7650000; '-' / '' → None; '₺800.00' (Tablo 15 typo) → 800.00 as printed."""
    cell = cell.strip()
    if cell in ("", "-"):
        return None
    m = re.fullmatch(r"₺(\d{1,3}(?:\.\d{3})+|\d+)", cell)
    if m:
        return Decimal(m.group(1).replace(".", ""))
    m = re.fullmatch(r"₺(\d+\.\d{2})", cell)
    if m:
        return Decimal(m.group(1))
    raise ValueError(f"tutar okunamadı: {cell!r}")


def is_typo_amount(cell: str) -> bool:
    return re.fullmatch(r"₺\d+\.\d{2}", cell.strip()) is not None


def share(cell: str) -> Decimal | None:
    """'0.64%' → 0.64 (dot decimal as printed); '-' → None."""
    cell = cell.strip()
    if cell in ("", "-"):
        return None
    m = re.fullmatch(r"(\d+\.\d+)%", cell)
    if not m:
        raise ValueError(f"pay okunamadı: {cell!r}")
    return Decimal(m.group(1))


def cost(cells: list[str]) -> dict:
    return {"butce": money(cells[0]), "butce_disi": money(cells[1]), "toplam": money(cells[2])}


def indicator_value(cell: str) -> tuple[object, str | None]:
    """Read one indicator cell. Returns (value, note); value is a str when the cell holds words."""
    cell = cell.strip()
    if cell in ("", "-"):
        return None, None
    if re.fullmatch(r"\d+", cell):
        return Decimal(cell), None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", cell):
        return Decimal(cell.replace(".", "")), "nokta binlik ayırıcı olarak okundu"
    if re.fullmatch(r"\d+\.\d+", cell):
        return Decimal(cell), "nokta ondalık ayırıcı olarak okundu"
    if re.fullmatch(r"\d+,\d+", cell):
        return Decimal(cell.replace(",", ".")), "virgül ondalık ayırıcı olarak okundu"
    return cell, None


UNITS = {"%", "km", "m", "m²", "m³", "ton", "kg", "milyon", "bin"}


def unit_of(name: str) -> str | None:
    m = re.search(r"\(([^()]*)\)\s*$", name)
    if m and m.group(1).strip() in UNITS:
        return m.group(1).strip()
    return None


# --------------------------------------------------------------------------
# Source navigation
# --------------------------------------------------------------------------

class Source:
    def __init__(self, text: str):
        self.lines = text.split("\n")

    def find(self, predicate, start: int = 0) -> int:
        for i in range(start, len(self.lines)):
            if predicate(self.lines[i]):
                return i
        raise ValueError("satır bulunamadı")

    def find_exact(self, value: str, start: int = 0) -> int:
        return self.find(lambda s: s.strip() == value, start)


# --------------------------------------------------------------------------
# General information (text + tables)
# --------------------------------------------------------------------------

def markdown(lines: list[str]) -> str:
    """Turn plain extracted lines into Markdown: subheadings, bullet lists, paragraphs re-joined across page breaks."""
    blocks: list[list[str]] = []  # each block: ["p", text] or ["li", text] or ["h", text]
    in_identity = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line in SUBHEADINGS:
            blocks.append(["h", line])
            in_identity = line == "İlçe Kimliği"
            continue
        if line.startswith("- "):
            item = clean(re.sub(r"^-\s*»?\s*", "", line))
            blocks.append(["li", item])
            continue
        if in_identity and len(line) < 60 and ":" in line:
            blocks.append(["li", clean(line)])
            continue
        in_identity = False
        if re.fullmatch(r"[A-ZÇĞİÖŞÜ ]+:", line):
            blocks.append(["p", f"**{line}**"])
            continue
        prev = blocks[-1] if blocks else None
        if prev and prev[0] == "p" and not re.search(r"[.:!?*]$", prev[1]) and line[0].islower():
            prev[1] = prev[1] + " " + clean(line)  # paragraph split by a page break
            continue
        blocks.append(["p", clean(line)])
    # a subheading whose content is only a table (kept in tablolar) has no text under it
    blocks = [b for i, b in enumerate(blocks)
              if b[0] != "h" or (i + 1 < len(blocks) and blocks[i + 1][0] != "h")]
    out: list[str] = []
    for i, (kind, text) in enumerate(blocks):
        if kind == "h":
            out.append(f"### {text}")
        elif kind == "li":
            out.append(f"- {text}")
        else:
            out.append(text)
        nxt = blocks[i + 1][0] if i + 1 < len(blocks) else None
        if nxt is not None:
            out.append("\n" if kind == "li" and nxt == "li" else "\n\n")
    return "".join(out).strip()


def table_rows(block: list[str]) -> list[list[str]]:
    rows = []
    for line in block:
        cells = [clean(c) for c in line.split("\t")]
        if any(cells):
            rows.append(cells)
    return rows


def make_table(caption: str, block: list[str]) -> list[dict]:
    """A printed table → one schema Table (two for Tablo 2, see TABLE2_NOTES)."""
    m = re.match(r"Tablo (\d+)\. (.*)$", caption)
    no, title = (m.group(1), clean(m.group(2))) if m else (None, clean(caption))
    rows = table_rows(block)
    if no == "2":
        left, right = [], []
        header = rows[0]
        right_started = False
        for row in rows[1:]:
            if len(row) == 6:
                left.append(row[:3])
                right.append(row[3:])
            elif not right_started:
                left.append(row[:3])
                right_started = row[0] == "GENEL TOPLAM"
            else:
                right.append(row[:3])
        return [
            {"no": "2", "baslik": title, "sutunlar": header[:3], "satirlar": left, "not": TABLE2_NOTES[0]},
            {"no": "2", "baslik": title, "sutunlar": header[3:], "satirlar": right, "not": TABLE2_NOTES[1]},
        ]
    header, body = rows[0], rows[1:]
    if no == "4":
        header = [rows[0][0]] + rows[1][1:]  # group header row + label row
        body = rows[2:]
    table = {"no": no, "baslik": title, "sutunlar": header, "satirlar": body}
    if not no:
        del table["no"]
    note = TABLE_NOTES.get(no or title)
    if note:
        table["not"] = note
    return [table]


def info_section(title: str, lines: list[str]) -> dict:
    """A section: its text as Markdown, its tab tables as Tables, picture captions as notes."""
    text_lines: list[str] = []
    tables: list[dict] = []
    notes: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == PAGE_HEADER:
            i += 1
            continue
        if line.strip() in PICTURES:
            notes.append(PICTURES[line.strip()])
            i += 1
            continue
        if "\t" in line:
            block = []
            while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
                block.append(lines[i])
                i += 1
            # caption: the last text line before the block
            caption_idx = len(text_lines) - 1
            while caption_idx >= 0 and not text_lines[caption_idx].strip():
                caption_idx -= 1
            caption = text_lines[caption_idx].strip()
            if caption.startswith("Tablo "):
                del text_lines[caption_idx]
            tables.extend(make_table(caption, block))
            continue
        text_lines.append(line)
        i += 1
    section = {"baslik": title, "metin": markdown(text_lines) or None, "tablolar": tables}
    if section["metin"] is None:
        del section["metin"]
    if not tables:
        del section["tablolar"]
    if notes:
        section["not"] = " ".join(notes)
    return section


def general_info(src: Source) -> list[dict]:
    """Genel Bilgiler, mission/vision/values, policies and the financial text, split at their printed headings."""
    lines = src.lines
    sections = []

    def split(start: int, end: int, heading) -> None:
        idx = [i for i in range(start, end) if heading(lines[i].strip())]
        for a, b in zip(idx, idx[1:] + [end]):
            sections.append(info_section(lines[a].strip(), lines[a + 1:b]))

    gb = src.find_exact("GENEL BİLGİLER")
    pb = src.find_exact("II- PERFORMANS BİLGİLERİ", gb)
    split(gb, pb, lambda s: s == "GENEL BİLGİLER" or re.fullmatch(r"\d\. [A-ZÇĞİÖŞÜ ]+", s) is not None)

    mission = src.find_exact("MİSYON", pb)
    aims = src.find_exact("2. AMAÇ VE HEDEFLER", mission)
    split(mission, aims, lambda s: s in ("MİSYON", "VİZYON", "TEMEL DEĞERLER", "1. TEMEL POLİTİKA VE ÖNCELİKLER"))

    need = src.find_exact("4. İDARENİN TOPLAM KAYNAK İHTİYACI")
    t15 = src.find_exact("İDARE PERFORMANS TABLOSU", need)
    split(need, t15, lambda s: s == "4. İDARENİN TOPLAM KAYNAK İHTİYACI")
    return sections


def forewords(src: Source) -> list[dict]:
    start = src.find_exact("DEFNE'NİN 2025 YILI PERFORMANS PROGRAMI")
    end = src.find_exact("İÇİNDEKİLER", start)
    body = [s.strip() for s in src.lines[start + 1:end] if s.strip()]
    name, role = body[-2], body[-1]
    return [{
        "baslik": src.lines[start].strip(),
        "metin": "\n\n".join(clean(p) for p in body[:-2]),
        "imza": f"{name}, {role}",
    }]


# --------------------------------------------------------------------------
# Performance targets
# --------------------------------------------------------------------------

def parse_target_table(block: list[str]) -> dict:
    """PERFORMANS HEDEFİ TABLOSU -n: header rows, gerekçe, indicators, activity/cost rows."""
    out: dict = {"indicators": [], "activities": [], "reason": []}
    i = 0
    while i < len(block):
        line = block[i]
        cells = line.split("\t")
        label = cells[0].strip()
        if re.fullmatch(r"Amaç \d+", label):
            out["aim"] = (label.split()[1], clean(cells[1]))
        elif re.fullmatch(r"Hedef \d+\.\d+", label):
            out["goal"] = (label.split()[1], clean(cells[1]))
        elif re.fullmatch(r"Performans Hedefi \d+\.\d+\.\d+", label):
            out["code"] = label.split()[-1]
            out["title"] = clean(cells[1])
            i += 1
            while not block[i].startswith("Performans Göstergeleri\t"):
                if block[i].strip():
                    out["reason"].append(clean(block[i]))
                i += 1
            continue
        elif label.startswith("PG"):
            out["indicators"].append(cells)
        elif label == "Faaliyetler ve Projeler":
            i += 1
            assert block[i].strip().split("\t") == ["Bütçe", "Bütçe Dışı", "Toplam"], block[i]
            i += 1
            while not block[i].startswith("Genel Toplam"):
                row = block[i].split("\t")
                if row[0].strip().isdigit():
                    num, name, amounts = row[0].strip(), row[1], row[2:5]
                else:
                    m = re.match(r"(\d+) (.+)$", row[0])
                    num, name = (m.group(1), m.group(2)) if m else (None, row[0])
                    amounts = row[1:4]
                out["activities"].append((num, clean(name), amounts))
                i += 1
            out["total"] = block[i].split("\t")[-3:]
        i += 1
    return out


def parse_cost_table(block: list[str]) -> dict:
    """FAALİYET MALİYETLERİ TABLOSU -n: label rows, economic codes (with sub-rows), totals."""
    fields: dict = {}
    lines: list[dict] = []
    off_budget: dict = {}
    section = "head"
    for line in block:
        if not line.strip():
            continue
        cells = line.split("\t")
        label = cells[0].strip()
        if section == "head":
            if label == "Ekonomik Kod":
                section = "codes"
            elif label:
                fields[label] = cells[1] if len(cells) > 1 else ""
            continue
        if section == "codes":
            if re.fullmatch(r"0\d", label):
                lines.append({"kod": label, "ad": clean(cells[1]), "tutar": money(cells[2]), "alt_kalemler": []})
            elif not label:
                lines[-1]["alt_kalemler"].append({"ad": clean(cells[1]), "tutar": money(cells[2])})
            elif label == "Toplam Bütçe Kaynak İhtiyacı":
                fields["butce_toplami"] = money(cells[-1])
                section = "off"
            else:
                raise ValueError(line)
            continue
        name = clean(cells[1]) if label in ("Bütçe Dışı Kaynak", "") else label
        if name in ("Döner Sermaye", "Diğer Yurt İçi", "Yurt Dışı"):
            off_budget[name] = money(cells[2])
        elif label == "Toplam Bütçe Dışı Kaynak İhtiyacı":
            fields["butce_disi_toplami"] = money(cells[-1])
        elif label == "Toplam Kaynak İhtiyacı":
            fields["toplam"] = money(cells[-1])
        else:
            raise ValueError(line)
    for line in lines:
        if not line["alt_kalemler"]:
            del line["alt_kalemler"]
    table = {
        "ekonomik_kodlar": lines,
        "butce_toplami": fields["butce_toplami"],
        "butce_disi": {
            "doner_sermaye": off_budget["Döner Sermaye"],
            "diger_yurt_ici": off_budget["Diğer Yurt İçi"],
            "yurt_disi": off_budget["Yurt Dışı"],
        },
        "butce_disi_toplami": fields["butce_disi_toplami"],
        "toplam": fields["toplam"],
    }
    if clean(fields.get("Açıklama", "")):
        table["aciklama"] = clean(fields["Açıklama"])
    return {
        "title": clean(fields[[k for k in fields if k.startswith("Performans Hedefi")][0]]),
        "activities": fields["Faaliyetler ve Projeler"],
        "unit": clean(fields["Sorumlu Harcama Birimi veya Birimleri"]),
        "table": table,
    }


def indicator(cells: list[str]) -> dict:
    m = re.match(r"(PG\s*(\d+\.\d+\.\d+))\s+(.*)$", cells[0].strip())
    printed_code, code, name = m.group(1), m.group(2), clean(m.group(3))
    raw = [c.strip() for c in (cells[1:4] + ["", "", ""])[:3]]
    explanation = clean(cells[4]) if len(cells) > 4 else ""
    parsed = [indicator_value(c) for c in raw]
    notes = []
    if printed_code != f"PG {code}":
        notes.append(INDICATOR_CODE_NOTE.format(printed=printed_code))
    text_valued = any(isinstance(v, str) for v, _ in parsed)
    if text_valued:
        values = {year: (None if c in ("", "-") else c) for year, c in zip((2023, 2024, 2025), raw)}
    else:
        values = {year: v for year, (v, _) in zip((2023, 2024, 2025), parsed)}
        readings: dict[str, list[str]] = {}
        for cell, (_, how) in zip(raw, parsed):
            if how:
                readings.setdefault(how, []).append(f"'{cell}'")
        notes += [f"{', '.join(printed)} {how}" for how, printed in readings.items()]
    item = {"kod": f"PG {code}", "ad": name}
    unit = unit_of(name)
    if unit:
        item["birim"] = unit
    if text_valued:
        item["deger_turu"] = "metin"
    item["degerler"] = values
    if explanation:
        item["aciklama"] = explanation
    if notes:
        item["not"] = "; ".join(notes) + ("." if not notes[-1].endswith(".") else "")
    return item


def variants(main: str, others: list[str]) -> list[str]:
    out: list[str] = []
    for other in others:
        if other and other != main and other not in out:
            out.append(other)
    return out


def build_activities(code: str, ph: dict, fm_items: list[str], t15_items: list[str], t17_items: list[str],
                     unit: str) -> list[dict]:
    """Activities from the PH table's rows; other tables' wordings as variants; merged cost cell kept off activity 1."""
    rows = ph["activities"]
    priced = [r for r in rows if any(c.strip() for c in r[2])]
    per_activity = len(priced) > 1  # one filled row = merged cell holding the whole target's cost
    acts = []
    for num, name, amounts in rows:
        act = {}
        if num:
            act["kod"] = num
        act["ad"] = name
        act["sorumlu_birim"] = unit
        if per_activity:
            act["maliyet"] = cost(amounts)
        notes = []
        if not num:
            notes.append("PH tablosunda sıra numarası yok.")
        act["_notes"] = notes
        act["_others"] = []
        acts.append(act)
    alignment = ALIGNMENT.get(code, list(range(len(rows))))
    for source in (fm_items, t15_items, t17_items):
        if len(source) != len(alignment):
            raise ValueError(f"{code}: {len(source)} madde, beklenen {len(alignment)}")
    for pos, target in enumerate(alignment):
        wordings = [fm_items[pos], t15_items[pos], t17_items[pos]]
        if target is None:
            continue
        if target == "new":
            acts.append({"ad": wordings[0], "sorumlu_birim": unit, "_notes": [], "_others": wordings[1:]})
            continue
        acts[target]["_others"].extend(wordings)
    for index, act in enumerate(acts):
        note = ACTIVITY_NOTES.get((code, index))
        if note:
            act["_notes"].append(note)
        found = variants(act["ad"], act.pop("_others"))
        notes = act.pop("_notes")
        ordered = {k: act[k] for k in ("kod", "ad") if k in act}
        if found:
            ordered["varyantlar"] = found
        ordered["sorumlu_birim"] = act["sorumlu_birim"]
        if "maliyet" in act:
            ordered["maliyet"] = act["maliyet"]
        if notes:
            ordered["not"] = " ".join(notes)
        acts[index] = ordered
    return acts


def parse_t15(src: Source) -> tuple[dict, dict]:
    """Tablo 15 rows keyed by PH code (continuation rows after page breaks joined), plus its summary rows."""
    start = src.find(lambda s: s.startswith("Tablo 15.") and "\t" not in s)
    end = src.find(lambda s: s.startswith("Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı"), start)
    rows: dict = {}
    summary: dict = {}
    last = None
    for line in src.lines[start + 1:end + 1]:
        cells = line.split("\t")
        m = re.fullmatch(r"P\.H\. (\d+\.\d+\.\d+)", cells[1].strip()) if len(cells) > 1 else None
        if m and cells[0].strip().isdigit():
            last = m.group(1)
            rows[last] = {"acts": cells[2], "cells": [c.strip() for c in cells[3:9]]}
        elif len(cells) > 2 and not cells[0].strip() and not cells[1].strip() and cells[2].strip() \
                and cells[2].strip() != "TL":
            rows[last]["acts"] += " • " + cells[2]  # continuation after a page break (L2401, L2423, L2435)
        elif cells[0].strip() in ("Performans Hedefleri Maliyetleri Toplamı", "Genel Yönetim Giderleri",
                                  "Genel Toplam", "Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı"):
            summary[cells[0].strip()] = [c.strip() for c in cells[3:9]]
    return rows, summary


def share_row(cells: list[str]) -> dict:
    return {
        "butce": money(cells[0]), "butce_payi": share(cells[1]),
        "butce_disi": money(cells[2]), "butce_disi_payi": share(cells[3]),
        "toplam": money(cells[4]), "toplam_payi": share(cells[5]),
    }


def parse_t17(src: Source) -> dict:
    start = src.find(lambda s: s.startswith("Tablo 17.") and "\t" not in s)
    rows = {}
    for line in src.lines[start + 1:]:
        cells = line.split("\t")
        m = re.fullmatch(r"P\.H\. (\d+\.\d+\.\d+)", cells[0].strip())
        if m:
            rows[m.group(1)] = {"title": clean(cells[1]), "acts": cells[2], "unit": clean(cells[3])}
    return rows


def parse_t16(src: Source) -> dict:
    """Tablo 16: rows 01-09, budget total, off-budget rows, grand total; columns faaliyet/genel yönetim/transfer/toplam."""
    start = src.find(lambda s: s.startswith("Tablo 16.") and "\t" not in s)
    end = src.find(lambda s: s.startswith("Toplam Kaynak İhtiyacı\t"), start)
    budget, off, totals = [], [], {}

    def amounts(cells):
        cells = [c.strip() for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        vals = [money(c) for c in cells[-4:]]
        return dict(zip(("faaliyet", "genel_yonetim", "diger_idarelere_transfer", "toplam"), vals))

    for line in src.lines[start + 1:end + 1]:
        cells = line.split("\t")
        if len(cells) > 2 and re.fullmatch(r"0\d", cells[1].strip()):
            budget.append({"kod": cells[1].strip(), "ad": clean(cells[2]), **amounts(cells)})
        elif len(cells) > 1 and cells[1].strip() in ("Döner Sermaye", "Diğer Yurt İçi", "Yurt Dışı"):
            off.append({"ad": cells[1].strip(), **amounts(cells)})
        elif len(cells) > 1 and cells[1].strip() == "Toplam Bütçe Kaynak İhtiyacı":
            totals["butce"] = amounts(cells)
        elif len(cells) > 1 and cells[1].strip() == "Toplam Bütçe Dışı Kaynak İhtiyacı":
            totals["butce_disi"] = amounts(cells)
        elif cells[0].strip() == "Toplam Kaynak İhtiyacı":
            totals["genel"] = amounts(cells)
    return {
        "tablo_no": "16",
        "butce": budget,
        "butce_toplami": totals["butce"],
        "butce_disi": off,
        "butce_disi_toplami": totals["butce_disi"],
        "genel_toplam": totals["genel"],
        "not": "Diğer idarelere transfer edilecek kaynaklar (₺243.500.000) 05 Cari Transferler satırında ayrı sütunda; "
               "09 satırı kaynakta 'Yedek Ödeme' olarak yazılmış.",
    }


def parse_aims_table(src: Source) -> tuple[dict, dict]:
    """Tablo 14: aims and goals as worded there (kept as variants of the PH tables' wording)."""
    start = src.find(lambda s: s.startswith("Tablo 14.") and "\t" not in s)
    end = src.find_exact("3. PERFORMANS HEDEF VE GÖSTERGELERİ İLE FAALİYETLER", start)
    aims, goals = {}, {}
    for line in src.lines[start + 1:end]:
        m = re.match(r"Stratejik Amaç (\d+): (.*)$", line)
        if m:
            aims[m.group(1)] = clean(m.group(2))
        m = re.match(r"Hedef (\d+\.\d+)\t(.*)$", line)
        if m:
            goals[m.group(1)] = clean(m.group(2))
    return aims, goals


def performance(src: Source) -> tuple[list[dict], list[dict], dict, dict]:
    """Aims → goals → targets, plus the units list, Tablo 15 and Tablo 17."""
    lines = src.lines
    heads = [i for i, s in enumerate(lines) if re.fullmatch(r"PERFORMANS HEDEFİ TABLOSU -\d+", s.strip())]
    fms = [i for i, s in enumerate(lines) if re.fullmatch(r"FAALİYET MALİYETLERİ TABLOSU -\d+", s.strip())]
    end = src.find_exact("4. İDARENİN TOPLAM KAYNAK İHTİYACI")
    assert len(heads) == len(fms)
    t14_aims, t14_goals = parse_aims_table(src)
    t15_rows, t15_summary = parse_t15(src)
    t17_rows = parse_t17(src)

    aims: dict = {}
    units: dict = {}
    t15_out, t17_out = [], []
    for n, (h, f) in enumerate(zip(heads, fms), start=1):
        assert lines[h].strip().endswith(f"-{n}") and lines[f].strip().endswith(f"-{n}")
        nxt = heads[n] if n < len(heads) else end
        ph = parse_target_table(lines[h + 1:f])
        fm = parse_cost_table(lines[f + 1:nxt])
        code = ph["code"]
        t15 = t15_rows[code]
        t17 = t17_rows[code]

        unit = fm["unit"]
        units.setdefault(unit, [])
        if t17["unit"] != unit and t17["unit"] not in units[unit]:
            units[unit].append(t17["unit"])

        fm_items = split_items(fm["activities"], ("fm", code))
        t15_items = split_items(t15["acts"], ("t15", code))
        t17_items = split_items(t17["acts"], ("t17", code))

        target = {"kod": code, "ad": ph["title"]}
        found = variants(ph["title"], [fm["title"], t17["title"]])
        if found:
            target["varyantlar"] = found
        target["tablo_no"] = n
        if ph["reason"]:
            target["aciklama"] = " ".join(ph["reason"])
        target["sorumlu_birimler"] = [unit]
        target["gostergeler"] = [indicator(c) for c in ph["indicators"]]
        target["faaliyetler"] = build_activities(code, ph, fm_items, t15_items, t17_items, unit)
        target["maliyet"] = cost(ph["total"])
        target["maliyet_tablosu"] = fm["table"]
        notes = []
        priced = [r for r in ph["activities"] if any(c.strip() for c in r[2])]
        if len(priced) == 1:
            row_amounts = cost(priced[0][2])
            assert row_amounts == target["maliyet"], code  # the merged cell repeats the Genel Toplam
            if ph["activities"].index(priced[0]) != 0:
                notes.append("PH tablosunda tutarlar (\"-\") birleştirilmiş hücrede, "
                             f"{ph['activities'].index(priced[0]) + 1}. faaliyet satırı hizasında; faaliyete değil hedefe ait.")
        if code == "8.2.1":  # FM -29, L2107-2113
            fm["table"]["not"] = ("05 satırındaki ₺3.000.000 alt kalemleri içermiyor: HBB, HATSU ve İller Bankası "
                                  "(toplam ₺243.500.000) diğer idarelere transferdir ve Toplam Bütçe Kaynak İhtiyacı'na "
                                  "ayrıca girmiştir. Bu tabloda 08 satırı yok, 09 Yedek Ödenekler var.")
            notes.append("Tablo 15'te ₺131.500.000 (diğer idarelere transferler hariç).")
        if notes:
            target["not"] = " ".join(notes)

        aim_code, aim_name = ph["aim"]
        goal_code, goal_name = ph["goal"]
        aim = aims.setdefault(aim_code, {"kod": aim_code, "ad": aim_name, "_variants": [], "_goals": {}})
        aim["_variants"].append(aim_name)
        goal = aim["_goals"].setdefault(goal_code, {"kod": goal_code, "ad": goal_name, "_variants": [],
                                                     "performans_hedefleri": []})
        goal["_variants"].append(goal_name)
        goal["performans_hedefleri"].append(target)

        row = {"performans_hedefi": code, **share_row(t15["cells"]), "faaliyetler": t15_items}
        row_notes = []
        typo = [c for c in (t15["cells"][0], t15["cells"][4]) if is_typo_amount(c)]
        if typo:
            printed = typo[0]
            meant = f"{int(Decimal(printed[1:])):,}".replace(",", ".") + ".000"
            row_notes.append(T15_TYPO_NOTE.format(printed=printed, meant=meant, pay=t15["cells"][1].rstrip("%")))
        if code in T15_ROW_NOTES:
            row_notes.append(T15_ROW_NOTES[code])
        if row_notes:
            row["not"] = " ".join(row_notes)
        t15_out.append(row)
        t17_out.append({"performans_hedefi": code, "faaliyetler": t17_items, "birimler": [t17["unit"]]})

    out_aims = []
    for code, aim in aims.items():
        a = {"kod": code, "ad": aim["ad"]}
        found = variants(aim["ad"], aim["_variants"] + [t14_aims[code]])
        if found:
            a["varyantlar"] = found
        goals = []
        for gcode, goal in aim["_goals"].items():
            g = {"kod": gcode, "ad": goal["ad"]}
            found = variants(goal["ad"], goal["_variants"] + [t14_goals[gcode]])
            if found:
                g["varyantlar"] = found
            g["performans_hedefleri"] = goal["performans_hedefleri"]
            goals.append(g)
        assert set(t14_goals) >= {g["kod"] for g in goals}
        a["hedefler"] = goals
        out_aims.append(a)
    assert set(t14_aims) == set(aims)

    admin = {
        "tablo_no": "15",
        "satirlar": t15_out,
        "performans_hedefleri_toplami": share_row(t15_summary["Performans Hedefleri Maliyetleri Toplamı"]),
        "genel_yonetim_giderleri": share_row(t15_summary["Genel Yönetim Giderleri"]),
        "diger_idarelere_transfer": share_row(t15_summary["Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı"]),
        "genel_toplam": share_row(t15_summary["Genel Toplam"]),
        "not": "Kaynakta 'Genel Toplam' satırı (₺959.995.000) diğer idarelere transferleri içermiyor ve transfer satırından "
               "önce basılmış; PAY % değerleri transferler dahil ₺1.203.495.000 üzerinden hesaplanmış.",
    }
    unit_table = {"tablo_no": "17", "satirlar": t17_out}
    unit_list = []
    for name, alts in units.items():
        u = {"ad": name}
        if alts:
            u["varyantlar"] = alts
        unit_list.append(u)
    return out_aims, unit_list, admin, unit_table


def population(src: Source) -> dict:
    """The district's population as Genel Bilgiler states it ("İlçe Nüfusu 2023: 142.146 kişi")."""
    line = src.find(lambda s: s.strip().startswith("İlçe Nüfusu"))
    found = re.fullmatch(r"İlçe Nüfusu (\d{4}): ([\d.]+) kişi", src.lines[line].strip())
    return {"kisi": int(found.group(2).replace(".", "")), "yil": int(found.group(1)), "kaynakta": f"Genel Bilgiler, satır {line + 1}: {found.group(0)}"}


# --------------------------------------------------------------------------

def build(text: str) -> dict:
    src = Source(text)
    aims, units, admin, unit_table = performance(src)
    return {
        "belediye": {"ad": "Defne Belediyesi", "slug": "defne", "il": "Hatay", "tur": "ilce", "web": "www.defne.bel.tr"},
        "yil": YEAR,
        "kaynak": {
            "baslik": "Defne Belediyesi Performans Programı 2025",
            "tarih": "Ekim 2024",
            "hazirlayan": "Strateji Geliştirme Müdürlüğü",
            "url": "www.defne.bel.tr",
            "dosya": SEED_NAME,
        },
        "nufus": population(src),
        "gosterge_sutunlari": [
            {"yil": 2023, "tur": "gerceklesen", "baslik": "2023 Gerçekleşen"},
            {"yil": 2024, "tur": "tahmin", "baslik": "2024 Tahmini"},
            {"yil": 2025, "tur": "hedef", "baslik": "2025 Hedeflenen"},
        ],
        "sunus": forewords(src),
        "genel_bilgiler": general_info(src),
        "birimler": units,
        "amaclar": aims,
        "idare_performans_tablosu": admin,
        "toplam_kaynak_ihtiyaci": parse_t16(src),
        "harcama_birimleri_tablosu": unit_table,
        "not": ("Belediyenin türü kaynakta 'Büyükşehir Merkez İlçe'. Meclis kararı ve sayfa sayısı metinde yok. "
                "Kapak, Atatürk sözü ve içindekiler listesi aktarılmadı. "
                "PH tablolarında tutar çoğunlukla birleştirilmiş hücrede (1. faaliyet satırında) durur ve hedefin "
                "tamamına aittir; faaliyet başına tutar yalnız PH 4.3.1, 8.3.1 ve 8.5.1'de yazılıdır."),
    }


def main(argv: list[str]) -> int:
    seed = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    data = build(seed.read_text(encoding="utf-8"))
    Program.model_validate(data)
    dump(data, out, header=f"# Defne Belediyesi 2025 Performans Programı. Kaynak: {SEED_NAME}\n"
                           f"# tools/defne.py ile üretildi.\n")
    print(f"yazıldı: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
