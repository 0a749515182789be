"""Everything MkDocs- and Material-specific: the configuration and the build call.

Kept in one module on purpose: Material 9.x reaches end of life in 2027 and
its successor reads the same ``mkdocs.yml``, so moving the site is meant to be
a change to this file alone.

This module is also the boundary between text and markup for everything MkDocs
and Material print from outside a page's body. Material prints navigation
titles, ``page.meta`` and the site's name and description into HTML without
escaping them; here they arrive as text (``write_config``'s arguments, the
pages' front matter) and ``_Text`` escapes each of them once, as MkDocs reads
them, so no theme template can print author text raw. The site's address is
only ever an http(s) address with nothing in it that could end an attribute
or a script. Every page carries a Content-Security-Policy (``_Policy``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import os
import re
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml
from mkdocs.plugins import BasePlugin

from . import urls
from .views import MANY_MUNICIPALITIES


def _markdown_extensions(theme_dir: Path) -> list:
    return [
        # Alignment as an attribute, not a style attribute the Content-Security-Policy would refuse.
        {"tables": {"use_align_attribute": True}},
        "attr_list",
        "md_in_html",
        "admonition",
        "abbr",
        "seffaf.glossary",
        "seffaf.captions",
        # Glossary terms get a tooltip on every page (Material's content.tooltips).
        {"pymdownx.snippets": {"auto_append": [str(theme_dir / "kisaltmalar.md")], "check_paths": True, "restrict_base_path": False}},
        {"toc": {"permalink": "¶", "permalink_title": "Bu bölümün bağlantısı"}},
    ]


def _municipality_count(nav: list) -> int:
    return sum(1 for item in nav if isinstance(item, dict) and isinstance(next(iter(item.values())), list))


POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; img-src 'self' data:; object-src 'none'; base-uri 'self'"
"""Each page's Content-Security-Policy. ``{scripts}``: the hashes of the page's own inline scripts
(Material's and the 404 page's), computed as the page is written. Pagefind compiles its
WebAssembly in a worker, which a policy in a <meta> does not reach, but falls back to the
page itself where a worker fails, and there a policy without 'wasm-unsafe-eval' forbids it
(measured in Chromium with Pagefind 1.5.2); it allows compiling WebAssembly, not eval.
Material's stylesheet draws its icons from ``data:`` images."""

STATIC_POLICY = POLICY.replace(" {scripts}", "")
"""The policy of a page written without MkDocs and without inline scripts (``render.Renderer.moved``)."""

SCRIPTS = "'seffaf-satir-ici-betikler'"
"""What the page template writes where the hashes go; ``_Policy`` replaces it."""


def write_config(path: Path, site: dict, docs_dir: Path, site_dir: Path, theme_dir: Path, nav: list, all_municipalities: str, connect: list[str] | None = None) -> None:
    """``site`` and ``nav`` hold text, not HTML. ``all_municipalities``: the address of the page that lists them all.
    ``connect``: for the national site (docs/ulusal-site.md), the origins its search fetches indexes from;
    its 404 page and search read its registry (``assets/ulusal.js``).
    ``docs_dir`` and ``site_dir`` lie in the folder of ``path`` (Zensical requires it) and are written relative to it."""
    config = {
        "site_name": site["title"],
        "site_description": site.get("description", ""),
        "site_url": urls.web_address(site.get("url")),
        "docs_dir": docs_dir.relative_to(path.parent).as_posix(),
        "site_dir": site_dir.relative_to(path.parent).as_posix(),
        "use_directory_urls": True,
        "strict": False,
        "nav": nav,
        "theme": {
            "name": "material",
            "language": "tr",
            "custom_dir": str(theme_dir / "overrides"),
            "font": False,
            "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
            "features": ["navigation.indexes", "navigation.prune", "navigation.top", "navigation.path", "toc.follow", "content.tooltips"],
        },
        "plugins": [{"search": {"enabled": False}}],  # Zensical's own search is on unless said; MkDocs' output is the same
        "markdown_extensions": _markdown_extensions(theme_dir),
        "extra_css": ["assets/seffaf.css"],
        "extra_javascript": ["assets/seffaf.js", *(["assets/ulusal.js"] if connect is not None else [])],
        "validation": {
            "nav": {"omitted_files": "ignore", "absolute_links": "ignore"},
            "links": {"absolute_links": "relative_to_docs", "unrecognized_links": "warn"},
        },
        "extra": {
            "generator": False,
            # Material's inline script keys its browser storage by this; a constant keeps
            # the script the same on every page (one hash) and free of the site's address.
            "scope": "/",
            "policy": POLICY.format(scripts=SCRIPTS),
            # Only the search page fetches from the sites (main.html adds this to its policy alone).
            "connect": "connect-src 'self' " + " ".join(connect) if connect else "",
            "ulusal": connect is not None,
            "belediyeler": all_municipalities if _municipality_count(nav) > MANY_MUNICIPALITIES else None,
        },
    }
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


DIRTY_WARNING = "A 'dirty' build is being performed"


def build(config_file: Path, dirty: bool = False, workers: int | None = None) -> list[str]:
    """Build the HTML; return MkDocs' warnings (a broken internal link is one).

    The pages are shared among ``workers`` processes (every core by default): each
    reads the whole site and its navigation but writes only its own share of pages.
    ``dirty``: the site folder already holds the previous build, and only pages whose
    Markdown is newer than their HTML are built (MkDocs' own ``--dirty``).
    """
    workers = workers or os.cpu_count() or 1
    shares = [(str(config_file), dirty, index, workers) for index in range(workers)]
    if workers == 1:
        found = [_build_share(shares[0])]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            found = list(pool.map(_build_share, shares))
    return list(dict.fromkeys(message for messages in found for message in messages))


def _build_share(share: tuple[str, bool, int, int]) -> list[str]:
    config_file, dirty, index, count = share
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    logger.addHandler(collector)
    previous = logger.propagate
    logger.propagate = False
    try:
        config = load_config(config_file=config_file)
        config.plugins["seffaf-pay"] = _Share(index, count, dirty)
        config.plugins["seffaf-girinti"] = _Dedent()
        config.plugins["seffaf-metin"] = _Text()
        config.plugins["seffaf-guvenlik"] = _Policy()
        mkdocs_build(config, dirty=True)
    finally:
        logger.removeHandler(collector)
        logger.propagate = previous
    return [message for message in collector.messages if not message.startswith(DIRTY_WARNING)]


class _Share(BasePlugin):
    """One process's share of a build: MkDocs' dirty mode builds only files it calls
    modified, so a file is "modified" here when it is in this share (and, in a
    rebuild, when its source is newer than its HTML).

    A rebuild starts from hard links to the published site (``incremental.copy_previous``),
    and MkDocs writes into existing files in place: every file about to be written is
    unlinked first, so the published site is never touched."""

    def __init__(self, index: int, count: int, dirty: bool):
        super().__init__()
        self.index, self.count, self.dirty = index, count, dirty

    def on_post_template(self, output_content, template_name, config):
        """404.html and sitemap.xml are written once, by the first share (MkDocs skips empty output)."""
        if self.index:
            return ""
        for name in (template_name, template_name + ".gz"):
            Path(config.site_dir, name).unlink(missing_ok=True)
        return output_content

    def on_files(self, files, config):
        for file in files:
            mine = zlib.crc32(file.src_uri.encode()) % self.count == self.index
            written = mine and (not self.dirty or file.is_modified())
            if written:
                Path(file.abs_dest_path).unlink(missing_ok=True)
            file.is_modified = (lambda written=written: written)
        return files


_INDENTED = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)|\n\s+", re.S | re.I)


def dedent(html: str) -> str:
    """Material's templates indent every line: a third of a page's bytes. Each run of
    whitespace that starts a line becomes the line break alone, except inside the
    elements where whitespace is content. (minify-html, tried first, also drops the
    whitespace between block elements, and Pagefind then glues their words together:
    "hedefleri" + "Performans" became "hedefleriPerformans".)"""
    return _INDENTED.sub(lambda match: match.group(1) or "\n", html)


class _EveryPage(BasePlugin):
    """A change made to the HTML of every page, 404.html included."""

    def change(self, markup: str) -> str:
        raise NotImplementedError

    def on_post_page(self, output, page, config):
        return self.change(output)

    def on_post_template(self, output_content, template_name, config):
        return self.change(output_content) if template_name.endswith(".html") else output_content


class _Dedent(_EveryPage):
    def change(self, markup: str) -> str:
        return dedent(markup)


def _html(value):
    return html.escape(value) if isinstance(value, str) else value


class _Text(BasePlugin):
    """The text/markup boundary for what Material prints raw: the site's name and description,
    every navigation title and every string of a page's front matter become HTML here, once."""

    def on_config(self, config):
        config.site_name = _html(config.site_name)
        config.site_description = _html(config.site_description)
        return config

    def on_nav(self, nav, config, files):
        items = list(nav.items)
        while items:
            item = items.pop()
            if item.title is not None:
                item.title = _html(item.title)
            items.extend(item.children or [])
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        page.meta = {key: _html(value) for key, value in page.meta.items()}
        return markdown

    def on_template_context(self, context, template_name, config):
        """404.html is served at any missing address, so its links cannot be relative to
        where it lies nor built from ``site_url``: they are written relative to the site's
        root, which the page finds for itself in the browser (theme/overrides/404.html)."""
        if template_name == "404.html":
            context["base_url"] = "."
        return context


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


class _Policy(_EveryPage):
    """Fills each page's Content-Security-Policy with the hashes of the inline scripts it holds
    (after every other change to the page)."""

    def change(self, markup: str) -> str:
        hashes = sorted({base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() for script in _INLINE_SCRIPT.findall(markup)})
        return markup.replace(SCRIPTS, " ".join(f"'sha256-{digest}'" for digest in hashes), 1)
