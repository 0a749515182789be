"""Revisions: every published version of a program file, from the project's git history.

Councils amend programs (revize program, ek bütçe). Each version is read back
from its commit, and what changed is computed from the data, figure by figure,
so a reader sees "PH 2.1.1 toplamı 12.000.000 ₺ → 14.500.000 ₺", not a text diff.
A checkout without git history builds as before, without this section.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from .incremental import Seal
from .loader import ProgramError, cache_json, parse_document, validate, validate_json
from .schema import Program, json_schema_text

SCHEMA_VERSION = hashlib.sha256(json_schema_text().encode()).hexdigest()[:12]
"""Cached versions are valid only for the schema they were validated with."""
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


def _log(root: Path, path: Path) -> list[Version]:
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
        found.append(Version(commit, datetime.fromtimestamp(int(stamp), tz=timezone.utc), summary, relative, None))
    return found


def _cache_path(task: tuple[str, str, str, Seal | None]) -> Path | None:
    """Where this version's validated form is kept: named by its blob id and the schema's version."""
    root, relative, commit, seal = task
    if not seal:
        return None
    blob = _git(Path(root), "rev-parse", f"{commit}:{relative}")
    if blob.returncode != 0:
        return None
    return seal.folder / f"{blob.stdout.decode().strip()}-{SCHEMA_VERSION}.json"


def _cached(task: tuple[str, str, str, Seal | None]) -> bool:
    path = _cache_path(task)
    return bool(path and path.exists())


def _read(task: tuple[str, str, str, Seal | None]) -> Program | None:
    """One version of one file, read back from its commit; None where it no longer validates.

    A committed file never changes, so its validated form is kept in the cache under its
    git blob id and read back as JSON next time (ten times faster than İzmir's YAML):
    signed by this machine's builds and validated again, like the file itself, or read anew.
    """
    root, relative, commit, seal = task
    cached = _cache_path(task)
    data = seal.open(cached) if seal and cached else None
    if data is not None:
        try:
            return validate_json(data, relative)
        except ProgramError:
            pass
    shown = _git(Path(root), "show", f"{commit}:{relative}")
    try:
        program = validate(parse_document(shown.stdout, relative))
    except ProgramError:
        return None
    if seal and cached and (data := cache_json(program)):
        seal.write(cached, data)
    return program


def versions(root: Path, paths: list[Path], cache: Path | None = None) -> list[list[Version]]:
    """For each file, its versions newest first; empty without git, history, or a commit of the file.

    Reading İzmir's 18,000 lines back from each commit is the slow part: versions are read
    in parallel on every core, and kept in ``cache`` by their blob id.
    """
    logs = [_log(root, path) for path in paths]
    seal = Seal(cache) if cache and any(logs) else None
    tasks = [(str(root), v.path, v.commit, seal) for log in logs for v in log]
    if tasks:
        programs = [_read(task) if _cached(task) else None for task in tasks]
        missing = [i for i, program in enumerate(programs) if program is None]
        if missing:
            with ProcessPoolExecutor(max_workers=min(len(missing), os.cpu_count() or 1)) as pool:
                for index, program in zip(missing, pool.map(_read, [tasks[i] for i in missing])):
                    programs[index] = program
        remaining = iter(programs)
        for log in logs:
            for version in log:
                version.program = next(remaining)
            for newer, older in zip(log, log[1:]):
                if newer.program and older.program:
                    newer.changes = changes(older.program, newer.program)
    return logs


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
