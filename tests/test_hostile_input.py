"""Hostile input, caches and files (issue 15, findings 7–11): what an author or a
committed file can do to the build and the maintainer's terminal.

Each test fails on the code before the fix it covers; fixtures are small files in
tests/fixtures/hostile/.
"""

from __future__ import annotations

import subprocess
import sys
import time

from seffaf.search import HIDDEN, folded_words

from .conftest import ROOT
from .test_hostile import HOSTILE


def seffaf(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "seffaf.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


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
