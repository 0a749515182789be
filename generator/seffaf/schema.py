"""The shape of a Performans Programı, as municipal staff write it in YAML.

Field names follow the official template in ASCII snake_case (``amaclar``,
``hedefler``, ``performans_hedefleri``, ``gostergeler``, ``faaliyetler``,
``ekonomik_kodlar``) so that the people who wrote the PDF recognise their own
document. Every stated total is kept as data next to its parts: the audit, not
the schema, decides whether they agree.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from importlib import resources
from enum import Enum
from typing import Annotated, Literal, Optional, Union
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, ValidationInfo, WithJsonSchema

from .turkish import NumberError, parse_number


class YamlText(str):
    """A plain YAML scalar kept exactly as typed, because YAML 1.1 would have read it as
    something else: ``1:30`` as 90 (base 60), ``01`` as 1, ``on``/``yes`` as true, and
    ``250.000`` (a Turkish thousand) as 250. A text field takes it as typed; a number
    field refuses it, saying how to write the number (see ``_number``)."""


MAX_WHOLE_DIGITS = 18
"""A quintillion lira: beyond any budget, and far inside what Decimal and babel handle quickly."""
MAX_DECIMALS = 8
MAX_SIGNIFICANT_DIGITS = 15
"""What a double keeps exactly: program.json and Excel hold numbers as doubles, and a
figure with more digits would come out of a download changed."""

TURKISH_THOUSANDS = re.compile(r"^[-+]?[1-9][0-9]{0,2}(\.[0-9]{3})+$")


def _bounded(value: Decimal) -> Decimal:
    """Numbers a person can have meant: no 29-digit amount, no 1e+999000 (minutes of CPU)."""
    if not value.is_finite():
        raise ValueError("bir sayı değil")
    sign, digits, exponent = value.as_tuple()
    if value and value.adjusted() >= MAX_WHOLE_DIGITS:
        raise ValueError(f"çok büyük: en fazla {MAX_WHOLE_DIGITS} basamaklı olabilir")
    significant = len(digits) - (len(digits) - len("".join(map(str, digits)).rstrip("0") or "0"))
    if value and exponent + (len(digits) - significant) < -MAX_DECIMALS:
        raise ValueError(f"virgülden sonra en fazla {MAX_DECIMALS} basamak olabilir")
    if significant > MAX_SIGNIFICANT_DIGITS:
        raise ValueError(
            f"en fazla {MAX_SIGNIFICANT_DIGITS} anlamlı basamak olabilir (Excel ve JSON daha fazlasını değiştirmeden tutamaz); "
            "belgede yazıldığı gibi mi, denetleyin"
        )
    return value


def _plain_number(text: YamlText) -> Decimal:
    """A plain scalar YAML 1.1 reads one way and a Turkish reader another: say both, choose neither."""
    if TURKISH_THOUSANDS.match(text):
        thousands, point = text.replace(".", ""), Decimal(text)
        return _fail(
            f'"{text}" iki türlü okunabilir: Türkçe yazımla {thousands}, YAML\'ın okuyuşuyla {point.normalize():f}. '
            f'{thousands} ise {thousands} ya da tırnak içinde "{text}" yazın; {point.normalize():f} ise {point.normalize():f} yazın'
        )
    if ":" in text:
        sexagesimal = 0
        for part in text.split(":"):
            sexagesimal = sexagesimal * 60 + Decimal(part.replace("_", "") or 0)
        return _fail(f'"{text}" bir sayı değil (YAML 1.1 bunu altmışlık sayı sayıp {sexagesimal:f} okurdu); süreyse tek birimle yazın, ör. dakika: {sexagesimal:f}')
    if re.fullmatch(r"[-+]?[0-9_]+", text):
        return _bounded(Decimal(text.replace("_", "")))
    return _fail(f'"{text}" bir sayı değil')


def _fail(message: str):
    raise ValueError(message)


def _number(value):
    """A YAML number, or a number written the Turkish way ("7.650.000,00 TL", "%12,5");
    anything that could be read two ways is refused with the way to write it."""
    if isinstance(value, bool):
        raise ValueError("bir sayı değil (evet/hayır)")
    if isinstance(value, YamlText):
        value = _plain_number(value)
    elif isinstance(value, str):
        try:
            value = parse_number(value)
        except NumberError as error:
            raise ValueError(str(error)) from None
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal):
        return _bounded(value)
    return value


def _json_number(value: Decimal):
    """JSON export keeps amounts as numbers: integers stay integers, kuruş stay exact."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


_NUMBER_TEXT = {"type": "string", "pattern": r"^\s*(%|₺)?\s*-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?\s*(%|₺|TL)?\s*$"}
"""What an editor accepts besides a JSON number: a number written the Turkish way."""

Amount = Annotated[
    Decimal,
    BeforeValidator(_number),
    Field(ge=0),
    PlainSerializer(_json_number, when_used="json"),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, _NUMBER_TEXT]}),
]
"""Money in Turkish lira; ``null`` in YAML is the source's "-" (no amount)."""

Share = Annotated[
    Decimal,
    BeforeValidator(_number),
    PlainSerializer(_json_number, when_used="json"),
    WithJsonSchema({"anyOf": [{"type": "number"}, _NUMBER_TEXT]}),
]
"""A percentage as printed (``0.64%`` → ``0.64``)."""

IndicatorNumber = Annotated[Decimal, BeforeValidator(_number), PlainSerializer(_json_number, when_used="json"), WithJsonSchema({"type": "number"})]


def _indicator_value(value, info: ValidationInfo):
    """A numeric indicator reads text as a Turkish number ("12,5"); a text indicator keeps it as typed."""
    if info.data.get("deger_turu", "sayi") != "sayi" or value is None:
        return value
    try:
        return _number(value)
    except ValueError as error:
        hint = "" if re.search(r"[0-9]", str(value)) and ":" not in str(value) else ' (metin değerli bir göstergeyse "deger_turu: metin" yazın)'
        raise ValueError(f"{error}{hint}") from None


IndicatorValue = Annotated[
    Union[IndicatorNumber, str, None],
    BeforeValidator(_indicator_value),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}]}),
]

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def refuse_control(value: str, allowed: str = "") -> str:
    for found in _CONTROL.finditer(value):
        char = found.group()
        if char in allowed:
            continue
        if char == "\t":
            raise ValueError("sekme (tab) karakteri var (Excel'den yapıştırılmış olabilir); bu tek satırlık alanda sekme olamaz: boşlukla değiştirin")
        if char == "\n":
            raise ValueError("satır sonu var; bu alan tek satırdır: değeri tek satırda yazın")
        if char in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            raise ValueError(f"görünmeyen bir yazı yönü işareti var (U+{ord(char):04X}); silin")
        raise ValueError(f"yazdırılamayan bir denetim karakteri var (U+{ord(char):04X}); silin")
    return value


Line = Annotated[str, AfterValidator(refuse_control)]
"""Text on one line: a name, a code, a unit. No tab, line break or control character."""
Text = Annotated[str, AfterValidator(lambda value: refuse_control(value, "\n\t"))]
"""Text of several lines (aciklama, metin, not): line breaks and tabs, no other control character."""


def web_address(value: str) -> str:
    """An address a link may point to: http(s) only, never javascript: or data:."""
    refuse_control(value)
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"[\s\"'<>\\`]", value):
        example = f"https://{value.split('://')[-1].lstrip('/')}" if re.fullmatch(r"[\w.-]+\.[a-z]{2,}(/\S*)?", value, re.IGNORECASE) else "https://kullanici.github.io/depo/"
        raise ValueError(f'"{value}" bir web adresi değil: http:// ya da https:// ile başlamalı, ör. "{example}"')
    return value


def _printed_address(value: str) -> str:
    """An address as the document prints it ("www.defne.bel.tr"), or a full http(s) address."""
    if "://" in value or ":" in value.split("/")[0]:
        return web_address(value)
    refuse_control(value)
    if not re.fullmatch(r"[\w.-]+\.[\w-]{2,}(/[^\s\"'<>\\`]*)?", value):
        raise ValueError(f'"{value}" bir web adresi değil: belgede yazdığı gibi (ör. www.ornekkoy.bel.tr) ya da https:// ile yazın')
    return value


WebAddress = Annotated[str, AfterValidator(web_address)]
PrintedAddress = Annotated[str, AfterValidator(_printed_address)]

Code = Annotated[str, Field(min_length=1, max_length=40), AfterValidator(refuse_control)]
Name = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(refuse_control)]
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MunicipalityKind(str, Enum):
    ilce = "ilce"
    il = "il"
    buyuksehir = "buyuksehir"


class ColumnKind(str, Enum):
    gerceklesen = "gerceklesen"
    tahmin = "tahmin"
    hedef = "hedef"


class Municipality(Model):
    ad: Name
    slug: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=60)]
    il: Name
    tur: MunicipalityKind
    web: Optional[PrintedAddress] = None


class Status(str, Enum):
    taslak = "taslak"
    meclis_onayli = "meclis_onayli"
    revize = "revize"


class Source(Model):
    """The printed document this transcription was made from."""

    baslik: Name
    durum: Optional[Status] = None
    """taslak, meclis onaylı or revize (ek bütçe, revize program); null where the document does not say."""
    tarih: Optional[Line] = None
    sayfa_sayisi: Optional[int] = None
    meclis_karari: Optional[Line] = None
    hazirlayan: Optional[Line] = None
    url: Optional[PrintedAddress] = None
    dosya: Optional[Line] = None


class IndicatorColumn(Model):
    """One value column of the indicator tables, e.g. "2024 Tahmini"."""

    yil: int
    tur: ColumnKind
    baslik: Name


class Foreword(Model):
    baslik: Name
    metin: Text
    imza: Optional[Text] = None


class Table(Model):
    """A general-information table kept as printed: cells are text."""

    no: Optional[Line] = None
    baslik: Name
    sutunlar: list[Line]
    satirlar: list[list[Text]]
    not_: Optional[Text] = Field(default=None, alias="not")


class InfoSection(Model):
    baslik: Name
    metin: Optional[Text] = None
    tablolar: list[Table] = []
    not_: Optional[Text] = Field(default=None, alias="not")


class Unit(Model):
    """A harcama birimi (müdürlük, daire başkanlığı)."""

    ad: Name
    varyantlar: list[Line] = []


class Indicator(Model):
    kod: Optional[Code] = None
    ad: Name
    birim: Optional[Line] = None
    deger_turu: Literal["sayi", "metin"] = "sayi"
    degerler: dict[int, IndicatorValue]
    aciklama: Optional[Text] = None
    not_: Optional[Text] = Field(default=None, alias="not")


class Cost(Model):
    """A bütçe / bütçe dışı / toplam triple as one row of a table states it."""

    butce: Optional[Amount] = None
    butce_disi: Optional[Amount] = None
    toplam: Optional[Amount] = None


class SubLine(Model):
    ad: Name
    tutar: Optional[Amount] = None


class EconomicLine(Model):
    kod: Annotated[str, Field(pattern=r"^0[1-9]$")]
    ad: Name
    tutar: Optional[Amount] = None
    alt_kalemler: list[SubLine] = []


class OffBudget(Model):
    doner_sermaye: Optional[Amount] = None
    diger_yurt_ici: Optional[Amount] = None
    yurt_disi: Optional[Amount] = None


class CostTable(Model):
    """A Faaliyet Maliyetleri Tablosu: costs by economic code, with its stated totals."""

    ekonomik_kodlar: list[EconomicLine]
    butce_toplami: Optional[Amount] = None
    butce_disi: OffBudget = OffBudget()
    butce_disi_toplami: Optional[Amount] = None
    toplam: Optional[Amount] = None
    aciklama: Optional[Text] = None
    not_: Optional[Text] = Field(default=None, alias="not")


class Activity(Model):
    kod: Optional[Code] = None
    ad: Name
    varyantlar: list[Line] = []
    sorumlu_birim: Optional[Line] = None
    maliyet: Optional[Cost] = None
    maliyet_tablosu: Optional[CostTable] = None
    not_: Optional[Text] = Field(default=None, alias="not")


class PerformanceTarget(Model):
    kod: Code
    ad: Name
    varyantlar: list[Line] = []
    tablo_no: Optional[int] = None
    aciklama: Optional[Text] = None
    sorumlu_birimler: list[Line] = []
    gostergeler: list[Indicator] = []
    faaliyetler: list[Activity] = []
    maliyet: Optional[Cost] = None
    maliyet_tablosu: Optional[CostTable] = None
    not_: Optional[Text] = Field(default=None, alias="not")


class Goal(Model):
    kod: Code
    ad: Name
    varyantlar: list[Line] = []
    performans_hedefleri: list[PerformanceTarget] = []
    not_: Optional[Text] = Field(default=None, alias="not")


class Aim(Model):
    kod: Code
    ad: Name
    hizmet_alani: Optional[Line] = None
    """The service area the document files this aim under (Kayseri: "İmar ve Şehircilik Hizmetleri Yönetimi")."""
    varyantlar: list[Line] = []
    hedefler: list[Goal]
    not_: Optional[Text] = Field(default=None, alias="not")


class ShareRow(Model):
    """A row of the İdare Performans Tablosu: amounts with their printed shares."""

    butce: Optional[Amount] = None
    butce_payi: Optional[Share] = None
    butce_disi: Optional[Amount] = None
    butce_disi_payi: Optional[Share] = None
    toplam: Optional[Amount] = None
    toplam_payi: Optional[Share] = None


class ActivityShareRow(ShareRow):
    """An activity's row under its target, where the table has one (with the table's own number)."""

    kod: Optional[Code] = None
    ad: Name


class TargetShareRow(ShareRow):
    performans_hedefi: Code
    faaliyetler: list[Line] = []
    faaliyet_satirlari: list[ActivityShareRow] = []
    """The activities' own rows with amounts and shares, where the table prints them."""
    not_: Optional[Text] = Field(default=None, alias="not")


class AdministrationTable(Model):
    """İdare Performans Tablosu (Rehber Tablo 3)."""

    tablo_no: Optional[Line] = None
    satirlar: list[TargetShareRow]
    performans_hedefleri_toplami: Optional[ShareRow] = None
    genel_yonetim_giderleri: Optional[ShareRow] = None
    diger_idarelere_transfer: Optional[ShareRow] = None
    genel_toplam: Optional[ShareRow] = None
    not_: Optional[Text] = Field(default=None, alias="not")


class NeedRow(Model):
    """A row of the Toplam Kaynak İhtiyacı table, one amount per column."""

    kod: Optional[Annotated[str, Field(pattern=r"^0[1-9]$")]] = None
    ad: Name
    faaliyet: Optional[Amount] = None
    genel_yonetim: Optional[Amount] = None
    diger_idarelere_transfer: Optional[Amount] = None
    toplam: Optional[Amount] = None


class NeedTotals(Model):
    faaliyet: Optional[Amount] = None
    genel_yonetim: Optional[Amount] = None
    diger_idarelere_transfer: Optional[Amount] = None
    toplam: Optional[Amount] = None


class ResourceNeed(Model):
    """Toplam Kaynak İhtiyacı (Rehber Tablo 4)."""

    tablo_no: Optional[Line] = None
    butce: list[NeedRow]
    butce_toplami: NeedTotals
    butce_disi: list[NeedRow] = []
    butce_disi_toplami: Optional[NeedTotals] = None
    genel_toplam: NeedTotals
    not_: Optional[Text] = Field(default=None, alias="not")


class UnitTableRow(Model):
    performans_hedefi: Code
    faaliyetler: list[Line]
    birimler: list[Line]


class UnitTable(Model):
    """The "faaliyetlerden sorumlu harcama birimleri" table, kept as printed."""

    tablo_no: Optional[Line] = None
    satirlar: list[UnitTableRow]
    not_: Optional[Text] = Field(default=None, alias="not")


class Population(Model):
    """The population the document itself states; figures per resident are shown only where there is one."""

    kisi: Annotated[int, Field(gt=0)]
    yil: Optional[int] = None
    kaynakta: Optional[Line] = None
    """Where the document states it, in its own words."""


class Correction(Model):
    """A place where the transcription reads the document otherwise than it prints it: a letter
    the PDF's text damaged, one cell naming two units. Every page that shows ``aktarilan`` says so."""

    basilan: Name
    """As the document (its extracted text) prints it."""
    aktarilan: Name
    """As the program file has it."""
    bolum: Name
    """The part of the document: "Sunuş", "Genel Bilgiler: A- Yetki, Görev ve Sorumluluklar", "PH 3.1",
    "İdare Performans Tablosu", "Harcama birimleri" (who answers for what), "Harcama birimleri tablosu"."""
    neden: Text
    kaynakta: Optional[Line] = None
    """Where: source lines, in the document's own terms."""


class Program(Model):
    belediye: Municipality
    yil: Annotated[int, Field(ge=2000, le=2100)]
    kaynak: Source
    nufus: Optional[Population] = None
    gosterge_sutunlari: list[IndicatorColumn]
    sunus: list[Foreword] = []
    genel_bilgiler: list[InfoSection] = []
    birimler: list[Unit] = []
    amaclar: list[Aim]
    idare_performans_tablosu: Optional[AdministrationTable] = None
    toplam_kaynak_ihtiyaci: Optional[ResourceNeed] = None
    harcama_birimleri_tablosu: Optional[UnitTable] = None
    duzeltmeler: list[Correction] = []
    """The transcription's repairs, each shown on the pages it touches."""
    not_: Optional[Text] = Field(default=None, alias="not")

    def located_targets(self) -> list[tuple[tuple, PerformanceTarget]]:
        """Every performance target in the document's order with its place in the file
        (``("amaclar", 0, "hedefler", 1, "performans_hedefleri", 2)``), so a check can say where."""
        return [
            (("amaclar", a, "hedefler", g, "performans_hedefleri", t), target)
            for a, aim in enumerate(self.amaclar) for g, goal in enumerate(aim.hedefler) for t, target in enumerate(goal.performans_hedefleri)
        ]


class SiteConfig(Model):
    """``site.yml``: what the whole site is called and which programs it publishes."""

    baslik: Name
    aciklama: Optional[Text] = None
    adres: Optional[WebAddress] = None
    kod_deposu: Optional[WebAddress] = None
    """The repository on a code host (https://github.com/kullanici/depo): links each version of a program file."""
    programlar: Optional[list[Annotated[str, Field(pattern=r"^[a-z0-9-]+/[0-9]{4}$")]]] = None


_SITE_ADDRESS = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%-]+)*/?$")


def _site_address(value: str) -> str:
    """Only a plain http(s) address of a folder: it becomes links, a redirect target and fetches."""
    if not _SITE_ADDRESS.match(value):
        raise ValueError(f'"{value}" bir site adresi değil: http:// ya da https:// ile başlamalı, ör. https://seffaf.defne.bel.tr/ (boşluk, tırnak, ? ve # olmadan)')
    return value if value.endswith("/") else value + "/"


class RegistryEntry(Model):
    """One municipality in the national registry (``belediyeler.yml``): where its own site is."""

    slug: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=60)]
    ad: Name
    il: Name
    adres: Annotated[str, AfterValidator(_site_address)]


SCHEMA_FILE = "program.schema.json"
"""Where the JSON Schema for editors lives: beside the program files, and at the site's root."""


def _field_docs() -> dict:
    return yaml.safe_load((resources.files(__package__) / "alanlar.yml").read_text(encoding="utf-8"))


def describe_field(model: str, field: str, docs: dict | None = None) -> str | None:
    """A field's Turkish help: its meaning in this model if it has one of its own, else its common one."""
    fields = (docs or _field_docs())["alanlar"]
    return fields.get(f"{model}.{field}") or fields.get(field)


def _described(schema: dict, root: str) -> dict:
    """Turkish descriptions and examples (alanlar.yml) on every model and property: an editor's hover help."""
    docs = _field_docs()
    for name, model in [(root, schema), *schema.get("$defs", {}).items()]:
        if name in docs["modeller"]:
            model["description"] = docs["modeller"][name]
        for key, prop in model.get("properties", {}).items():
            text = describe_field(name, key, docs)
            prop.pop("title", None)
            if text:
                prop["description"] = text
                examples = re.findall(r"ör\. (?:\"([^\"]+)\"|'([^']+)'|([^\s,;)]+))", text)
                if examples:
                    prop["examples"] = [next(part for part in found if part) for found in examples]
    return schema


def json_schema_text() -> str:
    schema = _described(Program.model_json_schema(by_alias=True), "Program")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "seffaf: belediye performans programı"
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"
