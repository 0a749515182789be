"""Turkish as a reader expects it: numbers, money, dates, case, order and search.

Formats come from babel's ``tr_TR`` locale data; the dotted/dotless i, which
Python's ``str.lower`` and Pagefind both get wrong for Turkish, is handled here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

LOCALE = "tr_TR"

_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_ORDER = {letter: index for index, letter in enumerate(_ALPHABET)}
_ASCII = str.maketrans("çğıöşüâîûÇĞİÖŞÜÂÎÛI", "cgiosuaiuCGIOSUAIUI")


def lower(text: str) -> str:
    """Lower case with Turkish i: "İzmir" → "izmir", "ILGIN" → "ılgın"."""
    return text.replace("İ", "i").replace("I", "ı").lower()


def fold(text: str) -> str:
    """What a person types without Turkish letters: "Kırsal Çevre" → "kirsal cevre"."""
    return lower(text).translate(_ASCII)


def sort_key(text: str) -> tuple:
    """Dictionary order of the Turkish alphabet (c < ç < d, ı < i, ş after s)."""
    key = []
    for char in lower(text):
        if char in _ORDER:
            key.append((0, _ORDER[char]))
        elif char in "0123456789":
            key.append((-1, int(char)))
        else:
            base = unicodedata.normalize("NFD", char)[0]
            key.append((0, _ORDER[base]) if base in _ORDER else (1, ord(char)))
    return tuple(key)


def slugify(text: str) -> str:
    """An address segment that never changes meaning: "İmar ve Şehircilik" → "imar-ve-sehircilik"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def number(value: Decimal | int | None, places: int | None = None) -> str:
    if value is None:
        return "–"
    if places is None:
        pattern = "#,##0" if value == int(value) else "#,##0.##########"
    else:
        pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale=LOCALE)


def money(value: Decimal | int | None) -> str:
    """7650000 → "7.650.000 ₺"; kuruş only where the source has them."""
    if value is None:
        return "–"
    return f"{number(value, None if value == int(value) else 2)}\u00a0₺"


def percent(value: Decimal | float | None, places: int = 2) -> str:
    """A share already in percent: 12.5 → "%12,50" (the sign comes first in Turkish)."""
    if value is None:
        return "–"
    return "%" + format_decimal(value, format="#,##0." + "0" * places if places else "#,##0", locale=LOCALE)


def date(value: dt.date) -> str:
    """22 Kasım 2026."""
    return format_date(value, format="d MMMM y", locale=LOCALE)


class NumberError(ValueError):
    """A number that cannot be read one way only; the message says how to write it."""


NO_VALUE = frozenset({"-", "–", "—"})
"""What the document prints in a cell that has no value (not zero)."""

_CURRENCY = re.compile(r"^₺\s*|\s*(?:₺|TL|TRY)$", re.IGNORECASE)
_ENGLISH = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-+]?\d+\.\d+$")
_EXAMPLES = "ör. 7.650.000 ya da 7.650.000,50: nokta binlikleri, virgül ondalığı ayırır"


def parse_number(text: str) -> Decimal:
    """A number as a Turkish document prints it: "7.650.000,00 TL" → 7650000.00, "%12,5" → 12.5.

    Dots group thousands and the comma marks decimals (babel's ``tr_TR`` rules,
    strictly: "1.2345" is refused, not read as 12345). A number written the
    English way ("1,234.5", "12.5") is refused with its Turkish spelling, never
    read as some other number.
    """
    shown = text.strip()
    body = shown.replace("\u00a0", " ").replace("\u202f", " ").replace("−", "-")
    if not body:
        raise NumberError("boş; bir sayı yazın")
    if body in NO_VALUE:
        raise NumberError(
            f'"{shown}" bir sayı değil: belgedeki "-" (değer yok) YAML\'da null yazılır, Excel\'de hücre boş bırakılır; 0 ile karıştırmayın'
        )
    if len(body) > 60:
        raise NumberError("bir sayı olamayacak kadar uzun")
    percent = body.startswith("%") or body.endswith("%")
    body = body.strip("%").strip()
    money = _CURRENCY.search(body) is not None
    body = _CURRENCY.sub("", body)
    if percent and money:
        raise NumberError(f'"{shown}" hem yüzde hem tutar olamaz')
    if re.search(r"\d\s+\d", body):
        raise NumberError(f'"{shown}": rakamların arasında boşluk olmaz ({_EXAMPLES})')
    if not re.fullmatch(r"[-+]?[0-9.,]*[0-9][0-9.,]*", body):
        raise NumberError(f'"{shown}" bir sayı değil ({_EXAMPLES})')
    try:
        return parse_decimal(body, locale=LOCALE, strict=True)
    except NumberFormatError:
        pass
    if _ENGLISH.match(body):
        turkish = body.replace(",", "\0").replace(".", ",").replace("\0", ".")
        raise NumberError(f'"{shown}" Türkçe yazılmamış: nokta binlikleri, virgül ondalığı ayırır; "{turkish}" yazın')
    raise NumberError(f'"{shown}" okunamadı: binlikler üçer rakamla noktayla, ondalıklar virgülle ayrılır ({_EXAMPLES})')
