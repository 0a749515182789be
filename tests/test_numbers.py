"""Numbers written the Turkish way: read by Turkish rules, or refused with the way to write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from seffaf.turkish import NumberError, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("250.000", Decimal("250000")),
        ("7.650.000", Decimal("7650000")),
        ("7.650.000,00", Decimal("7650000.00")),
        ("7.650.000,00 TL", Decimal("7650000.00")),
        ("7.650.000 ₺", Decimal("7650000")),
        ("₺7.650.000", Decimal("7650000")),
        ("%12,5", Decimal("12.5")),
        ("12,5%", Decimal("12.5")),
        ("12,5", Decimal("12.5")),
        ("0,125", Decimal("0.125")),
        ("-1.000", Decimal("-1000")),
        ("−1.000,5", Decimal("-1000.5")),
        ("7650000", Decimal("7650000")),
        ("\u00a07.650.000,50\u00a0TL ", Decimal("7650000.50")),
    ],
)
def test_a_turkish_number_is_read_by_turkish_rules(text, value):
    assert parse_number(text) == value
    assert str(parse_number(text)) == str(value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("1.5", '"1.5" Türkçe yazılmamış: nokta binlikleri, virgül ondalığı ayırır; "1,5" yazın'),
        ("12.50", '"12.50" Türkçe yazılmamış: nokta binlikleri, virgül ondalığı ayırır; "12,50" yazın'),
        ("1,234.56", '"1,234.56" Türkçe yazılmamış: nokta binlikleri, virgül ondalığı ayırır; "1.234,56" yazın'),
        ("1,234,567", '"1,234,567" Türkçe yazılmamış: nokta binlikleri, virgül ondalığı ayırır; "1.234.567" yazın'),
        ("1.2345", '"1.2345" Türkçe yazılmamış: nokta binlikleri, virgül ondalığı ayırır; "1,2345" yazın'),
        ("1.000.00", '"1.000.00" okunamadı: binlikler üçer rakamla noktayla, ondalıklar virgülle ayrılır'),
        ("-", '"-" bir sayı değil: belgedeki "-" (değer yok) YAML\'da null yazılır'),
        ("yedi milyon", '"yedi milyon" bir sayı değil (ör. 7.650.000 ya da 7.650.000,50'),
        ("1e5", '"1e5" bir sayı değil'),
        ("1 000", '"1 000": rakamların arasında boşluk olmaz'),
        ("%5 TL", '"%5 TL" hem yüzde hem tutar olamaz'),
        ("", "boş; bir sayı yazın"),
        ("9" * 100, "bir sayı olamayacak kadar uzun"),
    ],
)
def test_a_number_that_is_not_turkish_or_not_a_number_is_refused_with_the_way_to_write_it(text, message):
    with pytest.raises(NumberError) as error:
        parse_number(text)
    assert str(error.value).startswith(message)
