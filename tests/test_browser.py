"""What a person does in a browser: search, follow links, read on a phone."""

from __future__ import annotations


def search(page, base: str, query: str) -> list[str]:
    page.goto(f"{base}ara/?q={query}")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    return page.locator(".pagefind-ui__result-link").all_inner_texts()


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
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert page.url.startswith(f"{served}ara/?q=temizlik")
    page.locator(".pagefind-ui__result-link").first.click()
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
