"""Year over year: what a municipality promised, what it spent, what it reported.

Aims, targets and indicators are matched across programs by code first and,
where codes changed, by title; a match by title is labelled as such. Values are
never merged: each figure keeps the program that stated it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import turkish
from .schema import ColumnKind, Program
from .views import ProgramView, TargetView


def _key(text: str) -> str:
    return " ".join(turkish.fold(text).split())


@dataclass
class TargetChange:
    code: str
    name: str
    old: TargetView | None
    new: TargetView | None
    by_title: bool = False

    @property
    def old_cost(self) -> Decimal | None:
        return self.old.cost.toplam if self.old else None

    @property
    def new_cost(self) -> Decimal | None:
        return self.new.cost.toplam if self.new else None

    @property
    def change(self) -> Decimal | None:
        """Percent change; none where either year has no figure or the old one is zero."""
        if self.old_cost and self.new_cost is not None:
            return (self.new_cost - self.old_cost) * 100 / self.old_cost
        return None


@dataclass
class Comparison:
    old: ProgramView
    new: ProgramView
    targets: list[TargetChange]

    @property
    def old_total(self) -> Decimal:
        return self.old.total

    @property
    def new_total(self) -> Decimal:
        return self.new.total

    @property
    def change(self) -> Decimal | None:
        return (self.new_total - self.old_total) * 100 / self.old_total if self.old_total else None

    @property
    def added(self) -> list[TargetChange]:
        return [t for t in self.targets if not t.old]

    @property
    def removed(self) -> list[TargetChange]:
        return [t for t in self.targets if not t.new]


def compare(old: ProgramView, new: ProgramView) -> Comparison:
    remaining = list(old.targets)
    changes = []
    for target in new.targets:
        match = next((t for t in remaining if t.target.kod == target.target.kod), None)
        by_title = False
        if match is None:
            match = next((t for t in remaining if _key(t.target.ad) == _key(target.target.ad)), None)
            by_title = match is not None
        if match:
            remaining.remove(match)
        changes.append(TargetChange(target.target.kod, target.target.ad, match, target, by_title))
    changes.extend(TargetChange(t.target.kod, t.target.ad, t, None) for t in remaining)
    return Comparison(old, new, changes)


@dataclass
class Statement:
    """One figure for one year, as one program states it."""

    program_year: int
    kind: ColumnKind
    value: object


@dataclass
class Promise:
    year: int
    promised: Statement
    reported: Statement

    @property
    def difference(self) -> Decimal | None:
        if isinstance(self.promised.value, Decimal) and isinstance(self.reported.value, Decimal):
            return self.reported.value - self.promised.value
        return None


@dataclass
class IndicatorHistory:
    code: str | None
    name: str
    unit: str | None
    target_code: str
    years: dict[int, list[Statement]] = field(default_factory=dict)

    @property
    def promises(self) -> list[Promise]:
        """The check journalists care about: the target a program set against what a later one reports."""
        found = []
        for year, statements in sorted(self.years.items()):
            reported = [s for s in statements if s.kind == ColumnKind.gerceklesen]
            for promised in (s for s in statements if s.kind == ColumnKind.hedef):
                later = [s for s in reported if s.program_year > promised.program_year]
                if later:
                    found.append(Promise(year, promised, max(later, key=lambda s: s.program_year)))
        return found


def indicator_histories(programs: list[Program]) -> list[IndicatorHistory]:
    """Every indicator across a municipality's programs, oldest program first."""
    histories: dict[str, IndicatorHistory] = {}
    by_name: dict[str, IndicatorHistory] = {}
    for program in sorted(programs, key=lambda p: p.yil):
        for target, indicator in _indicators(program):
            history = (histories.get(indicator.kod) if indicator.kod else None) or by_name.get(_key(indicator.ad))
            if history is None:
                history = histories[indicator.kod or _key(indicator.ad)] = IndicatorHistory(indicator.kod, indicator.ad, indicator.birim, target.kod)
            by_name[_key(indicator.ad)] = history
            for column in program.gosterge_sutunlari:
                value = indicator.degerler.get(column.yil)
                history.years.setdefault(column.yil, []).append(Statement(program.yil, column.tur, value))
    return list({id(h): h for h in histories.values()}.values())


def _indicators(program: Program):
    for aim in program.amaclar:
        for goal in aim.hedefler:
            for target in goal.performans_hedefleri:
                for indicator in target.gostergeler:
                    yield target, indicator
