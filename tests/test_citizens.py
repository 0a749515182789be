"""What a citizen does: read the home page, follow the money from a program's total down to
its activities, and put municipalities side by side."""

from __future__ import annotations

import csv
import html
import io
import json
import re

from .html import page as built


def test_from_the_home_page_kayseri_largest_aim_and_izmir_side_by_side_in_few_clicks(browser, served_full):
    """On a phone, without typing: what Kayseri plans for its largest aim, and how it compares with İzmir's."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="tr-TR")
    phone = context.new_page()
    phone.goto(served_full)
    card = phone.locator("section.sf-home-card", has=phone.get_by_role("heading", name="Kayseri Büyükşehir Belediyesi"))
    largest = card.locator(".sf-home-card__aims li").first
    assert "Amaç 2: Ulaşım hizmetlerini" in largest.inner_text()
    assert "4.865.537.000\xa0₺ (%32,83)" in largest.inner_text()
    clicks = 0
    largest.get_by_role("link").click()  # 1: the aim's page of the money drill-down
    clicks += 1
    assert phone.url.endswith("/depo/kayseri/2025/para/2/")
    assert "4.865.537.000 ₺" in " ".join(phone.locator("article").inner_text().split())
    phone.get_by_role("link", name="Başka belediyelerle karşılaştırın").click()  # 2
    clicks += 1
    phone.get_by_label("İzmir Büyükşehir Belediyesi 2024").check()  # 3
    clicks += 1
    assert clicks <= 4
    assert phone.url.endswith("/depo/karsilastir/?p=izmir%2F2024&p=kayseri%2F2025")  # a comparison one can share
    table = phone.locator(".sf-compare__table")
    headers = [h for h in table.locator("thead th:visible").all_inner_texts()]
    assert headers == ["Rakam", "İzmir Büyükşehir Belediyesi 2024", "Kayseri Büyükşehir Belediyesi 2025"], headers
    row = table.locator("tr", has=phone.locator("th", has_text="En büyük amaç")).locator("td:visible").all_inner_texts()
    assert "9.626.977.000\xa0₺ (%29,64)" in row[0] and "4.865.537.000\xa0₺ (%32,83)" in row[1], row
    per_resident = table.locator("tr", has=phone.locator("th", has_text="Kişi başına")).locator("td:visible").all_inner_texts()
    # Neither document states its population: the site says so instead of taking one from elsewhere.
    assert per_resident == ["Hesaplanamıyor (belge nüfus vermiyor)"] * 2, per_resident
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


def test_per_resident_where_the_document_states_its_population(full_site):
    home = built(full_site, "")
    assert "Kişi başına 8.466,61 ₺ (belgedeki 2023 nüfusu: 142.146 kişi)" in home.text  # 1.203.495.000 ₺ / 142.146
    assert "Belgedeki 316 toplamdan 20 tanesi kendi parçalarıyla tutmuyor." in home.text
    compared = built(full_site, "karsilastir")
    assert compared.row("Kişi başına")[1:] == ["8.466,61 ₺", *["Hesaplanamıyor (belge nüfus vermiyor)"] * 4]


def test_follow_the_money_one_level_per_page_without_javascript(defne_site):
    program = built(defne_site, "defne/2025")
    assert "para/" in program.links
    top = built(defne_site, "defne/2025/para")
    # The chart carries its figures, and the same figures stand in the table.
    assert '<svg role="img"' in top.html and "Amaç 8: Etkin ve Verimli" in top.html
    assert top.row("Amaç 8")[1:] == ["562.530.000 ₺", "%46,74"]
    assert top.row("Toplam")[1:] == ["1.203.495.000 ₺", "%100,00"]
    assert "8/" in top.links  # down one level: the aim
    aim = built(defne_site, "defne/2025/para/8")
    assert aim.row("PH 8.2.1")[1] == "375.000.000 ₺" and "8-2-1/" in aim.links and "../" in aim.links
    target = built(defne_site, "defne/2025/para/8/8-2-1")
    assert "Belge bu hedefin maliyetini faaliyetlere bölmüyor" in target.text
    split = built(defne_site, "defne/2025/para/4/4-3-1")
    assert all(cell.endswith("₺") for cell in split.row("1.")[1:2])
    # Links are relative: the site works under its sub-path (/depo/).
    assert not any(link.startswith("/") for link in top.links + aim.links)


def test_every_program_in_one_table_sortable_and_as_csv(page, served_full, full_site):
    rows = list(csv.reader(io.StringIO((full_site / "karsilastir" / "programlar.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["belediye", "yil", "toplam", "toplam_belgede_yazili"] and len(rows) == 6
    assert ["Kayseri Büyükşehir Belediyesi", "2025", "17000000000", "evet"] in [r[:4] for r in rows]
    page.goto(f"{served_full}karsilastir/")
    # No program chosen in the address: every program is side by side.
    assert page.locator(".sf-compare__table thead th:visible").count() == 6
    page.locator(".sf-programs").get_by_role("button", name=re.compile(r"^Toplam")).click()
    totals = page.locator(".sf-programs tbody tr td:nth-child(2)").all_inner_texts()
    assert totals[0].startswith("45.100.000.000") and totals[-1].startswith("74.000.000"), totals


def test_every_transcription_repair_is_said_where_it_shows(full_site):
    """Kars's damaged letters, Ilgın's cell of two units, Kayseri's legal text: each page that prints
    a repaired text says what the document printed, and a page that does not print it says nothing."""
    target = built(full_site, "kars/2024/performans-hedefleri/3-1")
    assert 'Aktarım notu' in target.text and '"geliştirmek" (belgede "geliřtirmek", satır 1006, 1007, 1008)' in target.text
    unit = built(full_site, "ilgin/2023/birimler/isletme-ve-istirakler-mudurlugu")
    assert '"İşletme ve İştirakler Müdürlüğü" (belgede "İşletme İştirakler- Kültür Müdürlüğü", satır 853)' in unit.text
    assert "Tek hücrede iki birim yazılmış" in built(full_site, "ilgin/2023/performans-hedefleri/2-3").text
    assert '"örnek" (belgede "6rnek"' in built(full_site, "ilgin/2023/sunus").text
    assert '"işletmek" (belgede "iřletmek"' in built(full_site, "kayseri/2025/genel-bilgiler/1-1-yetki-gorev-ve-sorumluluklar").text
    # "tüm" is repaired in Ilgın's foreword only; other pages printing "tüm" carry no note.
    assert "Aktarım notu" not in built(full_site, "ilgin/2023/performans-hedefleri/1-1").text
    assert "Aktarım notu" not in built(full_site, "kars/2024/performans-hedefleri/5-1").text


def test_with_many_municipalities_a_target_s_money_is_a_section_of_its_aim_s_page(many_site, defne_site):
    """Beyond views.MANY_MUNICIPALITIES a target's step of the drill-down is a section of its aim's
    page (a page of its own was 13 kB, 3 kB of it the target's figures: 3.000 pages at 100
    programs), and its address, once published, leads there: a small page, not a 404."""
    aim = built(many_site, "defne/2025/para/8")
    assert aim.row("PH 8.2.1")[1] == "375.000.000 ₺" and "#ph-8-2-1" in aim.links and "8-2-1/" not in aim.links
    section = " ".join(aim.html.split('id="ph-8-2-1"')[1].split("<h2")[0].split())
    assert "375.000.000 ₺" in section and "Belge bu hedefin maliyetini faaliyetlere bölmüyor" in section
    split = built(many_site, "defne/2025/para/4")
    ids = re.findall(r'\sid="([^"]+)"', split.html)
    assert 'id="grafik-para-ph-4-3-1"' in split.html and len(ids) == len(set(ids))  # each section's chart its own
    assert all(cell.endswith("₺") for cell in split.row("1.")[1:2])

    moved = built(many_site, "defne/2025/para/8/8-2-1")
    assert moved.links == ["../#ph-8-2-1"] and "PH 8.2.1: Belediye hizmetlerinde gelir ve gider dengesini sağlamak" in moved.text
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', moved.html)
    assert refresh and html.unescape(refresh.group(1)) == "../#ph-8-2-1"
    assert "md-header" not in moved.html and "<script" not in moved.html and len(moved.html) < 1000
    # Neither in the sitemap nor in the search: Pagefind indexes only the pages that mark their body.
    assert "para/8/8-2-1" not in (many_site / "sitemap.xml").read_text(encoding="utf-8")
    marked = sum("data-pagefind-body" in p.read_text(encoding="utf-8") for p in many_site.rglob("*.html"))
    assert "data-pagefind-body" not in moved.html
    assert json.loads((many_site / "pagefind" / "pagefind-entry.json").read_text())["languages"]["tr"]["page_count"] == marked

    assert "her amaç bir sayfada, hedefleri ve faaliyetleriyle" in built(many_site, "defne/2025").text

    # A site of a few municipalities keeps a page per target.
    assert "her adım bir sayfada" in built(defne_site, "defne/2025").text
    assert "Para nereye gidiyor?" in built(defne_site, "defne/2025/para/8/8-2-1").text
    assert 'id="ph-8-2-1"' not in built(defne_site, "defne/2025/para/8").html


def test_a_target_s_old_money_address_opens_its_section_under_the_sub_path(page, served_many):
    """Without script: the page's refresh; ``page`` fails on anything the policy refuses."""
    page.goto(f"{served_many}defne/2025/para/8/8-2-1/")
    page.wait_for_url(f"{served_many}defne/2025/para/8/#ph-8-2-1")
    assert page.locator("#ph-8-2-1").is_visible() and page.evaluate("document.getElementById('ph-8-2-1').getBoundingClientRect().top") < 200
    assert page.outside_requests == [] and page.context.cookies() == []
