"""Every page address of the site, in one place.

These addresses are the public record's promise: a journalist's link to a
performance target must work for as long as the site exists. Change nothing
here without a redirect. Each function returns the page's source path relative
to the docs folder (``defne/2025/index.md``); ``public()`` turns it into the
address a reader sees (``defne/2025/``). Every generated page is the ``index.md``
of its address's folder, so a relative link in raw HTML means the same read
from the file (as Zensical resolves it) as from the address (as a browser
does); only the hand-written pages of ``content/`` keep their own names.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import quote, urlsplit, urlunsplit

from .schema import Program
from .turkish import slugify

ASSETS = "assets"
"""The theme's CSS and JavaScript, with Material's, at the site's root."""

SEARCH_INDEX = "pagefind"
"""Pagefind's index, at the site's root."""


def web_address(url: str | None) -> str:
    """An address from a program file or site.yml as a link may carry it: http(s) only, with
    every character that could end a Markdown link, an attribute or a script percent-encoded;
    anything else (``javascript:``, no scheme) is no address (the schema says why)."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return urlunsplit((parts.scheme, quote(parts.netloc, safe=":@[]"), quote(parts.path, safe="/%~+,;=!$*"), quote(parts.query, safe="/%~+,;=!$&*?:@"), quote(parts.fragment, safe="/%~-?:@")))


def _base(program: Program) -> str:
    return f"{program.belediye.slug}/{program.yil}"


def code_slug(code: str) -> str:
    """"1.1.1" → "1-1-1"; "PG.8.3.4" → "pg-8-3-4"."""
    return slugify(code) or "0"


def _anchor(kind: str, code: str | None, number: int) -> str:
    """A code with letters is its own anchor; a bare number gets the kind in front so it stays a valid id."""
    if code and any(c.isalpha() for c in code):
        return code_slug(code)
    return f"{kind}-{code_slug(code) if code else number}"


def _anchors(kind: str, rows) -> list[str]:
    """Each row's anchor on its page. A row without a code is named by its place
    ("faaliyet-4"), unless a coded row on the page already has that name ("4"):
    then by "faaliyet-sira-4", so the coded row keeps the name its code gives it."""
    coded = {_anchor(kind, row.kod, 0) for row in rows if row.kod}
    return [
        _anchor(kind, row.kod, number) if row.kod or _anchor(kind, None, number) not in coded else f"{kind}-sira-{number}"
        for number, row in enumerate(rows, 1)
    ]


def indicator_anchors(indicators: list) -> list[str]:
    """"PG 1.2.3" → "pg-1-2-3", so ``…/performans-hedefleri/1-2-1/#pg-1-2-3`` points at one indicator."""
    return _anchors("gosterge", indicators)


def activity_anchors(activities: list) -> list[str]:
    """"F.8.3.1" → "f-8-3-1"; unnumbered activities by their order: "faaliyet-2"."""
    return _anchors("faaliyet", activities)


def archive() -> str:
    return "arsiv/index.md"


def home() -> str:
    return "index.md"


def search() -> str:
    return "ara.md"


def glossary() -> str:
    """The hand-written ``content/sozluk.md``, which the pages link a term to."""
    return "sozluk.md"


def municipality(slug: str) -> str:
    return f"{slug}/index.md"


def comparison(slug: str, old: int, new: int) -> str:
    return f"{slug}/karsilastirma/{old}-{new}/index.md"


def indicator_history(slug: str) -> str:
    return f"{slug}/gostergeler/index.md"


def program(program: Program) -> str:
    return program_at(program.belediye.slug, program.yil)


def program_at(slug: str, year: int) -> str:
    """A program's first page by its municipality and year, as the national site links to it."""
    return f"{slug}/{year}/index.md"


def foreword(program: Program) -> str:
    return f"{_base(program)}/sunus/index.md"


def aim(program: Program, code: str) -> str:
    return f"{_base(program)}/amaclar/{code_slug(code)}/index.md"


def target(program: Program, code: str) -> str:
    return f"{_base(program)}/performans-hedefleri/{code_slug(code)}/index.md"


def units(program: Program) -> str:
    return f"{_base(program)}/birimler/index.md"


def unit(program: Program, name: str) -> str:
    return f"{_base(program)}/birimler/{slugify(name)}/index.md"


def administration_table(program: Program) -> str:
    return f"{_base(program)}/idare-performans-tablosu/index.md"


def resource_need(program: Program) -> str:
    return f"{_base(program)}/toplam-kaynak-ihtiyaci/index.md"


def general_info(program: Program) -> str:
    return f"{_base(program)}/genel-bilgiler/index.md"


def info_section(program: Program, title: str) -> str:
    return f"{_base(program)}/genel-bilgiler/{slugify(title)}/index.md"


def explorer(program: Program) -> str:
    return f"{_base(program)}/butce/index.md"


def site_explorer() -> str:
    return "butce/index.md"


def money(program: Program) -> str:
    """Follow the money: the program's total, split by aim."""
    return f"{_base(program)}/para/index.md"


def money_aim(program: Program, code: str) -> str:
    return f"{_base(program)}/para/{code_slug(code)}/index.md"


def money_target(program: Program, aim_code: str, code: str) -> str:
    """A target's page of the drill-down; on a site of many municipalities a section of its
    aim's page (``money_target_anchor``), and this address a page that leads there (``moved``)."""
    return f"{_base(program)}/para/{code_slug(aim_code)}/{code_slug(code)}/index.md"


def money_target_anchor(code: str) -> str:
    return f"ph-{code_slug(code)}"


def moved(path: str) -> str:
    """The file that keeps a page's address once the page is a section of another: written as
    it is, without MkDocs (``8-2-1/index.md`` → ``8-2-1/index.html``)."""
    return public(path) + "index.html"


def municipalities() -> str:
    """Municipalities side by side: every program's figures; the address chooses which (``?p=kayseri/2025``)."""
    return "karsilastir/index.md"


def municipalities_csv() -> str:
    return "karsilastir/programlar.csv"


def choose(keys: list[str]) -> str:
    """The comparison page's query choosing programs: ``?p=kayseri/2025&p=izmir/2024``."""
    return "?" + "&".join(f"p={key}" for key in keys)


def audit(program: Program) -> str:
    return f"{_base(program)}/denetim/index.md"


def data(program: Program, name: str) -> str:
    """Downloads live beside the pages: ``defne/2025/veri/program.json``."""
    return f"{_base(program)}/veri/{name}"


def target_data(program: Program, code: str, table: str) -> str:
    """One performance target's rows of a download table, for the "CSV indir" link under that table."""
    return f"{_base(program)}/veri/performans-hedefleri/{code_slug(code)}-{table}.csv"


def manifest() -> str:
    """Written after MkDocs (it hashes the HTML), so link to it with ``relative()``."""
    return "veri/manifest.json"


def site_data() -> str:
    return "veri/index.md"


def template() -> str:
    """The empty program workbook the guide for municipalities links to."""
    return "veri/sablon.xlsx"


def province(name: str) -> str:
    """National site: the municipalities of one province (``il/hatay/``)."""
    return f"il/{slugify(name)}/index.md"


def national_status() -> str:
    """National site: what the last registry check found for each site."""
    return "durum/index.md"


def registry() -> str:
    """National site: the registry as the search and 404.html read it."""
    return "belediyeler.json"


NATIONAL_FOLDERS = ("il", "ara", "durum", "assets", "pagefind", "search")
"""First segments of the national site's own addresses; a municipality's slug may not be one
(``<slug>/`` is its redirect page, ``municipality(slug)``)."""


def link(from_path: str, to_path: str) -> str:
    """A Markdown link from one page's source to another's (or to a file), relative to the page:
    ``../amaclar/1/index.md``. MkDocs, Zensical and any Markdown reader resolve it alike, and
    turn it into the reader's address, relative so sub-paths work."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def relative(from_path: str, to_path: str) -> str:
    """A link written as raw HTML (no engine rewrites it), relative to the page's address so sub-paths work."""
    target = public(to_path)
    link = posixpath.relpath(target or ".", public(from_path) or ".")
    if link == ".":
        return "./"
    return link + "/" if target.endswith("/") else link


def public(path: str) -> str:
    """The address a reader sees, relative to the site root."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    if path.endswith(".md"):
        return path[: -len(".md")] + "/"
    return path


# --- addresses made from a program's text -------------------------------------


def site_pages() -> list[str]:
    """The site's own pages and files, made from no program."""
    return [home(), archive(), search(), site_explorer(), site_data(), manifest()]


def reserved(content_dir: Path) -> set[str]:
    """Top-level names a municipality's slug may not take: the site's own pages and folders
    (a program at ``ara/`` would replace the search), hand-written pages among them."""
    paths = [*site_pages(), *(page.name for page in content_dir.glob("*.md"))]
    return ({ASSETS, SEARCH_INDEX} | {public(path).split("/")[0] for path in paths}) - {""}


@dataclass(frozen=True)
class Address:
    """A page address (or a row's anchor on a page) and what made it."""

    address: str
    """As a reader sees it: ``defne/2025/birimler/fen-isleri/``, ``defne/2025/performans-hedefleri/1-1-1/#pg-1-1-1``."""
    field: tuple = ()
    """The program's field it is made from; empty for a page every program has."""
    text: str = ""
    """That field's text, and the address segment made from it (empty when the text has no letter or digit)."""
    segment: str = ""
    scope: tuple = ()
    """For a row's anchor, the field of the page it is on: rows collide only on their own page
    (two targets that collide are reported as such, not row by row)."""


def program_addresses(program: Program) -> list[Address]:
    """Every address a program's pages and rows have, the fixed ones first, in the order of the file."""
    found = [
        Address(public(path))
        for path in (_base(program) + "/index.md", foreword(program), units(program), administration_table(program),
                     resource_need(program), general_info(program), explorer(program), audit(program))
    ]

    def made(path: str, field: tuple, text: str | None, anchor: str = "", scope: tuple = ()) -> None:
        found.append(Address(public(path) + (f"#{anchor}" if anchor else ""), field, text or "", slugify(text or ""), scope))

    for a, aim_ in enumerate(program.amaclar):
        made(aim(program, aim_.kod), ("amaclar", a, "kod"), aim_.kod)
        for g, goal in enumerate(aim_.hedefler):
            for t, target_ in enumerate(goal.performans_hedefleri):
                here = ("amaclar", a, "hedefler", g, "performans_hedefleri", t)
                page = target(program, target_.kod)
                made(page, here + ("kod",), target_.kod)
                for kind, rows, anchors in (("gostergeler", target_.gostergeler, indicator_anchors), ("faaliyetler", target_.faaliyetler, activity_anchors)):
                    for i, (row, anchor) in enumerate(zip(rows, anchors(rows))):
                        made(page, here + (kind, i, "kod"), row.kod, anchor, scope=here)
    for u, unit_ in enumerate(program.birimler):
        made(unit(program, unit_.ad), ("birimler", u, "ad"), unit_.ad)
    for s, section in enumerate(program.genel_bilgiler):
        made(info_section(program, section.baslik), ("genel_bilgiler", s, "baslik"), section.baslik)
    return found


def collisions(addresses: Iterable[Address]) -> list[tuple[Address, Address]]:
    """Each address made a second time, with the one that has it first: one page would replace the other."""
    first: dict[tuple, Address] = {}
    found = []
    for address in addresses:
        if address.text and not address.segment:
            continue
        key = (address.scope, address.address.partition("#")[2] if address.scope else address.address)
        if key in first:
            found.append((address, first[key]))
        else:
            first[key] = address
    return found
