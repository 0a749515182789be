"""The national site: one address and one search over every municipality's own site.

Each municipality publishes its own seffaf site (docs/ulusal-site.md). The
national site is built from a registry, ``belediyeler.yml`` (slug, ad, il,
adres), and copies no page of theirs:

- a page per province and a redirect page per municipality (``<slug>/``);
  ``404.html`` sends any deeper ``<slug>/<path>`` to the same path on the
  municipality's site, so national links survive a change of host;
- a search scoped by province or by a list of municipalities, which merges
  only those sites' Pagefind indexes in the reader's browser;
- a whole-country search from one combined index: every program page a site
  lists in its ``veri/manifest.json`` is fetched (over HTTP or from a folder)
  and indexed with Pagefind's Python API under its absolute address, and only
  the resulting ``pagefind/`` is published;
- a registry check: slugs are unique and never reused (the registry's git
  history remembers every slug it gave), and each site is asked whether it
  answers, which Pagefind version built its index and whether its manifest is
  there. A site that is down is listed as such; it never stops the others.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import datetime
import hashlib
import json
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup

from . import mkdocs_site, search, turkish, urls
from .build import Stopwatch, swap_in
from .loader import Problem, ProgramError, read_yaml, validate_list_as
from .render import environment
from .schema import RegistryEntry
from .search import SearchIndexError

Progress = Callable[[str], None]

PAGEFIND_VERSION = metadata.version("pagefind")
"""The version this national site's search runs; a merged index from another version may break it."""

MAX_FETCH_BYTES = 20 * 1024 * 1024
TIMEOUT = 20
FETCHERS = 16


# ---------------------------------------------------------------- the registry


def load_registry(path: Path) -> list[RegistryEntry]:
    """Entries as written; refused (every problem at once) when a slug repeats, is reused or is taken."""
    document = read_yaml(path)
    entries = validate_list_as(document, RegistryEntry)
    problems = []

    def refuse(number: int, message: str) -> None:
        problems.append(Problem(document.file, document.line_of((number, "slug")), f"[{number}].slug", message))

    seen: dict[str, int] = {}
    owners = earlier_owners(path)
    for number, entry in enumerate(entries):
        if entry.slug in seen:
            refuse(number, f'"{entry.slug}" kaydın {seen[entry.slug] + 1}. öğesinde de var: her belediyenin slug\'ı ülke genelinde tektir (aynı adlı ilçeler için <il>-<ilçe>, ör. canakkale-yenice)')
        seen.setdefault(entry.slug, number)
        if entry.slug in urls.NATIONAL_FOLDERS:
            refuse(number, f'"{entry.slug}" ulusal sitenin kendi sayfalarına ayrılmış ({", ".join(urls.NATIONAL_FOLDERS)}); başka bir slug seçin')
        others = [name for key, name in owners.get(entry.slug, {}).items() if key != _owner_key(entry.ad, entry.il)]
        if others:
            refuse(number, f'"{entry.slug}" daha önce {others[0]} için yayımlandı; yayımlanmış bir slug başka bir belediyeye verilmez, yeni bir slug seçin')
    if problems:
        raise ProgramError(problems)
    return entries


def _owner_key(name: str, province: str) -> tuple[str, str]:
    return turkish.fold(name), turkish.fold(province)


def earlier_owners(path: Path) -> dict[str, dict[tuple[str, str], str]]:
    """Every municipality each slug was given to in a committed version of the registry
    (git history of the file; nothing outside a git repository)."""
    path = path.resolve()
    git = ["git", "-C", str(path.parent)]
    log = subprocess.run([*git, "log", "--format=%H", "--", path.name], capture_output=True, text=True)
    owners: dict[str, dict[tuple[str, str], str]] = {}
    for commit in log.stdout.split() if log.returncode == 0 else []:
        shown = subprocess.run([*git, "show", f"{commit}:./{path.name}"], capture_output=True)
        try:
            data = yaml.safe_load(shown.stdout.decode("utf-8-sig")) if shown.returncode == 0 else None
        except (yaml.YAMLError, UnicodeDecodeError):
            data = None
        for old in data if isinstance(data, list) else []:
            if isinstance(old, dict) and isinstance(old.get("slug"), str):
                name, province = str(old.get("ad", "")), str(old.get("il", ""))
                owners.setdefault(old["slug"], {})[_owner_key(name, province)] = f"{name} ({province})"
    return owners


# ---------------------------------------------------------------- reading the sites


class Unreachable(Exception):
    """A site did not give a file; the message says why, in Turkish."""


class Web:
    """Sites read where the registry says they are."""

    def get(self, entry: RegistryEntry, path: str) -> tuple[bytes, dict]:
        """The file's bytes and its response headers (lower-case names)."""
        try:
            with urllib.request.urlopen(entry.adres + path, timeout=TIMEOUT) as response:
                body = response.read(MAX_FETCH_BYTES + 1)
                headers = {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as error:
            raise Unreachable(f"HTTP {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            raise Unreachable(f"bağlantı kurulamadı ({getattr(error, 'reason', error)})") from None
        if len(body) > MAX_FETCH_BYTES:
            raise Unreachable(f"dosya çok büyük (en fazla {MAX_FETCH_BYTES // 1024 // 1024} MB)")
        return body, headers


class Folder:
    """Sites already on disk, each published folder at ``<folder>/<slug>/`` (a mirror, or the bench)."""

    def __init__(self, root: Path):
        self.root = root

    def get(self, entry: RegistryEntry, path: str) -> tuple[bytes, dict]:
        file = self.root / entry.slug / (path or "index.html")
        if file.is_dir():
            file = file / "index.html"
        try:
            return file.read_bytes(), {"access-control-allow-origin": "*"}
        except OSError:
            raise Unreachable(f"{file} yok") from None


@dataclass
class SiteStatus:
    """What the registry check found for one site."""

    entry: RegistryEntry
    problem: str | None = None
    """Why the site cannot be read (it does not answer); None when it answers."""
    pagefind: str | None = None
    cors: bool = False
    manifest: bool = False
    years: list[int] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)
    """The municipality's program pages as (path, SHA-256), from its manifest."""
    indexed: int = 0

    @property
    def home(self) -> str:
        """The municipality's own page on its site."""
        return self.entry.adres + urls.public(urls.municipality(self.entry.slug))

    @property
    def year_links(self) -> list[tuple[int, str]]:
        return [(year, self.entry.adres + urls.public(urls.program_at(self.entry.slug, year))) for year in self.years]

    @property
    def answers(self) -> bool:
        return self.problem is None

    @property
    def mergeable(self) -> bool:
        """Its index can join a scoped search: it answers, across origins, with our Pagefind version."""
        return self.answers and self.cors and self.pagefind == PAGEFIND_VERSION


def check_site(entry: RegistryEntry, source) -> SiteStatus:
    status = SiteStatus(entry)
    try:
        source.get(entry, "")
    except Unreachable as error:
        status.problem = str(error)
        return status
    try:
        body, headers = source.get(entry, "pagefind/pagefind-entry.json")
        status.pagefind = str(json.loads(body).get("version"))
        status.cors = headers.get("access-control-allow-origin") in ("*",)
    except (Unreachable, ValueError, AttributeError):
        pass
    try:
        body, _ = source.get(entry, urls.manifest())
        programs = [p for p in json.loads(body)["programlar"] if p.get("belediye") == entry.slug]
        status.manifest = True
        status.years = sorted({int(p["yil"]) for p in programs})
        status.pages = sorted((path, sha) for p in programs for path, sha in p["dosyalar"].items() if path.endswith("index.html"))
    except (Unreachable, ValueError, KeyError, TypeError, AttributeError):
        pass
    return status


def check_sites(entries: list[RegistryEntry], source) -> list[SiteStatus]:
    with concurrent.futures.ThreadPoolExecutor(FETCHERS) as pool:
        return list(pool.map(lambda entry: check_site(entry, source), entries))


def _fetch_pages(statuses: list[SiteStatus], source, cache: Path) -> list[tuple[SiteStatus, str, Path]]:
    """Every listed page of every answering site as (site, absolute address, file in ``cache``).

    Pages are kept in ``cache`` by their SHA-256, so a nightly build fetches only what
    changed (the manifest names each page's SHA-256) and the pages of 1,390 sites never
    sit in memory together. A page that cannot be fetched is skipped."""
    cache.mkdir(parents=True, exist_ok=True)

    def one(job: tuple[SiteStatus, str, str]):
        status, path, sha = job
        kept = cache / sha
        if not kept.is_file():
            try:
                body, _ = source.get(status.entry, path)
            except Unreachable:
                return None
            kept = cache / hashlib.sha256(body).hexdigest()
            kept.write_bytes(body)
        return status, status.entry.adres + path.removesuffix("index.html"), kept

    jobs = [(status, path, sha) for status in statuses if status.answers for path, sha in status.pages]
    with concurrent.futures.ThreadPoolExecutor(FETCHERS) as pool:
        return [found for found in pool.map(one, jobs) if found]


def index_pages(pages: list[tuple[SiteStatus, str, Path]], out_dir: Path) -> None:
    """One Pagefind index over every fetched page, each under its absolute address."""
    from pagefind.index import IndexConfig

    async def run() -> None:
        service = await _service_class()().launch()
        try:
            index = await service.create_index(IndexConfig(force_language=search.LANGUAGE, exclude_selectors=search.EXCLUDE))
            for start in range(0, len(pages), 256):
                batch = pages[start:start + 256]
                done = await asyncio.gather(*(index.add_html_file(content=file.read_text(encoding="utf-8", errors="replace"), url=url) for _, url, file in batch))
                for (status, _, _), result in zip(batch, done):
                    status.indexed += 1 if result.get("page_word_count") else 0
            await index.write_files(str(out_dir))
        finally:
            await service.close()

    # In a thread of its own: the caller may already run an event loop (Playwright's, in tests).
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        thread.submit(lambda: asyncio.run(run())).result()


def _service_class():
    from pagefind.service import PagefindService

    class Service(PagefindService):
        """Pagefind's Python service, reading its answers as they come: the library's reader
        sleeps 0.1 s before each one, which caps indexing at ten pages a second (45 minutes
        for the 27,000 pages of 300 municipalities)."""

        async def _wait_for_responses(self) -> None:
            while True:
                output = await self._backend.stdout.readuntil(b",")
                response = json.loads(base64.b64decode(output[:-1]))
                future = self._responses.get((response or {}).get("message_id"))
                if future is None:
                    continue
                payload = response["payload"]
                if payload["type"] == "Error":
                    future.set_exception(SearchIndexError(f"arama dizini oluşturulamadı (pagefind): {payload.get('message')}"))
                else:
                    future.set_result(payload)

    return Service


# ---------------------------------------------------------------- the national site


@dataclass
class Province:
    name: str
    path: str
    sites: int
    programs: int


@dataclass
class NationalResult:
    sites: list[SiteStatus]
    pages: int
    seconds: float
    phases: dict[str, float]


def province_slug(name: str) -> str:
    return urls.public(urls.province(name)).split("/")[1]


def search_origins(entries: list[RegistryEntry]) -> list[str]:
    """Where a scoped search fetches indexes from (the pages' ``connect-src``): each site's
    origin, and the GitHub Pages sites among them as one ``https://*.github.io``, so the
    policy stays short with 1,390 municipalities."""
    origins = set()
    for entry in entries:
        parts = urlsplit(entry.adres)
        github = (parts.hostname or "").endswith(".github.io")
        origins.add(f"{parts.scheme}://*.github.io" if github else f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def registry_json(statuses: list[SiteStatus]) -> bytes:
    """What the search page and 404.html read: where each site is and whether it can be merged."""
    return json.dumps({
        "pagefind": PAGEFIND_VERSION,
        "belediyeler": [
            {"slug": s.entry.slug, "ad": s.entry.ad, "il": s.entry.il, "il_slug": province_slug(s.entry.il), "adres": s.entry.adres, "arama": s.mergeable}
            for s in statuses
        ],
    }, ensure_ascii=False, indent=0).encode("utf-8")


def build_national(
    registry_file: Path, out_dir: Path, theme_dir: Path, title: str, address: str,
    source=None, progress: Progress = lambda message: None, checked_at: str | None = None,
) -> NationalResult:
    """Check, fetch, index and write the national site; ``out_dir`` is replaced only when all went well."""
    watch = Stopwatch()
    lap = watch.lap
    theme_dir = theme_dir.resolve()
    entries = load_registry(registry_file)
    statuses = check_sites(entries, source or Web())
    down = [s for s in statuses if not s.answers]
    progress(f"{len(entries)} belediye denetlendi; {len(down)} site yanıt vermiyor")
    lap("denetim")

    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".seffaf-ulusal-", dir=out_dir.parent) as work:
        work_dir = Path(work)
        site_dir = work_dir / "site"
        pages = _fetch_pages(statuses, source or Web(), out_dir.with_name(f".{out_dir.name}-onbellek") / "sayfalar")
        progress(f"{len(pages)} sayfa alındı; ülke geneli arama dizini oluşturuluyor")
        lap("sayfalar")
        index_pages(pages, site_dir / "pagefind")
        lap("pagefind")
        docs, nav = _render(statuses, theme_dir, title, checked_at or turkish.date(datetime.date.today()))
        docs_dir = work_dir / "docs"
        for path, content in docs.items():
            (docs_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (docs_dir / path).write_bytes(content)
        assets = theme_dir / "assets"
        for asset in assets.rglob("*"):
            if asset.is_file():
                target = docs_dir / "assets" / asset.relative_to(assets)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(asset, target)
        config_file = work_dir / "mkdocs.yml"
        mkdocs_site.write_config(
            config_file, {"title": title, "description": "Belediyelerin performans programları: bütün belediyelerin kendi siteleri, tek adres ve tek arama.", "url": address},
            docs_dir, site_dir, theme_dir, nav, "", connect=search_origins(entries),
        )
        mkdocs_site.build(config_file)
        lap("mkdocs")
        swap_in(site_dir, out_dir)
    return NationalResult(statuses, len(pages), watch.total(), watch.phases)


def _render(statuses: list[SiteStatus], theme_dir: Path, title: str, checked_at: str) -> tuple[dict[str, bytes], list]:
    env = environment(theme_dir)
    by_province: dict[str, list[SiteStatus]] = {}
    for status in sorted(statuses, key=lambda s: (turkish.sort_key(s.entry.il), turkish.sort_key(s.entry.ad))):
        by_province.setdefault(status.entry.il, []).append(status)

    def page(path: str, template: str, **context) -> bytes:
        return env.get_template(template).render(path=path, **context).encode("utf-8")

    summary = [
        Province(name, urls.province(name), len(sites), sum(len(s.years) for s in sites)) for name, sites in by_province.items()
    ]
    down = sum(1 for s in statuses if not s.answers)
    docs = {
        urls.home(): page(urls.home(), "national_home.md.j2", title=title, provinces=summary, sites=len(statuses), down=down, checked_at=checked_at),
        urls.search(): page(urls.search(), "national_search.md.j2", title="Ara"),
        urls.national_status(): page(urls.national_status(), "national_status.md.j2", title="Sitelerin durumu", sites=statuses, checked_at=checked_at, version=PAGEFIND_VERSION),
        urls.registry(): registry_json(statuses),
    }
    nav: list = [{"Ana sayfa": urls.home()}]
    provinces = []
    for name, sites in by_province.items():
        path = urls.province(name)
        docs[path] = page(path, "national_province.md.j2", title=name, province=name, province_slug=province_slug(name), sites=sites, checked_at=checked_at)
        provinces.append({name: path})
    nav.append({"İller": provinces})
    nav.extend([{"Ara": urls.search()}, {"Sitelerin durumu": urls.national_status()}])
    for status in statuses:
        path = urls.municipality(status.entry.slug)
        docs[path] = page(path, "national_redirect.md.j2", site=status, target=Markup(status.home), checked_at=checked_at)
    return docs, nav


def report_lines(statuses: list[SiteStatus]) -> list[str]:
    """The registry check for the terminal and the workflow's log, one line per site."""
    lines = []
    for s in statuses:
        if not s.answers:
            lines.append(f"{s.entry.slug}: YANIT YOK ({s.problem}): {s.entry.adres}; listede yanıt vermiyor olarak gösterilir")
            continue
        notes = []
        if s.pagefind != PAGEFIND_VERSION:
            notes.append(f"Pagefind {s.pagefind or 'yok'} (ulusal arama {PAGEFIND_VERSION}; birleştirilmez)")
        if not s.cors:
            notes.append("Access-Control-Allow-Origin: * yok (birleştirilmez)")
        if not s.manifest:
            notes.append("veri/manifest.json yok (ülke geneli aramada yok)")
        years = ", ".join(str(y) for y in s.years) or "yıl yok"
        lines.append(f"{s.entry.slug}: yanıt veriyor, {years}, {s.indexed} sayfa dizinde" + (f"; {'; '.join(notes)}" if notes else ""))
    return lines
