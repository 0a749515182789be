"""Reading program files: YAML with line numbers, then the schema, then references.

Every problem becomes a ``Problem`` naming file, line and field path in Turkish,
and all problems of a file are collected before giving up, so that an author
fixes a file in one pass. Nothing here raises anything but ``ProgramError``.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
import re
import stat
import string
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml
from pydantic import BaseModel, ValidationError

from . import schema, urls, workbook
from .schema import TURKISH_THOUSANDS, Program, YamlText
from .turkish import NumberError, parse_number

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
    places: list[Problem] = field(default_factory=list)
    """Where a lack the Rehber names (level "eksik") shows, each at its line or cell."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.cell or self.line}" if self.cell or self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def as_dict(self) -> dict:
        found = {"dosya": self.file, "satir": self.line, "hucre": self.cell, "alan": self.path, "mesaj": self.message, "duzey": self.level}
        return found | ({"yerler": [place.as_dict() for place in self.places]} if self.places else {})


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

_TAB = "sekme (tab) karakteri var; YAML girintisi yalnızca boşlukla yapılır: sekmeyi boşluklarla değiştirin"
_QUOTE_IT = "değeri tırnak içine alın"
_STARTS = {
    "%": 'bir değer "%" ile başlayamaz: tırnak içine alın ("%12,5") ya da yüzde işaretsiz yazın (12.5)',
    "@": f'bir değer "@" ile başlayamaz: {_QUOTE_IT}',
    "`": f'bir değer "`" ile başlayamaz: {_QUOTE_IT}',
}
_INDENT_PROBLEMS = ("did not find expected '-' indicator", "did not find expected key", "expected <block end>")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where a line's key starts: after its indentation and a list dash, if any."""
    match = re.match(r"\s*(?:-\s+)*", line)
    return match.end() if match else 0


def _previous_line(lines: list[str], index: int) -> str:
    for line in reversed(lines[:index]):
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return ""


def _quoted_suggestion(line: str) -> str | None:
    """`ad: Kent: meydanlar` → `ad: "Kent: meydanlar"`, the line as it should be written."""
    match = re.match(r"(\s*(?:-\s+)?[^\s:#'\"][^:#]*?):\s+(.*?)\s*(#.*)?$", line)
    if not match or not match.group(2):
        return None
    value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f'{match.group(1).strip()}: "{value}"'


def _yaml_problem(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int | None, str]:
    """Every error libyaml or PyYAML can raise, in Turkish with its fix, and the line to fix."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    index = mark.line if mark else None
    line = lines[index] if index is not None and index < len(lines) else ""
    column = mark.column if mark else 0
    at = line[column] if column < len(line) else ""
    context_index = error.context_mark.line if error.context_mark else index

    def located(message: str, where: int | None = index) -> tuple[int | None, str]:
        return (where + 1 if where is not None else None), message

    if "quoted scalar" in context and ("end of stream" in problem or "document indicator" in problem):
        return located("kapanmamış tırnak: bu satırda açılan tırnak kapanmıyor", context_index)
    if "tab" in problem or "\\t" in problem or at == "\t":
        return located(_TAB)
    if "cannot start any token" in problem:
        return located(_STARTS.get(at, f'bir değer "{at}" ile başlayamaz: {_QUOTE_IT}'))
    if "mapping values are not allowed" in problem or "found unexpected ':'" in problem:
        key_end = re.match(r"\s*(?:-\s+)?[^:#]+?:\s", line)
        if key_end and column > key_end.end() - 2:
            suggestion = _quoted_suggestion(line)
            return located('değerin içinde ":" var; ' + (f"değeri tırnak içine alın: {suggestion}" if suggestion else _QUOTE_IT))
        above = _previous_line(lines, index or 0)
        return located(
            f"girinti hatalı: bu satır {_indent(line)} boşlukla başlıyor, üstündeki alan {_key_column(above)}; "
            "aynı yerin alanları alt alta, aynı hizada yazılır (bir değer birden çok satıra bölündüyse tırnak içine alın)"
        )
    if "sequence entries are not allowed" in problem:
        if re.match(r"\s*(?:-\s+)?[^:#]+:\s+-\s*(#.*)?$", line):
            return located('"-" tek başına bir değer olamaz (YAML\'da "- " liste öğesi başlatır): belgedeki "-" (değer yok) için null yazın; metin olarak "-" ise tırnak içine alın: "-"')
        return located('liste öğesi ("- ") burada başlayamaz: bir alanın değeriyle aynı satırda değil, alt satırda ve içeride yazılır')
    if any(problem.startswith(p) for p in _INDENT_PROBLEMS):
        if column > _indent(line):
            return located(f"satırın ortasında beklenmeyen bir değer var (tırnak kapandıktan sonra metin sürüyor olabilir): bütün değeri tırnak içine alın")
        above = _previous_line(lines, index or 0)
        expected = _key_column(above)
        if line.lstrip().startswith("-"):
            return located(f"girinti hatalı: bu liste öğesi {_indent(line)} boşlukla başlıyor; üstündeki öğelerle aynı hizada olmalı")
        return located(f"girinti hatalı: bu satır {_indent(line)} boşlukla başlıyor, üstündeki alan {expected}; aynı yerin alanları aynı hizada yazılır")
    if "could not find expected ':'" in problem:
        key = lines[context_index].strip() if context_index is not None and context_index < len(lines) else ""
        return located(f'":" bekleniyordu: her alan "anahtar: değer" biçiminde yazılır ("{key}"); birden çok satıra bölünmüş bir metinse tırnak içine alın', context_index)
    if "',' or '}'" in problem or "',' or ']'" in problem:
        opening = "{" if "}" in problem else "["
        return located(
            f'"{opening}" ile açılan satırda bir sorun var: öğeleri virgülle ayırın ve "{"}" if opening == "{" else "]"}" ile kapatın; '
            'içinde ":" ya da "," geçen bir değeri tırnak içine alın',
            context_index,
        )
    if "node content" in problem:
        return located("burada bir değer bekleniyordu: art arda iki virgül ya da yarım kalmış bir öğe olabilir")
    if "escape" in problem or "hexdecimal" in problem:
        return located("çift tırnak içinde geçersiz bir ters bölü (\\) var: ters bölü içeren metni tek tırnakla yazın ('C:\\belgeler')")
    if "alias" in problem or "anchor" in context or "alias" in context:
        return located(f'bir değer "&" ya da "*" ile başlayamaz (YAML çapası ve takma adı desteklenmiyor): {_QUOTE_IT}')
    if "another document" in problem:
        return located('dosyada tek bir belge olmalı: "---" ya da "..." satırını silin')
    if "document indicator" in problem:
        return located('tırnak içindeki metnin bir satırı "---" ya da "..." ile başlıyor: o satırı girintileyin', context_index)
    if "directive" in problem or "directive" in context or "whitespace" in problem:
        return located('bir satır "%" ile başlıyor ve YAML yönergesi sanılıyor: satırı silin ya da değeri tırnak içine alın')
    if "block scalar" in context or "chomping" in problem or "indentation indicator" in problem or "comment or line break" in problem:
        return located('"|" ya da ">" işaretinden sonra aynı satıra bir şey yazılamaz: metni alt satırdan başlatın ya da tırnak içine alın')
    if "tag" in problem or "tag" in context or "constructor" in problem or "'!'" in problem or "'>'" in problem or "URI" in problem:
        return located(f'YAML etiketleri ("!" ile başlayan) desteklenmiyor: "!" ile başlayan bir değeri tırnak içine alın')
    if "version" in problem or "YAML document" in problem or "document start" in problem or "non-alphabetical" in problem:
        return located('bir satır "%" ile başlıyor ve YAML yönergesi sanılıyor: satırı silin ya da değeri tırnak içine alın')
    if "mapping keys are not allowed" in problem:
        return located(f'bir değer "?" ile başlayamaz: {_QUOTE_IT}')
    if "end of stream" in problem:
        return located("dosya beklenmedik biçimde bitti (kapanmamış bir tırnak ya da parantez olabilir)")
    if "UTF" in problem or "Unicode" in problem or "character" in problem:
        return located("dosyada okunamayan bir karakter var: silin ve dosyayı UTF-8 olarak kaydedin")
    return located('YAML okunamadı: bu satırı ve üstündekini denetleyin (girinti, ":" ve tırnaklar); içinde ":", "#", "%", "@" ya da "-" geçen bir değeri tırnak içine alın')


_Reader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where installed (ten times faster on İzmir's 18,000 lines), PyYAML's otherwise."""


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp"))
_SURPRISES = re.compile(
    r"[-+]?0[0-9_]+|[-+]?0[xob][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"
)
"""What YAML 1.1 reads as something else than typed: 01 (octal), 0x1A, 1:30 (base 60, 90), on/off/yes/no (true/false)."""
_COMMA_SPLIT = re.compile(r"[0-9]+\s*(?:TL|₺|%)?", re.IGNORECASE)


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
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node, path: tuple) -> dict:
        self.loader.flatten_mapping(node)
        result = {}
        previous = None
        for key_node, value_node in node.value:
            if node.flow_style and previous and self.split_by_comma(previous, key_node, value_node, path):
                continue
            key = self.build(key_node, path + ("<anahtar>",))
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                self.problems.append((key_node.start_mark.line + 1, path, "anahtar bir metin olmalı"))
                continue
            if key in result:
                self.problems.append(
                    (key_node.start_mark.line + 1, path + (key,), f'"{key}" anahtarı iki kez yazılmış (satır {self.lines[path + (key,)]})')
                )
                continue
            self.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, path + (key,))
            previous = (key, value_node)
        return result

    def split_by_comma(self, previous, key_node, value_node, path) -> bool:
        """`{butce: 7.650.000,00 TL}`: inside braces the comma ends the value, and "00 TL" becomes a key."""
        key, before = previous
        if not (
            isinstance(before, yaml.ScalarNode) and not before.style and before.value[-1:].isdigit()
            and isinstance(key_node, yaml.ScalarNode) and not key_node.style and _COMMA_SPLIT.fullmatch(key_node.value)
            and isinstance(value_node, yaml.ScalarNode) and value_node.value == ""
        ):
            return False
        written = f"{before.value},{key_node.value}"
        try:
            plain = f" ya da {parse_number(written):f}"
        except NumberError:
            plain = ""
        self.problems.append((
            key_node.start_mark.line + 1, path + (key,),
            f'"{written}" virgülle yazılmış, ama {{…}} içinde virgül alanları ayırır: tırnak içine alın ({key}: "{written}"){plain}',
        ))
        return True

    def scalar(self, node, path: tuple):
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        plain = not node.style  # libyaml says '', PyYAML None
        if plain and tag in (_INT, _FLOAT, _BOOL) and (_SURPRISES.fullmatch(text) or TURKISH_THOUSANDS.match(text)):
            return YamlText(text)
        if tag == _NULL:
            return None
        if tag == _BOOL and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if tag == _INT and re.fullmatch(r"[-+]?(0|[1-9][0-9_]*)", text):
            digits = text.replace("_", "")
            return int(digits) if len(digits) <= 30 else YamlText(text)
        if tag == _FLOAT:
            try:
                number = Decimal(text.replace("_", ""))
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                self.problems.append((node.start_mark.line + 1, path, f'"{text}" geçerli bir sayı değil'))
                return text
            return number
        if tag == _TIMESTAMP:
            return text
        self.problems.append((node.start_mark.line + 1, path, 'YAML etiketleri ("!" ile başlayan) desteklenmiyor: "!" ile başlayan bir değeri tırnak içine alın'))
        return text


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


def read_source(path: Path, display: str) -> bytes:
    """An input file's bytes, read once: a regular file only (a symbolic link may lead
    outside the project, a FIFO never ends, a device never stops giving), within the size limit."""

    def refused(message: str) -> ProgramError:
        return ProgramError([Problem(display, None, "", message)])

    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise refused("dosya yok") from None
    except PermissionError:
        raise refused("dosyayı okuma izni yok") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise refused("sembolik bağlantı (symlink): bağlantı değil, dosyanın kendisi olmalı") from None
        raise refused(f"dosya okunamadı ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as file:
        kind = os.fstat(descriptor)
        if not stat.S_ISREG(kind.st_mode):
            raise refused("düz bir dosya değil (klasör, FIFO ya da aygıt)")
        raw = b"" if kind.st_size > MAX_FILE_BYTES else file.read(MAX_FILE_BYTES + 1)
    if max(kind.st_size, len(raw)) > MAX_FILE_BYTES:
        raise refused(f"dosya çok büyük ({max(kind.st_size, len(raw)) // 1024 // 1024} MB; en fazla {MAX_FILE_BYTES // 1024 // 1024} MB)")
    return raw


def read_yaml(path: Path, display: str | None = None) -> Document:
    display = display or str(path)
    return parse_yaml(read_source(path, display), display)


def read_document(path: Path, display: str | None = None) -> Document:
    """A program file of either format: YAML located by line, a workbook by sheet and cell."""
    display = display or str(path)
    return parse_document(read_source(path, display), display)


def parse_document(raw: bytes, display: str) -> Document:
    """The bytes of a program file, from disk or from an earlier commit; its name says its format."""
    if Path(display).suffix.lower() in workbook.SUFFIXES:
        return parse_workbook(raw, display)
    return parse_yaml(raw, display)


def parse_workbook(raw: bytes, display: str) -> Document:
    try:
        data, cells = workbook.read(raw)
    except workbook.Unreadable as error:
        raise ProgramError([Problem(display, None, "", message, cell=cell) for cell, message in error.problems]) from None
    return Document(display, data, cells)


PROGRAM_SUFFIXES = (".yml", *workbook.SUFFIXES)


def find_program_files(folder: Path, pattern: str = "*/*") -> list[Path]:
    """Every program file under ``folder`` (``pattern`` without its suffix), one per program:
    a program kept both as YAML and as a workbook is an error, since either could be the one meant."""
    found = sorted(p for suffix in PROGRAM_SUFFIXES for p in folder.glob(pattern + suffix) if not p.name.startswith("~$"))
    return one_per_program(found)


def one_per_program(paths: list[Path]) -> list[Path]:
    seen: dict[Path, Path] = {}
    problems = []
    for path in paths:
        key = path.with_suffix("")
        if key in seen and seen[key] != path:
            problems.append(Problem(str(path), None, "", f"aynı program iki dosyada: {seen[key].name} ve {path.name}; birini silin (çalışma kitabını YAML'a çevirmek için: seffaf ice-aktar)"))
        seen.setdefault(key, path)
    if problems:
        raise ProgramError(problems)
    return list(seen.values())


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
        line, message = _yaml_problem(error, text.splitlines())
        raise ProgramError([Problem(display, line, "", message)]) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise ProgramError([Problem(display, line, "", f"yazdırılamayan bir denetim karakteri var (U+{code:04X}); silin")]) from None
    except yaml.YAMLError:
        raise ProgramError([Problem(display, None, "", "YAML okunamadı")]) from None
    finally:
        loader.dispose()
    document = Document(display, data, builder.lines)
    if builder.problems:
        raise ProgramError([Problem(display, line, describe(data, p), message) for line, p, message in builder.problems])
    return document


# --- schema -----------------------------------------------------------------


def _models() -> list[type[BaseModel]]:
    return [value for value in vars(schema).values() if isinstance(value, type) and issubclass(value, BaseModel) and value.model_fields]


def _aliases(model: type[BaseModel]) -> dict[str, object]:
    return {info.alias or name: info.annotation for name, info in model.model_fields.items()}


_FIELDS = sorted({alias for model in _models() for alias in _aliases(model)})
_OWNERS = {
    "Program": "dosyanın en üst düzeyinin",
    "Municipality": "belediye bilgisinin",
    "Source": "kaynak bilgisinin",
    "IndicatorColumn": "gösterge sütununun",
    "Foreword": "sunuşun",
    "Table": "tablonun",
    "InfoSection": "genel bilgiler bölümünün",
    "Unit": "birimin",
    "Indicator": "göstergenin",
    "Cost": "maliyetin",
    "SubLine": "alt kalemin",
    "EconomicLine": "ekonomik kod satırının",
    "OffBudget": "bütçe dışı kaynakların",
    "CostTable": "maliyet tablosunun",
    "Activity": "faaliyetin",
    "PerformanceTarget": "performans hedefinin",
    "Goal": "hedefin",
    "Aim": "amacın",
    "ShareRow": "İdare Performans Tablosu satırının",
    "TargetShareRow": "İdare Performans Tablosu satırının",
    "AdministrationTable": "İdare Performans Tablosunun",
    "NeedRow": "Toplam Kaynak İhtiyacı satırının",
    "NeedTotals": "toplam satırının",
    "ResourceNeed": "Toplam Kaynak İhtiyacı tablosunun",
    "UnitTableRow": "harcama birimleri tablosu satırının",
    "UnitTable": "harcama birimleri tablosunun",
    "SiteConfig": "site.yml dosyasının",
}


def _model_in(annotation) -> type[BaseModel] | None:
    """The model a field holds, through Optional, list and dict."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found:
            return found
    return None


def _models_along(root: type[BaseModel], loc: tuple) -> list[tuple[type[BaseModel], int]]:
    """Each model met on the way down a field path, with how much of the path leads to it."""
    found, model = [(root, 0)], root
    for depth, part in enumerate(loc, start=1):
        if isinstance(part, str):
            model = _model_in(_aliases(model).get(part)) if model else None
            if model is None:
                break
            found.append((model, depth))
    return found


def _unknown_field(root: type[BaseModel], loc: tuple) -> str:
    """A key that belongs elsewhere is named with where it belongs, not "did you mean" itself."""
    key = str(loc[-1])
    along = _models_along(root, loc[:-1])
    here = along[-1][0]
    for owner, depth in reversed(along[:-1]):
        if key in _aliases(owner):
            sibling = next(part for part in loc[depth:] if isinstance(part, str))
            return (
                f'"{key}" {_OWNERS.get(here.__name__, "bu bölümün")} alanı değil, {_OWNERS.get(owner.__name__, "üst bölümün")} alanıdır: '
                f'girintisi fazla; "{sibling}" ile aynı hizaya getirin'
            )
    owners = sorted({_OWNERS.get(m.__name__, m.__name__) for m in _models() if key in _aliases(m)})
    if owners:
        return f'"{key}" burada kullanılamaz; {", ".join(owners)} alanıdır (girintiyi denetleyin)'
    close = difflib.get_close_matches(key, [name for name in _FIELDS if name != key], n=1)
    return f'bilinmeyen alan "{key}"' + (f' ("{close[0]}" mi demek istediniz?)' if close else "")


def _pattern_message(pattern: str) -> str:
    if "0[1-9]" in pattern:
        return "ekonomik kod 01–09 arası iki haneli bir kod olmalı"
    if "[0-9]{4}" in pattern:
        return "<belediye>/<yıl> biçiminde olmalı, ör. ornekkoy/2026"
    return "yalnızca küçük harf (a-z), rakam ve tire içerebilir"


def _shown(value) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        return ""
    text = str(value)
    return f'"{text if len(text) <= 40 else text[:39] + "…"}"'


def _schema_message(error: dict, root: type[BaseModel] = Program) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    shown = _shown(value)
    if kind == "missing":
        return "zorunlu alan eksik"
    if kind == "extra_forbidden":
        return _unknown_field(root, tuple(error["loc"]))
    if kind == "value_error":
        text = str(ctx.get("error"))
        return text if text.startswith('"') else f"{shown} {text}".strip()
    if kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "int_from_float"):
        return f"{shown} bir tam sayı değil".strip() if kind.startswith("int") else f"{shown} bir sayı değil".strip()
    if kind == "string_type":
        if isinstance(value, bool):
            return "metin olmalı: YAML bunu evet/hayır (true/false) sayar; tırnak içine alın"
        if isinstance(value, (int, Decimal)):
            return f"metin olmalı, sayı gibi yazılmış: tırnak içine alın ('{value}')"
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
        choices = str(ctx.get("expected")).replace("' or '", "' ya da '")  # pydantic joins the last two in English
        return f"{shown} geçersiz; şunlardan biri olmalı: {choices}".strip()
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
    return "geçersiz değer"


def validate_as(document: Document, model: type[BaseModel]):
    """Validate plain data against a model, turning pydantic's errors into located problems."""
    if not isinstance(document.data, dict):
        raise ProgramError([Problem(document.file, 1, "", "dosya, alanlardan oluşan bir eşleme (anahtar: değer) olmalı")])
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise ProgramError(_located(document, error, model)) from None


def validate_list_as(document: Document, model: type[BaseModel]) -> list:
    """A file that is a list of entries (the national registry): every entry's problems at once."""
    if not isinstance(document.data, list):
        raise ProgramError([Problem(document.file, 1, "", "dosya, her öğesi '- ' ile başlayan bir liste olmalı")])
    entries, problems = [], []
    for number, item in enumerate(document.data):
        try:
            entries.append(model.model_validate(item))
        except ValidationError as error:
            problems.extend(_located(document, error, model, (number,)))
    if problems:
        raise ProgramError(problems)
    return entries


def _located(document: Document, error: ValidationError, model: type[BaseModel], prefix: tuple = ()) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = prefix + tuple(part for part in item["loc"] if part != "[key]")
        message = _schema_message(item, model)
        if item["type"] == "missing" and isinstance(document.line_of(loc), str):
            message += "; bu hücreyi doldurun"  # a workbook's empty cell: the fix is where it stands
        problems.append(document.problem(loc, message))
    return problems


def validate(document: Document) -> Program:
    return _checked(validate_as(document, Program), document)


def validate_json(raw: bytes, display: str) -> Program:
    """A program kept as JSON (a cache entry) passes the same checks as its YAML, or is refused."""
    try:
        program = Program.model_validate_json(raw)
    except ValidationError:
        raise ProgramError([Problem(display, None, "", "JSON biçimindeki program şemaya uymuyor")]) from None
    return _checked(program, Document(display, {}, {}))


def cache_json(program: Program) -> bytes | None:
    """The program as JSON that validates back to the very same program, or None: a figure
    past a float's precision would come back changed, and such a program is not kept."""
    data = program.model_dump_json(by_alias=True).encode()
    try:
        return data if validate_json(data, "") == program else None
    except ProgramError:
        return None


def _checked(program: Program, document: Document) -> Program:
    """What the schema cannot see alone, for a program read from any form."""
    problems = _check_references(program, document)
    reported = {(p.line, p.cell) for p in problems}
    problems += [p for p in _check_addresses(program, document) if (p.line, p.cell) not in reported]
    if problems:
        raise ProgramError(problems)
    return program


def _check_addresses(program: Program, document: Document) -> list[Problem]:
    """Every page address made from the file's text is one page's alone: "1.1.1" and "1-1-1",
    "Fen İşleri" and "Fen Isleri" would each replace the other's page, and none may be one
    of the pages every program has. (A code or name written twice is reported as such above.)"""
    addresses = urls.program_addresses(program)
    problems = [
        document.problem(address.field, f'"{address.text}" içinde harf ya da rakam yok: bundan sayfa adresi yapılamaz')
        for address in addresses if address.text and not address.segment
    ]
    for second, first in urls.collisions(addresses):
        if first.field:
            place = document.line_of(first.field)
            details = [f'"{first.text}"'] if first.text else []
            details.append(f"hücre {place}" if isinstance(place, str) else f"satır {place}")
            where = f"{describe(document.data, first.field)} ({', '.join(details)})"
        else:
            where = "sitenin her programda olan bir sayfası"
        subject = f'"{second.text}"' if second.text else "Bu satır"
        problems.append(document.problem(second.field, f"{subject} ile {where} aynı adrese düşüyor ({second.address}); birini değiştirin"))
    return problems


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
    for here, target in program.located_targets():
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


PLACEHOLDER = re.compile(r"\byazın\.?$")
"""How the skeleton of ``seffaf new`` marks what the author must replace: "İl adını yazın"."""


def _placeholders(data, path: tuple = ()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _placeholders(value, path + (index,))
    elif isinstance(data, str) and PLACEHOLDER.search(data):
        yield path, data


def value_warnings(program: Program, document: Document) -> list[Problem]:
    """Values that are legal but worth a second look: a share above 100 % may be a typo, or true;
    a placeholder of the skeleton left as it was; numbers kept as text; no amount at all."""
    found = [document.problem(path, f'"{text}" yer tutucu olarak duruyor: belgedeki bilgiyle değiştirin', "uyarı") for path, text in _placeholders(document.data)]
    if program.amaclar and not _any_amount(program):
        found.append(document.problem(("amaclar",), "hiçbir performans hedefinde ya da faaliyette sıfırdan farklı bir tutar yok: maliyetler belgeden aktarılmamış görünüyor (belgede gerçekten yoksa bu uyarı önemsizdir)", "uyarı"))
    for place, target in program.located_targets():
        for i, indicator in enumerate(target.gostergeler):
            here = place + ("gostergeler", i)
            written = [value for value in indicator.degerler.values() if value is not None]
            if indicator.deger_turu == "metin" and written and all(_is_number(value) for value in written):
                found.append(document.problem(here + ("deger_turu",), 'metin değerli göstergenin bütün değerleri sayı: sayıysa "deger_turu: metin" satırını silin', "uyarı"))
            if indicator.birim != "%" and "(%)" not in indicator.ad:
                continue
            for year, value in indicator.degerler.items():
                if isinstance(value, Decimal) and not 0 <= value <= 100:
                    found.append(document.problem(here + ("degerler", year), f"yüzde değeri {value}: 0–100 aralığında değil (belgede böyle yazıyorsa doğrudur)", "uyarı"))
    return found


def _any_amount(program: Program) -> bool:
    """Whether any target or activity states a cost other than zero: a skeleton whose zeros
    were never replaced would otherwise publish a program that plans nothing."""
    for _, target in program.located_targets():
        for owner in (target, *target.faaliyetler):
            cost, table = owner.maliyet, owner.maliyet_tablosu
            amounts = [cost.butce, cost.butce_disi, cost.toplam] if cost else []
            amounts += [table.butce_toplami, table.toplam] if table else []
            if any(amounts):
                return True
    return False


def _is_number(value) -> bool:
    if isinstance(value, Decimal):
        return True
    try:
        parse_number(str(value))
    except NumberError:
        return False
    return True


def load(path: Path, display: str | None = None) -> tuple[Program, Document]:
    """The program and the document it came from, whose lines (or cells) locate later findings."""
    document = read_document(path, display)
    return validate(document), document


def load_program(path: Path, display: str | None = None) -> Program:
    return load(path, display)[0]


def new_program_path(programs_dir: Path, slug: str, year: int, suffix: str) -> Path:
    """Where a new program file goes, refused where the program already has a file of either format."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise ValueError(f'"{slug}" geçersiz: yalnızca küçük harf (a-z), rakam ve tire içerebilir')
    if not 2000 <= year <= 2100:
        raise ValueError(f"{year} geçerli bir program yılı değil")
    for existing in (programs_dir / slug / f"{year}{s}" for s in PROGRAM_SUFFIXES):
        if existing.exists():
            raise ValueError(f"{existing} zaten var; üzerine yazılmadı")
    path = programs_dir / slug / f"{year}{suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def new_program(programs_dir: Path, slug: str, year: int, name: str | None = None) -> Path:
    """A skeleton with every part a real program has and Turkish comments saying what goes
    where; its placeholders ("… yazın") are warnings until replaced."""
    name = " ".join((name or f"{slug.replace('-', ' ').title()} Belediyesi").split())
    try:
        schema.refuse_control(name)
    except ValueError as error:
        raise ValueError(f"--name: {error}") from None
    path = new_program_path(programs_dir, slug, year, ".yml")
    skeleton = (resources.files(__package__) / "yeni-program.yml").read_text(encoding="utf-8")
    quoted = lambda text: json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar: any character is safe
    values = dict(
        slug=slug, yil=year, onceki=year - 1, ikionce=year - 2,
        ad=quoted(name), ad_text=name, baslik=quoted(f"{name} {year} Yılı Performans Programı"),
    )
    path.write_text(string.Template(skeleton).substitute(values), encoding="utf-8")
    schema_file = programs_dir / schema.SCHEMA_FILE
    if not schema_file.exists():
        schema_file.write_text(schema.json_schema_text(), encoding="utf-8")
    return path
