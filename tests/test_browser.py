"""What a person does in a browser: search, follow links, read on a phone."""

from __future__ import annotations

import pytest


def search(page, base: str, query: str) -> list[str]:
    """Titles of the results (sub-results left out), in order."""
    page.goto(f"{base}ara/?{query if '=' in query else 'q=' + query}")
    page.wait_for_selector(".sf-result__link", timeout=15000)
    page.wait_for_timeout(300)
    return titles(page)


def titles(page) -> list[str]:
    return page.evaluate(
        """[...document.querySelectorAll('.sf-result__link')]
            .map(a => a.innerText.split(/\\s+/).join(' '))"""
    )


def test_search_finds_a_target_by_a_word_from_its_title(page, served):
    results = search(page, served, "bütçeleme")
    assert any("8.2.1" in title for title in results), results
    assert page.outside_requests == []


def test_search_without_turkish_letters_finds_dotless_i(page, served):
    results = search(page, served, "ruhsatsiz")
    assert any("6.1.1" in title for title in results), results


def test_header_search_box_opens_results_under_the_sub_path(page, served):
    page.goto(f"{served}defne/2025/")
    page.fill("#sf-q", "temizlik")
    page.press("#sf-q", "Enter")
    page.wait_for_selector(".sf-result__link", timeout=15000)
    assert page.url.startswith(f"{served}ara/?q=temizlik")
    page.locator(".sf-result__link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(served) and "/ara/" not in page.url


def test_a_reader_goes_from_the_program_to_a_target_and_its_unit(page, served):
    page.goto(f"{served}defne/2025/")
    page.get_by_role("link", name="Amaç 5: Çevreye Duyarlı", exact=False).first.click()
    page.get_by_role("link", name="5.1.1", exact=False).first.click()
    assert "/depo/defne/2025/performans-hedefleri/5-1-1/" in page.url
    assert "275.000.000 ₺" in " ".join(page.inner_text("article").split())
    page.locator("article").get_by_role("link", name="Temizlik İşleri Müdürlüğü").first.click()
    assert "/birimler/temizlik-isleri-mudurlugu/" in page.url


def test_phone_width_scrolls_tables_not_the_page(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{served}defne/2025/performans-hedefleri/1-2-1/")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    wide = phone.evaluate(
        "[...document.querySelectorAll('.md-typeset__scrollwrap')].some(w => w.scrollWidth > w.clientWidth)"
    )
    assert wide, "the indicator table should scroll inside its own box on a phone"
    context.close()


@pytest.mark.parametrize("query", ["bütçeleme", "BÜTÇELEME", "butceleme"])
def test_case_and_turkish_letters_do_not_matter(page, served, query):
    assert any("PH 8.2.1" in title for title in search(page, served, query))


def test_results_name_municipality_year_and_amount(page, served):
    titles = search(page, served, "bütçeleme")
    assert "PH 8.2.1: Belediye hizmetlerinde gelir ve gider dengesini sağlamak · Defne Belediyesi 2025 · 375.000.000 ₺" in titles


def test_a_shared_address_applies_its_filter_and_order(page, served):
    shown = search(page, served, "q=temizlik&sayfa_turu=performans&sirala=tutar")
    assert shown and all(t.startswith("PH ") for t in shown), shown
    amounts = [int(t.rsplit("·", 1)[1].replace("₺", "").replace(".", "").strip()) for t in shown]
    assert amounts == sorted(amounts, reverse=True)
    assert [c.get_attribute("value") for c in page.locator(".sf-filters input:checked").all()] == ["Performans hedefi"]


def test_choosing_a_filter_is_written_into_the_address(page, served):
    search(page, served, "temizlik")
    page.locator(".sf-filters input[value='Harcama birimi']").check()
    page.wait_for_timeout(500)
    assert "sayfa_turu=Harcama+birimi" in page.url
    shown = titles(page)
    assert shown and all("Müdürlüğü" in t or t.startswith("Harcama birimleri") for t in shown), shown


def test_on_a_phone_the_filter_index_loads_only_when_the_panel_opens(browser, served):
    """The filter index is the largest part of a first search at 100 programs (bench/README.md)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="tr-TR")
    phone = context.new_page()
    fetched: list[str] = []
    phone.on("request", lambda request: fetched.append(request.url))
    phone.goto(f"{served}ara/?q=temizlik")
    phone.wait_for_selector(".sf-result__link", timeout=15000)
    phone.wait_for_timeout(500)
    assert not [url for url in fetched if "/pagefind/filter/" in url]
    phone.locator(".sf-filters__summary").click()
    phone.wait_for_selector(".sf-filters input[value='Performans hedefi']", timeout=15000)
    assert [url for url in fetched if "/pagefind/filter/" in url]
    context.close()


def test_the_budget_explorer_sorts_filters_and_totals(page, served):
    page.goto(f"{served}defne/2025/butce/")
    total = page.locator(".sf-explorer__total")
    assert total.inner_text() == "Gösterilen: 42 kalem, toplam 1.203.495.000 ₺"
    page.get_by_role("button", name="Toplam").click()
    values = page.eval_on_selector_all("[data-sf-explorer] tbody tr", "rows => rows.map(r => parseFloat(r.dataset.total))")
    assert values == sorted(values, reverse=True) and values[0] == 375000000
    page.get_by_role("button", name="Toplam").click()
    again = page.eval_on_selector_all("[data-sf-explorer] tbody tr", "rows => rows.map(r => parseFloat(r.dataset.total))")
    assert again == sorted(values)
    page.select_option("[data-sf-filter=unit]", "Temizlik İşleri Müdürlüğü")
    assert total.inner_text() == "Gösterilen: 1 kalem, toplam 275.000.000 ₺"
    page.select_option("[data-sf-filter=unit]", "")
    page.fill("[data-sf-filter=text]", "kultur")
    shown = page.eval_on_selector_all("[data-sf-explorer] tbody tr:not([hidden])", "rows => rows.length")
    assert 0 < shown < 42


def test_the_explorer_table_is_readable_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{served}defne/2025/butce/")
    assert tab.locator("[data-sf-explorer] tbody tr").count() == 42
    assert tab.locator(".sf-explorer__controls").is_hidden()
    context.close()


def test_material_s_script_works_with_the_settings_the_site_gives_it(page, served):
    """Material reads its settings from each page (``__config``, trimmed to what it uses here):
    the glossary's tooltips are one of its features; back to top, the drawer, no error."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for address in ("", "defne/2025/", "defne/2025/para/8/", "ara/?q=temizlik"):
        page.goto(served + address)
        page.wait_for_load_state("networkidle")
    page.goto(f"{served}defne/2025/performans-hedefleri/5-1-1/")
    page.locator("abbr").first.hover()
    page.wait_for_selector(".md-tooltip2", state="visible", timeout=5000)
    page.goto(f"{served}defne/2025/denetim/")
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)
    page.locator(".md-top").click(timeout=5000)
    page.wait_for_function("window.scrollY === 0")
    assert errors == []
