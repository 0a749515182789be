"""Broken and hostile input, one fixture file each (tests/fixtures/hostile/).

Each must give clear Turkish lines naming file, line and field, never a
traceback; text that looks like markup must reach the page as text.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from seffaf.build import build, check
from seffaf.loader import MAX_FILE_BYTES, ProgramError, load_program

from .conftest import ROOT, make_project
from .html import page

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


def messages(name: str) -> list[str]:
    with pytest.raises(ProgramError) as error:
        load_program(HOSTILE / name, name)
    return [str(p) for p in error.value.problems]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("sekme.yml", "sekme.yml:3: sekme (tab) karakteri var"),
        ("kapanmamis-tirnak.yml", "kapanmamis-tirnak.yml:4: kapanmamış tırnak"),
        ("yinelenen-anahtar.yml", 'yinelenen-anahtar.yml:7: yil: "yil" anahtarı iki kez yazılmış (satır 6)'),
        ("sayi-yerine-yazi.yml", 'sayi-yerine-yazi.yml:36: PH 1.1.1 › maliyet_tablosu.butce_toplami: "bir buçuk milyon" bir sayı değil'),
        ("eslesme-yerine-liste.yml", "eslesme-yerine-liste.yml:7: kaynak: alanlardan oluşan bir eşleme olmalı"),
        ("bilinmeyen-anahtar.yml", 'bilinmeyen alan "gostergler" ("gostergeler" mi demek istediniz?)'),
        ("eksik-alan.yml", "eksik-alan.yml:1: yil: zorunlu alan eksik"),
        ("slug-yol.yml", 'belediye.slug: "../../etc" geçersiz: yalnızca küçük harf (a-z), rakam ve tire içerebilir'),
        ("negatif-tutar.yml", "maliyet_tablosu.butce_toplami: \"-1500000\" negatif olamaz"),
        ("ekonomik-kod.yml", 'PH 1.1.1 › maliyet_tablosu › 10 (Mal ve Hizmet Alım Giderleri) › kod: "10" geçersiz: ekonomik kod 01–09 arası iki haneli bir kod olmalı'),
        ("cok-uzun-ad.yml", "cok-uzun-ad.yml:30: PH 1.1.1 › 1. faaliyet (Asfalt serimi Asfalt serimi A…) › ad: çok uzun (en fazla 2000 karakter)"),
        ("bilinmeyen-birim.yml", '"Fen Isleri Mudurlugu" birimler listesinde yok ("Fen İşleri Müdürlüğü" mi demek istediniz?)'),
        ("yinelenen-kod.yml", 'performans hedefi kodu "1.1.1" iki kez kullanılmış'),
        ("milyar-kahkaha.yml", "milyar-kahkaha.yml:1: YAML takma adları (&çapa / *takma ad) desteklenmiyor"),
        ("windows-1254.yml", "windows-1254.yml:2: dosya UTF-8 değil"),
    ],
)
def test_broken_input_gives_one_clear_line(name, expected):
    found = messages(name)
    assert any(expected in m for m in found), found
    assert all(m.startswith(name) for m in found)


def test_windows_1254_is_recognised():
    assert "Windows-1254" in messages("windows-1254.yml")[0]


def test_a_byte_order_mark_is_accepted():
    assert load_program(HOSTILE / "bom.yml").belediye.slug == "ornekkoy"


def test_a_very_large_file_is_refused_quickly(tmp_path):
    big = tmp_path / "buyuk.yml"
    big.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES + 10))
    started = time.perf_counter()
    with pytest.raises(ProgramError) as error:
        load_program(big, "buyuk.yml")
    assert time.perf_counter() - started < 1
    assert "dosya çok büyük" in str(error.value)


def test_a_percentage_over_100_is_a_warning_not_an_error(tmp_path):
    errors, warnings = check([HOSTILE / "yuzde-araligi.yml"], ROOT)
    assert errors == []
    assert [str(w) for w in warnings if "yüzde değeri 180" in str(w)]


def test_check_prints_no_traceback_for_any_fixture():
    files = sorted(str(p) for p in HOSTILE.glob("*.yml"))
    result = subprocess.run([sys.executable, "-m", "seffaf.cli", "check", *files], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


def build_fixture(tmp_path, name: str) -> Path:
    programs = tmp_path / "programs" / "ornekkoy"
    programs.mkdir(parents=True)
    (programs / "2026.yml").write_bytes((HOSTILE / name).read_bytes())
    out = tmp_path / "site"
    build(make_project(tmp_path, None, programs_dir=tmp_path / "programs"), out)
    return out


def test_html_and_script_in_text_are_shown_as_text(tmp_path):
    site = build_fixture(tmp_path, "html-ve-betik.yml")
    html = page(site, "ornekkoy/2026/performans-hedefleri/1-1-1/")
    assert "<script>alert(1)</script> <img src=x onerror=alert(2)>" in html.text
    assert "<script>alert" not in html.html and "<img src=x" not in html.html
    assert not [link for link in html.links if link.lower().startswith("javascript:")]


def test_template_and_markdown_syntax_are_shown_as_written(tmp_path):
    site = build_fixture(tmp_path, "jinja-ve-markdown.yml")
    html = page(site, "ornekkoy/2026/performans-hedefleri/1-1-1/")
    assert "{{ 7*7 }} {% raw %}x{% endraw %} **kalın** {: onclick=alert(5) } | boru" in html.text
    assert "onclick" not in html.html.replace("onclick=alert(5)", "")
