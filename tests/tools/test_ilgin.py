"""tools/ilgin.py reproduces programs/ilgin/2023.yml and reads the seed right."""

from __future__ import annotations

from decimal import Decimal

from .transcription import Transcription

SOURCE = Transcription("ilgin", 2023, "001_016e876fc295fd18.txt")
SCRIPT, COMMITTED, SEED = SOURCE.script, SOURCE.committed, SOURCE.seed
pytestmark = SOURCE.needs_seed
generated, program = SOURCE.fixtures()


def targets(program):
    return {
        pt["kod"]: pt
        for aim in program["amaclar"]
        for goal in aim["hedefler"]
        for pt in goal["performans_hedefleri"]
    }


def test_reproducible_byte_for_byte(generated):
    assert generated.read_bytes() == COMMITTED.read_bytes()


def test_no_table_residue(generated):
    text = generated.read_text(encoding="utf-8")
    assert "-----" not in text  # markdown separators after each KAYNAK line (L447 ...)
    assert "\t" not in text


def test_validates_against_schema(program):
    from seffaf.schema import Program

    Program.model_validate(program)


def test_identity(program):
    assert program["belediye"] == {"ad": "Ilgın Belediyesi", "slug": "ilgin", "il": "Konya", "tur": "ilce"}
    assert program["yil"] == 2023
    assert program["kaynak"]["dosya"] == SEED.name
    assert program["kaynak"]["sayfa_sayisi"] == 41
    assert [(c["yil"], c["tur"]) for c in program["gosterge_sutunlari"]] == [
        (2021, "gerceklesen"), (2022, "tahmin"), (2023, "hedef")]


def test_counts(program):
    aims = program["amaclar"]
    assert len(aims) == 6
    assert [len(a["hedefler"]) for a in aims] == [6, 3, 2, 2, 3, 5]
    pts = targets(program)
    assert len(pts) == 21
    # one performance target per stratejik hedef, same code
    for aim in aims:
        for goal in aim["hedefler"]:
            assert [pt["kod"] for pt in goal["performans_hedefleri"]] == [goal["kod"]]
    assert [len(pt["gostergeler"]) for pt in pts.values()] == [
        5, 10, 5, 4, 4, 2, 4, 2, 2, 2, 3, 3, 2, 3, 3, 6, 3, 4, 5, 3, 2]
    assert sum(len(pt["gostergeler"]) for pt in pts.values()) == 77
    assert [len(pt["faaliyetler"]) for pt in pts.values()] == [
        6, 6, 6, 9, 3, 4, 5, 5, 4, 5, 3, 5, 4, 7, 7, 5, 3, 8, 5, 4, 3]
    assert sum(len(pt["faaliyetler"]) for pt in pts.values()) == 107


def test_costs(program):
    pts = targets(program)
    assert pts["1.1"]["maliyet"] == {"butce": None, "butce_disi": None, "toplam": 1000000}  # L446
    assert pts["5.1"]["maliyet"]["toplam"] == 2500000  # L701 "2.500.000,00 TL"
    assert pts["6.5"]["maliyet"]["toplam"] == 10000000  # L839
    # no stated grand total; the computed sum of the 21 KAYNAK İHTİYACI lines
    assert sum(Decimal(str(pt["maliyet"]["toplam"])) for pt in pts.values()) == Decimal("74000000")
    # the document has no economic-code tables and no summary tables
    assert all("maliyet_tablosu" not in pt for pt in pts.values())
    assert "idare_performans_tablosu" not in program
    assert "toplam_kaynak_ihtiyaci" not in program


def test_indicator_values(program):
    pts = targets(program)
    first = pts["1.1"]["gostergeler"][0]  # L432, No column empty
    assert "kod" not in first
    assert first["degerler"] == {2021: 6000000, 2022: 7500000, 2023: 10500000}
    assert pts["1.1"]["gostergeler"][1]["degerler"][2023] == 300000  # L433 "300.000" beside "95.000,00"
    assert pts["2.1"]["gostergeler"][0]["degerler"] == {2021: 183591, 2022: 291000, 2023: 365000}  # L562
    assert pts["1.2"]["gostergeler"][2]["degerler"] == {2021: None, 2022: None, 2023: None}  # L456 "X"
    assert pts["5.2"]["gostergeler"][2]["degerler"] == {2021: None, 2022: 1, 2023: 3}  # L711
    text = pts["6.3"]["gostergeler"][0]  # L792
    assert text["deger_turu"] == "metin"
    assert text["degerler"][2021] == "Çöp toplama 9 Vakumlu 2 Traktör 1"
    waste = pts["6.3"]["gostergeler"][1]  # L793 ambiguous "198.140"
    assert waste["degerler"][2021] == 198140
    assert "198.140" in waste["not"]


def test_foreword_repaired(program):
    (foreword,) = program["sunus"]
    assert foreword["baslik"] == "BAŞKANLIK SUNUMU"
    assert foreword["imza"] == "Yalçın ERTAŞ\nİlgın Belediye Başkanı"
    text = foreword["metin"]
    assert not any(ch in text for ch in "ŐĐ")
    assert "“Ölçemediğiniz şeyi yönetemezsiniz”" in text
    assert "fedakâr personeline" in text
    assert "Nüfusu 50 bini geçen" in text and "5393 Sayılı" in text and "2019 yılı" in text
    recorded = {(r["basilan"], r["aktarilan"], r["bolum"]) for r in program["duzeltmeler"]}
    assert ("6rnek", "örnek", "Sunuş") in recorded and len([r for r in recorded if r[2] == "Sunuş"]) == 44  # every repaired word, each once
    assert ("İşletme İştirakler- Kültür Müdürlüğü", "İşletme ve İştirakler Müdürlüğü", "Harcama birimleri") in recorded
    assert "ilginli hemşerilerimize" in text  # authors' lower case kept
    assert text.endswith("Saygılarımla...")


def test_title_variants(program):
    aims = {a["kod"]: a for a in program["amaclar"]}
    assert aims["1"]["ad"] == "Mali ve idari yönden güçlü bir belediye oluşturmak."  # L428
    assert "Mali ve idari yönden güçlü bir belediye" in aims["1"]["varyantlar"]  # L366
    assert aims["6"]["ad"] == "Düzenli şehirleşmenin olduğu yaşanabilir bir Ilgın."
    assert "Düzenli şehirleşmenin olduğu yaşanabilir bir İlgın." in aims["6"]["varyantlar"]  # L748
    pts = targets(program)
    assert pts["1.3"]["ad"] == "Kalifiye ve eğitilmiş bir personele sahip bir belediye"  # L478
    assert pts["1.3"]["varyantlar"] == ["Kalifiye ve eğitimli bir personele sahip belediye"]  # L370, L845
    assert "Sosyal belediyeçilik faaliyetlerinin geliştirilmesi" in pts["5.1"]["varyantlar"]  # L864 kept
    assert pts["6.2"]["varyantlar"] == ["Park bahçe hizmetleri"]  # L400, L870


def test_units(program):
    names = {u["ad"]: u.get("varyantlar", []) for u in program["birimler"]}
    assert names["Bilgi İşlem Müdürlüğü"] == ["Bilgi, İşlem Müdürlüğü"]  # L846
    assert names["İmar ve Şehircilik Müdürlüğü"] == ["İmar Müdürlüğü"]  # L153
    assert "Kentsel Tasarım Müdürlüğü" in names and "Makine İkmal ve Bakım Müdürlüğü" in names
    pts = targets(program)
    assert pts["2.3"]["sorumlu_birimler"] == ["İşletme ve İştirakler Müdürlüğü", "Kültür Müdürlüğü"]  # L853
    assert pts["1.4"]["sorumlu_birimler"] == ["Bilgi İşlem Müdürlüğü"]
    assert pts["1.5"]["sorumlu_birimler"] == ["Tesisler Müdürlüğü"]  # L847
    for pt in pts.values():
        assert pt["sorumlu_birimler"] and set(pt["sorumlu_birimler"]) <= set(names)
    rows = program["harcama_birimleri_tablosu"]["satirlar"]
    assert [r["performans_hedefi"] for r in rows] == list(pts)
    assert rows[0]["faaliyetler"] == ["Maddi imkanları iyi değerlendiren bir belediye"]


def test_general_information(program):
    sections = {s["baslik"]: s for s in program["genel_bilgiler"]}
    assert "1.B -Teşkilat Yapısı" in sections and "metin" not in sections["1.B -Teşkilat Yapısı"]
    bt = sections["b. Bilgi ve Teknolojik Kaynaklar"]["tablolar"][0]
    assert len(bt["satirlar"]) == 41 and all(len(r) == 8 for r in bt["satirlar"])
    ik = {t["baslik"]: t for t in sections["1.4 -İnsan Kaynakları"]["tablolar"]}
    assert ik["Personel Dağılımı"]["satirlar"] == [["Adet", "55", "26", "14", "199"]]
    kadro = ik["C9"]["satirlar"]
    assert kadro[-2] == ["MEMUR KADROLARI TOPLAMI", "266"]
    assert sum(int(r[1]) for r in kadro[:-2]) == 266
    fiz = {t["baslik"]: t for t in sections["Fiziksel Kaynaklar"]["tablolar"]}
    assert fiz["Yapılan İhaleler"]["satirlar"][0] == ["4734 S.K. Kapsamında", "16", "9", "16"]
    # lost bullet glyph "S": glued items split (L280-289, L303, L304, L311), no stray "S " left
    other = sections["1.5 -Diğer Hususlar"]["metin"]
    assert "- Hizmet masası başvuru sayısı\n" in other
    assert "- Zabıt Varakası İşlem Sayısı\n" in other
    assert "- Sıcak asfalt\n" in other
    assert " S " not in other and "\n- S " not in other
    items = [ln for ln in other.split("\n") if ln.startswith("- ")]
    # L279-289: 14; L291-294: 4; L298-311: 11 single + 4 (L303) + 2 (L304) + 6 (L311); 9; 7; 4; 3
    assert len(items) == 14 + 4 + 23 + 9 + 7 + 4 + 3
