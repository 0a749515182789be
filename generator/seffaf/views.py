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
