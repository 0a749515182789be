"""Bad input: one clear Turkish line naming file, line and field; never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from seffaf.build import build
from seffaf.loader import Document, ProgramError, describe, load_program, read_yaml

from .conftest import ROOT, copy_programs, make_project


def broken(tmp_path, old: str, new: str, count: int = 1):
    """A copy of Defne 2025 with one edit, and the line the edit is on."""
    programs = copy_programs(tmp_path, "defne/2025")
    path = programs / "defne" / "2025.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path, line


def problems(path):
    with pytest.raises(ProgramError) as error:
        load_program(path, "programs/defne/2025.yml")
    return [str(p) for p in error.value.problems]


def test_a_word_where_a_number_belongs_names_file_line_and_field(tmp_path):
    path, line = broken(tmp_path, "butce_toplami: 7650000", 'butce_toplami: "yedi milyon altı yüz elli bin"')
    assert problems(path) == [
        f'programs/defne/2025.yml:{line}: PH 1.1.1 › maliyet_tablosu.butce_toplami: "yedi milyon altı yüz elli bin" bir sayı değil (ör. 7.650.000 ya da 7.650.000,50: nokta binlikleri, virgül ondalığı ayırır)'
    ]


def test_a_misspelt_key_suggests_the_right_one(tmp_path):
    path, line = broken(tmp_path, "    gostergeler:", "    gostergler:")
    found = problems(path)
    assert any(f":{line}: " in p and 'bilinmeyen alan "gostergler" ("gostergeler" mi demek istediniz?)' in p for p in found), found


def test_all_problems_of_a_file_are_reported_at_once(tmp_path):
    path, _ = broken(tmp_path, "kod: '01'", "kod: '10'", count=3)
    assert len([p for p in problems(path) if "ekonomik kod 01–09" in p]) == 3


def test_an_unknown_unit_is_named_with_a_hint(tmp_path):
    path, line = broken(tmp_path, "  - İmar ve Şehircilik Müdürlüğü\n", "  - İmar ve Sehircilik Müdürlüğü\n")
    found = problems(path)
    assert any(f":{line}: " in p and '("İmar ve Şehircilik Müdürlüğü" mi demek istediniz?)' in p for p in found), found


def test_invalid_yaml_gives_the_line(tmp_path):
    path, line = broken(tmp_path, "yil: 2025", "yil: 2025\n\tbaslik: x")
    found = problems(path)
    assert len(found) == 1 and found[0].startswith(f"programs/defne/2025.yml:{line + 1}: ") and "sekme" in found[0]


def test_the_cli_prints_problems_and_exits_1_without_a_traceback(tmp_path):
    path, line = broken(tmp_path, "yil: 2025", "yil: iki bin yirmi beş")
    result = subprocess.run([sys.executable, "-m", "seffaf.cli", "check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert f"2025.yml:{line}: yil: \"iki bin yirmi beş\" bir tam sayı değil" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("önceki site", encoding="utf-8")
    path, _ = broken(tmp_path, "yil: 2025", "yil: 20x5")
    with pytest.raises(ProgramError):
        build(make_project(tmp_path, ["defne/2025"], programs_dir=path.parents[1]), out)
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "önceki site"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".seffaf-")] == []


def test_the_published_json_schema_is_the_models_schema():
    """Editors check program files against programs/program.schema.json: it must not fall behind the models."""
    from seffaf.schema import json_schema_text

    assert (ROOT / "programs" / "program.schema.json").read_text(encoding="utf-8") == json_schema_text()
    for path in sorted((ROOT / "programs").glob("*/*.yml")):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../program.schema.json\n"), path


@pytest.mark.parametrize(
    "path, named",
    [
        (("amaclar", 0, "hedefler", 1, "performans_hedefleri", 0, "faaliyetler", 1, "maliyet", "butce"), "PH 1.2.1 › 2. faaliyet (Mimari projelerle ilgili diğe…) › maliyet.butce"),
        (("amaclar", 0, "hedefler", 1, "kod"), "Hedef 1.2 › kod"),
        (("amaclar", 0, "hedefler", 0, "performans_hedefleri", 0, "maliyet_tablosu", "ekonomik_kodlar", 1, "tutar"), "PH 1.1.1 › maliyet_tablosu › 02 (SGK Devlet Primi Giderleri) › tutar"),
        (("amaclar", 0, "hedefler", 0, "performans_hedefleri", 0, "gostergeler", 0, "degerler", 2024), "PH 1.1.1 › 1. gösterge (Teklif ve resen yapılacak pla…) › degerler[2024]"),
        (("toplam_kaynak_ihtiyaci", "butce", 0, "toplam"), "Toplam Kaynak İhtiyacı › 01 (Personel Giderleri) › toplam"),
        (("idare_performans_tablosu", "satirlar", 3, "butce_payi"), "İdare Performans Tablosu › 4. satır (PH 1.4.1) › butce_payi"),
        (("birimler", 2, "ad"), "3. birim (Strateji Geliştirme Müdürlüğü) › ad"),
        (("gosterge_sutunlari", 1, "yil"), "2. sütun (2024 Tahmini) › yil"),
        (("belediye", "slug"), "belediye.slug"),
        (("amaclar", 9, "hedefler"), "amaclar[9].hedefler"),
    ],
)
def test_a_place_is_named_in_the_documents_own_words(path, named):
    assert describe(read_yaml(ROOT / "programs/defne/2025.yml").data, path) == named


def test_a_problem_can_stand_in_a_workbook_cell_instead_of_a_line():
    data = {"amaclar": [{"kod": "1", "hedefler": [{"kod": "1.1", "performans_hedefleri": [{"kod": "1.1.1", "ad": "x"}]}]}]}
    path = ("amaclar", 0, "hedefler", 0, "performans_hedefleri", 0, "ad")
    document = Document("programs/x/2026.xlsx", data, {path: "Performans Hedefleri!C4"})
    problem = document.problem(path, "boş olamaz")
    assert str(problem) == "programs/x/2026.xlsx:Performans Hedefleri!C4: PH 1.1.1 › ad: boş olamaz"
    assert problem.as_dict()["hucre"] == "Performans Hedefleri!C4" and problem.as_dict()["satir"] is None
