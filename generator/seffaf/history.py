"""Revisions: every published version of a program file, from the project's git history.

Councils amend programs (revize program, ek bütçe). Each version is read back
from its commit, and what changed is computed from the data, figure by figure,
so a reader sees "PH 2.1.1 toplamı 12.000.000 ₺ → 14.500.000 ₺", not a text diff.
A checkout without git history builds as before, without this section.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from .loader import ProgramError, parse_yaml, validate
from .schema import Program
from .views import target_cost


@dataclass(frozen=True)
class Change:
    """One figure or fact that differs between two versions."""

    kind: str  # toplam | hedef_toplami | hedef_eklendi | hedef_kaldirildi | hedef_adi | gosterge | durum
    code: str
    old: object = None
    new: object = None
    year: int | None = None


@dataclass
class Version:
    commit: str
    date: datetime
    summary: str
    path: str
    program: Program | None
    changes: list[Change] = field(default_factory=list)

    @property
    def short(self) -> str:
        return self.commit[:8]


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=30)


def versions(root: Path, path: Path) -> list[Version]:
    """Newest first. Empty where there is no git, no history, or the file is not committed."""
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
        log = _git(root, "log", "--follow", "--format=%H%x09%ct%x09%s", "--", relative)
    except (OSError, ValueError, subprocess.SubprocessError):
        return []
    if log.returncode != 0:
        return []
    found = []
    for line in log.stdout.decode("utf-8", "replace").splitlines():
        commit, stamp, summary = line.split("\t", 2)
        shown = _git(root, "show", f"{commit}:{relative}")
        program = None
        if shown.returncode == 0:
            try:
                program = validate(parse_yaml(shown.stdout, relative))
            except ProgramError:
                program = None
        found.append(Version(commit, datetime.fromtimestamp(int(stamp), tz=timezone.utc), summary, relative, program))
    for newer, older in zip(found, found[1:]):
        if newer.program and older.program:
            newer.changes = changes(older.program, newer.program)
    return found


def _targets(program: Program) -> dict:
    return {t.kod: t for a in program.amaclar for g in a.hedefler for t in g.performans_hedefleri}


def _total(program: Program) -> Decimal | None:
    need = program.toplam_kaynak_ihtiyaci
    return need.genel_toplam.toplam if need else None


def changes(old: Program, new: Program) -> list[Change]:
    found = []
    if old.kaynak.durum != new.kaynak.durum:
        found.append(Change("durum", "", old.kaynak.durum.value if old.kaynak.durum else None, new.kaynak.durum.value if new.kaynak.durum else None))
    if _total(old) != _total(new):
        found.append(Change("toplam", "", _total(old), _total(new)))
    before, after = _targets(old), _targets(new)
    for code, target in after.items():
        if code not in before:
            found.append(Change("hedef_eklendi", code, None, target_cost(target).toplam))
            continue
        previous = before[code]
        if target_cost(previous).toplam != target_cost(target).toplam:
            found.append(Change("hedef_toplami", code, target_cost(previous).toplam, target_cost(target).toplam))
        if previous.ad != target.ad:
            found.append(Change("hedef_adi", code, previous.ad, target.ad))
        old_indicators = {i.kod or i.ad: i for i in previous.gostergeler}
        for indicator in target.gostergeler:
            earlier = old_indicators.get(indicator.kod or indicator.ad)
            if not earlier:
                continue
            for year, value in indicator.degerler.items():
                if earlier.degerler.get(year) != value:
                    found.append(Change("gosterge", indicator.kod or indicator.ad, earlier.degerler.get(year), value, year))
    found.extend(Change("hedef_kaldirildi", code, target_cost(t).toplam) for code, t in before.items() if code not in after)
    return found
