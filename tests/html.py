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


MARK = "data-kotu"
"""The attribute every hostile test value carries: an element that has it was made from author text."""

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class _Injections(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            url = "".join((value or "").split()).lower()
            if name.startswith("on") or name == MARK or (name in _URL_ATTRIBUTES and url.startswith(("javascript:", "data:text"))):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("kotu", "base") or (tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh"):
            self.found.append(f"<{tag}>")
        if tag == "script":
            self._script = []

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if "alert(" in "".join(self._script):
                self.found.append("<script>alert(…)</script>")
            self._script = None


def injected(markup: str) -> list[str]:
    """Elements, attributes and scripts that author text made: event handlers, ``javascript:``
    addresses, the hostile values' mark, a script calling alert. Empty on a safe page."""
    parser = _Injections()
    parser.feed(markup)
    parser.close()
    return parser.found
