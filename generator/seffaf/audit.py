"""The arithmetic audit: every stated total computed again from its parts.

A performance program states the same money several times (the target's own
table, its cost table by economic code, the İdare Performans Tablosu, the
Toplam Kaynak İhtiyacı). This module recomputes each stated total and records
every comparison, passed or not, so the site can show a journalist exactly
where a document disagrees with itself. It never changes a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from . import urls
from .loader import Document, Problem, format_path
from .schema import Cost, CostTable, NeedRow, NeedTotals, Program
from .turkish import money, percent
from .views import target_cost

ZERO = Decimal(0)
SHARE_TOLERANCE = Decimal("0.01")


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


def _any(values: Iterable[Decimal | None]) -> bool:
    return any(v is not None for v in values)


@dataclass(frozen=True)
class Finding:
    """One comparison of a stated figure with the figure computed from its parts."""

    key: str
    title: str
    stated: Decimal | None
    computed: Decimal
    path: tuple
    page: str
    source: str = ""
    share: bool = False
    against: str = "parçalarının toplamı"

    @property
    def passed(self) -> bool:
        stated = self.stated if self.stated is not None else ZERO
        if self.share:
            return abs(stated - self.computed) <= SHARE_TOLERANCE
        return stated == self.computed

    @property
    def difference(self) -> Decimal:
        return (self.stated if self.stated is not None else ZERO) - self.computed

    def shown(self, value: Decimal | None) -> str:
        return percent(value) if self.share else money(value)

    def explanation(self) -> str:
        stated = "yazılmamış" if self.stated is None else self.shown(self.stated)
        return f"Belgede {stated}, {self.against} {self.shown(self.computed)}; fark {self.shown(self.difference)}."


@dataclass(frozen=True)
class Requirement:
    """A part the Performans Programı Hazırlama Rehberi asks for."""

    title: str
    present: bool
    detail: str = ""
    places: list[tuple[tuple, str]] = field(default_factory=list)
    """(path, what is missing there) for each part that lacks it, so the checker can say where."""


@dataclass
class AuditReport:
    program: Program
    findings: list[Finding] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)

    @property
    def passed(self) -> list[Finding]:
        return [f for f in self.findings if f.passed]

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if not f.passed]

    @property
    def missing(self) -> list[Requirement]:
        return [r for r in self.requirements if not r.present]

    def failed_on(self, page: str) -> list[Finding]:
        return [f for f in self.failed if f.page == page]

    def as_dict(self) -> dict:
        def number(value):
            return None if value is None else (int(value) if value == value.to_integral_value() else float(value))

        return {
            "belediye": self.program.belediye.slug,
            "yil": self.program.yil,
            "denetim_sayisi": len(self.findings),
            "gecen": len(self.passed),
            "farkli": len(self.failed),
            "denetimler": [
                {
                    "kimlik": f.key,
                    "baslik": f.title,
                    "kaynakta": f.source,
                    "alan": format_path(f.path),
                    "sayfa": urls.public(f.page),
                    "tur": "pay" if f.share else "tutar",
                    "belgede_yazan": number(f.stated),
                    "hesaplanan": number(f.computed),
                    "fark": number(f.difference),
                    "sonuc": "tutarlı" if f.passed else "farklı",
                }
                for f in self.findings
            ],
            "eksik_bolumler": [{"bolum": r.title, "var": r.present, "aciklama": r.detail} for r in self.requirements],
        }


def _table_name(name: str, number: str | None) -> str:
    return f"{name} (Tablo {number})" if number else name


class _Auditor:
    def __init__(self, program: Program):
        self.program = program
        self.report = AuditReport(program)

    def compare(self, key, title, stated, parts, path, page, source="", share=False, against="parçalarının toplamı"):
        parts = list(parts)
        if not _any(parts):
            return
        computed = _sum(parts)
        self.report.findings.append(Finding(key, title, stated, computed, tuple(path), page, source, share, against))

    def cost_row(self, key, label, cost: Cost, path, page, source):
        if cost.toplam is not None or cost.butce is not None or cost.butce_disi is not None:
            self.compare(f"{key}-satir", f"{label}: bütçe + bütçe dışı = toplam", cost.toplam, [cost.butce, cost.butce_disi], path + ("toplam",), page, source)

    def cost_table(self, key, label, table: CostTable, path, page, source):
        lines = [line.tutar for line in table.ekonomik_kodlar] + [s.tutar for line in table.ekonomik_kodlar for s in line.alt_kalemler]
        self.compare(f"{key}-kodlar", f"{label}: ekonomik kodların toplamı = toplam bütçe kaynak ihtiyacı", table.butce_toplami, lines, path + ("butce_toplami",), page, source)
        off = table.butce_disi
        self.compare(f"{key}-butce-disi", f"{label}: bütçe dışı kaynakların toplamı", table.butce_disi_toplami, [off.doner_sermaye, off.diger_yurt_ici, off.yurt_disi], path + ("butce_disi_toplami",), page, source)
        self.compare(f"{key}-toplam", f"{label}: bütçe + bütçe dışı = toplam kaynak ihtiyacı", table.toplam, [table.butce_toplami, table.butce_disi_toplami], path + ("toplam",), page, source)

    def targets(self):
        program = self.program
        for path, target in program.located_targets():
            page = urls.target(program, target.kod)
            key = f"ph-{urls.code_slug(target.kod)}"
            label = f"PH {target.kod}"
            source = f"Performans Hedefi Tablosu {target.tablo_no}" if target.tablo_no else f"Performans hedefi {target.kod}"
            if target.maliyet:
                self.cost_row(key, f"{label} genel toplam", target.maliyet, path + ("maliyet",), page, source)
            costs = [(f, act) for f, act in enumerate(target.faaliyetler) if act.maliyet]
            if costs and target.maliyet:
                for column, title in (("butce", "bütçe"), ("butce_disi", "bütçe dışı"), ("toplam", "toplam")):
                    self.compare(
                        f"{key}-faaliyetler-{column}", f"{label}: faaliyetlerin {title} toplamı = genel toplam",
                        getattr(target.maliyet, column), [getattr(act.maliyet, column) for _, act in costs],
                        path + ("maliyet", column), page, source,
                    )
            for f, act in costs:
                name = f"{label} faaliyet {act.kod or f + 1}"
                self.cost_row(f"{key}-f{f + 1}", name, act.maliyet, path + ("faaliyetler", f, "maliyet"), page, source)
            if target.maliyet_tablosu:
                table_path = path + ("maliyet_tablosu",)
                self.cost_table(f"{key}-mt", f"{label} maliyet tablosu", target.maliyet_tablosu, table_path, page, "Faaliyet maliyetleri tablosu")
                if target.maliyet and target.maliyet.toplam is not None:
                    self.compare(f"{key}-mt-ph", f"{label}: performans hedefi tablosunun genel toplamı = maliyet tablosunun toplamı", target.maliyet.toplam, [target.maliyet_tablosu.toplam], path + ("maliyet", "toplam"), page, source, against="maliyet tablosunda")
            for f, act in enumerate(target.faaliyetler):
                if act.maliyet_tablosu:
                    name = f"{label} faaliyet {act.kod or f + 1}"
                    act_path = path + ("faaliyetler", f)
                    self.cost_table(f"{key}-f{f + 1}-mt", f"{name} maliyet tablosu", act.maliyet_tablosu, act_path + ("maliyet_tablosu",), page, "Faaliyet maliyet tablosu")
                    if act.maliyet and act.maliyet.toplam is not None:
                        self.compare(f"{key}-f{f + 1}-mt-ph", f"{name}: performans hedefi tablosundaki tutar = maliyet tablosunun toplamı", act.maliyet.toplam, [act.maliyet_tablosu.toplam], act_path + ("maliyet", "toplam"), page, source, against="maliyet tablosunda")

    def administration_table(self):
        program, table = self.program, self.program.idare_performans_tablosu
        if not table:
            return
        page = urls.administration_table(program)
        base = ("idare_performans_tablosu",)
        source = _table_name("İdare Performans Tablosu", table.tablo_no)
        targets = {t.kod: t for a in program.amaclar for g in a.hedefler for t in g.performans_hedefleri}
        columns = (("butce", "bütçe"), ("butce_disi", "bütçe dışı"), ("toplam", "toplam"))
        rows_by_target: dict[str, list[int]] = {}
        for r, row in enumerate(table.satirlar):
            rows_by_target.setdefault(row.performans_hedefi, []).append(r)
        for code, indexes in rows_by_target.items():
            target = targets.get(code)
            if target is None:
                continue
            cost = target_cost(target)
            for column, title in columns:
                stated = [getattr(table.satirlar[r], column) for r in indexes]
                if not _any(stated):
                    continue
                self.compare(
                    f"ipt-{urls.code_slug(code)}-{column}",
                    f"PH {code}: performans hedefi tablosundaki {title} = İdare Performans Tablosundaki {title}"
                    + (f" ({len(indexes)} satırın toplamı)" if len(indexes) > 1 else ""),
                    getattr(cost, column), stated, base + ("satirlar", indexes[0], column), urls.target(program, code), source,
                    against="İdare Performans Tablosunda",
                )
        totals = {
            "performans_hedefleri_toplami": table.performans_hedefleri_toplami,
            "genel_yonetim_giderleri": table.genel_yonetim_giderleri,
            "diger_idarelere_transfer": table.diger_idarelere_transfer,
        }
        if table.performans_hedefleri_toplami:
            for column, title in columns:
                self.compare(
                    f"ipt-ph-toplami-{column}", f"İdare Performans Tablosu: satırların {title} toplamı = performans hedefleri maliyetleri toplamı",
                    getattr(table.performans_hedefleri_toplami, column), [getattr(r, column) for r in table.satirlar],
                    base + ("performans_hedefleri_toplami", column), page, source,
                )
        if table.genel_toplam:
            for column, title in columns:
                self.compare(
                    f"ipt-genel-toplam-{column}", f"İdare Performans Tablosu: performans hedefleri + genel yönetim giderleri + diğer idarelere transfer = genel toplam ({title})",
                    getattr(table.genel_toplam, column), [getattr(row, column) for row in totals.values() if row],
                    base + ("genel_toplam", column), page, source,
                )
        for i, row in enumerate(table.satirlar):
            for column, title in columns if row.faaliyet_satirlari else ():
                self.compare(
                    f"ipt-{i + 1}-faaliyetler-{column}", f"İdare Performans Tablosu, PH {row.performans_hedefi}: faaliyet satırlarının {title} toplamı = hedefin satırı",
                    getattr(row, column), [getattr(a, column) for a in row.faaliyet_satirlari], base + ("satirlar", i, column), page, source,
                )
        target_rows = [(f"PH {r.performans_hedefi}", ("satirlar", i), r) for i, r in enumerate(table.satirlar)]
        activity_rows = [
            (f"PH {r.performans_hedefi}, {a.kod + '. ' if a.kod else ''}faaliyet", ("satirlar", i, "faaliyet_satirlari", j), a)
            for i, r in enumerate(table.satirlar) for j, a in enumerate(r.faaliyet_satirlari)
        ]
        labels = {
            "performans_hedefleri_toplami": "performans hedefleri maliyetleri toplamı",
            "genel_yonetim_giderleri": "genel yönetim giderleri",
            "diger_idarelere_transfer": "diğer idarelere transfer",
        }
        total_rows = [(labels[name], (name,), row) for name, row in totals.items() if row]
        for column, title in columns:
            for rows in (target_rows, activity_rows, total_rows):
                self.shares(table, rows, totals, column, title, base, page, source)

    def shares(self, table, rows, totals, column, title, base, page, source):
        """Documents compute shares on different wholes; check against the one the document used."""
        stated_rows = [(label, where, row) for label, where, row in rows if getattr(row, f"{column}_payi") is not None]
        candidates = {_sum(getattr(row, column) for row in totals.values() if row)}
        for row in (table.performans_hedefleri_toplami, table.genel_toplam):
            if row and getattr(row, column):
                candidates.add(getattr(row, column))
        candidates.discard(ZERO)
        if not stated_rows or not candidates:
            return

        def share(row, whole):
            return (_sum([getattr(row, column)]) * 100 / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)

        def fits(whole):
            return sum(abs(getattr(row, f"{column}_payi") - share(row, whole)) <= SHARE_TOLERANCE for _, _, row in stated_rows)

        whole = max(sorted(candidates), key=fits)
        for label, where, row in stated_rows:
            self.compare(
                f"ipt-pay-{'-'.join(str(w) for w in where)}-{column}".replace("_", "-"),
                f"İdare Performans Tablosu, {label}: {title} payı (toplam {money(whole)} içinde)",
                getattr(row, f"{column}_payi"), [share(row, whole)], base + where + (f"{column}_payi",), page, source,
                share=True, against="tutarından hesaplanan pay",
            )

    def resource_need(self):
        program, table = self.program, self.program.toplam_kaynak_ihtiyaci
        if not table:
            return
        page = urls.resource_need(program)
        base = ("toplam_kaynak_ihtiyaci",)
        source = _table_name("Toplam Kaynak İhtiyacı", table.tablo_no)
        columns = (("faaliyet", "faaliyetler"), ("genel_yonetim", "genel yönetim giderleri"), ("diger_idarelere_transfer", "diğer idarelere transfer"), ("toplam", "genel toplam"))

        def row_check(group: str, index: int, row: NeedRow):
            self.compare(
                f"tki-{group}-{index}-satir", f"Toplam Kaynak İhtiyacı, {row.kod or ''} {row.ad}: sütunların toplamı = genel toplam".replace(",  ", ", "),
                row.toplam, [row.faaliyet, row.genel_yonetim, row.diger_idarelere_transfer], base + (group, index, "toplam"), page, source,
            )

        def column_checks(key: str, label: str, stated: NeedTotals | None, parts: list, path: tuple):
            if stated is None:
                return
            for column, title in columns:
                self.compare(f"tki-{key}-{column}", f"Toplam Kaynak İhtiyacı: {label} ({title})", getattr(stated, column), [getattr(p, column) for p in parts if p], path + (column,), page, source)

        for i, row in enumerate(table.butce):
            row_check("butce", i, row)
        for i, row in enumerate(table.butce_disi):
            row_check("butce-disi", i, row)
        column_checks("butce-toplami", "ekonomik kodların toplamı = toplam bütçe kaynak ihtiyacı", table.butce_toplami, table.butce, base + ("butce_toplami",))
        column_checks("butce-disi-toplami", "bütçe dışı kaynakların toplamı", table.butce_disi_toplami, table.butce_disi, base + ("butce_disi_toplami",))
        column_checks("genel-toplam", "bütçe + bütçe dışı = toplam kaynak ihtiyacı", table.genel_toplam, [table.butce_toplami, table.butce_disi_toplami], base + ("genel_toplam",))

        cost_tables = [t.maliyet_tablosu for t in self._all_targets() if t.maliyet_tablosu]
        cost_tables += [a.maliyet_tablosu for t in self._all_targets() for a in t.faaliyetler if a.maliyet_tablosu]
        if cost_tables:
            for i, row in enumerate(table.butce):
                if row.kod:
                    lines = [line.tutar for ct in cost_tables for line in ct.ekonomik_kodlar if line.kod == row.kod]
                    self.compare(
                        f"tki-kod-{row.kod}", f"Toplam Kaynak İhtiyacı, {row.kod} {row.ad}: faaliyetler sütunu = maliyet tablolarındaki {row.kod} satırlarının toplamı",
                        row.faaliyet, lines, base + ("butce", i, "faaliyet"), page, source,
                    )
        administration = program.idare_performans_tablosu
        if administration and administration.genel_toplam:
            self.compare(
                "tki-ipt-genel-toplam", "Toplam Kaynak İhtiyacı'nın genel toplamı = İdare Performans Tablosu'nun genel toplamı",
                table.genel_toplam.toplam, [administration.genel_toplam.toplam], base + ("genel_toplam", "toplam"), page, source,
                against="İdare Performans Tablosunda",
            )
        targets_total = _sum(target_cost(t).toplam for t in self._all_targets())
        self.compare(
            "tki-faaliyet-toplami", "Toplam Kaynak İhtiyacı: faaliyetler sütunu = performans hedefi tablolarının toplamı",
            table.genel_toplam.faaliyet, [targets_total], base + ("genel_toplam", "faaliyet"), page, source,
            against="performans hedefi tablolarının toplamı",
        )

    def units_table(self):
        table = self.program.harcama_birimleri_tablosu
        if not table:
            return
        names = {}
        for unit in self.program.birimler:
            for name in [unit.ad, *unit.varyantlar]:
                names[name] = unit.ad
        targets = {t.kod: t for t in self._all_targets()}
        mismatches = 0
        for row in table.satirlar:
            target = targets.get(row.performans_hedefi)
            if not target:
                continue
            printed = {names.get(n, n) for n in row.birimler}
            responsible = {names.get(n, n) for n in target.sorumlu_birimler} | {names.get(a.sorumlu_birim, a.sorumlu_birim) for a in target.faaliyetler if a.sorumlu_birim}
            if printed != responsible:
                mismatches += 1
        self.report.requirements.append(
            Requirement("Harcama birimleri tablosu performans hedefi tablolarıyla aynı birimleri gösteriyor", mismatches == 0, f"{mismatches} performans hedefinde birimler farklı" if mismatches else "")
        )

    def _all_targets(self):
        return [target for _, target in self.program.located_targets()]

    def completeness(self):
        program = self.program
        columns = sorted({c.yil for c in program.gosterge_sutunlari})
        located = program.located_targets()
        indicators = [(path + ("gostergeler", i), indicator) for path, t in located for i, indicator in enumerate(t.gostergeler)]
        empty = [(path, [y for y in columns if i.degerler.get(y) is None]) for path, i in indicators]
        partial = [(path + ("degerler", years[0]), "boş yıl: " + ", ".join(map(str, years))) for path, years in empty if years]
        no_measure = [(path + ("birim",), "ölçü birimi yok") for path, i in indicators if i.deger_turu == "sayi" and not i.birim]
        without_unit = [(path + ("faaliyetler", f, "sorumlu_birim"), "sorumlu birim yok") for path, t in located if not t.sorumlu_birimler for f, a in enumerate(t.faaliyetler) if not a.sorumlu_birim]
        no_indicator = [(path, t) for path, t in located if not t.gostergeler]
        no_cost = [(path, t) for path, t in located if not (t.maliyet or t.maliyet_tablosu or any(a.maliyet for a in t.faaliyetler))]
        no_code_table = [(path + ("maliyet_tablosu",), "ekonomik kod tablosu yok") for path, t in located if not t.maliyet_tablosu and not any(a.maliyet_tablosu for a in t.faaliyetler)]

        def codes(found):
            return ", ".join(target.kod for _, target in found)

        def at(found, field: str, note: str):
            return [(path + (field,), note) for path, _ in found]

        self.report.requirements[:0] = [
            Requirement("İdare Performans Tablosu", program.idare_performans_tablosu is not None),
            Requirement("Toplam Kaynak İhtiyacı tablosu", program.toplam_kaynak_ihtiyaci is not None),
            Requirement("Her performans hedefinin en az bir göstergesi var", not no_indicator, f"göstergesi olmayan: {codes(no_indicator)}" if no_indicator else "", at(no_indicator, "gostergeler", "göstergesi yok")),
            Requirement("Göstergelerin üç yıllık değerleri eksiksiz", not partial, f"{len(indicators)} göstergeden {len(partial)} tanesinde en az bir yıl boş" if partial else "", partial),
            Requirement("Sayı değerli göstergelerin ölçü birimi yazılmış", not no_measure, f"{len(no_measure)} göstergede birim yok (adet, km, %, kişi …)" if no_measure else "", no_measure),
            Requirement("Her faaliyetin sorumlu harcama birimi var", not without_unit, f"{len(without_unit)} faaliyette sorumlu birim yok" if without_unit else "", without_unit),
            Requirement("Her performans hedefinin maliyeti var", not no_cost, f"maliyeti olmayan: {codes(no_cost)}" if no_cost else "", at(no_cost, "maliyet", "maliyeti yok")),
            Requirement("Maliyetler ekonomik koda göre ayrılmış", not no_code_table, f"{len(no_code_table)} performans hedefinde ekonomik kod tablosu yok" if no_code_table else "", no_code_table),
            Requirement("Meclis kararı (tarih ve sayı) belirtilmiş", bool(program.kaynak.meclis_karari)),
        ]


def warnings(report: AuditReport, document: Document) -> list[Problem]:
    """Differences the source itself has: shown to the author as warnings, never as errors."""
    return [
        document.problem(f.path, f"{f.title}. {f.explanation()}", "uyarı")
        for f in report.failed
    ]


def audit(program: Program) -> AuditReport:
    auditor = _Auditor(program)
    auditor.targets()
    auditor.administration_table()
    auditor.resource_need()
    auditor.units_table()
    auditor.completeness()
    return auditor.report
