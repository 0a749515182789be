"""Chart geometry, computed at build time; ``theme/pages/_charts.md.j2`` draws it as SVG.

Charts are static, need no JavaScript and carry their numbers as text, so they
read without colour and the same figures stand in a table beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import turkish

WIDTH = 400
BAR_AREA = 280
ROW = 44


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: int
    width: float

    @property
    def label_y(self) -> int:
        return self.y + 14

    @property
    def bar_y(self) -> int:
        return self.y + 20

    @property
    def value_x(self) -> float:
        return round(self.width + 6, 1)

    @property
    def value_y(self) -> int:
        return self.y + 32


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    description: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return ROW * len(self.bars) + 4

    @property
    def width(self) -> int:
        return WIDTH


def bar_chart(key: str, title: str, rows: list[tuple[str, Decimal]], limit: int = 12) -> BarChart | None:
    """Largest first; the rest summed into one bar so the chart stays readable on a phone."""
    rows = sorted((r for r in rows if r[1]), key=lambda r: r[1], reverse=True)
    if not rows:
        return None
    if len(rows) > limit:
        rest = sum(r[1] for r in rows[limit - 1 :])
        rows = rows[: limit - 1] + [(f"Diğer {len(rows) - limit + 1} kalem", rest)]
    largest = rows[0][1]
    bars = [
        Bar(label, turkish.money(value), index * ROW, round(float(value / largest) * BAR_AREA, 1))
        for index, (label, value) in enumerate(rows)
    ]
    total = sum(r[1] for r in rows)
    description = f"Toplam {turkish.money(total)}. " + "; ".join(f"{b.label}: {b.value}" for b in bars)
    return BarChart(key, title, description, bars)


@dataclass(frozen=True)
class TrendBar:
    label: str
    value: str
    x: int
    y: float
    height: float


@dataclass(frozen=True)
class Trend:
    description: str
    bars: list[TrendBar]


TREND_HEIGHT = 24


def trend(columns: list[tuple[str, object]]) -> Trend | None:
    """An indicator's values across its year columns as three small bars; only where two or more are numbers."""
    numbers = [(label, value) for label, value in columns if isinstance(value, Decimal)]
    if len(numbers) < 2:
        return None
    largest = max(abs(v) for _, v in numbers) or Decimal(1)
    bars = []
    for index, (label, value) in enumerate(columns):
        height = round(float(abs(value) / largest) * TREND_HEIGHT, 1) if isinstance(value, Decimal) else 0.0
        shown = turkish.number(value) if isinstance(value, Decimal) else "değer yok"
        bars.append(TrendBar(label, shown, index * 14, round(TREND_HEIGHT - height, 1), height))
    return Trend(", ".join(f"{b.label}: {b.value}" for b in bars), bars)


def indicator_trend(program, indicator) -> Trend | None:
    return trend([(column.baslik, indicator.degerler.get(column.yil)) for column in program.gosterge_sutunlari])


def program_charts(view, economic) -> list[BarChart]:
    """Where the money goes: by aim, by spending unit, by economic code."""
    found = [
        bar_chart("amac", "Amaçlara göre maliyet", [(f"Amaç {a.aim.kod}: {a.aim.ad}", a.cost) for a in view.aims]),
        bar_chart("birim", "Harcama birimlerine göre maliyet", [(u.unit.ad, u.cost) for u in view.units]),
        bar_chart("kod", "Ekonomik koda göre maliyet", [(f"{e.code} {e.name}", e.amount) for e in economic]),
    ]
    return [chart for chart in found if chart]
