"""Where a program becomes pages: Jinja templates in ``theme/pages`` write Markdown.

Each page is one template and one context. Text from a program file is
escaped on the way out (HTML and Markdown alike), so nothing an author types
can become markup, a link or a script; only templates write markup. Text in
running Markdown goes through ``inline_text``/``block_text``; text inside raw
HTML (an attribute, an SVG label, a raw HTML table) through ``attribute_text``.
What MkDocs prints outside the body (titles, navigation, meta) is made HTML in
``mkdocs_site.py``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import string
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, JsonValue

from . import charts, exports, search, turkish, urls
from .audit import audit
from .compare import Comparison, compare, indicator_histories
from .incremental import Cache
from .mkdocs_site import STATIC_POLICY
from .schema import SCHEMA_FILE, Program, json_schema_text
from .views import MANY_MUNICIPALITIES, MoneyLevel, ProgramView, budget_lines, economic_codes, economic_totals, money_levels, program_view, summary


@dataclass
class Page:
    path: str
    title: str
    markdown: str


@dataclass
class Site:
    """Everything the site generator writes: pages, downloads and the navigation."""

    pages: dict[str, Page] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    nav: list = field(default_factory=list)


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")
_BLOCK_SPECIAL = re.compile(r"([\\`\[\]{}|!])")


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline_text(value) -> Markup:
    """Author text inside a sentence or a table cell: no markup, one line."""
    return Markup(_INLINE_SPECIAL.sub(r"\\\1", _entities(" ".join(str(value).split()))))


def block_text(value) -> Markup:
    """Author text of several paragraphs: lists and emphasis kept; no HTML, links or attributes."""
    return Markup(_BLOCK_SPECIAL.sub(r"\\\1", _entities(str(value).strip())))


_ATTRIBUTE_SPECIAL = re.compile("[" + re.escape("".join(sorted(set(string.punctuation) - set("-./,:%?_")))) + "]")


def attribute_text(value) -> Markup:
    """Author text inside raw HTML: every ASCII punctuation mark that means something to HTML
    or to Markdown as a character reference (OWASP's rule for attributes), so that neither
    ends the attribute, and no Markdown link, code span or table cell forms inside it (Markdown
    reads the line before it sees the tag); one line."""
    return Markup(_ATTRIBUTE_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(str(value).split())))


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return inline_text(value)


@pass_context
def _link(context, path: str) -> Markup:
    """A Markdown link to a page or file, relative to the page being written (every page is
    rendered with its ``path``; a macro that links is imported ``with context``)."""
    return Markup(urls.link(context["path"], path))


def _indicator_value(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return turkish.number(value)
    return str(value)


def _indicator_name(indicator) -> str:
    """The name as printed, with its unit added only where the name does not already carry it."""
    if indicator.birim and f"({indicator.birim})" not in indicator.ad:
        return f"{indicator.ad} ({indicator.birim})"
    return indicator.ad


@functools.cache
def environment(theme_dir: Path) -> Environment:
    """One per theme and process: each program rendered in a worker reuses the compiled templates."""
    env = Environment(
        loader=FileSystemLoader(str(theme_dir / "pages")),
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,
    )
    env.filters.update(
        money=lambda v: Markup(turkish.money(v)),
        number=lambda v: Markup(turkish.number(v)),
        percent=lambda v: Markup(turkish.percent(v)),
        date=lambda v: Markup(turkish.date(v)),
        signed_percent=lambda v: Markup(("+" if v > 0 else "") + turkish.percent(v, 1)),
        signed_number=lambda v: Markup(("+" if v > 0 else "") + turkish.number(v)),
        value=lambda v: inline_text(_indicator_value(v)),
        indicator_name=lambda g: inline_text(_indicator_name(g)),
        link=_link,
        public=lambda p: Markup(urls.public(p)),
        text=inline_text,
        block=block_text,
        quoted=lambda v: Markup(json.dumps(str(v), ensure_ascii=False)),
        attr=attribute_text,
        folded=lambda texts: " ".join(search.folded_words(" ".join(t for t in texts if t))),
    )
    env.globals.update(urls=urls, indicator_trend=charts.indicator_trend)
    return env


class Renderer:
    def __init__(self, theme_dir: Path, content_dir: Path, site_config: dict, cache: Cache | None = None):
        self.env = environment(theme_dir)
        self.cache = cache
        self.theme_dir = theme_dir
        self.content_dir = content_dir
        self.config = site_config
        self.site = Site()
        self.revisions: dict = {}
        self.reports: dict = {}
        self.many = False
        """A site of more than MANY_MUNICIPALITIES municipalities, whose pages stop growing with it."""

    def page(self, path: str, template: str, title: str, record: search.Record, **context) -> None:
        body = self.env.get_template(template).render(path=path, title=title, config=self.config, **context)
        program = context.get("program")
        parts = _document_parts(template, context) if program else set()
        corrections = [c for c in program.duzeltmeler if c.bolum in parts and _shows(body, c.aktarilan)] if program else []
        if corrections:
            body += self.env.get_template("_corrections.md.j2").render(corrections=corrections)
        record.words = search.folded_words(body)
        hidden = self.env.get_template("_search.md.j2").render(record=record)
        self.site.pages[path] = Page(path, title, _before_first_heading(body, hidden))

    def render(self, programs: list[Program], revisions: dict | None = None) -> Site:
        self.revisions = revisions or {}
        self.many = len({p.belediye.slug for p in programs}) > MANY_MUNICIPALITIES
        program_navs = self.programs(programs)
        views = [program_view(p) for p in programs]
        by_municipality: dict[str, list[ProgramView]] = {}
        for view in sorted(views, key=lambda v: (turkish.sort_key(v.program.belediye.ad), -v.program.yil)):
            by_municipality.setdefault(view.program.belediye.slug, []).append(view)
        summaries = [summary(v, self.reports[v.program.belediye.slug, v.program.yil]) for v in views]
        latest = {slug: next(s for s in summaries if s.view is years[0]) for slug, years in by_municipality.items()}
        intro = (self.content_dir / "index.md").read_text(encoding="utf-8")
        self.page(urls.home(), "home.md.j2", self.config["title"], search.record(None, "page"), intro=Markup(intro), municipalities=by_municipality, summaries=latest)
        nav = [{"Ana sayfa": urls.home()}]
        for slug, years in by_municipality.items():
            municipality = years[0].program.belediye
            oldest_first = sorted(years, key=lambda v: v.program.yil)
            comparisons = [compare(old, new) for old, new in zip(oldest_first, oldest_first[1:])]
            self.page(
                urls.municipality(slug), "municipality.md.j2", municipality.ad, search.record(None, "program", belediye=[municipality.ad]),
                municipality=municipality, years=years, comparisons=comparisons,
            )
            entries = [urls.municipality(slug)] + [{str(v.program.yil): program_navs[slug, v.program.yil]} for v in years]
            if comparisons:
                entries.append({"Yıllar arası": self.over_the_years(slug, municipality, comparisons, [v.program for v in oldest_first])})
            nav.append({municipality.ad: entries})
        self.page(
            urls.site_explorer(), "explorer.md.j2", "Bütçe gezgini: bütün programlar", search.record(None, "table", "Bütçe gezgini"),
            lines=[] if self.many else [line for v in views for line in budget_lines(v)], views=views if self.many else [], economic=None, view=None, program=None,
        )
        nav.append({"Bütçe gezgini": urls.site_explorer()})
        ordered = [s for years in by_municipality.values() for v in years for s in summaries if s.view is v]
        self.page(
            urls.municipalities(), "municipalities.md.j2", "Belediyeleri karşılaştırın", search.record(None, "table", "Belediyeleri karşılaştırın"),
            summaries=ordered, codes=economic_codes(ordered),
        )
        self.site.files[urls.municipalities_csv()] = exports.csv_bytes(exports.programs_table(ordered, economic_codes(ordered)), excel=True)
        nav.append({"Belediyeleri karşılaştırın": urls.municipalities()})
        self.page(urls.archive(), "archive.md.j2", "Arşiv", search.record(None, "page"), municipalities=by_municipality)
        nav.append({"Arşiv": urls.archive()})
        self.page(urls.site_data(), "data.md.j2", "Veri", search.record(None, "page"), views=views, tables=exports.tables(programs[0]) if programs else [], bundle=exports.BUNDLE if self.many else None, many=self.many)
        self.site.files.update(exports.site_files(programs, self.site.files, bundle=self.many))
        self.site.files[urls.template()] = exports.template_bytes(None, max((p.yil for p in programs), default=exports.build_time().year) + 1)
        nav.append({"Veri": urls.site_data()})
        for page in sorted(self.content_dir.glob("*.md")):
            if page.name != "index.md":
                nav.append(self._content_page(page))
        self.site.nav = nav
        self.site.files[SCHEMA_FILE] = json_schema_text().encode("utf-8")
        return self.site

    def programs(self, programs: list[Program]) -> dict:
        """Each program's pages, audit and navigation; on every core where there are several programs."""
        jobs = [
            (self.theme_dir, self.content_dir, self.config, p, self.revisions.get((p.belediye.slug, p.yil), []), _previous(p, programs), self.many)
            for p in programs
        ]
        keys = [self._job_key(job) for job in jobs] if self.cache else []
        results = [self.cache.get("sayfalar", key, _Rendered.model_validate_json) for key in keys] if self.cache else [None] * len(jobs)
        todo = [i for i, result in enumerate(results) if result is None]
        if len(todo) > 1:
            with ProcessPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
                done = list(pool.map(_render_program, [jobs[i] for i in todo]))
        else:
            done = [_render_program(jobs[i]) for i in todo]
        for i, result in zip(todo, done):
            results[i] = result
            if self.cache:
                self.cache.put("sayfalar", keys[i], result.model_dump_json().encode())
        navs = {}
        for program, result in zip(programs, results):
            key = (program.belediye.slug, program.yil)
            self.site.pages.update((page.path, page) for page in result.pages)
            self.site.files.update(result.files)
            self.reports[key] = result.report or audit(program)
            navs[key] = result.nav
        return navs

    def _job_key(self, job) -> str:
        """Everything a program's pages are made from: the program, the one before it, its versions, the site's settings and size."""
        _, _, config, program, versions, previous, many = job
        history = [(v.commit, v.date.isoformat(), v.summary, v.path, v.program is None, v.changes) for v in versions]
        return self.cache.key(
            program.model_dump_json(), previous.model_dump_json() if previous else "", repr(history), json.dumps(config, sort_keys=True), str(many),
        )

    def over_the_years(self, slug: str, municipality, comparisons: list[Comparison], programs: list[Program]) -> list:
        nav = []
        for comparison in comparisons:
            old, new = comparison.old.program.yil, comparison.new.program.yil
            path = urls.comparison(slug, old, new)
            title = f"{municipality.ad}: {old} ve {new} karşılaştırması"
            self.page(path, "comparison.md.j2", title, search.record(None, "program", title, belediye=[municipality.ad]), comparison=comparison, municipality=municipality)
            nav.append({f"{old} → {new}": path})
        path = urls.indicator_history(slug)
        title = f"{municipality.ad}: göstergeler yıllar boyunca"
        self.page(path, "indicator_history.md.j2", title, search.record(None, "program", title, belediye=[municipality.ad]), histories=indicator_histories(programs), municipality=municipality)
        nav.append({"Göstergeler yıllar boyunca": path})
        return nav

    def moved(self, path: str, page: str, anchor: str, title: str) -> None:
        """A page that became a section of another keeps its address: a small file, without
        MkDocs or script, that sends the reader on to the section (and stays out of the search
        and the sitemap, which list MkDocs' pages)."""
        markup = self.env.get_template("moved.html.j2").render(
            title=title, link=f"{urls.relative(path, page)}#{anchor}", site=self.config["title"], policy=Markup(STATIC_POLICY),
        )
        self.site.files[urls.moved(path)] = markup.encode("utf-8")

    def _content_page(self, path: Path) -> dict:
        text = path.read_text(encoding="utf-8")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
        self.site.pages[path.name] = Page(path.name, title, text)
        return {title: path.name}

    def program(self, view: ProgramView, since: Comparison | None = None) -> list:
        program = view.program
        name = f"{program.belediye.ad} {program.yil}"
        report = self.reports[program.belediye.slug, program.yil]
        common = dict(view=view, program=program, report=report, versions=self.revisions.get((program.belediye.slug, program.yil), []), many=self.many)

        def record(kind: str, title: str, **filters) -> search.Record:
            return search.record(program, kind, title, **filters)

        economic = economic_totals(program)
        self.page(
            view.path, "program.md.j2", f"{name} Performans Programı", record("program", "Performans programı"),
            charts=charts.program_charts(view, economic), since=since, **common,
        )
        nav: list = [view.path]
        if program.sunus:
            self.page(urls.foreword(program), "foreword.md.j2", "Sunuş", record("info", "Sunuş"), **common)
            nav.append({"Sunuş": urls.foreword(program)})
        aims_nav = []
        for aim_view in view.aims:
            title = f"Amaç {aim_view.aim.kod}" + (f": {aim_view.aim.hizmet_alani}" if aim_view.aim.hizmet_alani else "")
            full = f"Amaç {aim_view.aim.kod}: {aim_view.aim.ad}"
            self.page(aim_view.path, "aim.md.j2", full, record("aim", full, amac=[full]), aim_view=aim_view, **common)
            for target_view in aim_view.targets:
                self.page(
                    target_view.path, "target.md.j2", f"Performans hedefi {target_view.target.kod}: {target_view.target.ad}",
                    search.target_record(program, target_view), target_view=target_view, **common,
                )
            aims_nav.append({title: [aim_view.path] + [{f"PH {t.target.kod}": t.path} for t in aim_view.targets]})
        nav.append({"Amaçlar ve hedefler": aims_nav})
        for level in money_levels(view, sections=self.many):
            drawn = {part.path: _money_chart(part) for part in [level, *level.sections]}
            self.page(level.path, "money.md.j2", f"Para nereye gidiyor: {level.title}", record("table", "Para nereye gidiyor"), level=level, charts=drawn, **common)
            for section in level.sections:
                self.moved(section.path, level.path, section.anchor, section.title)
        nav.append({"Para nereye gidiyor?": urls.money(program)})
        if view.units:
            self.page(urls.units(program), "units.md.j2", "Harcama birimleri", record("unit", "Harcama birimleri"), **common)
            for unit_view in view.units:
                self.page(unit_view.path, "unit.md.j2", unit_view.unit.ad, search.unit_record(program, unit_view), unit_view=unit_view, **common)
            nav.append({"Harcama birimleri": [urls.units(program)] + [{u.unit.ad: u.path} for u in view.units]})
        for present, path, template, title in (
            (program.idare_performans_tablosu, urls.administration_table(program), "administration_table.md.j2", "İdare Performans Tablosu"),
            (program.toplam_kaynak_ihtiyaci, urls.resource_need(program), "resource_need.md.j2", "Toplam Kaynak İhtiyacı"),
        ):
            if present:
                self.page(path, template, title, record("table", title), **common)
                nav.append({title: path})
        if program.genel_bilgiler:
            self.page(urls.general_info(program), "general_info.md.j2", "Genel Bilgiler", record("info", "Genel bilgiler"), **common)
            sections = []
            for section in program.genel_bilgiler:
                path = urls.info_section(program, section.baslik)
                self.page(path, "info_section.md.j2", section.baslik, record("info", section.baslik), section=section, **common)
                sections.append({section.baslik: path})
            nav.append({"Genel Bilgiler": [urls.general_info(program)] + sections})
        self.page(
            urls.explorer(program), "explorer.md.j2", f"Bütçe gezgini: {name}", record("table", "Bütçe gezgini"),
            lines=budget_lines(view), economic=economic, **common,
        )
        nav.append({"Bütçe gezgini": urls.explorer(program)})
        self.page(urls.audit(program), "audit.md.j2", f"Tutarlılık denetimi: {name}", record("audit", "Tutarlılık denetimi"), **common)
        nav.append({"Tutarlılık denetimi": urls.audit(program)})
        self.site.files[urls.data(program, "program.json")] = program_json(program)
        self.site.files[urls.data(program, "denetim.json")] = _json(report.as_dict())
        self.site.files.update(exports.program_files(program, by_target=not self.many))
        return nav


_TEMPLATE_PARTS = {
    "foreword.md.j2": "Sunuş",
    "administration_table.md.j2": "İdare Performans Tablosu",
    "resource_need.md.j2": "Toplam Kaynak İhtiyacı",
    "units.md.j2": "Harcama birimleri",
}


def _document_parts(template: str, context: dict) -> set[str]:
    """The parts of the document (as ``duzeltmeler`` name them) whose text a page prints."""
    parts = {_TEMPLATE_PARTS[template]} if template in _TEMPLATE_PARTS else set()
    if "section" in context:
        parts.add(f"Genel Bilgiler: {context['section'].baslik}")
    if "target_view" in context:
        parts.update({f"PH {context['target_view'].target.kod}", "Harcama birimleri"})
    if "aim_view" in context:
        parts.update(f"PH {t.target.kod}" for t in context["aim_view"].targets)
    if "unit_view" in context:
        parts.add("Harcama birimleri")
        parts.update(f"PH {t.target.kod}" for t in context["unit_view"].targets)
    if "level" in context:
        parts.update(f"PH {code}" for code in context["level"].codes)
    if template == "explorer.md.j2" and context.get("view"):
        parts.update(f"PH {t.target.kod}" for t in context["view"].targets)
    return parts


def _shows(markdown: str, text: str) -> bool:
    """Whether a page prints ``text`` as a whole word (as escaped for Markdown)."""
    return re.search(r"(?<!\w)" + re.escape(str(inline_text(text))) + r"(?!\w)", markdown) is not None


def _money_chart(level: MoneyLevel) -> charts.BarChart | None:
    """A section's chart is named by its anchor: one page holds several."""
    key = f"para-{level.anchor}" if level.anchor else "para"
    return charts.bar_chart(key, f"{level.title}: {level.part_kind} başına", [(p.label, p.amount) for p in level.parts if p.amount])


def _before_first_heading(markdown: str, block: str) -> str:
    """After the front matter, before the title: Pagefind gives a page's words to the heading
    they follow, and the record's folded words belong to the page, not to its last row."""
    if markdown.startswith("---\n"):
        end = markdown.index("\n---\n", 4) + len("\n---\n")
        return markdown[:end] + block + "\n" + markdown[end:]
    return block + "\n" + markdown


def _previous(program: Program, programs: list[Program]) -> Program | None:
    """The same municipality's program of the latest earlier year, for "what is new"."""
    earlier = [p for p in programs if p.belediye.slug == program.belediye.slug and p.yil < program.yil]
    return max(earlier, key=lambda p: p.yil) if earlier else None


class _Rendered(BaseModel):
    """One program's pages, downloads and navigation, as the cache keeps them: JSON, validated
    when read back. The audit report is made again from the program (it is quick) rather than kept."""

    model_config = ConfigDict(extra="forbid", ser_json_bytes="base64", val_json_bytes="base64")
    pages: list[Page]
    files: dict[str, bytes]
    nav: list[JsonValue]
    report: Annotated[Any, Field(exclude=True)] = None


def _render_program(job) -> _Rendered:
    """One program's pages in a worker process: nothing here depends on the other programs."""
    theme_dir, content_dir, config, program, versions, previous, many = job
    renderer = Renderer(theme_dir, content_dir, config)
    renderer.many = many
    key = (program.belediye.slug, program.yil)
    renderer.revisions = {key: versions}
    renderer.reports = {key: audit(program)}
    view = program_view(program)
    nav = renderer.program(view, compare(program_view(previous), view) if previous else None)
    site = renderer.site
    return _Rendered(pages=list(site.pages.values()), files=site.files, nav=nav, report=renderer.reports[key])


def program_json(program: Program) -> bytes:
    """The whole validated program, with the YAML's own keys, for anyone to reuse."""
    return _json(program.model_dump(mode="json", by_alias=True))


def _json(data) -> bytes:
    """Without indentation: a fifth of these files' bytes (18 MB at 100 programs); browsers show them indented."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
