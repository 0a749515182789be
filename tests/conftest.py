"""Shared fixtures: real sites built from the real program files, served on loopback."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from seffaf.build import Project, build
from seffaf.loader import load_program

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def make_project(tmp: Path, programs: list[str] | None, programs_dir: Path | None = None) -> Project:
    config = tmp / "site.yml"
    lines = ["baslik: Test Sitesi", "adres: https://kullanici.github.io/depo/"]
    if programs is not None:
        lines.append("programlar:")
        lines.extend(f"  - {p}" for p in programs)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Project(root=ROOT, programs_dir=programs_dir or ROOT / "programs", config_file=config)


@pytest.fixture(scope="session")
def defne_program():
    return load_program(ROOT / "programs" / "defne" / "2025.yml")


@pytest.fixture(scope="session")
def defne_site(tmp_path_factory) -> Path:
    """The Defne 2025 site, built once for the whole session under a sub-path (``/depo/``)."""
    tmp = tmp_path_factory.mktemp("defne")
    out = tmp / "www" / "depo"
    build(make_project(tmp, ["defne/2025"]), out)
    return out


PROGRAMS = ["defne/2025", "ilgin/2023", "kars/2024", "izmir/2024", "kayseri/2025"]
"""The default site's programs, as site.yml lists them."""


@pytest.fixture(scope="session")
def full_site(tmp_path_factory) -> Path:
    """All five real programs together, built once under ``/depo/``."""
    tmp = tmp_path_factory.mktemp("hepsi")
    out = tmp / "www" / "depo"
    build(make_project(tmp, PROGRAMS), out)
    return out


@pytest.fixture(scope="session")
def many_site(tmp_path_factory) -> Path:
    """Defne and Ilgın as a site of many municipalities (views.MANY_MUNICIPALITIES lowered to
    one), whose pages and files stop growing with it; built once under ``/depo/``."""
    from seffaf import mkdocs_site, render

    tmp = tmp_path_factory.mktemp("cok")
    out = tmp / "www" / "depo"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mkdocs_site, "MANY_MUNICIPALITIES", 1)
        patch.setattr(render, "MANY_MUNICIPALITIES", 1)
        build(make_project(tmp, ["defne/2025", "ilgin/2023"]), out)
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Pages(_Quiet):
    """As GitHub Pages serves a site: ``Access-Control-Allow-Origin: *`` on every file,
    and the site's own ``404.html`` (or ``not_found``) for an address with no file."""

    not_found: Path | None = None

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = self.not_found or Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serving_folder(folder: Path, like_github_pages: bool = False, not_found: Path | None = None):
    """A folder served from loopback, its root at ``http://127.0.0.1:PORT``; ``not_found``:
    the 404 page when it is not the folder's own (a site served below the root)."""
    kind = type("Pages", (_Pages,), {"not_found": not_found}) if like_github_pages else _Quiet
    handler = functools.partial(kind, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serving(site: Path):
    """A site served at ``http://127.0.0.1:PORT/<folder name>/``, as GitHub Pages serves a project site."""
    with serving_folder(site.parent) as base:
        yield f"{base}/{site.name}/"


@pytest.fixture(scope="session")
def served(defne_site):
    with serving(defne_site) as address:
        yield address


@pytest.fixture(scope="session")
def served_full(full_site):
    with serving(full_site) as address:
        yield address


@pytest.fixture(scope="session")
def served_many(many_site):
    with serving(many_site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="tr-TR")
    outside: list[str] = []

    def guard(route):
        outside.append(route.request.url)
        route.abort()

    context.route("http*://**", lambda route: guard(route) if not route.request.url.startswith("http://127.0.0.1") else route.continue_())
    tab = context.new_page()
    tab.outside_requests = outside
    tab.policy_violations = []
    tab.on("console", lambda message: tab.policy_violations.append(message.text) if "Content Security Policy" in message.text else None)
    yield tab
    context.close()
    assert tab.policy_violations == [], "the page's Content-Security-Policy refused something it needs"


def copy_programs(tmp: Path, *entries: str) -> Path:
    """A programs folder of one's own, for tests that break a file."""
    folder = tmp / "programs"
    for entry in entries:
        target = folder / f"{entry}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "programs" / f"{entry}.yml", target)
    return folder


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"})


def project_with_history(folder: Path, programs: dict[str, str], site_yml: str) -> Project:
    """A project folder of its own, committed to git so program pages list their versions:
    theme and content from this repository, ``programs`` as {"slug/yıl": YAML text}."""
    for name in ("theme", "content"):
        shutil.copytree(ROOT / name, folder / name)
    for entry, text in programs.items():
        path = folder / "programs" / f"{entry}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "site.yml").write_text(site_yml, encoding="utf-8")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "Program yayımlandı")
    return Project(root=folder, programs_dir=folder / "programs", config_file=folder / "site.yml")
