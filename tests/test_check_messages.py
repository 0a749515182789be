"""`seffaf check` speaks like a colleague (issue 16): every mistake a municipality's
staff made writing a program from the guide gets a Turkish message with its line,
the document's own names and the fix; nothing is misread silently.

Each test names the message it replaced ("was: …").
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from seffaf.loader import ProgramError, _yaml_problem, load_program

from .test_hostile import HOSTILE

VALID = (HOSTILE / "gecerli.yml").read_text(encoding="utf-8")
TARGET = "PH 1.1.1"
INDICATOR = "PH 1.1.1 › 1. gösterge (Asfaltlanan yol (km))"


def edited(tmp_path, old: str, new: str):
    """The valid fixture with one edit: the program, or the problems as printed."""
    assert old in VALID, old
    path = tmp_path / "2026.yml"
    path.write_text(VALID.replace(old, new, 1), encoding="utf-8")
    try:
        return load_program(path, "2026.yml")
    except ProgramError as error:
        return [str(p) for p in error.problems]


def line_of(old: str) -> int:
    return VALID[: VALID.index(old)].count("\n") + 1


COST = "maliyet: {butce: 1500000,"
VALUES = "degerler: {2024: 12,"


def test_a_turkish_thousand_is_refused_with_both_readings(tmp_path):
    """was: read as 250, published; only arithmetic warnings elsewhere."""
    assert edited(tmp_path, COST, "maliyet: {butce: 250.000,") == [
        f'2026.yml:{line_of(COST)}: {TARGET} › maliyet.butce: "250.000" iki türlü okunabilir: Türkçe yazımla 250000, '
        "YAML'ın okuyuşuyla 250. 250000 ise 250000 ya da tırnak içinde \"250.000\" yazın; 250 ise 250 yazın"
    ]


def test_a_turkish_thousand_in_quotes_is_read_the_turkish_way(tmp_path):
    program = edited(tmp_path, COST, 'maliyet: {butce: "1.500.000",')
    assert program.amaclar[0].hedefler[0].performans_hedefleri[0].maliyet.butce == Decimal("1500000")


def test_an_indicator_value_42_000_is_refused_not_read_as_42(tmp_path):
    """was: read as 42, no message."""
    assert edited(tmp_path, VALUES, "degerler: {2024: 42.000,") == [
        f'2026.yml:{line_of(VALUES)}: {INDICATOR} › degerler[2024]: "42.000" iki türlü okunabilir: Türkçe yazımla 42000, '
        "YAML'ın okuyuşuyla 42. 42000 ise 42000 ya da tırnak içinde \"42.000\" yazın; 42 ise 42 yazın"
    ]


def test_base_60_is_refused_not_read_as_90(tmp_path):
    """was: read as 90 (YAML 1.1 base 60), no message."""
    assert edited(tmp_path, VALUES, "degerler: {2024: 1:30,") == [
        f'2026.yml:{line_of(VALUES)}: {INDICATOR} › degerler[2024]: "1:30" bir sayı değil (YAML 1.1 bunu altmışlık sayı sayıp 90 okurdu); '
        'süreyse tek birimle yazın, ör. dakika: 90 (metin değerli bir göstergeyse "deger_turu: metin" yazın)'
    ]


def test_a_text_indicator_keeps_1_30_as_typed(tmp_path):
    program = edited(tmp_path, VALUES, "deger_turu: metin\n                degerler: {2024: 1:30,")
    assert program.amaclar[0].hedefler[0].performans_hedefleri[0].gostergeler[0].degerler[2024] == "1:30"


def test_a_comma_inside_braces_is_explained(tmp_path):
    """was: "00 TL" anahtarı iki kez yazılmış / bilinmeyen alan "00 TL"."""
    assert edited(tmp_path, COST, "maliyet: {butce: 7.650.000,00 TL,") == [
        f'2026.yml:{line_of(COST)}: {TARGET} › maliyet.butce: "7.650.000,00 TL" virgülle yazılmış, ama {{…}} içinde virgül alanları ayırır: '
        'tırnak içine alın (butce: "7.650.000,00 TL") ya da 7650000.00'
    ]


def test_a_quoted_turkish_amount_with_lira_is_read(tmp_path):
    program = edited(tmp_path, COST, 'maliyet: {butce: "1.500.000,00 TL",')
    assert program.amaclar[0].hedefler[0].performans_hedefleri[0].maliyet.butce == Decimal("1500000.00")


def test_a_percent_sign_starting_a_value_is_explained_in_turkish(tmp_path):
    """was: YAML okunamadı (found character that cannot start any token)."""
    assert edited(tmp_path, VALUES, "degerler:\n                  2024: %12,5\n                 ") == [
        f'2026.yml:{line_of(VALUES) + 1}: bir değer "%" ile başlayamaz: tırnak içine alın ("%12,5") ya da yüzde işaretsiz yazın (12.5)'
    ]
    program = edited(tmp_path, VALUES, 'degerler: {2024: "%12,5",')
    assert program.amaclar[0].hedefler[0].performans_hedefleri[0].gostergeler[0].degerler[2024] == Decimal("12.5")


def test_12_comma_5_on_its_own_line_is_twelve_and_a_half(tmp_path):
    """was: "12,5" bir sayı değil (… "deger_turu: metin" yazın), and following that hint kept it as text silently."""
    program = edited(tmp_path, "degerler: {2024: 12, 2025: 18, 2026: 20}", "degerler:\n                  2024: 12,5\n                  2025: 18\n                  2026: 20")
    assert program.amaclar[0].hedefler[0].performans_hedefleri[0].gostergeler[0].degerler[2024] == Decimal("12.5")


def test_a_dash_for_no_value_says_to_write_null(tmp_path):
    """was: YAML okunamadı (block sequence entries are not allowed in this context)."""
    old = "maliyet: {butce: 1500000, butce_disi: null, toplam: 1500000}"
    found = edited(tmp_path, old, "maliyet:\n              butce: 1500000\n              butce_disi: -\n              toplam: 1500000")
    assert found == [
        f"2026.yml:{line_of(old) + 2}: \"-\" tek başına bir değer olamaz (YAML'da \"- \" liste öğesi başlatır): "
        'belgedeki "-" (değer yok) için null yazın; metin olarak "-" ise tırnak içine alın: "-"'
    ]
    assert edited(tmp_path, old, "maliyet: {butce: 1500000, butce_disi: -, toplam: 1500000}") == [
        f'2026.yml:{line_of(old)}: {TARGET} › maliyet.butce_disi: "-" bir sayı değil: belgedeki "-" (değer yok) YAML\'da null yazılır, '
        "Excel'de hücre boş bırakılır; 0 ile karıştırmayın"
    ]


def test_an_economic_code_without_quotes_is_kept_as_typed(tmp_path):
    """was: 01 → "metin olmalı" (YAML 1.1 read it as the octal number 1), while 08 and 09 were accepted."""
    for code in ("03", "08"):
        program = edited(tmp_path, "kod: '03'", f"kod: {code}")
        assert program.amaclar[0].hedefler[0].performans_hedefleri[0].maliyet_tablosu.ekonomik_kodlar[0].kod == code


def test_a_code_written_as_a_number_asks_for_quotes(tmp_path):
    """was: metin olmalı (no word about quotes)."""
    old = "  - kod: '1'\n"
    assert edited(tmp_path, old, "  - kod: 1\n") == [f"2026.yml:{line_of(old)}: Amaç 1 › kod: metin olmalı, sayı gibi yazılmış: tırnak içine alın ('1')"]


def test_yes_no_on_off_are_text(tmp_path):
    program = edited(tmp_path, "            faaliyetler:\n              - ad: Asfalt serimi", "            faaliyetler:\n              - ad: on")
    assert program.amaclar[0].hedefler[0].performans_hedefleri[0].faaliyetler[0].ad == "on"


def test_a_colon_inside_a_name_shows_the_line_as_it_should_be(tmp_path):
    """was: YAML okunamadı (mapping values are not allowed in this context) — libyaml's wording was not translated."""
    old = "        ad: Köy yollarını asfaltlamak"
    assert edited(tmp_path, old, "        ad: Köy yolları: asfalt") == [
        f'2026.yml:{line_of(old)}: değerin içinde ":" var; değeri tırnak içine alın: ad: "Köy yolları: asfalt"'
    ]


@pytest.mark.parametrize("spaces, hint", [(17, "alt alta"), (15, "aynı hizada")])
def test_indentation_off_by_one_space_says_so(tmp_path, spaces, hint):
    """was: girinti hatalı: liste öğesi '-' ile başlamalı (and, one space deeper, mapping values are not allowed in this context)."""
    old = "                sorumlu_birim: Fen İşleri Müdürlüğü"
    found = edited(tmp_path, old, " " * spaces + old.lstrip())
    assert len(found) == 1 and found[0].startswith(f"2026.yml:{line_of(old)}: girinti hatalı: bu satır {spaces} boşlukla başlıyor, üstündeki alan 16;"), found
    assert hint in found[0]


def test_activities_indented_under_an_indicator_say_where_they_belong(tmp_path):
    """was: nine errors, one of them bilinmeyen alan "faaliyetler" ("faaliyetler" mi demek istediniz?)."""
    old = "            faaliyetler:\n              - ad: Asfalt serimi\n                sorumlu_birim: Fen İşleri Müdürlüğü"
    new = "                faaliyetler:\n                  - ad: Asfalt serimi\n                    sorumlu_birim: Fen İşleri Müdürlüğü"
    assert edited(tmp_path, old, new) == [
        f'2026.yml:{line_of(old)}: {INDICATOR} › faaliyetler: "faaliyetler" göstergenin alanı değil, performans hedefinin alanıdır: '
        'girintisi fazla; "gostergeler" ile aynı hizaya getirin'
    ]


def test_a_tab_inside_a_name_is_an_error_with_its_line(tmp_path):
    """was: kept in the activity's name."""
    old = "              - ad: Asfalt serimi"
    assert edited(tmp_path, old, "              - ad: Asfalt\tserimi") == [
        f'2026.yml:{line_of(old)}: {TARGET} › 1. faaliyet (Asfalt serimi) › ad: "Asfalt\tserimi" sekme (tab) karakteri var '
        "(Excel'den yapıştırılmış olabilir); bu tek satırlık alanda sekme olamaz: boşlukla değiştirin"
    ]


def test_a_control_character_in_a_unit_name_is_an_error(tmp_path):
    found = edited(tmp_path, "  - ad: Fen İşleri Müdürlüğü", '  - ad: "Fen\\e[2J İşleri Müdürlüğü"')
    assert any("1. birim" in p and "yazdırılamayan bir denetim karakteri var (U+001B); silin" in p for p in found), found


# --- issue 15: numbers bounded in the schema --------------------------------


@pytest.mark.parametrize(
    "value, shown",
    [
        ("12345678901234567890123456789", '"12345678901234567890123456789"'),
        ("9" * 5000, '"' + "9" * 39 + '…"'),
        ("1.0e+999000", '"1.0E+999000"'),
    ],
)
def test_an_amount_too_large_is_refused_quickly_without_a_traceback(tmp_path, value, shown):
    """was: decimal.InvalidOperation at build / a traceback (int over 4,300 digits) / 98 s of CPU then a traceback."""
    assert edited(tmp_path, COST, f"maliyet: {{butce: {value},") == [f"2026.yml:{line_of(COST)}: {TARGET} › maliyet.butce: {shown} çok büyük: en fazla 18 basamaklı olabilir"]


def test_an_indicator_value_1e40_is_refused_at_check(tmp_path):
    """was: passed check, crashed build."""
    assert edited(tmp_path, VALUES, "degerler: {2024: 1.0e+40,") == [f'2026.yml:{line_of(VALUES)}: {INDICATOR} › degerler[2024]: "1.0E+40" çok büyük: en fazla 18 basamaklı olabilir']


def test_too_many_decimals_are_refused(tmp_path):
    assert edited(tmp_path, COST, "maliyet: {butce: 1.0e-999000,") == [f'2026.yml:{line_of(COST)}: {TARGET} › maliyet.butce: "1.0E-999000" virgülden sonra en fazla 8 basamak olabilir']


# --- every parser error in Turkish ------------------------------------------

LIBYAML_PROBLEMS = """block sequence entries are not allowed in this context
could not find expected ':'
could not find expected directive name
did not find URI escaped octet
did not find expected '!'
did not find expected ',' or ']'
did not find expected ',' or '}'
did not find expected '-' indicator
did not find expected <document start>
did not find expected alphabetic or numeric character
did not find expected comment or line break
did not find expected digit or '.' character
did not find expected hexdecimal number
did not find expected key
did not find expected node content
did not find expected tag URI
did not find expected version number
did not find expected whitespace
did not find expected whitespace or line break
did not find the expected '>'
found a tab character that violates indentation
found a tab character where an indentation space is expected
found an incorrect leading UTF-8 octet
found an incorrect trailing UTF-8 octet
found an indentation indicator equal to 0
found character that cannot start any token
found duplicate %TAG directive
found duplicate %YAML directive
found extremely long version number
found incompatible YAML document
found invalid Unicode character escape code
found undefined tag handle
found unexpected ':'
found unexpected document indicator
found unexpected end of stream
found unexpected non-alphabetical character
found unknown directive name
found unknown escape character
mapping keys are not allowed in this context
mapping values are not allowed in this context
found undefined alias
but found another document""".splitlines()
"""Every problem libyaml 0.2.5 can report (strings of its shared library), and the composer's."""


@pytest.mark.parametrize("problem", LIBYAML_PROBLEMS)
def test_every_libyaml_error_has_a_turkish_message(problem):
    mark = yaml.Mark("x.yml", 0, 1, 4, None, None)
    error = yaml.MarkedYAMLError(context=None, context_mark=mark, problem=problem, problem_mark=mark)
    line, message = _yaml_problem(error, ["a:", "  b: c d", "  e: f"])
    assert line == 2
    assert not message.startswith("YAML okunamadı"), message
    assert not any(word in message for word in ("found", "expected", "allowed", "character that")), message
