"""Kayseri 2025: the committed YAML is what tools/kayseri.py makes of the seed, and it says what the source says."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest
import yaml

from .transcription import REPO, Transcription

SOURCE = Transcription("kayseri", 2025, "004_c543939527adc2fe.txt")
SCRIPT, COMMITTED, SEED = SOURCE.script, SOURCE.committed, SOURCE.seed
pytestmark = SOURCE.needs_seed
generated, program = SOURCE.fixtures()


def targets(program):
    return [p for a in program["amaclar"] for g in a["hedefler"] for p in g["performans_hedefleri"]]


def target(program, kod):
    return next(p for p in targets(program) if p["kod"] == kod)


def activity(program, kod):
    return next(f for p in targets(program) for f in p["faaliyetler"] if f["kod"] == kod)


def test_reproducible(generated):
    assert generated.read_bytes() == COMMITTED.read_bytes()


def test_validates_against_schema():
    sys.path.insert(0, str(REPO / "generator"))
    from seffaf.schema import Program

    Program.model_validate(yaml.safe_load(COMMITTED.read_text(encoding="utf-8")))


def test_identity(program):
    assert program["belediye"] == {
        "ad": "Kayseri Büyükşehir Belediyesi",
        "slug": "kayseri",
        "il": "Kayseri",
        "tur": "buyuksehir",
        "web": "www.kayseri.bel.tr",
    }
    assert program["yil"] == 2025
    assert program["kaynak"]["dosya"] == SEED.name
    assert "meclis_karari" not in program["kaynak"]  # none printed anywhere
    assert [(c["yil"], c["tur"]) for c in program["gosterge_sutunlari"]] == [
        (2023, "gerceklesen"),
        (2024, "tahmin"),
        (2025, "hedef"),
    ]


def test_counts(program):
    phs = targets(program)
    assert len(program["amaclar"]) == 7
    assert sum(len(a["hedefler"]) for a in program["amaclar"]) == 32
    assert [len(a["hedefler"]) for a in program["amaclar"]] == [4, 5, 5, 4, 4, 5, 5]
    assert [p["kod"] for p in phs] == [str(i) for i in range(1, 33)]
    assert sum(len(p["gostergeler"]) for p in phs) == 157
    assert sum(len(p["faaliyetler"]) for p in phs) == 123
    per_ph = " ".join(f"{len(p['gostergeler'])}/{len(p['faaliyetler'])}" for p in phs)
    assert per_ph == (
        "6/4 7/1 6/8 4/4 6/7 3/3 8/6 5/1 5/4 3/8 5/5 5/3 5/3 9/3 5/1 6/1 "
        "4/8 4/6 4/5 2/2 6/5 5/4 4/2 4/2 5/1 5/4 4/4 4/2 5/2 5/5 5/6 3/3"
    )
    # global activity numbers from the İdare Performans Tablosu
    assert [f["kod"] for p in phs for f in p["faaliyetler"]] == [str(i) for i in range(1, 124)]
    assert all(f.get("maliyet_tablosu") for p in phs for f in p["faaliyetler"])
    assert len({u["ad"] for u in program["birimler"]}) == 25


def test_codes(program):
    assert [a["kod"] for a in program["amaclar"]] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [g["kod"] for g in program["amaclar"][2]["hedefler"]] == ["3.1", "3.2", "3.3", "3.4", "3.5"]


def test_figures(program):
    ph1 = target(program, "1")
    assert ph1["maliyet"] == {"butce": 50000000, "butce_disi": 0, "toplam": 50000000}
    a1 = ph1["faaliyetler"][0]
    assert a1["ad"] == "Revizyon nazım imar planları yapma faaliyeti"
    assert a1["sorumlu_birim"] == "İmar ve Şehircilik Daire Başkanlığı"
    assert [(c["kod"], c["tutar"]) for c in a1["maliyet_tablosu"]["ekonomik_kodlar"]] == [("03", 437000), ("06", 7195000)]
    # L3333: personnel activity of PH29, code 03
    a109 = activity(program, "109")
    assert a109["maliyet"]["toplam"] == 4098990000
    assert {c["kod"]: c["tutar"] for c in a109["maliyet_tablosu"]["ekonomik_kodlar"]}["03"] == 3051790000
    # PH27 odd amounts
    assert activity(program, "104")["maliyet"]["toplam"] == Decimal("60700")
    # PH20: bütçe dışı 200.000.000,00 as Diğer Yurt İçi? the FMT says where it comes from
    ph20 = target(program, "20")
    assert ph20["maliyet"] == {"butce": 725412000, "butce_disi": 200000000, "toplam": 925412000}
    ipt = program["idare_performans_tablosu"]
    assert ipt["genel_toplam"]["toplam"] == 17000000000
    assert ipt["genel_toplam"]["butce"] == 16100000000
    assert ipt["performans_hedefleri_toplami"]["toplam"] == 14822074000
    assert ipt["genel_yonetim_giderleri"]["butce"] == 2177926000
    assert ipt["satirlar"][0]["butce_payi"] == pytest.approx(0.31)
    assert len(ipt["satirlar"]) == 32
    tki = program["toplam_kaynak_ihtiyaci"]
    row03 = next(r for r in tki["butce"] if r["kod"] == "03")
    assert (row03["faaliyet"], row03["genel_yonetim"], row03["toplam"]) == (4479656000, 131199000, 4610855000)
    assert tki["genel_toplam"]["toplam"] == 17000000000
    assert [r["kod"] for r in tki["butce"]] == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]


def test_indicator_values(program):
    ph1 = target(program, "1")
    assert ph1["gostergeler"][5]["degerler"] == {2023: 13157300, 2024: 243000, 2025: 100000}
    assert ph1["gostergeler"][5]["birim"] == "yıl/m²"
    ph2 = target(program, "2")
    assert ph2["gostergeler"][0]["degerler"][2023] == pytest.approx(63.96)
    # "-" is no value, not zero (L1290)
    ph5 = target(program, "5")
    assert ph5["gostergeler"][1]["degerler"] == {2023: None, 2024: 1, 2025: 11}
    assert ph5["gostergeler"][2]["degerler"][2024] == 0


def test_totals_add_up_where_the_notes_say(program):
    phs = targets(program)
    for p in phs:
        assert sum(f["maliyet"]["toplam"] for f in p["faaliyetler"]) == p["maliyet"]["toplam"]
        for f in p["faaliyetler"]:
            t = f["maliyet_tablosu"]
            assert sum(c["tutar"] for c in t["ekonomik_kodlar"]) == t["butce_toplami"]
            assert t["toplam"] == f["maliyet"]["toplam"]
    ipt = program["idare_performans_tablosu"]
    assert sum(r["toplam"] for r in ipt["satirlar"]) == ipt["performans_hedefleri_toplami"]["toplam"]


# --- documented quirks -------------------------------------------------------


def test_fmt_wrong_ph_labels_are_noted(program):
    assert "L940" in activity(program, "1")["not"]
    a123 = activity(program, "123")
    assert "(31)" in a123["not"] and "L3613" in a123["not"]
    assert a123 in target(program, "32")["faaliyetler"]


def test_fmt_copied_activity_name(program):
    ph24 = target(program, "24")
    second = ph24["faaliyetler"][1]
    assert second["ad"] == "Afet planlama ve eğitim faaliyetleri."
    assert second["maliyet_tablosu"]["toplam"] == 600000
    assert "L3003" in second["not"]
    assert "Afet risk azaltma ve deprem zemin inceleme faaliyetleri" not in second.get("varyantlar", [])


def test_blank_offbudget_cells_are_null(program):
    kardes = target(program, "19")["faaliyetler"][4]
    assert kardes["ad"] == "Kardeş şehir faaliyetleri"
    assert kardes["maliyet"] == {"butce": 100000, "butce_disi": None, "toplam": 100000}
    assert target(program, "28")["maliyet"]["butce_disi"] is None
    assert kardes["maliyet_tablosu"]["butce_disi"]["diger_yurt_ici"] == 0


def test_lost_tki_cell(program):
    tki = program["toplam_kaynak_ihtiyaci"]
    assert tki["butce_disi_toplami"] == {
        "faaliyet": 900000000,
        "genel_yonetim": 0,
        "diger_idarelere_transfer": 0,
        "toplam": None,
    }
    assert "Genel Toplam hücresi" in tki["not"]
    assert "4.519.656.000,00" in tki["not"]  # the 03/05 reclassification is recorded


def test_unit_table(program):
    rows = program["harcama_birimleri_tablosu"]["satirlar"]
    assert len(rows) == 32
    assert sum(len(r["faaliyetler"]) for r in rows) == 122
    assert len(rows[18]["faaliyetler"]) == 4  # P.H.19 omits "Kardeş şehir faaliyetleri"
    assert "Kardeş şehir faaliyetleri" in target(program, "19")["not"]
    assert rows[3]["birimler"] == ["Etüt Projeler Daire Başkanlığı"]
    units = {u["ad"]: u.get("varyantlar", []) for u in program["birimler"]}
    assert units["Etüt ve Projeler Daire Başkanlığı"] == ["Etüt Projeler Daire Başkanlığı"]
    assert units["İşletmeler ve İştirakler Daire Başkanlığı"] == ["İşletme ve İştirakler Daire Başkanlığı"]
    bitkisel = target(program, "17")["faaliyetler"][2]
    assert "bitkisel" in bitkisel["ad"] and "L3904" in bitkisel["not"]
    all_units = set(units)
    for p in targets(program):
        assert set(p["sorumlu_birimler"]) <= all_units
        assert all(f["sorumlu_birim"] in all_units for f in p["faaliyetler"])


def test_titles_and_variants(program):
    ph1 = target(program, "1")
    assert ph1["ad"].startswith("Kentın ihtiyaçlarını")  # PH table wording kept
    assert any(v.startswith("Kentlin") for v in ph1["varyantlar"])  # 2.6 wording
    assert program["amaclar"][0]["varyantlar"][0].startswith("Şehrimizin doğal, tarihi ve kültürel mirasına uyumlu")
    # L1281 lost its "P" ("ERFORMANS HEDEFİ TABLOSU") and is still PH 5
    assert target(program, "5")["ad"].startswith("Trafik akış hızını kontrol ederek")


def test_activity_shares_of_the_administration_table(program):
    """Each of the 123 activity rows with its amounts and three shares, as printed (369 shares)."""
    rows = [a for r in program["idare_performans_tablosu"]["satirlar"] for a in r["faaliyet_satirlari"]]
    assert len(rows) == 123 and [a["kod"] for a in rows] == [str(n) for n in range(1, 124)]
    assert sum(a[k] is not None for a in rows for k in ("butce_payi", "butce_disi_payi", "toplam_payi")) == 369
    first = rows[0]
    assert (first["ad"], first["butce"], first["butce_payi"], first["toplam_payi"]) == ("Revizyon nazım imar planları yapma faaliyeti", 7632000, 0.05, 0.04)


def test_text_repairs(program):
    recorded = {r["basilan"]: r for r in program["duzeltmeler"]}
    assert recorded["Yolcu ve ylık terminalleri"]["aktarilan"] == "Yolcu ve yük terminalleri"
    assert {r["bolum"] for r in recorded.values()} == {"Genel Bilgiler: 1.1. Yetki, Görev ve Sorumluluklar"}
    yetki = program["genel_bilgiler"][0]["metin"]
    assert "ř" not in yetki and "đ" not in yetki
    assert "iřlettiđi" not in yetki and "işlettiği" in yetki
    assert "Yolcu ve yük terminalleri" in yetki
    assert "<https" not in program["genel_bilgiler"][3]["metin"]
    ph27 = target(program, "27")
    assert "bilimsel düşünceye" in ph27["gostergeler"][3]["aciklama"]
    assert "tanıştırıp" in ph27["aciklama"]
    text = COMMITTED.read_text(encoding="utf-8")
    assert "<i>" not in text and "<ul" not in text and "m ²" not in text


def test_html_lists_split(program):
    ind = target(program, "4")["gostergeler"][0]
    items = ind["aciklama"].split("\n")
    assert items[0] == "- Alzheimer Merkezi Projesi" and len(items) == 9
    assert "L1202" in ind["not"]
    assert target(program, "20")["gostergeler"][1]["aciklama"].startswith("- Kayseri merkez ve ilçelerinde")


def test_ambiguous_indicator_cell(program):
    kaymek = next(g for g in target(program, "22")["gostergeler"] if g["ad"].startswith("KAYMEK Eğitim Merkezlerinde eğitim alan"))
    assert kaymek["degerler"] == {2023: 38000, 2024: 40000, 2025: 45000}
    assert '"40.00"' in kaymek["not"]


def test_general_information(program):
    titles = [s["baslik"] for s in program["genel_bilgiler"]]
    assert titles[:5] == [
        "1.1. Yetki, Görev ve Sorumluluklar",
        "1.2. Teşkilat Yapısı",
        "1.3. Fiziksel Kaynaklar",
        "1.4. Bilgi ve Teknolojik Kaynaklar",
        "1.5. İnsan Kaynakları",
    ]
    teskilat = program["genel_bilgiler"][1]["tablolar"]
    uyeler = next(t for t in teskilat if t["baslik"] == "MECLİS ÜYELERİ")
    assert len(uyeler["satirlar"]) == 70  # two pages merged, repeated header dropped
    fiziki = program["genel_bilgiler"][2]["tablolar"]
    assert len(fiziki) == 1 and fiziki[0]["sutunlar"] == ["Türü", "İlçe", "Birim m² /Adet", "Açıklama"]
    assert ["Türü", "İlçe", "Birim m² /Adet", "Açıklama"] not in fiziki[0]["satirlar"]
    memur = program["genel_bilgiler"][4]["tablolar"][0]
    assert memur["baslik"] == "Memur" and memur["satirlar"][-1] == ["TOPLAM", "", "1.126"]
    assert program["sunus"][0]["metin"].startswith("Türkiye'deki örnek yerel yönetim")


def test_aims_carry_their_service_area_as_titled_in_2_3(program):
    areas = [aim["hizmet_alani"] for aim in program["amaclar"]]
    assert areas[0] == "İmar ve Şehircilik Hizmetleri Yönetimi"
    assert areas[6] == "Kurumsal Kapasite Yönetimi"
    assert len(set(areas)) == 7
