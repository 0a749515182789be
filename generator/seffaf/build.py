"""The build, start to finish: read and check every program, write Markdown,
let MkDocs make HTML, index it with Pagefind, and only then replace ``site/``.

Work happens in a temporary folder beside the output; a failure at any step
leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import history, mkdocs_site, record, search, urls
from .audit import audit, warnings
from .incremental import Cache, copy_previous, sync
from .loader import (
    PROGRAM_SUFFIXES, Document, Problem, ProgramError, cache_json, find_program_files, one_per_program, parse_document, read_source,
    read_yaml, validate, validate_as, validate_json, value_warnings,
)
from .render import Renderer
from .schema import Program, SiteConfig, web_address

Progress = Callable[[str], None]


@dataclass
class Project:
    """Where a site's inputs are: by default the folders of this repository."""

    root: Path
    programs_dir: Path
    config_file: Path

    @property
    def theme_dir(self) -> Path:
        return self.root / "theme"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"


class Stopwatch:
    """Seconds per phase of a build, so the build can say where its time went."""

    def __init__(self) -> None:
        self.started = self._clock = time.perf_counter()
        self.phases: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = now - self._clock
        self._clock = now

    def total(self) -> float:
        return time.perf_counter() - self.started


@dataclass
class BuildResult:
    pages: int
    programs: int
    seconds: float
    warnings: list[str]
    phases: dict[str, float]
    """Seconds per phase: okuma (load + audit), sayfalar (render), mkdocs, pagefind."""


def load_site_config(path: Path) -> SiteConfig:
    return validate_as(read_yaml(path), SiteConfig)


def program_files(programs_dir: Path, selection: list[str] | None) -> list[Path]:
    """The file of each program, YAML or workbook; a missing one as ``.yml``, which loading reports."""
    if selection is None:
        return find_program_files(programs_dir)
    found = []
    for entry in selection:
        candidates = [programs_dir / f"{entry}{suffix}" for suffix in PROGRAM_SUFFIXES]
        found.extend(one_per_program([p for p in candidates if p.exists()]) or candidates[:1])
    return found


def display_path(path: Path, root: Path) -> str:
    """The path as written, relative to the project (a symbolic link is named, not followed)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Rules:
    """What a program file is checked against besides itself: inside the programs folder it
    stands at ``<slug>/<yıl>.yml`` (so no file can stand in for another program), and its
    slug is none of the site's own top-level names (``ara``, ``veri``, ``assets``, …)."""

    programs_dir: Path | None = None
    reserved: tuple[str, ...] = ()

    @classmethod
    def of(cls, programs_dir: Path, content_dir: Path) -> Rules:
        return cls(programs_dir, tuple(sorted(urls.reserved(content_dir))))

    def problems(self, path: Path, program: Program, document: Document) -> list[Problem]:
        slug, year = program.belediye.slug, program.yil
        found = []
        if slug in self.reserved:
            found.append(document.problem(("belediye", "slug"), f'"{slug}" sitenin kendi adresi ({slug}/): bu program sitenin o sayfasının yerine geçerdi; başka bir slug seçin'))
        folder = os.path.abspath(self.programs_dir) if self.programs_dir else None
        if not folder or not os.path.abspath(path).startswith(folder + os.sep):
            # A file named on the command line, outside the programs folder: named like one, it must say the same.
            if path.stem.isdigit() and (slug, str(year)) != (path.parent.name, path.stem):
                field = ("belediye", "slug") if slug != path.parent.name else ("yil",)
                found.append(document.problem(field, f"dosya yolu {path.parent.name}/{path.name}, içeriği {slug}/{year}: ikisi aynı olmalı"))
            return found
        written = os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")
        if written != f"{slug}/{year}{path.suffix}":
            found.append(document.problem(
                ("belediye", "slug") if written.split("/")[0] != slug else ("yil",),
                f"dosya {written}, içindeki program {slug}/{year}: dosya {self.programs_dir.as_posix()}/{slug}/{year}{path.suffix} olmalı "
                "(başka bir programın yerine geçmesin diye dosyanın yeri belediye.slug ve yil ile aynıdır)",
            ))
        elif path.parent.resolve() != Path(folder).resolve() / slug:
            found.append(document.problem(("belediye", "slug"), f"{slug}/ klasörü başka bir yere bağlantı (symlink): program dosyaları {self.programs_dir.as_posix()}/ klasörünün içinde olmalı"))
        return found


def _read(path: Path, shown: str) -> bytes:
    if not os.path.lexists(path):
        raise ProgramError([Problem(shown, None, "", "program dosyası yok (site.yml içindeki programlar listesine bakın)")])
    return read_source(path, shown)


def read_sources(files: list[Path], root: Path) -> dict[Path, bytes]:
    """The bytes of every file that can be read, read once: what is checked, cached and
    published are the same bytes. A file that cannot be read is reported when it is loaded."""
    found = {}
    for path in files:
        try:
            found[path] = _read(path, display_path(path, root))
        except ProgramError:
            continue
    return found


def load_programs(files: list[Path], root: Path, cache: Cache | None = None, rules: Rules | None = None, sources: dict[Path, bytes] | None = None) -> list[Program]:
    """A file read before with the same bytes (and checked by the same rules) comes from the cache."""
    sources = read_sources(files, root) if sources is None else sources
    keys = {path: cache.key(str(path), raw, repr(rules)) for path, raw in sources.items()} if cache else {}
    found = {path: program for path, key in keys.items() if (program := cache.get("programlar", key, lambda raw: validate_json(raw, key))) is not None}
    missing = [path for path in files if path not in found]
    for path, (program, _) in zip(missing, load_documents(missing, root, with_documents=False, rules=rules, sources=sources)):
        found[path] = program
        if cache and (data := cache_json(program)):
            cache.put("programlar", keys[path], data)
    return [found[path] for path in files]


FORK_ADDRESS = "https://kullanici.github.io/seffaf/"
"""The ``adres`` a fork starts with: it is nobody's address."""


def check(files: list[Path], root: Path, config_file: Path | None = None, rules: Rules | None = None) -> tuple[list[Problem], list[Problem]]:
    """Errors (the file cannot be published), then warnings: what the source disagrees with
    itself on, placeholders, and (level "eksik") what the Rehber requires and the program lacks."""
    errors: list[Problem] = []
    found: list[Problem] = []
    if config_file is not None:
        shown = display_path(config_file, root)
        try:
            config = validate_as(read_yaml(config_file, shown), SiteConfig)
        except ProgramError as error:
            errors.extend(error.problems)
        else:
            if config.adres == FORK_ADDRESS:
                found.append(Problem(shown, None, "adres", f"örnek adres ({FORK_ADDRESS}) olarak duruyor: sitenin adresini yazın ya da satırı silin (GitHub Pages iş akışı o zaman GitHub'ın verdiği adresi kullanır)", "uyarı"))
    try:
        loaded = load_documents(files, root, rules=rules)
    except ProgramError as error:
        return errors + error.problems, found
    if errors:
        return errors, found
    for program, document in loaded:
        report = audit(program)
        found.extend(value_warnings(program, document))
        found.extend(warnings(report, document))
        found.extend(Problem(document.file, None, "Rehber", f"{r.title}: " + (r.detail or "yok"), "eksik", places=_places(document, r.places)) for r in report.requirements if not r.present)
    return [], found


PLACES_SHOWN = 10
"""A lack the Rehber names is located at its first places; a program missing it everywhere says how many more."""


def _places(document: Document, places: list[tuple[tuple, str]]) -> list[Problem]:
    shown = [document.problem(path, note, "eksik") for path, note in places[:PLACES_SHOWN]]
    if len(places) > PLACES_SHOWN:
        shown.append(Problem(document.file, None, "", f"… ve {len(places) - PLACES_SHOWN} yer daha", "eksik"))
    return shown


def site_address(config: SiteConfig, given: str | None) -> tuple[str, str]:
    """The site's address and where it came from: ``adres`` in site.yml, unless it is empty
    or the fork's placeholder; then the one GitHub Pages gives (``SEFFAF_ADRES``, set by the
    workflow). With neither, the address is empty and the second part says why."""
    if config.adres and config.adres != FORK_ADDRESS:
        return config.adres, "site.yml"
    if given:
        try:
            return web_address(given.strip()), "GitHub Pages"
        except ValueError as error:
            raise ProgramError([Problem("SEFFAF_ADRES", None, "", str(error))]) from None
    return "", "site.yml'daki adres örnek adres olarak duruyor" if config.adres else "site.yml'da adres yazılmamış"


def load_documents(
    files: list[Path], root: Path, with_documents: bool = True, rules: Rules | None = None, sources: dict[Path, bytes] | None = None,
) -> list[tuple[Program, Document | None]]:
    """Every file is read even after one fails, so that all problems are reported at once.
    Several files are read on every core; ``with_documents=False`` leaves out the line
    maps, which only ``check`` needs."""
    sources = sources or {}
    jobs = [(path, display_path(path, root), sources.get(path), rules, with_documents) for path in files]
    if len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
            results = list(pool.map(_load_one, jobs, chunksize=4))
    else:
        results = [_load_one(job) for job in jobs]
    problems = [problem for _, found in results for problem in found]
    if problems:
        raise ProgramError(problems)
    return [loaded for loaded, _ in results]


def _load_one(job) -> tuple[tuple[Program, Document | None] | None, list[Problem]]:
    path, shown, raw, rules, with_document = job
    try:
        document = parse_document(_read(path, shown) if raw is None else raw, shown)
        program = validate(document)
    except ProgramError as error:
        return None, error.problems
    problems = (rules or Rules()).problems(path, program, document)
    return (None if problems else (program, document if with_document else None)), problems


def build(project: Project, out_dir: Path, progress: Progress = lambda message: None, incremental: bool = True) -> BuildResult:
    """``incremental``: reuse what the previous build into the same ``out_dir`` left
    (see ``incremental.py``); the output is the same either way."""
    watch = Stopwatch()
    lap = watch.lap
    config = load_site_config(project.config_file)
    address, source = site_address(config, os.environ.get("SEFFAF_ADRES"))
    progress(f"Sitenin adresi: {address} ({source})" if address else f"Sitenin adresi yok ({source}): bağlantılar göreli, site haritası adressiz")
    files = program_files(project.programs_dir, config.programlar)
    out_dir = out_dir.resolve()
    cache = Cache.beside(out_dir, project.theme_dir) if incremental else None
    sources = read_sources(files, project.root)
    programs = load_programs(files, project.root, cache, Rules.of(project.programs_dir, project.content_dir), sources)
    progress(f"{len(programs)} program okundu ve doğrulandı")
    lap("okuma")

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with record.reproducible_time(project.root), tempfile.TemporaryDirectory(prefix=".seffaf-", dir=out_dir.parent) as work:
        # MkDocs' configuration, docs and site in one folder, as Zensical requires of them.
        folder = cache.folder if cache else Path(work)
        docs_dir, site_dir, config_file = folder / "docs", folder / "site", folder / "mkdocs.yml"
        if site_dir.exists():
            shutil.rmtree(site_dir)  # what a failed build left
        folder.mkdir(parents=True, exist_ok=True)
        revisions = {(p.belediye.slug, p.yil): v for p, v in zip(programs, history.versions(project.root, files, project.root / ".cache" / "versions"))}
        settings = {"title": config.baslik, "repository": urls.web_address(config.kod_deposu).rstrip("/")}
        site = Renderer(project.theme_dir, project.content_dir, settings, cache).render(programs, revisions)
        lap("denetim ve sayfalar")
        docs = {page.path: page.markdown.encode("utf-8") for page in site.pages.values()}
        docs.update(site.files)
        assets = project.theme_dir / "assets"
        docs.update((f"{urls.ASSETS}/{p.relative_to(assets).as_posix()}", p.read_bytes()) for p in assets.rglob("*") if p.is_file())
        site_settings = {"title": config.baslik, "description": config.aciklama or "", "url": address}
        site_key = cache.site_key(site_settings, site.nav, [(p.path, p.title) for p in site.pages.values()], docs_dir, docs) if cache else ""
        unchanged = bool(cache) and cache.site_matches(site_key, out_dir)
        if cache:
            cache.forget_site()
        sync(docs_dir, docs)
        if unchanged:
            copy_previous(out_dir, site_dir, skip=urls.SEARCH_INDEX)
        progress(f"{len(site.pages)} sayfa yazıldı; MkDocs ile HTML üretiliyor" + (" (yalnız değişen sayfalar)" if unchanged else ""))

        mkdocs_site.write_config(config_file, site_settings, docs_dir, site_dir, project.theme_dir, site.nav, urls.public(urls.archive()))
        warnings = mkdocs_site.build(config_file, dirty=unchanged)
        published = [(p, sources[path], f"{p.belediye.slug}/{p.yil}") for p, path in zip(programs, files)]
        manifest = site_dir / urls.manifest()
        manifest.unlink(missing_ok=True)  # a hard link to the published site's in a rebuild
        manifest.write_bytes(record.manifest(site_dir, published, out_dir if unchanged else None))
        lap("mkdocs")
        progress("Arama dizini (Pagefind) oluşturuluyor")
        search.index(site_dir)
        lap("pagefind")
        swap_in(site_dir, out_dir)
        if cache:
            cache.remember_site(site_key)
            cache.prune()
    return BuildResult(len(site.pages), len(programs), watch.total(), warnings, watch.phases)


def swap_in(new: Path, out_dir: Path) -> None:
    """Swap the finished site in with two renames, so readers never see half a site."""
    old = out_dir.with_name(out_dir.name + ".eski")
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists():
        out_dir.rename(old)
    new.rename(out_dir)
    if old.exists():
        shutil.rmtree(old)
