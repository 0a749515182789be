"""The shape of a Performans Programı, as municipal staff write it in YAML.

Field names follow the official template in ASCII snake_case (``amaclar``,
``hedefler``, ``performans_hedefleri``, ``gostergeler``, ``faaliyetler``,
``ekonomik_kodlar``) so that the people who wrote the PDF recognise their own
document. Every stated total is kept as data next to its parts: the audit, not
the schema, decides whether they agree.
"""

from __future__ import annotations

import json
from decimal import Decimal
from enum import Enum
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, ValidationInfo, WithJsonSchema, field_validator


def _number(value):
    """Accept YAML numbers only: a string such as "yedi milyon" is an error, not a guess."""
    if isinstance(value, bool) or isinstance(value, str):
        raise ValueError("bir sayı değil")
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def _json_number(value: Decimal):
    """JSON export keeps amounts as numbers: integers stay integers, kuruş stay exact."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


Amount = Annotated[
    Decimal,
    BeforeValidator(_number),
    Field(ge=0),
    PlainSerializer(_json_number, when_used="json"),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
"""Money in Turkish lira; ``null`` in YAML is the source's "-" (no amount)."""

Share = Annotated[
    Decimal,
    BeforeValidator(_number),
    PlainSerializer(_json_number, when_used="json"),
    WithJsonSchema({"type": "number"}),
]
"""A percentage as printed (``0.64%`` → ``0.64``)."""

IndicatorValue = Union[
    Annotated[Decimal, BeforeValidator(_number), PlainSerializer(_json_number, when_used="json"), WithJsonSchema({"type": "number"})],
    str,
    None,
]

Code = Annotated[str, Field(min_length=1, max_length=40)]
Name = Annotated[str, Field(min_length=1, max_length=2000)]


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
    slug: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
    il: Name
    tur: MunicipalityKind
    web: Optional[str] = None


class Status(str, Enum):
    taslak = "taslak"
    meclis_onayli = "meclis_onayli"
    revize = "revize"


class Source(Model):
    """The printed document this transcription was made from."""

    baslik: Name
    durum: Optional[Status] = None
    """taslak, meclis onaylı or revize (ek bütçe, revize program); null where the document does not say."""
    tarih: Optional[str] = None
    sayfa_sayisi: Optional[int] = None
    meclis_karari: Optional[str] = None
    hazirlayan: Optional[str] = None
    url: Optional[str] = None
    dosya: Optional[str] = None


class IndicatorColumn(Model):
    """One value column of the indicator tables, e.g. "2024 Tahmini"."""

    yil: int
    tur: ColumnKind
    baslik: Name


class Foreword(Model):
    baslik: Name
    metin: str
    imza: Optional[str] = None


class Table(Model):
    """A general-information table kept as printed: cells are text."""

    no: Optional[str] = None
    baslik: Name
    sutunlar: list[str]
    satirlar: list[list[str]]
    not_: Optional[str] = Field(default=None, alias="not")


class InfoSection(Model):
    baslik: Name
    metin: Optional[str] = None
    tablolar: list[Table] = []
    not_: Optional[str] = Field(default=None, alias="not")


class Unit(Model):
    """A harcama birimi (müdürlük, daire başkanlığı)."""

    ad: Name
    varyantlar: list[str] = []


class Indicator(Model):
    kod: Optional[Code] = None
    ad: Name
    birim: Optional[str] = None
    deger_turu: Literal["sayi", "metin"] = "sayi"
    degerler: dict[int, IndicatorValue]
    aciklama: Optional[str] = None
    not_: Optional[str] = Field(default=None, alias="not")

    @field_validator("degerler")
    @classmethod
    def _numbers_unless_text(cls, values, info: ValidationInfo):
        """A numeric indicator holding words is a typo; a text indicator says so."""
        if info.data.get("deger_turu") == "sayi":
            for year, value in values.items():
                if isinstance(value, str):
                    raise ValueError(
                        f'{year}: "{value}" bir sayı değil (metin değerli bir göstergeyse "deger_turu: metin" yazın)'
                    )
        return values


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
    aciklama: Optional[str] = None
    not_: Optional[str] = Field(default=None, alias="not")


class Activity(Model):
    kod: Optional[Code] = None
    ad: Name
    varyantlar: list[str] = []
    sorumlu_birim: Optional[str] = None
    maliyet: Optional[Cost] = None
    maliyet_tablosu: Optional[CostTable] = None
    not_: Optional[str] = Field(default=None, alias="not")


class PerformanceTarget(Model):
    kod: Code
    ad: Name
    varyantlar: list[str] = []
    tablo_no: Optional[int] = None
    aciklama: Optional[str] = None
    sorumlu_birimler: list[str] = []
    gostergeler: list[Indicator] = []
    faaliyetler: list[Activity] = []
    maliyet: Optional[Cost] = None
    maliyet_tablosu: Optional[CostTable] = None
    not_: Optional[str] = Field(default=None, alias="not")


class Goal(Model):
    kod: Code
    ad: Name
    varyantlar: list[str] = []
    performans_hedefleri: list[PerformanceTarget] = []
    not_: Optional[str] = Field(default=None, alias="not")


class Aim(Model):
    kod: Code
    ad: Name
    hizmet_alani: Optional[str] = None
    """The service area the document files this aim under (Kayseri: "İmar ve Şehircilik Hizmetleri Yönetimi")."""
    varyantlar: list[str] = []
    hedefler: list[Goal]
    not_: Optional[str] = Field(default=None, alias="not")


class ShareRow(Model):
    """A row of the İdare Performans Tablosu: amounts with their printed shares."""

    butce: Optional[Amount] = None
    butce_payi: Optional[Share] = None
    butce_disi: Optional[Amount] = None
    butce_disi_payi: Optional[Share] = None
    toplam: Optional[Amount] = None
    toplam_payi: Optional[Share] = None


class TargetShareRow(ShareRow):
    performans_hedefi: Code
    faaliyetler: list[str] = []
    not_: Optional[str] = Field(default=None, alias="not")


class AdministrationTable(Model):
    """İdare Performans Tablosu (Rehber Tablo 3)."""

    tablo_no: Optional[str] = None
    satirlar: list[TargetShareRow]
    performans_hedefleri_toplami: Optional[ShareRow] = None
    genel_yonetim_giderleri: Optional[ShareRow] = None
    diger_idarelere_transfer: Optional[ShareRow] = None
    genel_toplam: Optional[ShareRow] = None
    not_: Optional[str] = Field(default=None, alias="not")


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

    tablo_no: Optional[str] = None
    butce: list[NeedRow]
    butce_toplami: NeedTotals
    butce_disi: list[NeedRow] = []
    butce_disi_toplami: Optional[NeedTotals] = None
    genel_toplam: NeedTotals
    not_: Optional[str] = Field(default=None, alias="not")


class UnitTableRow(Model):
    performans_hedefi: Code
    faaliyetler: list[str]
    birimler: list[str]


class UnitTable(Model):
    """The "faaliyetlerden sorumlu harcama birimleri" table, kept as printed."""

    tablo_no: Optional[str] = None
    satirlar: list[UnitTableRow]
    not_: Optional[str] = Field(default=None, alias="not")


class Program(Model):
    belediye: Municipality
    yil: Annotated[int, Field(ge=2000, le=2100)]
    kaynak: Source
    gosterge_sutunlari: list[IndicatorColumn]
    sunus: list[Foreword] = []
    genel_bilgiler: list[InfoSection] = []
    birimler: list[Unit] = []
    amaclar: list[Aim]
    idare_performans_tablosu: Optional[AdministrationTable] = None
    toplam_kaynak_ihtiyaci: Optional[ResourceNeed] = None
    harcama_birimleri_tablosu: Optional[UnitTable] = None
    not_: Optional[str] = Field(default=None, alias="not")


class SiteConfig(Model):
    """``site.yml``: what the whole site is called and which programs it publishes."""

    baslik: Name
    aciklama: Optional[str] = None
    adres: Optional[str] = None
    kod_deposu: Optional[str] = None
    """The repository on a code host (https://github.com/kullanici/depo): links each version of a program file."""
    programlar: Optional[list[Annotated[str, Field(pattern=r"^[a-z0-9-]+/[0-9]{4}$")]]] = None


SCHEMA_FILE = "program.schema.json"
"""Where the JSON Schema for editors lives: beside the program files, and at the site's root."""


def json_schema_text() -> str:
    schema = Program.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "seffaf: belediye performans programı"
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"
