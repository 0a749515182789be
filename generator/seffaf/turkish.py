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
from babel.numbers import format_decimal

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
