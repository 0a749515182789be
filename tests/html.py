"""Reading built pages the way a person does: their text and their tables."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self.sources: list[str] = []
        self._cell: list[str] | None = None
        self._open: list[tuple[str, bool]] = []

    @property
    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in _VOID:
            self._open.append((tag, tag in ("script", "style") or "hidden" in attrs))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        loads = tag in ("script", "img", "iframe", "source") or (tag == "link" and attrs.get("rel") not in ("canonical", "alternate"))
        for name in ("src", "href"):
            if loads and attrs.get(name):
                self.sources.append(attrs[name])

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._hidden:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


class Page:
    def __init__(self, path: Path):
        reader = _Reader()
        self.html = path.read_text(encoding="utf-8")
        reader.feed(self.html)
        self.text = " ".join(" ".join(reader.text).split())
        self.tables = reader.tables
        self.links = reader.links
        self.sources = reader.sources

    def row(self, first_cell_contains: str) -> list[str]:
        for table in self.tables:
            for row in table:
                if row and first_cell_contains in row[0]:
                    return row
        raise AssertionError(f"no table row starts with {first_cell_contains!r}")


def page(site: Path, address: str) -> Page:
    return Page(site / address / "index.html" if not address.endswith(".html") else site / address)
