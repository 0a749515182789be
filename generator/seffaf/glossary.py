"""A Markdown extension: a glossary term (``theme/kisaltmalar.md``) explained at its first use on a page.

Python-Markdown's ``abbr`` gives every occurrence its tooltip, and a target's or an aim's page
says "PH" or "bütçe dışı" in every row: 21 MB of repeated titles at 100 programs, 4 % of the
site. As with an abbreviation in print (and WCAG's technique H28), the first use on the page
carries the explanation; later uses are plain text, and the Sözlük page lists every term.
"""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class _FirstUse(Treeprocessor):
    def run(self, root):
        explained = set()
        for parent in list(root.iter()):
            for element in [child for child in parent if child.tag == "abbr"]:
                term = (element.text or "").casefold()
                if term in explained:
                    _unwrap(parent, element)
                else:
                    explained.add(term)


def _unwrap(parent, element) -> None:
    """The element's text (an abbreviation holds nothing else) in its place."""
    index = list(parent).index(element)
    text = (element.text or "") + (element.tail or "")
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)


class GlossaryExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_FirstUse(md), "seffaf_glossary", 6)  # after abbr (7), which makes the elements


def makeExtension(**kwargs):
    return GlossaryExtension(**kwargs)
