"""Reading program files: YAML with line numbers, then the schema, then references.

Every problem becomes a ``Problem`` naming file, line and field path in Turkish,
and all problems of a file are collected before giving up, so that an author
fixes a file in one pass. Nothing here raises anything but ``ProgramError``.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml
from pydantic import BaseModel, ValidationError

from . import schema
from .schema import Program

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NODES = 2_000_000

Path_ = tuple  # a field path: ("amaclar", 0, "hedefler", 1, ...)


@dataclass(frozen=True)
class Problem:
    """One thing to fix, where it is: a line of a YAML file or a cell of a workbook ("Göstergeler!D12")."""

    file: str
    line: int | None
    path: str
    message: str
    level: str = "hata"  # "hata" stops a build; "uyarı" is shown and published
    cell: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.cell or self.line}" if self.cell or self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"dosya": self.file, "satir": self.line, "hucre": self.cell, "alan": self.path, "mesaj": self.message, "duzey": self.level}


@dataclass
class ProgramError(Exception):
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def format_path(path: Iterable) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_CODED = {"amaclar": "Amaç", "hedefler": "Hedef", "performans_hedefleri": "PH"}
_COUNTED = {
    "gostergeler": "gösterge",
    "faaliyetler": "faaliyet",
    "birimler": "birim",
    "genel_bilgiler": "bölüm",
    "tablolar": "tablo",
    "sunus": "sunuş",
    "gosterge_sutunlari": "sütun",
    "alt_kalemler": "alt kalem",
    "satirlar": "satır",
    "butce": "bütçe satırı",
    "butce_disi": "bütçe dışı satırı",
}
_TABLES = {
    "idare_performans_tablosu": "İdare Performans Tablosu",
    "toplam_kaynak_ihtiyaci": "Toplam Kaynak İhtiyacı",
    "harcama_birimleri_tablosu": "Harcama birimleri tablosu",
}


def _short(text: object, width: int = 30) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def describe(data: object, path: Iterable) -> str:
    """A place in a program in the document's own names: "PH 1.2.1 › 2. faaliyet (Kent meydanları…) › maliyet.butce".

    An aim, goal or target is named by its code (only the deepest: a target's code
    already holds its goal's), an economic line by its code, other rows by number
    and name; the rest is the field path as written. Works on data as read, valid
    or not, from YAML or from a workbook.
    """
    parts: list[tuple[str, bool]] = []  # (label, is an aim/goal/target code)
    rest: list = []
    node = data
    for key in path:
        child = _child(node, key)
        within = rest[-1] if rest and isinstance(rest[-1], str) else None
        if isinstance(key, int) and isinstance(child, dict) and within:
            code, name = child.get("kod"), child.get("ad") or child.get("baslik")
            if within in _CODED and code is not None:
                parts = [part for part in parts if not part[1]]
                label = f"{_CODED[within]} {code}"
            elif within in ("ekonomik_kodlar", "butce", "butce_disi") and code is not None:
                label = f"{code}" + (f" ({_short(name)})" if name else "")
            elif within in _COUNTED:
                detail = name or (f"PH {child['performans_hedefi']}" if child.get("performans_hedefi") else None)
                label = f"{key + 1}. {_COUNTED[within]}" + (f" ({_short(detail)})" if detail else "")
            else:
                label = None
            if label:
                if rest[:-1]:
                    parts.append((format_path(rest[:-1]), False))
                parts.append((label, within in _CODED))
                rest = []
                node = child
                continue
        if not parts and not rest and key in _TABLES:
            parts.append((_TABLES[key], False))
        else:
            rest.append(key)
        node = child
    if rest:
        parts.append((format_path(rest), False))
    return " › ".join(label for label, _ in parts)


def _child(node, key):
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


# --- YAML -------------------------------------------------------------------

_YAML_MESSAGES = {
    "found character '\\t' that cannot start any token": "sekme (tab) karakteri var; YAML girintisi yalnızca boşlukla yapılır",
    "found unexpected end of stream": "dosya beklenmedik biçimde bitti (kapanmamış bir tırnak ya da parantez olabilir)",
    "mapping values are not allowed here": "burada ':' beklenmiyor (değerin içinde ':' varsa değeri tırnak içine alın)",
    "could not find expected ':'": "':' bekleniyordu (anahtar: değer)",
    "expected <block end>, but found": "girinti hatalı: bu satır üstündekilerle aynı hizada değil",
    "did not find expected key": "girinti hatalı ya da bir anahtar eksik",
    "did not find expected '-' indicator": "girinti hatalı: liste öğesi '-' ile başlamalı",
    "found unknown escape character": "tırnak içinde geçersiz kaçış karakteri (\\) var",
    "found a tab character that violates indentation": "sekme (tab) karakteri var; YAML girintisi yalnızca boşlukla yapılır",
    "found a tab character where an indentation space is expected": "sekme (tab) karakteri var; YAML girintisi yalnızca boşlukla yapılır",
}


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    for english, turkish in _YAML_MESSAGES.items():
        if problem.startswith(english):
            return turkish
    return f"YAML okunamadı ({problem})"


_Reader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where installed (ten times faster on İzmir's 18,000 lines), PyYAML's otherwise."""


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


class _Builder:
    """Turns composed YAML nodes into plain data and remembers where each field stands."""

    def __init__(self, loader):
        self.loader = loader
        self.lines: dict[tuple, int] = {}
        self.problems: list[tuple[int, tuple, str]] = []
        self.seen: set[int] = set()

    def build(self, node, path: tuple = ()):
        if id(node) in self.seen:
            # The composer shares the node an alias points to; seeing it twice means an alias.
            # Refusing them costs nothing in a program file and stops "billion laughs" at once.
            raise _Refused(node.start_mark.line + 1, "YAML takma adları (&çapa / *takma ad) desteklenmiyor; değeri açıkça yazın")
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise _Refused(node.start_mark.line + 1, "dosyada çok fazla öğe var")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, path + ("<anahtar>",))
                if not isinstance(key, (str, int)):
                    self.problems.append((key_node.start_mark.line + 1, path, "anahtar bir metin olmalı"))
                    continue
                if key in result:
                    self.problems.append(
                        (key_node.start_mark.line + 1, path + (key,), f'"{key}" anahtarı iki kez yazılmış (satır {self.lines[path + (key,)]})')
                    )
                    continue
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:float":
            try:
                number = Decimal(node.value.replace("_", ""))
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                self.problems.append((node.start_mark.line + 1, path, f'"{node.value}" geçerli bir sayı değil'))
                return node.value
            return number
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        return self.loader.construct_object(node, deep=True)


@dataclass
class Document:
    """Plain data read from a file, with where each field stands: its line in YAML,
    its cell ("Göstergeler!D12", a string) in a workbook."""

    file: str
    data: object
    lines: dict

    def line_of(self, path: tuple) -> int | str | None:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def problem(self, path: Iterable, message: str, level: str = "hata") -> Problem:
        """A problem at a field, located by line or cell and named in the document's words."""
        place = self.line_of(tuple(path))
        cell = place if isinstance(place, str) else None
        return Problem(self.file, None if cell else place, describe(self.data, path), message, level, cell)


def read_yaml(path: Path, display: str | None = None) -> Document:
    display = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProgramError([Problem(display, None, "", f"dosya çok büyük ({size // 1024 // 1024} MB; en fazla {MAX_FILE_BYTES // 1024 // 1024} MB)")])
        raw = path.read_bytes()
    except OSError as error:
        raise ProgramError([Problem(display, None, "", f"dosya okunamadı ({error.strerror})")]) from None
    return parse_yaml(raw, display)


def parse_yaml(raw: bytes, display: str) -> Document:
    """The bytes of a program file, from disk or from an earlier commit."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("cp1254")
            hint = " Dosya Windows-1254 (Türkçe Windows) kodlamasıyla kaydedilmiş olabilir; UTF-8 olarak yeniden kaydedin."
        except UnicodeDecodeError:
            pass
        raise ProgramError([Problem(display, line, "", f"dosya UTF-8 değil (bayt {error.start}).{hint}")]) from None
    loader = _Reader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ProgramError([Problem(display, 1, "", "dosya boş")])
        builder = _Builder(loader)
        data = builder.build(node)
    except _Refused as refusal:
        raise ProgramError([Problem(display, refusal.line, "", refusal.message)]) from None
    except yaml.MarkedYAMLError as error:
        unclosed = "quoted scalar" in (error.context or "")
        mark = error.context_mark if unclosed else error.problem_mark or error.context_mark
        message = "kapanmamış tırnak: bu satırda açılan tırnak kapanmıyor" if unclosed else _yaml_message(error)
        raise ProgramError([Problem(display, mark.line + 1 if mark else None, "", message)]) from None
    except yaml.YAMLError as error:
        raise ProgramError([Problem(display, None, "", f"YAML okunamadı ({error})")]) from None
    finally:
        loader.dispose()
    document = Document(display, data, builder.lines)
    if builder.problems:
        raise ProgramError([Problem(display, line, describe(data, p), message) for line, p, message in builder.problems])
    return document


# --- schema -----------------------------------------------------------------


def _field_names() -> list[str]:
    names = set()
    for value in vars(schema).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            for name, info in value.model_fields.items():
                names.add(info.alias or name)
    return sorted(names)


_FIELDS = _field_names()


def _pattern_message(pattern: str) -> str:
    if "0[1-9]" in pattern:
        return "ekonomik kod 01–09 arası iki haneli bir kod olmalı"
    return "yalnızca küçük harf (a-z), rakam ve tire içerebilir"


def _schema_message(error: dict) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    shown = f'"{value}"' if isinstance(value, (str, int, float, Decimal)) and not isinstance(value, bool) else ""
    if kind == "missing":
        return "zorunlu alan eksik"
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        close = difflib.get_close_matches(key, _FIELDS, n=1)
        return f'bilinmeyen alan "{key}"' + (f' ("{close[0]}" mi demek istediniz?)' if close else "")
    if kind == "value_error":
        return f"{shown} {ctx.get('error')}".strip()
    if kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "int_from_float"):
        return f"{shown} bir tam sayı değil".strip() if kind.startswith("int") else f"{shown} bir sayı değil".strip()
    if kind in ("string_type",):
        return "metin olmalı"
    if kind in ("list_type", "tuple_type"):
        return "liste olmalı (her öğe '- ' ile başlar)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "alanlardan oluşan bir eşleme olmalı (anahtar: değer), liste ya da tek değer değil"
    if kind == "greater_than_equal":
        return f"{shown} negatif olamaz".strip() if str(ctx.get("ge")) == "0" else f"{shown} en az {ctx.get('ge')} olmalı".strip()
    if kind == "less_than_equal":
        return f"{shown} en çok {ctx.get('le')} olmalı".strip()
    if kind in ("enum", "literal_error"):
        return f"{shown} geçersiz; şunlardan biri olmalı: {ctx.get('expected')}".strip()
    if kind == "string_pattern_mismatch":
        return f"{shown} geçersiz: {_pattern_message(ctx.get('pattern', ''))}".strip()
    if kind == "string_too_long":
        return f"çok uzun (en fazla {ctx.get('max_length')} karakter)"
    if kind == "string_too_short":
        return "boş olamaz"
    if kind in ("bool_type", "bool_parsing"):
        return "evet/hayır (true/false) olmalı"
    if kind == "finite_number":
        return f"{shown} geçerli bir sayı değil".strip()
    return f"geçersiz değer ({error['msg']})"


def validate_as(document: Document, model: type[BaseModel]):
    """Validate plain data against a model, turning pydantic's errors into located problems."""
    if not isinstance(document.data, dict):
        raise ProgramError([Problem(document.file, 1, "", "dosya, alanlardan oluşan bir eşleme (anahtar: değer) olmalı")])
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            loc = tuple(part for part in item["loc"] if part != "[key]")
            problems.append(document.problem(loc, _schema_message(item)))
        raise ProgramError(problems) from None


def validate(document: Document) -> Program:
    program = validate_as(document, Program)
    problems = _check_references(program, document)
    if problems:
        raise ProgramError(problems)
    return program


def _check_references(program: Program, document: Document) -> list[Problem]:
    """What the schema cannot see alone: unique codes, known units, consistent years."""
    problems: list[Problem] = []

    def report(path: tuple, message: str) -> None:
        problems.append(document.problem(path, message))

    units = {}
    for u, unit in enumerate(program.birimler):
        for name in [unit.ad, *unit.varyantlar]:
            if name in units:
                report(("birimler", u, "ad"), f'"{name}" birimi iki kez tanımlanmış')
            units[name] = unit

    def check_unit(path: tuple, name: str) -> None:
        if name not in units:
            close = difflib.get_close_matches(name, list(units), n=1)
            hint = f' ("{close[0]}" mi demek istediniz?)' if close else ' ("birimler" listesine ekleyin)'
            report(path, f'"{name}" birimler listesinde yok{hint}')

    years = [c.yil for c in program.gosterge_sutunlari]
    if len(set(years)) != len(years):
        report(("gosterge_sutunlari",), "aynı yıl iki kez yazılmış")
    if years and max(years) != program.yil:
        report(("gosterge_sutunlari",), f"son sütunun yılı ({max(years)}) programın yılı ({program.yil}) olmalı")

    target_codes: dict[str, tuple] = {}
    for a, aim in enumerate(program.amaclar):
        for g, goal in enumerate(aim.hedefler):
            for t, target in enumerate(goal.performans_hedefleri):
                here = ("amaclar", a, "hedefler", g, "performans_hedefleri", t)
                if target.kod in target_codes:
                    report(here + ("kod",), f'performans hedefi kodu "{target.kod}" iki kez kullanılmış')
                target_codes[target.kod] = here
                for u, name in enumerate(target.sorumlu_birimler):
                    check_unit(here + ("sorumlu_birimler", u), name)
                indicator_codes = set()
                for i, indicator in enumerate(target.gostergeler):
                    if indicator.kod and indicator.kod in indicator_codes:
                        report(here + ("gostergeler", i, "kod"), f'gösterge kodu "{indicator.kod}" bu hedefte iki kez kullanılmış')
                    indicator_codes.add(indicator.kod)
                    for year in indicator.degerler:
                        if year not in years:
                            report(here + ("gostergeler", i, "degerler", year), f"{year} yılı gosterge_sutunlari içinde yok")
                for f, activity in enumerate(target.faaliyetler):
                    if activity.sorumlu_birim:
                        check_unit(here + ("faaliyetler", f, "sorumlu_birim"), activity.sorumlu_birim)
    table = program.idare_performans_tablosu
    if table:
        for r, row in enumerate(table.satirlar):
            if row.performans_hedefi not in target_codes:
                report(("idare_performans_tablosu", "satirlar", r, "performans_hedefi"), f'"{row.performans_hedefi}" kodlu performans hedefi yok')
    return problems


def value_warnings(program: Program, document: Document) -> list[Problem]:
    """Values that are legal but worth a second look: a share above 100 % may be a typo, or true."""
    found = []
    for a, aim in enumerate(program.amaclar):
        for g, goal in enumerate(aim.hedefler):
            for t, target in enumerate(goal.performans_hedefleri):
                for i, indicator in enumerate(target.gostergeler):
                    if indicator.birim != "%" and "(%)" not in indicator.ad:
                        continue
                    for year, value in indicator.degerler.items():
                        if isinstance(value, Decimal) and not 0 <= value <= 100:
                            path = ("amaclar", a, "hedefler", g, "performans_hedefleri", t, "gostergeler", i, "degerler", year)
                            found.append(document.problem(path, f"yüzde değeri {value}: 0–100 aralığında değil (belgede böyle yazıyorsa doğrudur)", "uyarı"))
    return found


def load(path: Path, display: str | None = None) -> tuple[Program, Document]:
    """The program and the document it came from, whose lines locate later findings."""
    document = read_yaml(path, display)
    return validate(document), document


def load_program(path: Path, display: str | None = None) -> Program:
    return load(path, display)[0]


def new_program(programs_dir: Path, slug: str, year: int, name: str | None = None) -> Path:
    """A skeleton that passes ``seffaf check``, with Turkish comments saying what goes where."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise ValueError(f'"{slug}" geçersiz: yalnızca küçük harf (a-z), rakam ve tire içerebilir')
    if not 2000 <= year <= 2100:
        raise ValueError(f"{year} geçerli bir program yılı değil")
    path = programs_dir / slug / f"{year}.yml"
    if path.exists():
        raise ValueError(f"{path} zaten var; üzerine yazılmadı")
    skeleton = (resources.files(__package__) / "yeni-program.yml").read_text(encoding="utf-8")
    values = dict(slug=slug, yil=year, onceki=year - 1, ikionce=year - 2, ad=name or f"{slug.replace('-', ' ').title()} Belediyesi")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(string.Template(skeleton).substitute(values), encoding="utf-8")
    schema_file = programs_dir / schema.SCHEMA_FILE
    if not schema_file.exists():
        schema_file.write_text(schema.json_schema_text(), encoding="utf-8")
    return path
