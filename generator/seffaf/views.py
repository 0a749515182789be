"""Figures a reader sees that the document does not state: what an aim costs,
its share, what each spending unit is responsible for.

Computed once here so that templates only present. Stated figures are never
replaced: a page shows the table's own total and, where this module derives
one, says it is derived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import urls
from .schema import Activity, Aim, Cost, Goal, PerformanceTarget, Program, Unit
from .turkish import sort_key


MANY_MUNICIPALITIES = 12
"""Beyond this many municipalities a site's pages stop growing with it: a page's sidebar lists
only its own municipality, the site-wide budget explorer lists programs instead of every line,
and the site-wide tables come as one zip."""


def _add(*values: Decimal | None) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    return part * 100 / whole if whole else None


def target_cost(target: PerformanceTarget) -> Cost:
    """The target's own stated total, from its table; summed from activities only where it has none."""
    if target.maliyet and target.maliyet.toplam is not None:
        return target.maliyet
    table = target.maliyet_tablosu
    if table and (table.toplam is not None or table.butce_toplami is not None):
        return Cost(butce=table.butce_toplami, butce_disi=table.butce_disi_toplami, toplam=table.toplam)
    costs = [a.maliyet for a in target.faaliyetler if a.maliyet]
    if costs:
        return Cost(
            butce=_add(*(c.butce for c in costs)),
            butce_disi=_add(*(c.butce_disi for c in costs)),
            toplam=_add(*(c.toplam for c in costs)),
        )
    return target.maliyet or Cost()


@dataclass
class TargetView:
    target: PerformanceTarget
    aim: Aim
    goal: Goal
    path: str
    cost: Cost
    share: Decimal | None = None

    @property
    def activity_costs_stated(self) -> bool:
        return any(a.maliyet for a in self.target.faaliyetler)


@dataclass
class AimView:
    aim: Aim
    path: str
    targets: list[TargetView]
    cost: Decimal
    share: Decimal | None = None


@dataclass
class UnitView:
    unit: Unit
    path: str
    targets: list[TargetView] = field(default_factory=list)
    activities: list[tuple[TargetView, Activity]] = field(default_factory=list)
    cost: Decimal = Decimal(0)
    shared_targets: list[TargetView] = field(default_factory=list)


@dataclass
class ProgramView:
    program: Program
    path: str
    aims: list[AimView]
    targets: list[TargetView]
    units: list[UnitView]
    targets_total: Decimal
    total_need: Decimal | None
    """The Toplam Kaynak İhtiyacı as the document states it, where it has one."""

    @property
    def total(self) -> Decimal:
        return self.total_need if self.total_stated else self.targets_total

    @property
    def total_stated(self) -> bool:
        return self.total_need is not None

    @property
    def goal_count(self) -> int:
        return sum(len(a.aim.hedefler) for a in self.aims)

    def largest_aims(self, count: int = 2) -> list[AimView]:
        return sorted((a for a in self.aims if a.cost), key=lambda a: a.cost, reverse=True)[:count]

    @property
    def largest_unit(self) -> UnitView | None:
        units = [u for u in self.units if u.cost]
        return max(units, key=lambda u: u.cost) if units else None

    def unit_named(self, name: str) -> UnitView | None:
        """Units are referred to by any of their spellings."""
        for view in self.units:
            if name == view.unit.ad or name in view.unit.varyantlar:
                return view
        return None

    @property
    def budget_line_count(self) -> int:
        return len(budget_lines(self))

    @property
    def activity_count(self) -> int:
        return sum(len(t.target.faaliyetler) for t in self.targets)

    @property
    def indicator_count(self) -> int:
        return sum(len(t.target.gostergeler) for t in self.targets)


def program_view(program: Program) -> ProgramView:
    aims, targets = [], []
    for aim in program.amaclar:
        aim_targets = [
            TargetView(t, aim, goal, urls.target(program, t.kod), target_cost(t))
            for goal in aim.hedefler
            for t in goal.performans_hedefleri
        ]
        aims.append(AimView(aim, urls.aim(program, aim.kod), aim_targets, _add(*(t.cost.toplam for t in aim_targets))))
        targets.extend(aim_targets)
    targets_total = _add(*(t.cost.toplam for t in targets))
    for view in aims:
        view.share = _share(view.cost, targets_total)
    for view in targets:
        view.share = _share(view.cost.toplam or Decimal(0), targets_total)
    need = program.toplam_kaynak_ihtiyaci
    return ProgramView(
        program=program,
        path=urls.program(program),
        aims=aims,
        targets=targets,
        units=_unit_views(program, targets),
        targets_total=targets_total,
        total_need=need.genel_toplam.toplam if need else None,
    )


def _unit_views(program: Program, targets: list[TargetView]) -> list[UnitView]:
    """Who answers for what. A target's whole cost goes to a unit only where that unit alone is responsible."""
    by_name: dict[str, UnitView] = {}
    views = []
    for unit in program.birimler:
        view = UnitView(unit, urls.unit(program, unit.ad))
        views.append(view)
        for name in [unit.ad, *unit.varyantlar]:
            by_name[name] = view
    for target_view in targets:
        target = target_view.target
        responsible = {by_name[n].unit.ad: by_name[n] for n in target.sorumlu_birimler if n in by_name}
        for activity in target.faaliyetler:
            owner = by_name.get(activity.sorumlu_birim) if activity.sorumlu_birim else None
            owners = [owner] if owner else list(responsible.values())
            for view in owners:
                view.activities.append((target_view, activity))
                if owner and activity.maliyet and activity.maliyet.toplam is not None:
                    view.cost += activity.maliyet.toplam
            if owner:
                responsible.setdefault(owner.unit.ad, owner)
        own_costs = any(a.maliyet and a.maliyet.toplam is not None and a.sorumlu_birim for a in target.faaliyetler)
        for view in responsible.values():
            view.targets.append(target_view)
            if own_costs:
                continue
            if len(responsible) == 1:
                view.cost += target_view.cost.toplam or Decimal(0)
            else:
                view.shared_targets.append(target_view)
    return sorted(views, key=lambda v: sort_key(v.unit.ad))


@dataclass
class BudgetLine:
    """One row of the budget explorer: an activity with its own cost, or a target costed as a whole."""

    program: Program
    target: TargetView
    name: str
    unit: str
    cost: Cost


def budget_lines(view: ProgramView) -> list[BudgetLine]:
    lines = []
    for target_view in view.targets:
        target = target_view.target
        costed = [a for a in target.faaliyetler if a.maliyet]
        if costed:
            for activity in costed:
                unit = activity.sorumlu_birim or ", ".join(target.sorumlu_birimler)
                lines.append(BudgetLine(view.program, target_view, activity.ad, unit, activity.maliyet))
        else:
            names = "; ".join(a.ad for a in target.faaliyetler) or target.ad
            lines.append(BudgetLine(view.program, target_view, names, ", ".join(target.sorumlu_birimler), target_view.cost))
    return lines


@dataclass
class EconomicTotal:
    code: str
    name: str
    amount: Decimal


def economic_totals(program: Program) -> list[EconomicTotal]:
    """Cost tables summed by economic code (sub-lines counted under their code)."""
    totals: dict[str, EconomicTotal] = {}
    for aim in program.amaclar:
        for goal in aim.hedefler:
            for target in goal.performans_hedefleri:
                for table in [target.maliyet_tablosu, *(a.maliyet_tablosu for a in target.faaliyetler)]:
                    for line in table.ekonomik_kodlar if table else []:
                        total = totals.setdefault(line.kod, EconomicTotal(line.kod, line.ad, Decimal(0)))
                        total.amount += _add(line.tutar, *(s.tutar for s in line.alt_kalemler))
    return [totals[code] for code in sorted(totals)]


@dataclass
class Share:
    """A part of a whole: an aim, a target or an activity of the money drill-down, or an economic code."""

    label: str
    amount: Decimal | None
    share: Decimal | None
    path: str | None = None
    short: str = ""
    """The label's code alone ("Amaç 3"), where a table has no room for the name."""

    @property
    def bar(self) -> float:
        """The share as the width of a bar 100 wide."""
        return round(float(self.share or 0), 1)


def _shares(rows: list[tuple[str, Decimal | None, str | None]]) -> list[Share]:
    whole = _add(*(amount for _, amount, _ in rows))
    return [Share(label, amount, _share(amount, whole) if amount is not None else None, path, label.split(":", 1)[0]) for label, amount, path in rows]


@dataclass
class Summary:
    """A program in one line: what the home page, the comparison of municipalities and the
    table of every program show. Per resident only where the document states its population."""

    view: ProgramView
    checks: int
    differences: int
    economic: list[Share]
    aims: list[Share]

    @property
    def program(self) -> Program:
        return self.view.program

    @property
    def key(self) -> str:
        """How the comparison page's address names a program: ``kayseri/2025``."""
        return f"{self.program.belediye.slug}/{self.program.yil}"

    @property
    def per_resident(self) -> Decimal | None:
        population = self.program.nufus
        return (self.view.total / population.kisi).quantize(Decimal("0.01")) if population else None

    @property
    def largest_aim_per_resident(self) -> Decimal | None:
        population, aims = self.program.nufus, self.largest_aims(1)
        return (aims[0].amount / population.kisi).quantize(Decimal("0.01")) if population and aims else None

    def largest_aims(self, count: int = 3) -> list[Share]:
        """Where the most money goes, each leading to its page of the money drill-down."""
        return sorted((a for a in self.aims if a.amount), key=lambda a: a.amount, reverse=True)[:count]

    def economic_share(self, code: str) -> Share | None:
        return next((s for s in self.economic if s.label.startswith(code + " ")), None)


def summary(view: ProgramView, report) -> Summary:
    return Summary(
        view=view,
        checks=len(report.findings),
        differences=len(report.failed),
        economic=_shares([(f"{e.code} {e.name}", e.amount, None) for e in economic_totals(view.program)]),
        aims=_shares([(f"Amaç {a.aim.kod}: {a.aim.ad}", a.cost, urls.money_aim(view.program, a.aim.kod)) for a in view.aims]),
    )


def economic_codes(summaries: list[Summary]) -> list[str]:
    """The economic codes any of the programs uses, in code order: the comparison's rows."""
    return sorted({s.label.split(" ", 1)[0] for summary_ in summaries for s in summary_.economic})


@dataclass
class MoneyLevel:
    """One page of the money drill-down: a whole and its parts, with where each part leads."""

    path: str
    title: str
    total: Decimal
    parts: list[Share]
    trail: list[tuple[str, str]]
    """The levels above, outermost first: (name, path)."""
    page: str
    """The part's own page on the site (the program, the aim, the target)."""
    parts_stated: bool = True
    """False where the document gives one amount for the whole, not one per part."""
    codes: list[str] = field(default_factory=list)
    """The performance targets whose names the page prints."""
    sections: list[MoneyLevel] = field(default_factory=list)
    """The levels below, printed on this page each under its ``anchor`` instead of on pages of their own."""
    anchor: str = ""

    @property
    def part_kind(self) -> str:
        return ("amaç", "performans hedefi", "faaliyet")[len(self.trail)]

    @property
    def largest(self) -> Share | None:
        stated = [p for p in self.parts if p.amount]
        return max(stated, key=lambda p: p.amount) if stated else None


def money_levels(view: ProgramView, sections: bool = False) -> list[MoneyLevel]:
    """Program total → aims → targets → activities, one level per page; with ``sections``
    (a site of many municipalities) a target's level is a section of its aim's page, and
    its own address (``MoneyLevel.path``) only leads there."""
    program = view.program
    top = urls.money(program)
    name = f"{program.belediye.ad} {program.yil}"
    levels = [MoneyLevel(top, name, view.targets_total, _shares([(f"Amaç {a.aim.kod}: {a.aim.ad}", a.cost, urls.money_aim(program, a.aim.kod)) for a in view.aims]), [], view.path)]
    for aim_view in view.aims:
        aim_path = urls.money_aim(program, aim_view.aim.kod)
        aim_title = f"Amaç {aim_view.aim.kod}: {aim_view.aim.ad}"
        targets = []
        for target_view in aim_view.targets:
            target = target_view.target
            stated = target_view.activity_costs_stated
            parts = [(f"{a.kod or i}. {a.ad}", a.maliyet.toplam if a.maliyet else None, None) for i, a in enumerate(target.faaliyetler, 1)]
            targets.append(MoneyLevel(
                urls.money_target(program, aim_view.aim.kod, target.kod), f"PH {target.kod}: {target.ad}", target_view.cost.toplam or Decimal(0),
                _shares(parts) if stated else [Share(label, None, None) for label, _, _ in parts],
                [(name, top), (aim_title, aim_path)], target_view.path, stated, [target.kod], anchor=urls.money_target_anchor(target.kod) if sections else "",
            ))
        levels.append(MoneyLevel(
            aim_path, aim_title, aim_view.cost,
            _shares([(f"PH {t.target.kod}: {t.target.ad}", t.cost.toplam, f"{aim_path}#{level.anchor}" if sections else level.path) for t, level in zip(aim_view.targets, targets)]),
            [(name, top)], aim_view.path, codes=[t.target.kod for t in aim_view.targets], sections=targets if sections else [],
        ))
        if not sections:
            levels.extend(targets)
    return levels
