"""The floor: the same Markdown pages straight to HTML, without MkDocs.

Python-Markdown with the site's own extensions, one reused ``Markdown``
instance, and a minimal Jinja wrapper (title, one stylesheet, the body); each
page written to ``<address>/index.html``. No navigation, no theme, no link
rewriting, no sitemap, no search: what any static site generator has to do at
least to turn these pages into HTML.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import markdown
from jinja2 import Environment
from seffaf import urls

try:
    from seffaf.mkdocs_site import _MARKDOWN_EXTENSIONS as EXTENSIONS
except ImportError:  # the generator's private name moved: use what it was when this was written
    EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", {"toc": {"permalink": "¶", "permalink_title": "Bu bölümün bağlantısı"}}]

WRAPPER = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="tr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ title }} · {{ site }}</title><link rel="stylesheet" href="/assets/seffaf.css"></head>
<body><main>{{ body }}</main></body>
</html>
"""
)

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def _markdown() -> markdown.Markdown:
    names, configs = [], {}
    for extension in EXTENSIONS:
        if isinstance(extension, dict):
            (name, config), = extension.items()
            names.append(name)
            configs[name] = config
        else:
            names.append(extension)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def render(pages, out_dir: Path, site_title: str) -> float:
    """Write every page as HTML under ``out_dir``; return the seconds it took."""
    from markupsafe import Markup

    started = time.perf_counter()
    converter = _markdown()
    for page in pages:
        body = converter.reset().convert(_FRONT_MATTER.sub("", page.markdown))
        target = out_dir / urls.public(page.path) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(WRAPPER.render(title=page.title, site=site_title, body=Markup(body)), encoding="utf-8")
    return time.perf_counter() - started
