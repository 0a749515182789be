"""A journalist's searches on the default site (all five programs): Turkish typed
any way, filters, order by amount, and activities and indicators found as
sub-results of their target that open on their row.
"""

from __future__ import annotations

import re

import pytest
from seffaf import turkish
from seffaf.build import build

from .conftest import ROOT, make_project, serving
from .test_browser import search


def first_result(page) -> dict:
    link = page.locator(".sf-result__link").first
    excerpt = page.locator(".sf-result > .sf-result__excerpt").first
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


def sub_results(page) -> list[dict]:
    return page.evaluate(
        """[...document.querySelectorAll('.sf-subresult')].map(n => ({
            title: n.querySelector('.sf-subresult__link').innerText.split(/\\s+/).join(' '),
            href: n.querySelector('.sf-subresult__link').getAttribute('href'),
            excerpt: n.querySelector('.sf-result__excerpt').innerText,
            parent: n.closest('.sf-result').querySelector('.sf-result__title').innerText}))"""
    )


def test_how_much_izmir_spends_on_rural_support_and_who_does_it(page, served_full):
    shown = search(page, served_full, "q=kirsal kesimde gelir&belediye=izmir")
    assert all("İzmir" in title for title in shown)
    found = [s for s in sub_results(page) if "Kırsal Kesimde Gelir Getirici Faaliyetlerin Desteklenmesi Hizmetleri" in s["title"]]
    assert found, sub_results(page)
    activity = found[0]
    assert activity["title"].startswith("Faaliyet: ")
    assert "PH 3.3.1" in activity["parent"] and "İzmir Büyükşehir Belediyesi 2024" in activity["parent"]
    assert "Tarımsal Hizmetler Dairesi" in activity["excerpt"] and "17.440.000" in activity["excerpt"]
    # The sub-result opens the activity's own row on its target page, under the site's sub-path.
    assert activity["href"].startswith("/depo/izmir/2024/performans-hedefleri/3-3-1/#")
    page.locator(f".sf-subresult a[href='{activity['href']}']").first.click()
    page.wait_for_load_state()
    anchor = activity["href"].split("#", 1)[1]
    row = page.locator(f"tr:has([id='{anchor}'])")
    assert "Tarımsal Hizmetler Dairesi Başkanlığı\t17.440.000\xa0₺" in row.inner_text()  # who does it, and for how much
    assert row.is_visible()


def test_an_indicator_is_a_sub_result_with_its_values(page, served_full):
    search(page, served_full, "q=kirsalda varis suresi&belediye=izmir")
    found = [s for s in sub_results(page) if "Kırsalda Yangın ve Acil Müdahale" in s["title"]]
    assert found and found[0]["title"].startswith("Gösterge: "), sub_results(page)
    assert "#" in found[0]["href"]
    page.goto(served_full.rsplit("/depo/", 1)[0] + found[0]["href"])
    anchor = found[0]["href"].split("#", 1)[1]
    assert "Kırsalda Yangın" in page.locator(f"tr:has([id='{anchor}'])").inner_text()


def test_targets_sorted_by_amount_across_municipalities(page, served_full):
    shown = search(page, served_full, "q=hizmetleri&sayfa_turu=performans&sirala=tutar")
    amounts = [int(t.rsplit("·", 1)[1].replace("₺", "").replace(".", "").strip()) for t in shown if t.endswith("₺")]
    assert len(amounts) >= 5 and amounts == sorted(amounts, reverse=True), shown
    assert len({t.split(" · ")[1] for t in shown}) > 1  # more than one municipality


def test_dotless_capital_i_is_found_typed_plainly(page, tmp_path):
    """No real program names Iğdır; a copy of the example program that does shows `igdir` finding it.

    The folded form (`igdir`) is indexed in the activity's row (``row_search`` in the templates),
    so the row is a sub-result however the word is typed."""
    programs = tmp_path / "programs" / "ornekkoy"
    programs.mkdir(parents=True)
    text = (ROOT / "tests" / "fixtures" / "ornekkoy" / "2026.yml").read_text(encoding="utf-8")
    (programs / "2026.yml").write_text(text.replace("Asfalt serimi", "Iğdır yolunda asfalt serimi"), encoding="utf-8")
    site = tmp_path / "www" / "depo"
    build(make_project(tmp_path, ["ornekkoy/2026"], tmp_path / "programs"), site)
    with serving(site) as address:
        for query in ["igdir", "IGDIR", "Iğdır"]:
            shown = search(page, address, query)
            # Every result is a page naming the activity: its target's, its unit's, the explorer.
            assert shown and any(t.startswith("PH 1.1.1") for t in shown), (query, shown)
            assert all(t.startswith(("PH 1.1.1", "Fen İşleri Müdürlüğü", "Bütçe gezgini")) for t in shown), (query, shown)
            # The row carries its folded words too, so the activity is found on its own row.
            found = [s for s in sub_results(page) if s["title"] == "Faaliyet: Iğdır yolunda asfalt serimi"]
            assert found and "PH 1.1.1" in found[0]["parent"], (query, sub_results(page))


def test_excerpts_show_only_printed_words_and_each_activity_comes_once(page, served_full):
    """The ı-folded words the index holds (kirsal, baskanligi) are never shown, and an activity's
    cost-table heading is not a second result beside its row."""
    search(page, served_full, "kirsal kesimde gelir")
    shown = page.evaluate(
        """[...document.querySelectorAll('.sf-result')].map(r => ({
            href: r.querySelector('.sf-result__link').getAttribute('href'),
            excerpts: [...r.querySelectorAll('.sf-result__excerpt')].map(e => e.innerText),
            subs: [...r.querySelectorAll('.sf-subresult__link')].map(a => a.innerText.split(/\\s+/).join(' '))}))"""
    )
    assert shown and any("Faaliyet: Kırsal Kesimde Gelir Getirici" in s for r in shown for s in r["subs"]), shown
    origin = served_full.rsplit("/depo/", 1)[0]
    printed = page.context.new_page()
    for result in shown:
        printed.goto(origin + result["href"])
        words = {_word(w) for w in printed.locator("article").inner_text().split()}
        for excerpt in result["excerpts"]:
            unseen = [w for w in excerpt.replace("…", " ").split() if _word(w) not in words]
            assert unseen == [], (result["href"], unseen, excerpt)
        # An activity's row ("Faaliyet: …") and its cost-table heading ("4. …") are one row of the document.
        rows = [re.sub(r"^(Faaliyet: |[\d.]+\. )", "", s) for s in result["subs"]]
        assert len(rows) == len(set(rows)), result
    printed.close()


def _word(text: str) -> str:
    """A word without the punctuation Pagefind adds where a block ends ("Amaç.")."""
    return text.strip(".,;:()¶\"'")
