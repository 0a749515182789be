"""The Markdown the generator writes into MkDocs' docs folder, read as an engine reads its links."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK = re.compile(r"(?<!\\)\]\(([^()\s]+)\)")
"""An inline link or image's target; author text escapes its brackets (``\\]``), so it never forms one."""


def docs_folder(docs: Path) -> dict[str, str]:
    """Every file of a docs folder by its path: a page's Markdown, or "" for a download or an asset."""
    return {
        path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") if path.suffix == ".md" else ""
        for path in docs.rglob("*") if path.is_file()
    }


def site_links(docs: dict[str, str]) -> list[tuple[str, str]]:
    """(page, target) of every Markdown link from a page to the site's own pages and files."""
    return [
        (path, link)
        for path, text in docs.items() if path.endswith(".md")
        for link in _LINK.findall(text) if not urlsplit(link).scheme and not link.startswith("#")
    ]


def off_the_page(docs: dict[str, str]) -> list[tuple[str, str]]:
    """The links that are not a path relative to their page leading to a file of the docs folder, as
    Zensical and any Markdown reader resolve them (MkDocs alone reads ``/x.md`` from the docs root)."""
    def leads_somewhere(page: str, link: str) -> bool:
        target = unquote(urlsplit(link).path)
        return not target.startswith("/") and posixpath.normpath(posixpath.join(posixpath.dirname(page), target)) in docs

    return [(page, link) for page, link in site_links(docs) if not leads_somewhere(page, link)]
