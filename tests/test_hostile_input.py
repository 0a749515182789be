"""Hostile input, caches and files (issue 15, findings 7–11): what an author or a
committed file can do to the build and the maintainer's terminal.

Each test fails on the code before the fix it covers; fixtures are small files in
tests/fixtures/hostile/.
"""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
import time

import pytest
from seffaf import history
from seffaf.build import Rules, build, check
from seffaf.incremental import cache_folder
from seffaf.loader import ProgramError
from seffaf.search import HIDDEN, folded_words
from seffaf.urls import reserved

from .conftest import ROOT, make_project
from .html import page
from .test_hostile import HOSTILE

VALID = (HOSTILE / "gecerli.yml").read_bytes()


def _limited() -> None:
    """A hostile input that makes the command read forever fails in seconds, not by filling the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def seffaf(*args: str, cwd=ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "seffaf.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout, preexec_fn=_limited,
    )


def project_with(tmp_path, files: dict[str, bytes], programs: list[str] | None = None):
    """A project whose programs folder holds ``files`` (``"ornekkoy/2026.yml": bytes``)."""
    folder = tmp_path / "programs"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return make_project(tmp_path, programs, programs_dir=folder)


def refused_build(project, out) -> list[str]:
    with pytest.raises(ProgramError) as error:
        build(project, out)
    assert not out.exists()
    return [str(p) for p in error.value.problems]


# --- finding 10: search folding is linear in the text's length -------------


def test_search_folding_of_a_50000_letter_word_is_quick():
    """Quadratic before: 50,000 letters took about 20 s; linear, a few milliseconds."""
    text = "a" * 50_000 + " kırsal"
    started = time.perf_counter()
    assert folded_words(text) == [HIDDEN + "kirsal"]
    assert time.perf_counter() - started < 1


# --- finding 11: escape sequences are never echoed raw ----------------------


def test_escape_sequences_in_a_value_are_shown_not_sent_to_the_terminal(tmp_path):
    """A unit name holding ESC ] 0 (window title), BEL, ESC [ 2J (clear screen), CSI and a
    right-to-left override reaches the messages of check and build escaped."""
    checked = seffaf("check", str(HOSTILE / "kacis-dizisi.yml"))
    programs = tmp_path / "programs" / "ornekkoy"
    programs.mkdir(parents=True)
    (programs / "2026.yml").write_bytes((HOSTILE / "kacis-dizisi.yml").read_bytes())
    (tmp_path / "site.yml").write_text("baslik: Test\n", encoding="utf-8")
    built = seffaf("build", "--programs", str(tmp_path / "programs"), "--config", str(tmp_path / "site.yml"), "--out", str(tmp_path / "site"), cwd=tmp_path)
    for result in (checked, built):
        assert result.returncode == 1
        printed = result.stdout + result.stderr
        assert "kacis-dizisi.yml:31:" in printed or "2026.yml:31:" in printed, printed
        for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert raw not in printed
        assert "\\u001b]0;ele geçirildi\\u0007\\u001b[2J" in printed


# --- finding 7: caches hold data, never code --------------------------------


class _Payload:
    """What a hostile cache entry would run when unpickled: it leaves a file behind."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_cache_entry_is_never_executed_and_a_foreign_one_is_not_used(tmp_path):
    """Entries under keys anyone can compute were unpickled: a committed or restored file ran code."""
    project = project_with(tmp_path, {"ornekkoy/2026.yml": VALID})
    site = tmp_path / "site"
    build(project, site)
    cache = cache_folder(site)
    entries = [path for kind in ("programlar", "sayfalar") for path in (cache / kind).iterdir()]
    assert entries
    marker = tmp_path / "calisti"
    for path in entries:
        path.write_bytes(pickle.dumps(_Payload(marker)))
    said: list[str] = []
    build(project, site, said.append)
    assert not marker.exists()
    assert "Her yıl 20 km köy yolunu asfaltlamak" in (site / "ornekkoy/2026/performans-hedefleri/1-1-1/index.html").read_text(encoding="utf-8")

    # Well-formed JSON under the right name, but not written by this machine's builds: not used.
    for path in (cache / "programlar").iterdir():
        signature, _, data = path.read_bytes().partition(b"\n")
        path.write_bytes(b"0" * len(signature) + b"\n" + data.replace("Her yıl 20 km".encode(), b"Sahte hedef"))
    build(project, site)
    assert "Sahte hedef" not in (site / "ornekkoy/2026/performans-hedefleri/1-1-1/index.html").read_text(encoding="utf-8")


def test_a_cache_that_git_tracks_is_not_used(tmp_path):
    """Whoever commits the entries (git add -f) can commit the key that signs them."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    project = project_with(tmp_path, {"ornekkoy/2026.yml": VALID})
    site = tmp_path / "site"
    build(project, site)
    subprocess.run(["git", "-C", str(tmp_path), "add", "-f", cache_folder(site).name], check=True)
    said: list[str] = []
    build(project, site, said.append)
    assert not any("yalnız değişen sayfalar" in line for line in said), said


def _committed_program(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    program = tmp_path / "programs" / "ornekkoy" / "2026.yml"
    program.parent.mkdir(parents=True)
    program.write_bytes(VALID)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "program"], check=True)
    return program


def test_a_forged_version_in_the_versions_cache_is_ignored(tmp_path):
    """.cache/versions/ JSON was trusted as it was: a fake revision history showed."""
    program = _committed_program(tmp_path)
    cache = tmp_path / ".cache" / "versions"
    history.versions(tmp_path, [program], cache)
    [entry] = [path for path in cache.iterdir() if path.suffix == ".json"]
    data = entry.read_bytes()
    forged = data[data.index(b"{"):].replace("Her yıl 20 km".encode(), b"Sahte hedef")
    assert forged != data[data.index(b"{"):]
    entry.write_bytes(forged)
    [[version]] = history.versions(tmp_path, [program], cache)
    assert version.program.amaclar[0].hedefler[0].performans_hedefleri[0].ad == "Her yıl 20 km köy yolunu asfaltlamak"
    entry.write_bytes(b"bozuk")
    [[version]] = history.versions(tmp_path, [program], cache)
    assert version.program.amaclar[0].hedefler[0].performans_hedefleri[0].ad == "Her yıl 20 km köy yolunu asfaltlamak"


# --- finding 8: a program file is a regular file in its own place -----------


def test_a_symbolic_link_is_not_followed(tmp_path):
    """A link at programs/ornekkoy/2026.yml published whatever file it pointed at."""
    outside = tmp_path / "baska-yer.yml"
    outside.write_bytes(VALID)
    project = project_with(tmp_path, {})
    (project.programs_dir / "ornekkoy").mkdir()
    (project.programs_dir / "ornekkoy" / "2026.yml").symlink_to(outside)
    [found] = refused_build(project, tmp_path / "site")
    assert found.endswith("programs/ornekkoy/2026.yml: sembolik bağlantı (symlink): bağlantı değil, dosyanın kendisi olmalı"), found


def test_a_linked_folder_is_not_followed(tmp_path):
    elsewhere = tmp_path / "baska-klasor"
    elsewhere.mkdir()
    (elsewhere / "2026.yml").write_bytes(VALID)
    project = project_with(tmp_path, {})
    (project.programs_dir / "ornekkoy").symlink_to(elsewhere, target_is_directory=True)
    [found] = refused_build(project, tmp_path / "site")
    assert "programs/ornekkoy/2026.yml:3: belediye.slug: ornekkoy/ klasörü başka bir yere bağlantı (symlink)" in found, found


def test_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    """A FIFO hung check and build forever; /dev/zero ended in a MemoryError."""
    (tmp_path / "programs" / "ornekkoy").mkdir(parents=True)
    os.mkfifo(tmp_path / "programs" / "ornekkoy" / "2026.yml")
    result = seffaf("check", "programs", "/dev/zero", cwd=tmp_path, timeout=60)
    printed = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in printed, printed
    assert "programs/ornekkoy/2026.yml: düz bir dosya değil (klasör, FIFO ya da aygıt)" in printed, printed
    assert "/dev/zero: düz bir dosya değil" in printed, printed


def test_a_file_in_the_wrong_place_does_not_replace_another_program(tmp_path):
    """With no programlar list, programs/ornekkoy/sahte.yml declaring ornekkoy/2026 replaced the real one."""
    fake = VALID.replace("Her yıl 20 km".encode(), b"Sahte hedef, 20 km")
    project = project_with(tmp_path, {"ornekkoy/2026.yml": VALID, "ornekkoy/sahte.yml": fake, "baska/2026.yml": VALID})
    found = refused_build(project, tmp_path / "site")
    expected = f"içindeki program ornekkoy/2026: dosya {project.programs_dir.as_posix()}/ornekkoy/2026.yml olmalı"
    assert len(found) == 2, found
    assert "programs/baska/2026.yml:3: belediye.slug: dosya baska/2026.yml, " + expected in found[0], found
    assert "programs/ornekkoy/sahte.yml:6: yil: dosya ornekkoy/sahte.yml, " + expected in found[1], found


# --- finding 9: every page address is one page's alone ----------------------


def test_reserved_names_come_from_the_site_itself():
    names = reserved(ROOT / "content")
    assert {page.stem for page in (ROOT / "content").glob("*.md")} - {"index"} <= names
    assert {"ara", "veri", "assets", "pagefind", "hakkinda", "arsiv", "butce"} <= names


@pytest.mark.parametrize("slug", ["ara", "veri", "assets", "pagefind", "hakkinda", "butce"])
def test_a_slug_that_is_a_page_of_the_site_is_refused(tmp_path, slug):
    """slug: ara replaced the search page; veri the data page; assets the CSS and JavaScript."""
    project = project_with(tmp_path, {f"{slug}/2026.yml": VALID.replace(b"slug: ornekkoy", f"slug: {slug}".encode())})
    errors, _ = check([project.programs_dir / slug / "2026.yml"], tmp_path, rules=Rules.of(project.programs_dir, ROOT / "content"))
    assert [str(e) for e in errors] == [
        f'programs/{slug}/2026.yml:3: belediye.slug: "{slug}" sitenin kendi adresi ({slug}/): bu program sitenin o sayfasının yerine geçerdi; başka bir slug seçin'
    ]


def test_a_reserved_slug_stops_the_build(tmp_path):
    project = project_with(tmp_path, {"ara/2026.yml": VALID.replace(b"slug: ornekkoy", b"slug: ara")})
    [found] = refused_build(project, tmp_path / "site")
    assert '"ara" sitenin kendi adresi (ara/)' in found


def test_addresses_that_collide_are_refused_naming_both_places():
    """1.1.1 and 1-1-1, Fen İşleri and Fen Isleri, Tarihçe and Tarihce, PG 1.1.1 and PG-1.1.1 overwrote
    each other's pages or rows; a unit "!!!" had no address. (A unit "Index" replaced the list of units while
    a unit's page was ``birimler/<ad>.md``; as ``birimler/index/index.md`` it has an address of its own.)"""
    errors, _ = check([HOSTILE / "adres-cakismasi.yml"], ROOT)
    found = sorted(str(e).removeprefix("tests/fixtures/hostile/adres-cakismasi.yml") for e in errors)
    assert found == [
        ':15: 2. birim (Fen Isleri Mudurlugu) › ad: "Fen Isleri Mudurlugu" ile 1. birim (Fen İşleri Müdürlüğü) › ad ("Fen İşleri Müdürlüğü", satır 14) aynı adrese düşüyor (ornekkoy/2026/birimler/fen-isleri-mudurlugu/); birini değiştirin',
        ':16: 3. birim (!!!) › ad: "!!!" içinde harf ya da rakam yok: bundan sayfa adresi yapılamaz',
        ':32: PH 1.1.1 › 2. gösterge (Asfaltlanan yol (km, ikinci k…) › kod: "PG-1.1.1" ile PH 1.1.1 › 1. gösterge (Asfaltlanan yol (km)) › kod ("PG 1.1.1", satır 29) aynı adrese düşüyor (ornekkoy/2026/performans-hedefleri/1-1-1/#pg-1-1-1); birini değiştirin',
        ':44: PH 1-1-1 › kod: "1-1-1" ile PH 1.1.1 › kod ("1.1.1", satır 25) aynı adrese düşüyor (ornekkoy/2026/performans-hedefleri/1-1-1/); birini değiştirin',
        ':66: 2. bölüm (Tarihce) › baslik: "Tarihce" ile 1. bölüm (Tarihçe) › baslik ("Tarihçe", satır 64) aynı adrese düşüyor (ornekkoy/2026/genel-bilgiler/tarihce/); birini değiştirin',
    ], found


def test_an_unnumbered_row_does_not_take_a_numbered_rows_anchor(defne_site):
    """Defne's PH 5.1.1 has an activity without a number fourth and one numbered "4" fifth: both were #faaliyet-4."""
    html = page(defne_site, "defne/2025/performans-hedefleri/5-1-1/").html
    assert html.count('id="faaliyet-4"') == 1 and html.count('id="faaliyet-sira-4"') == 1
