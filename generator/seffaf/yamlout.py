"""Write a program as YAML that municipal staff can read and edit.

Shared by the extraction scripts in ``tools/`` and ``seffaf ice-aktar`` (a workbook
turned into YAML) so that every program file has the same look: keys in the
schema's order, Turkish text unescaped, amounts as plain numbers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum
from pathlib import Path

import yaml

from .schema import Program


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
_Dumper.add_multi_representer(Enum, lambda dumper, value: _str(dumper, value.value))


MODELINE = "# yaml-language-server: $schema=../program.schema.json\n"
"""Lets editors (VS Code's YAML extension and others) check the file against the schema as it is typed."""


def text(data: dict, header: str = "") -> str:
    return MODELINE + header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def dump(data: dict, path: Path, header: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text(data, header), encoding="utf-8")


def program_text(program: Program, header: str = "") -> str:
    """A program as YAML: only what its source said, "-" (null) included, defaults left out."""
    return text(program.model_dump(by_alias=True, exclude_unset=True), header)
