"""The search: what each page tells Pagefind about itself, and running Pagefind.

Pagefind ships as a binary inside the ``pagefind_bin`` wheel; it writes a
static index under ``pagefind/`` that the browser queries without a server.
Each page carries a hidden record: a title naming municipality and year, the
filters a journalist narrows by, a numeric sort key for amounts (also a meta
field, so a search merging several sites' indexes can order them by amount), and the
page's words with ı/İ folded to i (Pagefind folds ş, ç, ğ, ö, ü but not ı).

Each activity and indicator row names itself in a heading with the row's
anchor, so Pagefind gives it as a sub-result of its target's page: "kırsal
kesimde gelir" finds the activity, with its unit and amount in the excerpt,
and opens on its row. The row's own ı-folded words sit in an attribute Pagefind
indexes in place (``row_search`` in ``_macros.md.j2``), so "kirsal" finds the
row too; the page's folded words go before its title, where they belong to the
page and not to whichever heading comes last. Each folded word starts with
``HIDDEN`` (an invisible separator, which Pagefind drops when it indexes the
word but keeps in the page's text), so the search page leaves them out of
every excerpt: a reader sees only words the page prints. (Records of their own would do it too, but every record
adds to what a browser loads before its first search: about five times more
at 100 programs.)

Titles, filter values and metadata are stored as text, as the program writes
them, and the search page (``theme/assets/seffaf.js``) shows every one of them
with ``textContent``. Pagefind's own UI would insert filter values as HTML, and
Pagefind decodes a filter attribute twice (1.5.2: ``&amp;lt;`` is indexed as
``<``): escaping here would make that UI safe only by showing entities in this
one. Any page that shows search data must treat it as text.
``tests/test_every_field.py`` searches with hostile names in every filter.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from . import turkish
from .schema import Program
from .views import TargetView, UnitView

KINDS = {
    "page": "Sayfa",
    "program": "Program",
    "aim": "Amaç",
    "target": "Performans hedefi",
    "unit": "Harcama birimi",
    "table": "Özet tablo",
    "info": "Genel bilgiler",
    "audit": "Tutarlılık denetimi",
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


def target_record(program: Program, view: TargetView) -> Record:
    target = view.target
    codes = set()
    for table in [target.maliyet_tablosu, *(a.maliyet_tablosu for a in target.faaliyetler)]:
        if table:
            codes.update(f"{line.kod} {line.ad}" for line in table.ekonomik_kodlar if line.tutar)
    units = sorted(set(target.sorumlu_birimler) | {a.sorumlu_birim for a in target.faaliyetler if a.sorumlu_birim}, key=turkish.sort_key)
    result = record(
        program, "target", f"PH {target.kod}: {target.ad}",
        amac=[f"Amaç {view.aim.kod}: {view.aim.ad}"], birim=units, ekonomik_kod=sorted(codes),
    )
    return _amount(result, view.cost.toplam)


def unit_record(program: Program, view: UnitView) -> Record:
    return _amount(record(program, "unit", view.unit.ad, birim=[view.unit.ad]), view.cost or None)


_DOTLESS = re.compile("[ıİI]")

HIDDEN = "\u2063"
"""Marks a word that is indexed but not printed; ``theme/assets/seffaf.js`` keeps it out of excerpts."""


def folded_words(text: str) -> list[str]:
    """Words with ı/İ as they would be typed without them, marked hidden: "kırsal" → "⁣kirsal".

    Whole words first, then the ones with ı/İ/I: linear in the text's length (a pattern
    around ``[ıİI]`` is tried again from every letter of a word that has none)."""
    words = {word for word in re.findall(r"\w+", text) if _DOTLESS.search(word)}
    return [HIDDEN + word for word in sorted({turkish.fold(w) for w in words} - {w.lower() for w in words})]


LANGUAGE = "tr"
"""One index in one language, so Turkish stemming applies and indexes of different sites merge."""
EXCLUDE = [".headerlink"]


class SearchIndexError(RuntimeError):
    pass


def index(site_dir: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", LANGUAGE, *(a for s in EXCLUDE for a in ("--exclude-selectors", s)), "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"arama dizini oluşturulamadı (pagefind): {(result.stderr or result.stdout).strip()[-500:]}")
