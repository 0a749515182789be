"""Every string field of a program and of site.yml, hostile at once (issue 15).

The fields are found by walking the pydantic models (``schema.Program``,
``schema.SiteConfig``), not listed here: a field added later is poisoned too
without touching this test. Each value is either refused by the checker with a
Turkish message naming the file, or built and shown as text: one small fixture
program (tests/fixtures/her-alan/, every part of a program filled in), one
build; then every HTML, JSON, CSV and XLSX file is scanned, and every page and
the search (a query reaching the poisoned target, the filters open) is opened
in Chromium, failing on any dialog, element made from author text, request to
another host or refused Content-Security-Policy.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import types
import typing
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from pydantic import BaseModel
from seffaf.build import build, check, load_site_config
from seffaf.loader import ProgramError
from seffaf.schema import Program, SiteConfig

from .conftest import project_with_history, serving
from .html import MARK, injected

FIXTURE = Path(__file__).parent / "fixtures" / "her-alan" / "ornekkoy" / "2026.yml"
SITE = {
    "baslik": "Deneme sitesi",
    "aciklama": "Sitenin açıklaması",
    "adres": "https://kullanici.github.io/depo/",
    "kod_deposu": "https://github.com/kullanici/depo",
    "programlar": ["ornekkoy/2026"],
}

PAYLOAD = (
    f'"><img src=x onerror=alert(1) {MARK}>\'><b {MARK}>b</b><script>alert(1)</script>'
    '[a](x/onload=alert(1)//)<a href="javascript:alert(1)">j</a>{{ 7*7 }} | *k* `c`'
)
STARTERS = "=+-@"
KINDS = {
    "denetim karakteri": lambda value, n: "\r\x1b[31m\x07" + PAYLOAD + " " + value,
    "sekme": lambda value, n: "\t" + PAYLOAD + " " + value,
    "formül": lambda value, n: STARTERS[n % len(STARTERS)] + PAYLOAD + " " + value,
    "javascript adresi": lambda value, n: "javascript:alert(1)//" + PAYLOAD + " " + value,
    "web adresi": lambda value, n: f"https://kotu.example/\"'><img src=x onerror=alert(1) {MARK}>/" + value,
    "geçerli adres": lambda value, n: "https://kotu.example/(a)//*b*_c_[d](e);alert(1)//&amp;f=1/" + value.split("://")[-1],
    "kısa HTML": lambda value, n: f'"><svg/onload=alert(1) {MARK}>' + value,
    "kısa Markdown": lambda value, n: "[a](x/onload=alert(1)//)" + value,
}
"""Hostile forms of a value; each keeps the original at its end, so references between fields still meet."""

ENGLISH = re.compile(r"\b(should|must|valid|Input|Value error|Field required|string|characters?|Traceback)\b")


# --- Where strings go: walking the models ------------------------------------

def _parts(annotation) -> list:
    """The types an annotation allows, with Optional, Union and Annotated taken apart."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _parts(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [part for arg in typing.get_args(annotation) for part in _parts(arg)]
    return [annotation]


def _model(kind) -> type[BaseModel] | None:
    return kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None


def schema_fields(model: type[BaseModel], path: str = "") -> set[str]:
    """Every string field the schema has, as ``amaclar[].hedefler[].ad``."""
    found = set()
    for name, info in model.model_fields.items():
        found |= _schema_fields(info.annotation, f"{path}.{info.alias or name}".lstrip("."))
    return found


def _schema_fields(annotation, path: str) -> set[str]:
    found = set()
    for kind in _parts(annotation):
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if kind is str:
            found.add(path)
        elif origin is list:
            found |= _schema_fields(args[0], path + "[]")
        elif origin is dict:
            found |= _schema_fields(args[1], path + "{}")
        elif _model(kind):
            found |= schema_fields(kind, path)
    return found


def slots(model: type[BaseModel], data: dict, path: str = ""):
    """Every place in ``data`` that holds (or may hold) a string by ``model``'s fields:
    (container, key, schema path, original text)."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        yield from _slots(info.annotation, data, key, f"{path}.{key}".lstrip("."))


def _slots(annotation, container, key, path: str):
    kinds = _parts(annotation)
    value = container.get(key) if isinstance(container, dict) else container[key]
    if str in kinds and (isinstance(value, str) or (value is None and all(k in (str, type(None)) for k in kinds))):
        yield container, key, path, value or ""
        return
    for kind in kinds:
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin is list and isinstance(value, list):
            for index in range(len(value)):
                yield from _slots(args[0], value, index, path + "[]")
        elif origin is dict and isinstance(value, dict):
            for inner in value:
                yield from _slots(args[1], value, inner, path + "{}")
        elif _model(kind) and isinstance(value, dict):
            yield from slots(kind, value, path)


# --- Poisoning: each value's first hostile form the checker accepts ------------

def _untranslated(problems) -> list[str]:
    """A refusal names the file and says what is wrong in Turkish."""
    return [str(p) for p in problems if not p.file or ENGLISH.search(p.message) or not re.search("[çğıöşüÇĞİÖŞÜ]", p.message)]


def poison(model: type[BaseModel], original: dict, accepts) -> tuple[dict, dict[str, str], list[str]]:
    """``accepts(data)`` → the checker's problems (empty: accepted). Values are poisoned in
    groups of equal text, so a unit's name and every reference to it change together.
    Returns the data, the hostile form each schema path got, and refusals that were not
    in Turkish."""
    groups: dict[str, list[tuple[str, int]]] = {}
    probe = copy.deepcopy(original)
    places = list(slots(model, probe))
    for number, (_, _, path, text) in enumerate(places):
        groups.setdefault(text or f"\0{number}", []).append((path, number))
    chosen: dict[str, tuple[str, str]] = {}
    untranslated: list[str] = []
    names = list(KINDS)
    for n, (text, members) in enumerate(groups.items()):
        plain = "" if text.startswith("\0") else text
        first = n % len(names)
        order = names[first:] + names[:first]
        if plain.startswith("http"):
            addresses = ["javascript adresi", "web adresi", "geçerli adres"]
            order = addresses + [k for k in order if k not in addresses]
        for kind in order:
            trial = copy.deepcopy(original)
            trial_places = list(slots(model, trial))
            for _, number in members:
                container, key, _, _ = trial_places[number]
                container[key] = KINDS[kind](plain, n)
            problems = accepts(trial)
            if not problems:
                chosen[text] = (kind, KINDS[kind](plain, n))
                break
            untranslated += _untranslated(problems)
    result = copy.deepcopy(original)
    result_places = list(slots(model, result))
    poisoned = {}
    for text, members in groups.items():
        if text in chosen:
            kind, value = chosen[text]
            for path, number in members:
                container, key, _, _ = result_places[number]
                container[key] = value
                poisoned[path] = kind
    return result, poisoned, untranslated


def _program_problems(folder: Path):
    def accepts(data: dict):
        path = folder / "ornekkoy" / "2026.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        errors, _ = check([path], folder)
        return errors
    return accepts


def _site_problems(folder: Path):
    def accepts(data: dict):
        path = folder / "site.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            load_site_config(path)
        except ProgramError as error:
            return error.problems
        return []
    return accepts


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    trials = tmp_path_factory.mktemp("denemeler")
    program, program_fields, program_untranslated = poison(Program, yaml.safe_load(FIXTURE.read_text(encoding="utf-8")), _program_problems(trials))
    site, site_fields, site_untranslated = poison(SiteConfig, SITE, _site_problems(trials))
    folder = tmp_path_factory.mktemp("her-alan")
    out = folder / "www" / "depo"
    program_text = yaml.safe_dump(program, allow_unicode=True, sort_keys=False)
    build(project_with_history(folder, {"ornekkoy/2026": program_text}, yaml.safe_dump(site, allow_unicode=True)), out)
    return types.SimpleNamespace(
        site=out, program=program_fields, config=site_fields, untranslated=program_untranslated + site_untranslated,
        placed={path for _, _, path, _ in slots(Program, yaml.safe_load(FIXTURE.read_text(encoding="utf-8")))},
    )


def test_every_string_field_of_the_schema_is_in_the_fixture(poisoned):
    missing = schema_fields(Program) - poisoned.placed
    assert not missing, f"{FIXTURE.name} has no value for {sorted(missing)}: add one so that it is tested"


def test_each_field_is_refused_in_turkish_or_built_with_a_hostile_value(poisoned):
    assert poisoned.untranslated == []
    kinds = set(poisoned.program.values()) | set(poisoned.config.values())
    assert len(poisoned.program) > 60 and {"formül", "kısa HTML"} <= kinds, poisoned.program
    assert {"baslik", "aciklama", "adres", "kod_deposu"} <= set(poisoned.config)


# --- Scanning what was built ---------------------------------------------------

def test_no_page_holds_markup_from_author_text(poisoned):
    pages = sorted(poisoned.site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        markup = path.read_text(encoding="utf-8")
        assert injected(markup) == [], path
        assert "<img src=x" not in markup and "<svg/onload" not in markup, path


def test_downloads_hold_text_never_formulas(poisoned):
    files = {p.suffix: p for p in poisoned.site.rglob("*") if p.suffix in (".json", ".csv", ".xlsx")}
    assert set(files) == {".json", ".csv", ".xlsx"}
    for path in poisoned.site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in poisoned.site.rglob("*.csv"):
        raw = path.read_bytes()
        excel = raw.startswith(b"\xef\xbb\xbf")
        for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";" if excel else ","):
            for cell in row:
                assert not cell.startswith(tuple(STARTERS + "\t\r")) or _number(cell, excel), (path, cell)
    for path in poisoned.site.rglob("*.xlsx"):
        for sheet in load_workbook(path):
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value.startswith(tuple(STARTERS + "\t\n")):
                        assert cell.quotePrefix, (path, cell.coordinate, cell.value)


def _number(text: str, excel: bool) -> bool:
    try:
        Decimal(text.replace(",", ".") if excel else text)
    except InvalidOperation:
        return False
    return True


# --- In the browser ------------------------------------------------------------

MADE = """() => [...document.querySelectorAll('*')].filter(e => e.hasAttribute('%s')
    || [...e.attributes].some(a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 120))""" % MARK


def _open(tab, address: str) -> list[str]:
    tab.goto(address)
    tab.wait_for_load_state("load")
    return tab.evaluate(MADE)


def test_every_page_and_the_search_in_chromium(poisoned, page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    made = {}
    with serving(poisoned.site) as address:
        for path in sorted(poisoned.site.rglob("index.html")):
            relative = path.parent.relative_to(poisoned.site).as_posix()
            shown = "" if relative == "." else relative + "/"
            made[shown] = _open(page, address + shown)
        made["404"] = _open(page, address + "404.html")
        page.goto(address + "ara/?q=asfaltlamak")
        page.wait_for_selector(".sf-result__link", timeout=15000)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.wait_for_timeout(500)
        made["ara"] = page.evaluate(MADE)
        results = page.inner_text(".sf-results")
        filters = page.inner_text(".sf-filters")
    assert dialogs == [] and {k: v for k, v in made.items() if v} == {}
    assert "asfaltlamak" in results.lower() and PAYLOAD in results + filters and page.outside_requests == []
