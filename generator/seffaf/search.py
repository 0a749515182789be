"""The search: what each page tells Pagefind about itself, and running Pagefind.

Pagefind ships as a binary inside the ``pagefind_bin`` wheel; it writes a
static index under ``pagefind/`` that the browser queries without a server.
Each page carries a hidden record: a title naming municipality and year, the
filters a journalist narrows by, a numeric sort key for amounts, and the
page's words with ı/İ folded to i (Pagefind folds ş, ç, ğ, ö, ü but not ı).

Activities and indicators stand as rows inside a target's page; each is also
an entry of its own, pointing at the row's anchor, so "kırsal kalkınma" finds the activity, its amount and its unit, not only
the page it stands on.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from . import turkish, urls
from .schema import Activity, Indicator, Program
from .views import ProgramView, TargetView, UnitView, indicator_name, indicator_value

KINDS = {
    "page": "Sayfa",
    "program": "Program",
    "aim": "Amaç",
    "target": "Performans hedefi",
    "unit": "Harcama birimi",
    "table": "Özet tablo",
    "info": "Genel bilgiler",
    "audit": "Tutarlılık denetimi",
    "activity": "Faaliyet",
    "indicator": "Gösterge",
}


FILTERS = {"belediye": "belediye", "amac": "amaç", "birim": "sorumlu birim", "ekonomik_kod": "ekonomik kod"}
"""Filter names as a reader sees them; the search page's address uses them folded (``sorumlu_birim``)."""


@dataclass
class Record:
    title: str | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)


def record(program: Program | None, kind: str, title: str | None = None, **filters: list[str]) -> Record:
    """The common part of a page's record: who, which year, what kind of page."""
    found: dict[str, list[str]] = {}
    if program:
        found["belediye"] = [program.belediye.ad]
        found["yıl"] = [str(program.yil)]
        title = f"{title} · {program.belediye.ad} {program.yil}" if title else None
    found["sayfa türü"] = [KINDS[kind]]
    found.update({FILTERS[key]: values for key, values in filters.items() if values})
    return Record(title=title, filters=found)


def _amount(record_: Record, value: Decimal | None) -> Record:
    if value is not None:
        record_.sort["tutar"] = str(int(value))
        record_.title = f"{record_.title} · {turkish.money(value)}"
    return record_


def _codes(*tables) -> list[str]:
    return sorted({f"{line.kod} {line.ad}" for table in tables if table for line in table.ekonomik_kodlar if line.tutar})


def _aim(view: TargetView) -> list[str]:
    return [f"Amaç {view.aim.kod}: {view.aim.ad}"]


def target_record(program: Program, view: TargetView) -> Record:
    target = view.target
    codes = _codes(target.maliyet_tablosu, *(a.maliyet_tablosu for a in target.faaliyetler))
    units = sorted(set(target.sorumlu_birimler) | {a.sorumlu_birim for a in target.faaliyetler if a.sorumlu_birim}, key=turkish.sort_key)
    result = record(
        program, "target", f"PH {target.kod}: {target.ad}",
        amac=_aim(view), birim=units, ekonomik_kod=codes,
    )
    return _amount(result, view.cost.toplam)


def unit_record(program: Program, view: UnitView) -> Record:
    return _amount(record(program, "unit", view.unit.ad, birim=[view.unit.ad]), view.cost or None)


def folded_words(text: str) -> list[str]:
    """Words with ı/İ as they would be typed without them: "kırsal" → "kirsal"."""
    words = set(re.findall(r"\w*[ıİI]\w*", text))
    return sorted({turkish.fold(w) for w in words} - {w.lower() for w in words})


@dataclass
class Entry:
    """A search result of its own for a row inside a page: a small HTML file Pagefind
    indexes (and the build then deletes), whose result links to the row's anchor."""

    file: str
    url: str
    text: str
    record: Record


def entries(view: ProgramView) -> list[Entry]:
    program = view.program
    found = []
    for target_view in view.targets:
        target = target_view.target
        context = f"Performans hedefi {target.kod}: {target.ad}."
        rows = [
            *((urls.activity_anchor(a.kod, n), _activity(program, target_view, a, context)) for n, a in enumerate(target.faaliyetler, 1)),
            *((urls.indicator_anchor(g.kod, n), _indicator(program, target_view, g, context)) for n, g in enumerate(target.gostergeler, 1)),
        ]
        for anchor, (text, record_) in rows:
            record_.words = folded_words(text)
            found.append(Entry(urls.entry(program, target.kod, anchor), urls.row(target_view.path, anchor), text, record_))
    return found


def _row_title(kind: str, code: str | None, name: str, view: TargetView) -> str:
    """A code that names its target ("PG 6.1.2", "F.7.3.1") is enough; a bare number or none gets the target's code."""
    if code and any(c.isalpha() for c in code):
        return f"{kind} {code}: {name}"
    return f"{kind}: {name} (PH {view.target.kod})"


def _activity(program: Program, view: TargetView, activity: Activity, context: str) -> tuple[str, Record]:
    units = [activity.sorumlu_birim] if activity.sorumlu_birim else view.target.sorumlu_birimler
    result = record(program, "activity", _row_title("Faaliyet", activity.kod, activity.ad, view), amac=_aim(view), birim=units, ekonomik_kod=_codes(activity.maliyet_tablosu))
    lines = [activity.ad + "."]
    if units:
        lines.append(f"Sorumlu birim: {', '.join(units)}.")
    cost = activity.maliyet
    if cost:
        _amount(result, cost.toplam)
        lines.append(f"Toplam {turkish.money(cost.toplam)} (bütçe {turkish.money(cost.butce)}, bütçe dışı {turkish.money(cost.butce_disi)}).")
    return " ".join([*lines, context]), result


def _indicator(program: Program, view: TargetView, indicator: Indicator, context: str) -> tuple[str, Record]:
    result = record(program, "indicator", _row_title("Gösterge", indicator.kod, indicator.ad, view), amac=_aim(view), birim=view.target.sorumlu_birimler)
    values = "; ".join(f"{c.baslik}: {indicator_value(indicator.degerler.get(c.yil))}" for c in program.gosterge_sutunlari)
    return f"{indicator_name(indicator)}. {values}. {context}", result


class SearchIndexError(RuntimeError):
    pass


def index(site_dir: Path, entry_files: dict[str, str]) -> None:
    """Index the built pages and the entries together; the entries' files are gone afterwards."""
    try:
        for name, html in entry_files.items():
            target = site_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "tr", "--exclude-selectors", ".headerlink", "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True)
    finally:
        shutil.rmtree(site_dir / urls.ENTRIES, ignore_errors=True)
    if result.returncode != 0:
        raise SearchIndexError(f"arama dizini oluşturulamadı (pagefind): {(result.stderr or result.stdout).strip()[-500:]}")
