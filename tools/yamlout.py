"""Write a transcribed program as YAML that municipal staff can read and edit.

Shared by the extraction scripts so that every program file has the same look:
keys in the schema's order, Turkish text unescaped, amounts as plain numbers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper, value: Decimal):
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


_NUMBER_LIKE = re.compile(r"^[-+]?[0-9][0-9_.,:]*$")


def _str(dumper, value: str):
    """Codes such as "08" stay quoted, so no YAML reader (1.1 or 1.2) takes them for numbers."""
    style = "|" if "\n" in value else "'" if _NUMBER_LIKE.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(str, _str)


MODELINE = "# yaml-language-server: $schema=../program.schema.json\n"
"""Lets editors (VS Code's YAML extension and others) check the file against the schema as it is typed."""


def dump(data: dict, path: Path, header: str = "") -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MODELINE + header + text, encoding="utf-8")
