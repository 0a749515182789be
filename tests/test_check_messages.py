"""`seffaf check` speaks like a colleague (issue 16): every mistake a municipality's
staff made writing a program from the guide gets a Turkish message with its line,
the document's own names and the fix; nothing is misread silently.

Each test names the message it replaced ("was: …").
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from seffaf.build import FORK_ADDRESS, site_address
from seffaf.loader import ProgramError, _yaml_problem, load_program, new_program
from seffaf.schema import SiteConfig, describe_field, json_schema_text

from .conftest import ROOT
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


def test_an_amount_a_download_could_not_hold_exactly_is_refused(tmp_path):
    """A 17-digit amount passed the digit bounds and came out of program.json and program.xlsx rounded."""
    assert edited(tmp_path, COST, "maliyet: {butce: 123456789012345.67,") == [
        f"2026.yml:{line_of(COST)}: {TARGET} › maliyet.butce: \"123456789012345.67\" en fazla 15 anlamlı basamak olabilir "
        "(Excel ve JSON daha fazlasını değiştirmeden tutamaz); belgede yazıldığı gibi mi, denetleyin"
    ]


def test_an_amount_of_fifteen_digits_comes_out_of_program_json_exactly(tmp_path):
    from seffaf.render import program_json

    program = edited(tmp_path, COST, "maliyet: {butce: 9999999999999.99,")
    assert '"butce":9999999999999.99,' in program_json(program).decode()  # written compact, digit for digit


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


# --- the skeleton, site.yml, the Rehber, --kati -------------------------------


def seffaf(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "seffaf.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def skeleton(tmp_path, name: str | None = "Örnekköy Belediyesi") -> Path:
    (tmp_path / "programs").mkdir(exist_ok=True)
    return new_program(tmp_path / "programs", "ornekkoy", 2026, name)


FILLED = {
    "il: İl adını yazın": "il: Örnekil",
    "meclis_karari: Meclis kararının tarihini ve sayısını yazın": 'meclis_karari: "05.11.2025 tarih ve 123 sayılı karar"',
    "ad: Birinci stratejik amacın adını yazın": "ad: Kırsal yolları iyileştirmek",
    "ad: Birinci hedefin adını yazın": "ad: Köy yollarını asfaltlamak",
    "ad: Performans hedefinin adını yazın": "ad: Her yıl 20 km köy yolunu asfaltlamak",
    "aciklama: Bu hedefin neden konulduğunu yazın": "aciklama: Köy yollarının yarısı toprak.",
    "ad: Sayı değerli bir göstergenin adını yazın": "ad: Asfaltlanan yol",
    "ad: Yüzde değerli bir göstergenin adını yazın": "ad: Asfaltlı köy yolu oranı",
    "ad: Metin değerli bir göstergenin adını yazın": "ad: İhale aşaması",
    "ad: Birinci faaliyetin adını yazın": "ad: Asfalt serimi",
    "ad: İkinci faaliyetin adını yazın": "ad: Yol bakımı",
}


def filled(text: str) -> str:
    """The skeleton filled in as the guide says: names from the document, figures as printed
    ("1.500.000" in quotes, the Turkish way), totals as the document states them."""
    for old, new in FILLED.items():
        assert old in text, old
        text = text.replace(old, new)
    values = iter(["{2024: 12, 2025: 18, 2026: 20}", '{2024: "%40", 2025: "%45,5", 2026: 50}', "{2024: Proje, 2025: İhale, 2026: Yapım}"])
    text = re.sub(r"\{2024: null, 2025: null, 2026: null\}", lambda m: next(values), text)
    text = text.replace("maliyet: {butce: 0, butce_disi: 0, toplam: 0}", 'maliyet: {butce: "1.000.000", butce_disi: 0, toplam: "1.000.000"}', 2)
    text = text.replace("maliyet: {butce: 0, butce_disi: 0, toplam: 0}", 'maliyet: {butce: "2.000.000", butce_disi: 0, toplam: "2.000.000"}', 1)
    text = text.replace("tutar: 0}", "tutar: 1200000}", 1).replace("tutar: 0}", "tutar: 500000}", 1).replace("tutar: 0}", "tutar: 300000}", 1)
    text = text.replace("butce_toplami: 0\n", "butce_toplami: 2000000\n").replace("              toplam: 0\n", "              toplam: 2000000\n")
    row = "butce: 2000000, butce_payi: 100, butce_disi: 0, butce_disi_payi: 0, toplam: 2000000, toplam_payi: 100"
    text = text.replace("      butce: 0\n      butce_payi: 0\n      butce_disi: 0\n      butce_disi_payi: 0\n      toplam: 0\n      toplam_payi: 0\n",
                        "      butce: 2000000\n      butce_payi: 100\n      butce_disi: 0\n      butce_disi_payi: 0\n      toplam: 2000000\n      toplam_payi: 100\n")
    text = text.replace("performans_hedefleri_toplami: {butce: 0, butce_payi: 0, butce_disi: 0, butce_disi_payi: 0, toplam: 0, toplam_payi: 0}", f"performans_hedefleri_toplami: {{{row}}}")
    text = text.replace("genel_toplam: {butce: 0, butce_payi: 0, butce_disi: 0, butce_disi_payi: 0, toplam: 0, toplam_payi: 0}", f"genel_toplam: {{{row}}}")
    for code, amount in (("01", 1200000), ("03", 500000), ("06", 300000)):
        text = re.sub(rf"(kod: '{code}', ad: [^,]+, )faaliyet: 0, genel_yonetim: 0, diger_idarelere_transfer: 0, toplam: 0", rf"\g<1>faaliyet: {amount}, genel_yonetim: 0, diger_idarelere_transfer: 0, toplam: {amount}", text)
    return text.replace("butce_toplami: {faaliyet: 0, genel_yonetim: 0, diger_idarelere_transfer: 0, toplam: 0}", "butce_toplami: {faaliyet: 2000000, genel_yonetim: 0, diger_idarelere_transfer: 0, toplam: 2000000}").replace(
        "genel_toplam: {faaliyet: 0, genel_yonetim: 0, diger_idarelere_transfer: 0, toplam: 0}", "genel_toplam: {faaliyet: 2000000, genel_yonetim: 0, diger_idarelere_transfer: 0, toplam: 2000000}"
    )


def test_an_unfilled_skeleton_does_not_pass_quietly(tmp_path):
    """was: passed with 0 warnings ("İl adını yazın" published as the province)."""
    path = skeleton(tmp_path)
    result = seffaf("check", "--kati", "programs/ornekkoy/2026.yml", cwd=tmp_path)
    assert result.returncode == 1
    line = path.read_text(encoding="utf-8").splitlines().index("  il: İl adını yazın") + 1
    assert f"  uyarı: programs/ornekkoy/2026.yml:{line}: belediye.il: \"İl adını yazın\" yer tutucu olarak duruyor: belgedeki bilgiyle değiştirin" in result.stdout.splitlines()
    assert len(re.findall("yer tutucu", result.stdout)) == len(FILLED)
    # was: zeros left as the skeleton has them passed as a program that plans nothing
    assert any(line.startswith("  uyarı: programs/ornekkoy/2026.yml:") and "amaclar: hiçbir performans hedefinde ya da faaliyette sıfırdan farklı bir tutar yok" in line for line in result.stdout.splitlines()), result.stdout
    assert "eksik: programs/ornekkoy/2026.yml: Rehber: Göstergelerin üç yıllık değerleri eksiksiz" in result.stdout
    # was: no place; each indicator with an empty year is named at its line, with the years
    values = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.strip().startswith("degerler:"))
    assert f"      programs/ornekkoy/2026.yml:{values}: PH 1.1.1 › 1. gösterge (Sayı değerli bir göstergenin…) › degerler[2024]: boş yıl: 2024, 2025, 2026" in result.stdout.splitlines(), result.stdout
    assert seffaf("check", "programs/ornekkoy/2026.yml", cwd=tmp_path).returncode == 0  # not strict: warnings do not block
    assert path.exists()


def test_a_skeleton_filled_in_as_the_guide_says_passes_with_no_warning(tmp_path):
    path = skeleton(tmp_path)
    program = load_program(path)
    target = program.amaclar[0].hedefler[0].performans_hedefleri[0]
    assert [i.deger_turu for i in target.gostergeler] == ["sayi", "sayi", "metin"] and [i.birim for i in target.gostergeler][1] == "%"
    assert all(a.maliyet for a in target.faaliyetler) and target.maliyet_tablosu and program.idare_performans_tablosu and program.toplam_kaynak_ihtiyaci
    path.write_text(filled(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = seffaf("check", "--kati", "programs/ornekkoy/2026.yml", cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "1 dosya: 0 hata, 0 uyarı, 0 eksik.", result.stdout
    assert result.returncode == 0


@pytest.mark.parametrize("name", ["A: B", "Ali'nin \"Belediyesi\" # 1", "- [x] {y}: %z @ `w`", "Örnek\\Köy &a *b !c |d >e"])
def test_new_with_any_name_writes_a_file_that_check_accepts(tmp_path, name):
    """was: `seffaf new --name "A: B"` wrote a file that failed check."""
    assert load_program(skeleton(tmp_path, name)).belediye.ad == name


def test_new_refuses_a_name_with_control_characters(tmp_path):
    with pytest.raises(ValueError, match=r"--name: yazdırılamayan bir denetim karakteri var \(U\+001B\)"):
        skeleton(tmp_path, "A\x1b[2J")


def test_an_indicator_without_a_unit_is_listed_as_missing(tmp_path):
    """was: nothing."""
    path = tmp_path / "ornekkoy" / "2026.yml"
    path.parent.mkdir()
    path.write_text(VALID, encoding="utf-8")
    result = seffaf("check", "ornekkoy/2026.yml", cwd=tmp_path)
    assert "  eksik: ornekkoy/2026.yml: Rehber: Sayı değerli göstergelerin ölçü birimi yazılmış: 1 göstergede birim yok (adet, km, %, kişi …)" in result.stdout.splitlines()
    assert any(line.startswith("      ornekkoy/2026.yml:") and line.endswith("› birim: ölçü birimi yok") for line in result.stdout.splitlines()), result.stdout
    listed = json.loads(seffaf("check", "--json", "ornekkoy/2026.yml", cwd=tmp_path).stdout)
    assert [place["mesaj"] for entry in listed["eksikler"] for place in entry.get("yerler", [])] == ["ölçü birimi yok"]
    assert "Rehber'in istediği, programda olmayanlar" in result.stdout and result.returncode == 0
    assert seffaf("check", "--kati", "ornekkoy/2026.yml", cwd=tmp_path).returncode == 1


def site_project(tmp_path, site: str) -> Path:
    (tmp_path / "programs" / "ornekkoy").mkdir(parents=True)
    (tmp_path / "programs" / "ornekkoy" / "2026.yml").write_text(VALID.replace("                degerler:", "                birim: km\n                degerler:"), encoding="utf-8")
    (tmp_path / "site.yml").write_text(site, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "address, message",
    [
        ("example.org", 'site.yml:2: adres: "example.org" bir web adresi değil: http:// ya da https:// ile başlamalı, ör. "https://example.org"'),
        ("javascript:alert(1)", 'site.yml:2: adres: "javascript:alert(1)" bir web adresi değil: http:// ya da https:// ile başlamalı, ör. "https://kullanici.github.io/depo/"'),
    ],
)
def test_check_reads_site_yml_and_its_address(tmp_path, address, message):
    """was: `seffaf check` did not read site.yml; the build ended with exit 1 and nothing printed."""
    project = site_project(tmp_path, f"baslik: Deneme\nadres: {address}\n")
    result = seffaf("check", cwd=project)
    assert result.returncode == 1 and message in result.stdout.splitlines(), result.stdout
    built = seffaf("build", "--out", str(tmp_path / "site"), cwd=project)
    assert built.returncode == 1 and message in built.stderr.splitlines(), built.stderr


def test_a_repository_address_must_be_http(tmp_path):
    project = site_project(tmp_path, "baslik: Deneme\nkod_deposu: 'javascript:alert(1)'\n")
    assert 'site.yml:2: kod_deposu: "javascript:alert(1)" bir web adresi değil' in seffaf("check", cwd=project).stdout


def test_the_forks_address_is_a_warning_and_the_build_uses_githubs(tmp_path):
    """was: canonical links, sitemap and print addresses pointed at kullanici.github.io/seffaf/."""
    project = site_project(tmp_path, f"baslik: Deneme\nadres: {FORK_ADDRESS}\n")
    result = seffaf("check", cwd=project)
    assert f"  uyarı: site.yml: adres: örnek adres ({FORK_ADDRESS}) olarak duruyor" in result.stdout
    config = SiteConfig(baslik="x", adres=FORK_ADDRESS)
    assert site_address(config, "https://belediye.github.io/acik-butce/") == ("https://belediye.github.io/acik-butce/", "GitHub Pages")
    assert site_address(SiteConfig(baslik="x", adres="https://seffaf.ornekkoy.bel.tr/"), "https://belediye.github.io/x/") == ("https://seffaf.ornekkoy.bel.tr/", "site.yml")
    assert site_address(SiteConfig(baslik="x"), None) == ("", "site.yml'da adres yazılmamış")
    assert site_address(config, None) == ("", "site.yml'daki adres örnek adres olarak duruyor")


def test_the_pages_workflow_checks_site_yml_and_gives_the_build_githubs_address():
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    names = [step.get("uses", step.get("run", "")).split("@")[0].split(" --")[0] for step in steps]
    check, pages, build = names.index("seffaf check"), names.index("actions/configure-pages"), names.index("seffaf build")
    assert check < build and pages < build
    assert "steps.pages.outputs.base_url" in steps[build]["env"]["SEFFAF_ADRES"] and steps[pages]["id"] == "pages"


ENGLISH = re.compile(r"\b(the|and|of|is|are|with|for|when)\b")


def test_every_field_has_a_turkish_description_with_its_meaning():
    """was: 11 descriptions, in English (the models' docstrings)."""
    schema = json.loads(json_schema_text())
    models = [("Program", schema), *schema["$defs"].items(), ("SiteConfig", SiteConfig.model_json_schema(by_alias=True))]
    described = 0
    for name, model in models:
        for key, prop in model.get("properties", {}).items():
            text = prop.get("description") if name != "SiteConfig" else describe_field(name, key)
            assert text and text == describe_field(name, key) and not ENGLISH.search(text), f"{name}.{key}: {text!r}"
            described += 1
        if name != "SiteConfig":
            assert model["description"] and not ENGLISH.search(model["description"]), name
    assert described > 140
    assert schema["$defs"]["EconomicLine"]["properties"]["kod"]["examples"] == ["03"]


def test_a_text_indicator_whose_values_are_all_numbers_is_a_warning(tmp_path):
    """was: following the old hint ("deger_turu: metin"), 12,5 was kept as text silently."""
    path = tmp_path / "ornekkoy" / "2026.yml"
    path.parent.mkdir()
    path.write_text(VALID.replace("                degerler: {2024: 12,", "                deger_turu: metin\n                degerler: {2024: \"12,5\","), encoding="utf-8")
    result = seffaf("check", "ornekkoy/2026.yml", cwd=tmp_path)
    assert f'{INDICATOR} › deger_turu: metin değerli göstergenin bütün değerleri sayı: sayıysa "deger_turu: metin" satırını silin' in result.stdout, result.stdout


def test_the_build_uses_githubs_address_instead_of_the_forks_and_says_so(tmp_path):
    project = site_project(tmp_path, f"baslik: Deneme\nadres: {FORK_ADDRESS}\n")
    for folder in ("theme", "content"):
        shutil.copytree(ROOT / folder, project / folder)
    given = "https://belediye.github.io/acik-butce/"
    result = subprocess.run(
        [sys.executable, "-m", "seffaf.cli", "build", "--out", str(tmp_path / "site")], cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SEFFAF_ADRES": given},
    )
    assert result.returncode == 0, result.stderr
    assert f"· Sitenin adresi: {given} (GitHub Pages)" in result.stderr.splitlines()
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert given + "ornekkoy/2026/" in sitemap and "kullanici.github.io/seffaf" not in sitemap


def test_seffaf_check_piped_into_head_ends_without_a_traceback():
    result = subprocess.run(f"{sys.executable} -m seffaf.cli check | head -1", shell=True, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr


def test_a_strict_check_says_in_the_job_summary_that_nothing_is_published(tmp_path):
    path = tmp_path / "ornekkoy" / "2026.yml"
    path.parent.mkdir()
    path.write_text(VALID, encoding="utf-8")
    summary = tmp_path / "ozet.md"
    assert seffaf("check", "--kati", "--ozet", str(summary), "ornekkoy/2026.yml", cwd=tmp_path).returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Program dosyalarında 4 sorun var: site yayımlanmadı") and "ölçü birimi" in text, text


@pytest.mark.parametrize(
    "web, message",
    [
        ("javascript:alert(1)", '"javascript:alert(1)" bir web adresi değil: http:// ya da https:// ile başlamalı'),
        ("www.ornek koy.bel.tr", '"www.ornek koy.bel.tr" bir web adresi değil: belgede yazdığı gibi (ör. www.ornekkoy.bel.tr) ya da https:// ile yazın'),
    ],
)
def test_a_municipalitys_web_address_is_a_web_address(tmp_path, web, message):
    found = edited(tmp_path, "  tur: ilce\n", f"  tur: ilce\n  web: '{web}'\n")
    assert len(found) == 1 and found[0].startswith(f"2026.yml:{line_of('  tur: ilce') + 1}: belediye.web: {message}"), found
    assert edited(tmp_path, "  tur: ilce\n", "  tur: ilce\n  web: www.ornekkoy.bel.tr\n").belediye.web == "www.ornekkoy.bel.tr"


def test_a_choice_written_with_turkish_letters_lists_the_choices_in_turkish(tmp_path):
    # was: '"İlçe" geçersiz; şunlardan biri olmalı: 'ilce', 'il' or 'buyuksehir'' (pydantic's English "or")
    (problem,) = edited(tmp_path, "  tur: ilce", "  tur: İlçe")
    assert problem == "2026.yml:5: belediye.tur: \"İlçe\" geçersiz; şunlardan biri olmalı: 'ilce', 'il' ya da 'buyuksehir'"


def test_strict_check_of_a_fork_judges_the_programs_it_publishes(tmp_path):
    """was: with no path, check read every file under programs/; a fork that publishes only its
    own clean program and chose --kati (as the guide offers) never published, because the example
    programs it inherited have warnings."""
    path = skeleton(tmp_path)
    path.write_text(filled(path.read_text(encoding="utf-8")), encoding="utf-8")
    inherited = tmp_path / "programs" / "defne" / "2025.yml"
    inherited.parent.mkdir()
    shutil.copy(ROOT / "programs" / "defne" / "2025.yml", inherited)
    (tmp_path / "site.yml").write_text("baslik: Örnekköy\nadres: https://ornekkoy.github.io/seffaf/\nprogramlar:\n  - ornekkoy/2026\n", encoding="utf-8")
    result = seffaf("check", "--kati", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "defne" not in result.stdout.replace("programs/defne/2025.yml", "")
    assert "· site.yml'daki programlar listesinde olmayan 1 program dosyası yayımlanmıyor, denetlenmedi: programs/defne/2025.yml" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "2 dosya: 0 hata, 0 uyarı, 0 eksik."
    (tmp_path / "site.yml").write_text("baslik: Örnekköy\nadres: https://ornekkoy.github.io/seffaf/\n", encoding="utf-8")
    assert seffaf("check", "--kati", cwd=tmp_path).returncode == 1  # no list: every program is published, and checked
