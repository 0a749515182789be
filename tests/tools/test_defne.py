"""tools/defne.py reproduces programs/defne/2025.yml and the figures match the source (seed 000)."""

from __future__ import annotations

import sys

import pytest

from .transcription import REPO, Transcription

SOURCE = Transcription("defne", 2025, "000_8dc14520a4400630.txt")
SCRIPT, COMMITTED, SEED = SOURCE.script, SOURCE.committed, SOURCE.seed
pytestmark = SOURCE.needs_seed
generated, program = SOURCE.fixtures()


def targets(program) -> dict:
    return {p["kod"]: p for a in program["amaclar"] for g in a["hedefler"] for p in g["performans_hedefleri"]}


def test_reproducible(generated):
    assert generated.read_bytes() == COMMITTED.read_bytes()


def test_validates(program):
    sys.path.insert(0, str(REPO / "generator"))
    from seffaf.schema import Program

    Program.model_validate(program)


def test_counts(program):
    aims = program["amaclar"]
    goals = [g for a in aims for g in a["hedefler"]]
    phs = list(targets(program).values())
    assert len(aims) == 8
    assert [len(a["hedefler"]) for a in aims] == [5, 5, 3, 4, 4, 3, 3, 7]
    assert len(goals) == 34 and all(len(g["performans_hedefleri"]) == 1 for g in goals)
    assert len(phs) == 34
    assert [p["tablo_no"] for p in phs] == list(range(1, 35))
    assert sum(len(p["gostergeler"]) for p in phs) == 205
    # 144 PH-table rows + 2 activities only the FM/Tablo 15/Tablo 17 lists have (2.2.1, 6.1.1)
    assert sum(len(p["faaliyetler"]) for p in phs) == 146
    assert len(program["birimler"]) == 21
    assert len(program["idare_performans_tablosu"]["satirlar"]) == 34
    assert sum(len(r["faaliyetler"]) for r in program["idare_performans_tablosu"]["satirlar"]) == 145
    assert sum(len(r["faaliyetler"]) for r in program["harcama_birimleri_tablosu"]["satirlar"]) == 145


def test_target_costs(program):
    ph = targets(program)
    assert ph["1.1.1"]["maliyet"] == {"butce": 7650000, "butce_disi": None, "toplam": 7650000}
    assert ph["2.1.1"]["maliyet"]["toplam"] == 201100000
    assert ph["5.1.1"]["maliyet"]["toplam"] == 275000000
    assert ph["8.2.1"]["maliyet"]["toplam"] == 375000000
    assert ph["1.3.1"]["maliyet"] == {"butce": None, "butce_disi": None, "toplam": None}
    assert sum(p["maliyet"]["toplam"] or 0 for p in ph.values()) == 1203495000


def test_merged_cost_cell_not_on_first_activity(program):
    """The PH tables print the target's cost on activity row 1 (merged cell); only three state per-activity costs."""
    ph = targets(program)
    priced = sorted(code for code, p in ph.items() if any("maliyet" in a for a in p["faaliyetler"]))
    assert priced == ["4.3.1", "8.3.1", "8.5.1"]
    assert "maliyet" not in ph["1.1.1"]["faaliyetler"][0]
    assert [a["maliyet"]["butce"] for a in ph["4.3.1"]["faaliyetler"]] == [3310000, 1500000]
    assert [a["maliyet"]["toplam"] for a in ph["8.3.1"]["faaliyetler"]] == [1300000, 650000, 850000, 1950000, 1250000]
    assert sum(a["maliyet"]["toplam"] for a in ph["8.5.1"]["faaliyetler"]) == ph["8.5.1"]["maliyet"]["toplam"] == 3375000
    assert "birleştirilmiş" in ph["1.3.1"]["not"]  # its "-" cells sit on row 3


def test_cost_tables(program):
    ph = targets(program)
    fm = ph["1.1.1"]["maliyet_tablosu"]
    lines = {line["kod"]: line for line in fm["ekonomik_kodlar"]}
    assert [line["kod"] for line in fm["ekonomik_kodlar"]] == ["01", "02", "03", "04", "05", "06", "07", "08"]
    assert lines["01"]["tutar"] == 6000000 and lines["02"]["ad"] == "SGK Devlet Primi Giderleri"
    assert lines["04"]["tutar"] is None
    assert fm["butce_toplami"] == fm["toplam"] == 7650000 and fm["butce_disi_toplami"] is None
    assert fm["aciklama"].startswith("Vatandaşlardan gelen talepler")
    assert "aciklama" not in ph["1.2.1"]["maliyet_tablosu"]  # empty Açıklama cell
    # FM -29: 05 with transfers to other administrations as sub-rows, no 08, a 09 line
    fm = ph["8.2.1"]["maliyet_tablosu"]
    lines = {line["kod"]: line for line in fm["ekonomik_kodlar"]}
    assert list(lines) == ["01", "02", "03", "04", "05", "06", "07", "09"]
    assert lines["05"]["tutar"] == 3000000
    assert [(s["ad"], s["tutar"]) for s in lines["05"]["alt_kalemler"]] == [
        ("Hatay Büyükşehir Belediyesi (HBB)", 176000000),
        ("Hatay Su ve Kanalizasyon İdaresi (HATSU)", 60000000),
        ("İller Bankası", 7500000),
    ]
    assert lines["09"] == {"kod": "09", "ad": "Yedek Ödenekler", "tutar": 105500000}
    assert fm["toplam"] == 375000000
    for p in ph.values():  # every FM table adds up and equals its PH table's Genel Toplam
        t = p["maliyet_tablosu"]
        parts = sum((x["tutar"] or 0) + sum(s["tutar"] for s in x.get("alt_kalemler", [])) for x in t["ekonomik_kodlar"])
        assert parts == (t["butce_toplami"] or 0) == (p["maliyet"]["toplam"] or 0)


def test_administration_table(program):
    ipt = program["idare_performans_tablosu"]
    rows = {r["performans_hedefi"]: r for r in ipt["satirlar"]}
    assert rows["1.1.1"]["butce"] == 7650000 and rows["1.1.1"]["butce_payi"] == pytest.approx(0.64)
    assert rows["1.3.1"]["butce"] is None and rows["1.3.1"]["butce_payi"] == 0
    # printed "₺800.00" / "₺760.00" kept as printed, with a note
    assert rows["3.2.1"]["butce"] == 800 and rows["3.2.1"]["toplam"] == 800 and "800.000" in rows["3.2.1"]["not"]
    assert rows["3.3.1"]["butce"] == 760 and "760.000" in rows["3.3.1"]["not"]
    assert rows["4.2.1"]["butce"] == 800
    # PH 8.2.1: Tablo 15 leaves the transfers out
    assert rows["8.2.1"]["toplam"] == 131500000 and "375.000.000" in rows["8.2.1"]["not"]
    # rows continued after a page break (L2401, L2423, L2435) are joined
    assert len(rows["1.4.1"]["faaliyetler"]) == 5
    assert rows["5.2.1"]["faaliyetler"][-1].startswith("Sahipsiz köpeklerin")
    assert len(rows["8.2.1"]["faaliyetler"]) == 5
    # lost bullets split (L2410, L2425)
    assert rows["3.2.1"]["faaliyetler"][1] == "Kadın konukları açılması"
    assert len(rows["5.4.1"]["faaliyetler"]) == 5
    assert ipt["performans_hedefleri_toplami"]["butce"] == 959995000
    assert ipt["performans_hedefleri_toplami"]["butce_payi"] == pytest.approx(79.77)
    assert ipt["genel_yonetim_giderleri"]["butce"] is None
    assert ipt["genel_toplam"]["toplam"] == 959995000
    assert ipt["diger_idarelere_transfer"]["butce"] == 243500000


def test_resource_need(program):
    need = program["toplam_kaynak_ihtiyaci"]
    rows = {r["kod"]: r for r in need["butce"]}
    assert list(rows) == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    assert rows["01"]["faaliyet"] == 161100000 and rows["01"]["diger_idarelere_transfer"] is None
    assert rows["05"]["diger_idarelere_transfer"] == 243500000 and rows["05"]["toplam"] == 247902000
    assert rows["08"]["faaliyet"] == 0  # printed "₺0", not "-"
    assert rows["09"]["ad"] == "Yedek Ödeme"
    assert need["butce_toplami"]["toplam"] == 1203495000
    assert need["genel_toplam"] == {"faaliyet": 959995000, "genel_yonetim": None,
                                    "diger_idarelere_transfer": 243500000, "toplam": 1203495000}
    assert [r["ad"] for r in need["butce_disi"]] == ["Döner Sermaye", "Diğer Yurt İçi", "Yurt Dışı"]
    # each code's Faaliyet Toplamı is the sum of the 34 FM tables (05 without its transfer sub-rows)
    for code, row in rows.items():
        total = sum(x["tutar"] or 0 for p in targets(program).values()
                    for x in p["maliyet_tablosu"]["ekonomik_kodlar"] if x["kod"] == code)
        assert total == row["faaliyet"], code


def test_indicators(program):
    ind = {i["kod"]: i for p in targets(program).values() for i in p["gostergeler"]}
    assert len(ind) == 205
    assert ind["PG 1.1.1"]["degerler"] == {2023: None, 2024: 5, 2025: 6}
    assert ind["PG 1.1.3"]["not"].startswith("Kaynakta 'PG1.1.3'")
    assert ind["PG 1.1.2"]["birim"] == "%"
    assert ind["PG 2.1.5"]["birim"] == "m³" and "m³" in ind["PG 2.1.5"]["ad"]
    assert ind["PG 2.1.2"]["degerler"][2023] == pytest.approx(0.5)
    assert ind["PG 5.4.4"]["degerler"][2023] == pytest.approx(1.68) and "virgül" in ind["PG 5.4.4"]["not"]
    assert ind["PG 8.3.2"]["degerler"] == {2023: 333, 2024: 1010, 2025: 1030}
    assert ind["PG 8.3.3"]["degerler"] == {2023: 12374, 2024: 19070, 2025: 19000}
    assert ind["PG 8.2.4"]["degerler"][2023] == pytest.approx(90.4)
    assert ind["PG 5.1.1"]["deger_turu"] == "metin"
    assert ind["PG 5.1.1"]["degerler"] == {2023: "60 bin", 2024: "60 bin", 2025: "50 bin"}
    assert ind["PG 3.1.1"]["degerler"] == {2023: "Binlerce", 2024: "100", 2025: "2000"}
    assert ind["PG 2.4.1"]["degerler"][2025] == "1 Adet rapor"
    assert ind["PG 1.3.1"]["degerler"] == {2023: None, 2024: None, 2025: None}
    assert ind["PG 8.1.1"]["degerler"] == {2023: None, 2024: 1, 2025: None}
    assert ind["PG 4.3.1"]["aciklama"].startswith("Dursunlu, Gümüşgöze")
    codes = [i["kod"] for i in targets(program)["2.2.1"]["gostergeler"]]
    assert codes[:4] == ["PG 2.2.1", "PG 2.2.2", "PG 2.2.6", "PG 2.2.3"]  # source order kept


def test_activities_and_variants(program):
    ph = targets(program)
    acts = ph["6.1.1"]["faaliyetler"]
    assert [a["ad"] for a in acts] == ["Ruhsatsız ve kaçak yapılarla mücadele edilmesi",
                                        "Mevzuata aykırı binalara yıkım kararı alınması"]
    assert "kod" not in acts[1] and "PH tablosunda yok" in acts[1]["not"]
    acts = ph["2.2.1"]["faaliyetler"]
    assert len(acts) == 8 and acts[7]["ad"].startswith("Kent meydanları")
    assert acts[3]["ad"] == "Gençlik kültür ve sanat evleri kurulması, Kültür merkezleri yapılması"
    assert "varyantlar" not in acts[3] and "iki ayrı" in acts[3]["not"]
    acts = ph["5.1.1"]["faaliyetler"]
    assert [a.get("kod") for a in acts] == ["1", "2", "3", None, "4"]  # unnumbered row L1570
    assert acts[0]["ad"].startswith("Eysel") and acts[0]["varyantlar"] == ["Evsel ve katı atıkların toplanması ve nakli"]
    assert ph["2.1.1"]["faaliyetler"][1]["varyantlar"] == [
        "Ulaşımında yaya, bisiklet ve toplu taşıma ağırlıklı, engelsiz bir yol ağı oluşturulması"]  # lost bullets L984
    assert ph["2.4.1"]["faaliyetler"][6]["varyantlar"] == ["Bütünsel üretim ve uygulama alanları yaratılması"]
    assert ph["1.3.1"]["ad"].startswith("Kent Bilgi Sisteminin kurularak")
    assert ph["1.3.1"]["varyantlar"] == ["Kent Bilgi Sisteminin kurarak imar hizmetlerinde etkin kullanımını sağlamak"]
    assert ph["8.4.1"]["varyantlar"][0].endswith("aleyhine açılan davaları kazanmak")
    assert ph["1.1.1"]["aciklama"].startswith("Yaşanan depremlerde")
    assert "aciklama" not in ph["6.3.1"]  # no gerekçe paragraph
    goal = {g["kod"]: g for a in program["amaclar"] for g in a["hedefler"]}["8.3"]
    assert goal["ad"].endswith("yönetişimi sağlamak") and goal["varyantlar"][0].endswith("yönetimi sağlamak")


def test_units(program):
    units = {u["ad"]: u for u in program["birimler"]}
    assert units["Kültür ve Sosyal İşleri Müdürlüğü"]["varyantlar"] == ["Kültür ve Sosyal İşler Müdürlüğü"]
    known = set(units)
    for p in targets(program).values():
        assert set(p["sorumlu_birimler"]) <= known
        assert all(a["sorumlu_birim"] in known for a in p["faaliyetler"])
    rows = {r["performans_hedefi"]: r for r in program["harcama_birimleri_tablosu"]["satirlar"]}
    assert rows["3.1.1"]["birimler"] == ["Kültür ve Sosyal İşler Müdürlüğü"]  # as printed in Tablo 17


def test_general_information(program):
    sections = {s["baslik"]: s for s in program["genel_bilgiler"]}
    tables = {(t.get("no"), t["sutunlar"][0]): t for s in program["genel_bilgiler"] for t in s.get("tablolar", [])}
    numbers = [t.get("no") for s in program["genel_bilgiler"] for t in s.get("tablolar", [])]
    assert numbers == [None, "1", "2", "2", "3", "4", "5", "6", "7", "9", "10", "8", "11", "12", "13"]
    t11 = tables[("11", "ÖĞRENİM DÜZEYİ")]
    assert t11["satirlar"][0] == ["İlkokul", "1", "38", "151", "", "190"] and "kaymış" in t11["not"]
    assert tables[("2", "MAHALLE")]["satirlar"][-1] == ["GENEL TOPLAM", "444", "1,347,510.38"]
    assert tables[("2", "NİTELİK")]["satirlar"][-1] == ["GENEL TOPLAM", "444", "1.347.510,38 m²"]
    assert len(tables[("2", "NİTELİK")]["satirlar"]) == 8 + 26
    assert tables[("9", "STATÜ")]["satirlar"][-1] == ["TOPLAM", "395", "55", "340", "4"]
    assert "1. YETKİ GÖREV VE SORUMLULUKLAR" in sections
    assert "Harbiye, en düşük olan mahallesi" in sections["GENEL BİLGİLER"]["metin"]  # joined across a page break
    assert "değişime" in sections["MİSYON"]["metin"]  # "deęişime" repaired
    assert "### MALİ POLİTİKALRIMIZ" in sections["4. İDARENİN TOPLAM KAYNAK İHTİYACI"]["metin"]  # typo as printed
    assert program["sunus"][0]["imza"] == "Halil İbrahim ÖZGÜN, Belediye Başkanı"
    assert program["kaynak"]["tarih"] == "Ekim 2024" and program["kaynak"]["url"] == "www.defne.bel.tr"
    assert program["belediye"]["tur"] == "ilce"


def test_no_extraction_debris(generated):
    text = generated.read_text(encoding="utf-8")
    for debris in ("<i>", "<ul", "</", "•", "m ²", "m ³", "DEFNE BELEDİYE BAŞKANLIĞI", "»", "ę"):
        assert debris not in text, debris
