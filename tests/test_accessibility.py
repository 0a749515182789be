"""Accessibility: axe-core finds no serious or critical problem, and the keyboard reaches everything."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_site_quality import PAGE_KINDS

AXE = Axe()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("address", PAGE_KINDS + ["404.html", "sozluk/"])
def test_no_serious_or_critical_violation(page, served, address, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(served + address)
    page.wait_for_load_state("networkidle")
    # landmark-unique is moderate, but two navigations of one name leave a screen reader guessing.
    violations = [v for v in AXE.run(page).response["violations"] if v["impact"] in ("serious", "critical") or v["id"] == "landmark-unique"]
    assert violations == [], [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]


def test_search_works_from_the_keyboard(page, served):
    page.goto(f"{served}defne/2025/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "sf-q":
            break
    else:
        pytest.fail("the header search box is not reachable with Tab")
    page.keyboard.type("temizlik")
    page.keyboard.press("Enter")
    page.wait_for_selector(".sf-result__link", timeout=15000)
    assert "/ara/?q=temizlik" in page.url


def test_the_explorer_sorts_from_the_keyboard(page, served):
    page.goto(f"{served}defne/2025/butce/")
    page.get_by_role("button", name="Toplam").focus()
    page.keyboard.press("Enter")
    assert page.locator("th[aria-sort=descending]").inner_text().startswith("Toplam")


def test_charts_carry_their_numbers_as_text(page, served):
    page.goto(f"{served}defne/2025/")
    chart = page.locator("#grafik-amac svg")
    assert chart.get_attribute("role") == "img"
    description = page.locator("#grafik-amac-aciklama").text_content()
    assert "Toplam 1.203.495.000" in description and "Amaç 8" in description
    assert "562.530.000" in page.locator("#grafik-amac").inner_text().replace("\u00a0", " ")
