"""A Markdown extension: "Tablo: …" on the line before a table becomes the table's <caption>.

Python-Markdown's tables have no caption syntax; screen readers announce a
table by its caption, so every table the templates write is given one.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

PREFIX = "Tablo:"


class _Captions(Treeprocessor):
    def run(self, root):
        for parent in root.iter():
            children = list(parent)
            for paragraph, table in zip(children, children[1:]):
                if paragraph.tag == "p" and table.tag == "table" and (paragraph.text or "").startswith(PREFIX):
                    caption = etree.Element("caption")
                    caption.text = paragraph.text[len(PREFIX):].lstrip()
                    caption.extend(list(paragraph))
                    table.insert(0, caption)
                    parent.remove(paragraph)


class CaptionExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_Captions(md), "seffaf_captions", 5)


def makeExtension(**kwargs):
    return CaptionExtension(**kwargs)
