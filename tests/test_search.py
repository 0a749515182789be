"""A journalist's searches on the default site (all five programs): Turkish typed
any way, filters, order by amount, and activities and indicators found as
results of their own that open on their row.
"""

from __future__ import annotations

import pytest
from seffaf import turkish
from seffaf.build import build

from .conftest import ROOT, make_project, serving
from .test_browser import search


def first_result(page) -> dict:
    link = page.locator(".pagefind-ui__result-title .pagefind-ui__result-link").first
    excerpt = page.locator(".pagefind-ui__result-excerpt").first
    return {"title": " ".join(link.inner_text().split()), "href": link.get_attribute("href"), "excerpt": excerpt.inner_text()}


@pytest.mark.parametrize(
    "query,word",
    [
        ("izmir", "izmir"), ("IZMIR", "izmir"), ("İzmir", "izmir"),
        ("kirsal", "kirsal"), ("sehir", "sehir"), ("cevre", "cevre"),
    ],
)
def test_typed_without_turkish_letters_the_first_result_has_the_word(page, served_full, query, word):
    shown = search(page, served_full, query)
    assert word in turkish.fold(shown[0]) or word in turkish.fold(first_result(page)["excerpt"]), shown[:3]


def test_how_much_izmir_spends_on_rural_support_and_who_does_it(page, served_full):
    shown = search(page, served_full, "q=kirsal kesimde gelir&belediye=izmir&sayfa_turu=faaliyet")
    first = first_result(page)
    assert first["title"].startswith("Faaliyet"), shown[:3]
    assert "Kırsal Kesimde Gelir Getirici Faaliyetlerin Desteklenmesi Hizmetleri (PH 3.3.1) · İzmir Büyükşehir Belediyesi 2024 · " in first["title"]
    assert first["title"].endswith("₺")
    assert all("İzmir" in title for title in shown)
    assert "Sorumlu birim: Tarımsal Hizmetler Dairesi" in first["excerpt"]
    # The result opens the activity's own row on its target page, under the site's sub-path.
    assert first["href"].startswith("/depo/izmir/2024/performans-hedefleri/") and "#" in first["href"]
    page.locator(".pagefind-ui__result-title .pagefind-ui__result-link").first.click()
    page.wait_for_load_state()
    anchor = first["href"].split("#", 1)[1]
    row = page.locator(f"tr:has([id='{anchor}'])")
    assert "Kırsal Kesimde Gelir Getirici" in row.inner_text()
    assert "Tarımsal Hizmetler Dairesi Başkanlığı\t17.440.000\xa0₺" in row.inner_text()  # who does it, and for how much
    assert "17.440.000 ₺" in first["title"]


def test_an_indicator_is_a_result_of_its_own_with_its_values(page, served_full):
    search(page, served_full, "q=kirsalda yangin&sayfa_turu=gosterge")
    first = first_result(page)
    assert first["title"].startswith("Gösterge") and "Kırsalda Yangın ve Acil Müdahale" in first["title"], first
    assert "#" in first["href"]
    page.goto(served_full.rsplit("/depo/", 1)[0] + first["href"])
    anchor = first["href"].split("#", 1)[1]
    assert "Kırsalda Yangın" in page.locator(f"tr:has([id='{anchor}'])").inner_text()


def test_activities_sorted_by_amount(page, served_full):
    shown = search(page, served_full, "q=hizmetleri&sayfa_turu=faaliyet&sirala=tutar")
    amounts = [int(t.rsplit("·", 1)[1].replace("₺", "").replace(".", "").strip()) for t in shown if t.endswith("₺")]
    assert len(amounts) >= 5 and amounts == sorted(amounts, reverse=True), shown


def test_dotless_capital_i_is_found_typed_plainly(page, tmp_path):
    """No real program names Iğdır; a copy of the example program that does shows `igdir` finding it."""
    programs = tmp_path / "programs" / "ornekkoy"
    programs.mkdir(parents=True)
    text = (ROOT / "tests" / "fixtures" / "ornekkoy" / "2026.yml").read_text(encoding="utf-8")
    (programs / "2026.yml").write_text(text.replace("Asfalt serimi", "Iğdır yolunda asfalt serimi"), encoding="utf-8")
    site = tmp_path / "www" / "depo"
    build(make_project(tmp_path, ["ornekkoy/2026"], tmp_path / "programs"), site)
    with serving(site) as address:
        for query in ["igdir", "IGDIR", "Iğdır"]:
            shown = search(page, address, query)
            assert shown and "Iğdır yolunda asfalt serimi" in shown[0], (query, shown)
