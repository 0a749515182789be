"""Issue 15: nothing an author types becomes markup, a formula or code, on any road
to the reader. One test per finding; the every-field test (test_every_field.py)
covers every field at once."""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import re
import shutil
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from seffaf import exports, urls
from seffaf.build import build, load_site_config
from seffaf.loader import ProgramError, parse_workbook, validate
from seffaf.schema import Program

from .conftest import project_with_history, serving, serving_folder
from .html import MARK, injected, page

FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tkaçık", "\rsatır"]


def _table(values: list) -> exports.Table:
    columns = [exports.Column("metin", "Metin"), exports.Column("tutar", "Tutar", "number")]
    return exports.Table("t", "T", "", columns, [[v, Decimal("-1500.5")] for v in values])


def test_finding_6_csv_text_cells_cannot_start_a_formula_and_numbers_stay_numbers():
    for excel in (True, False):
        text = exports.csv_bytes(_table(FORMULAS + ["düz metin"]), excel=excel).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))[1:]
        assert [r[0] for r in rows] == ["'" + f for f in FORMULAS] + ["düz metin"]
        assert {r[1] for r in rows} == {"-1500,5" if excel else "-1500.5"}


def test_finding_6_workbook_strings_are_strings_never_formulas(defne_program):
    """The published program.xlsx is the program workbook: a note typed as a formula stays
    that text, a string cell (quote-prefixed), and reads back as the same program."""
    data = defne_program.model_dump(by_alias=True)
    texts = FORMULAS[:4] + ["#N/A", "düz"]
    for aim, text in zip(data["amaclar"], texts):
        aim["not"] = text
    program = Program.model_validate(data)
    raw = exports.workbook_bytes(program)
    sheet = load_workbook(io.BytesIO(raw))["Amaçlar"]
    header = [c.value for c in sheet[1]]
    notes = [row[header.index("Not")] for row in sheet.iter_rows(min_row=2, max_row=len(texts) + 1)]
    assert [c.value for c in notes] == texts
    assert {c.data_type for c in notes} == {"s"}
    assert all(c.quotePrefix for c in notes[:4])
    assert validate(parse_workbook(raw, "program.xlsx")) == program
    costs = load_workbook(io.BytesIO(raw))["Maliyetler"]
    assert {c.data_type for c in costs["F"][1:] if c.value not in (None, "-")} == {"n"}


# --- Findings 1–5: one small program and site.yml with hostile text on each road, built once ---

EVERY_FIELD = Path(__file__).parent / "fixtures" / "her-alan" / "ornekkoy" / "2026.yml"
IMG = '<img src=x onerror=alert(1) data-kotu>'
TARGET = f'Yolları asfaltlamak x">{IMG}<script>alert(1)</script>'
AIM = f"Kırsal yollar {IMG}"
UNIT = f"Fen İşleri {IMG} Müdürlüğü"
MUNICIPALITY = f"Örnekköy {IMG}"
SECTION = f"Tarihçe {IMG}"
CODE = '1.1.1<svg/onload=alert(1) data-kotu>'
COLUMN = "[a](x/onload=alert(6)//)"
ECONOMIC = f"Mal alımı {IMG}"
TITLE = f'Şeffaf "><b data-kotu>x</b>{IMG}'
DESCRIPTION = f'Açıklama "><b data-kotu>x</b>'
ADDRESS = "https://kullanici.github.io/depo/(x);alert(1)//&amp=1/"
"""As hostile as the checker lets an address be (it refuses quotes, spaces and angle brackets)."""


def hostile_program() -> str:
    data = yaml.safe_load(EVERY_FIELD.read_text(encoding="utf-8"))
    data["belediye"]["ad"] = MUNICIPALITY
    data["birimler"][0]["ad"] = UNIT
    aim = data["amaclar"][0]
    aim["ad"], aim["hizmet_alani"] = AIM, f"Ulaşım {IMG}"
    target = aim["hedefler"][0]["performans_hedefleri"][0]
    target["ad"], target["kod"], target["sorumlu_birimler"] = TARGET, CODE, [UNIT]
    target["faaliyetler"][0]["sorumlu_birim"] = UNIT
    target["maliyet_tablosu"]["ekonomik_kodlar"][0]["ad"] = ECONOMIC
    target["faaliyetler"][0]["ad"] = '=HYPERLINK("https://kotu.example/","tıkla")'
    data["idare_performans_tablosu"]["satirlar"][0]["performans_hedefi"] = CODE
    data["harcama_birimleri_tablosu"]["satirlar"][0].update(performans_hedefi=CODE, birimler=[UNIT])
    data["genel_bilgiler"][0]["baslik"] = SECTION
    data["gosterge_sutunlari"][0]["baslik"] = COLUMN
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("yollar")
    site = yaml.safe_dump({"baslik": TITLE, "aciklama": DESCRIPTION, "adres": ADDRESS, "kod_deposu": "https://github.com/kullanici/depo"}, allow_unicode=True)
    out = folder / "www" / "depo"
    build(project_with_history(folder, {"ornekkoy/2026": hostile_program()}, site), out)
    return out


def _pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def _between(markup: str, start: str, end: str) -> str:
    return markup[markup.index(start): markup.index(end, markup.index(start))]


def _meta(markup: str) -> dict[str, str]:
    """<meta name|property=… content=…> of the head, as a browser reads them."""
    found = {}

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta" and (attrs.get("name") or attrs.get("property")):
                found[attrs.get("name") or attrs.get("property")] = attrs.get("content")

    Reader().feed(markup.split("</head>")[0])
    return found


def test_finding_1_page_meta_holds_author_text_as_text(hostile_site):
    target = page(hostile_site, "ornekkoy/2026/performans-hedefleri/1-1-1-svg-onload-alert-1-data-kotu/")
    meta = _meta(target.html)
    assert meta["description"] == meta["og:description"] == TARGET
    assert TARGET in meta["og:title"]
    for path, markup in _pages(hostile_site).items():
        head = markup.split("</head>")[0]
        header = _between(markup, '<header class="md-header', "</header>")
        assert injected(head) == [] and injected(header) == [], path


def test_finding_2_navigation_holds_author_text_as_text(hostile_site):
    for path, markup in _pages(hostile_site).items():
        if "md-sidebar--primary" in markup:
            assert injected(_between(markup, '<div class="md-sidebar md-sidebar--primary"', '<div class="md-content"')) == [], path
    target = page(hostile_site, "ornekkoy/2026/performans-hedefleri/1-1-1-svg-onload-alert-1-data-kotu/")
    for shown in (MUNICIPALITY, f"Ulaşım {IMG}", f"PH {CODE}", UNIT):
        assert shown in target.text
    assert SECTION in page(hostile_site, "ornekkoy/2026/genel-bilgiler/").text


def test_finding_3_search_filters_show_author_text_as_text(hostile_site, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serving(hostile_site) as address:
        page.goto(address + "ara/?q=asfalt")
        page.wait_for_selector(".sf-result__link", timeout=15000)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        labels = page.eval_on_selector_all(".sf-filter__value", "els => els.map(e => e.textContent)")
        page.wait_for_timeout(300)
        made = page.eval_on_selector_all(f"[{MARK}], [onerror]", "els => els.map(e => e.outerHTML)")
    assert dialogs == [] and made == []
    for name in (MUNICIPALITY, UNIT, ECONOMIC, AIM):
        assert any(name in label for label in labels), (name, labels)


def test_finding_4_markdown_in_an_author_text_stays_inside_its_attribute(hostile_site):
    target = page(hostile_site, "ornekkoy/2026/performans-hedefleri/1-1-1-svg-onload-alert-1-data-kotu/")
    trend = re.search(r'<svg class="sf-trend" role="img" aria-label="([^"]*)".*?</svg>', target.html)
    assert injected(trend.group()) == [] and COLUMN in html.unescape(trend.group(1))


def test_finding_5_site_settings_are_text_and_addresses_only_web_addresses(hostile_site, tmp_path):
    home = page(hostile_site, "")
    not_found = (hostile_site / "404.html").read_text(encoding="utf-8")
    assert injected(home.html) == [] and injected(not_found) == []
    assert _meta(home.html)["description"] == DESCRIPTION and TITLE in home.text
    assert "kullanici.github.io" not in not_found and "(x)" not in not_found and "%28x%29" not in not_found
    assert '<link rel="canonical" href="https://kullanici.github.io/depo/%28x%29;alert%281%29//%26amp=1/"' in home.html
    program = page(hostile_site, "ornekkoy/2026/")
    assert "Sürüm geçmişi" in program.text and [link for link in program.links if link.startswith("https://github.com/kullanici/depo/blob/")]
    assert not [link for link in program.links if "javascript" in link.lower()]
    config = tmp_path / "site.yml"
    config.write_text("baslik: Deneme\nkod_deposu: 'javascript:alert(5)//'\n", encoding="utf-8")
    with pytest.raises(ProgramError) as refused:
        load_site_config(config)
    assert "kod_deposu" in str(refused.value) and "web adresi değil" in str(refused.value)
    assert urls.web_address("javascript:alert(5)//") == "" and urls.web_address("https://x.example/a b\"<") == "https://x.example/a%20b%22%3C"


# --- Content-Security-Policy on every page; 404.html under any address ---

def _policy(markup: str) -> str:
    head = markup.split("</head>")[0]
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)
    loads = [at for at in (head.find("<script"), head.find("<link")) if at >= 0]
    assert found and all(head.index(found.group()) < at for at in loads), "the policy comes before anything that loads"
    return html.unescape(found.group(1))


@pytest.mark.parametrize("which", ["defne_site", "many_site"])
def test_every_page_has_a_policy_that_allows_only_its_own_inline_scripts(request, which):
    """The many-municipality site has pages written without MkDocs (a moved page's address)."""
    pages = sorted(request.getfixturevalue(which).rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        markup = path.read_text(encoding="utf-8")
        policy = dict((d.split(" ", 1) + [""])[:2] for d in _policy(markup).split("; "))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'" and policy["base-uri"] == "'self'", path
        allowed = set(policy["script-src"].split())
        assert "'unsafe-inline'" not in allowed and "'unsafe-eval'" not in allowed and not [s for s in allowed if "seffaf" in s], path
        for script in re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", markup, re.S):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in allowed, path


def test_search_explorer_and_tooltips_work_under_the_policy(page, served):
    """``page`` fails the test on any message of a refused policy (conftest)."""
    page.goto(f"{served}ara/?q=temizlik")
    page.wait_for_selector(".sf-result__link", timeout=15000)
    page.goto(f"{served}defne/2025/butce/")
    rows = page.locator("[data-sf-explorer] tbody tr:visible").count()
    page.fill("[data-sf-filter=text]", "temizlik")
    assert 0 < page.locator("[data-sf-explorer] tbody tr:visible").count() < rows
    page.goto(f"{served}defne/2025/performans-hedefleri/5-1-1/")
    page.locator("abbr").first.hover()
    page.wait_for_selector(".md-tooltip2, .md-tooltip", state="attached", timeout=5000)
    assert page.evaluate("!document.documentElement.classList.contains('no-js')")


@pytest.mark.parametrize("worker", [True, False])
def test_the_search_index_loads_under_the_policy_with_or_without_pagefind_s_worker(page, served, worker):
    """Without its worker (where a browser refuses one) Pagefind compiles WebAssembly in the page itself."""
    page.goto(f"{served}ara/")
    found = page.evaluate(
        """async (noWorker) => {
            const pagefind = await import(new URL("../pagefind/pagefind.js?" + noWorker, document.baseURI).href);
            await pagefind.options({noWorker});
            return (await pagefind.search("temizlik")).results.length;
        }""",
        not worker,
    )
    assert found > 0


@pytest.mark.parametrize("where", ["", "baska/", "cok/derin/yol/"])
def test_the_not_found_page_works_under_any_address_whatever_adres_says(defne_site, browser, tmp_path, where):
    """The site was built with ``adres: https://kullanici.github.io/depo/``; it is served elsewhere."""
    root = tmp_path / "www"
    (root / where).parent.mkdir(parents=True, exist_ok=True)
    (root / where.rstrip("/")).symlink_to(defne_site) if where else shutil.copytree(defne_site, root)
    with serving_folder(root, like_github_pages=True, not_found=defne_site / "404.html") as origin:
        base = f"{origin}/{where}"
        tab = browser.new_context().new_page()
        violations = []
        tab.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
        try:
            response = tab.goto(base + "yok/boyle/bir-sayfa")
            assert response.status == 404 and "Sayfa bulunamadı" in tab.inner_text("h1")
            assert tab.evaluate("[...document.styleSheets].every(sheet => sheet.cssRules.length > 0)")
            assert tab.evaluate("!document.documentElement.classList.contains('no-js')")
            assert tab.get_by_role("link", name="Ana sayfaya dönün").evaluate("a => a.href") == base
            tab.get_by_role("link", name="Ana sayfaya dönün").click()
            tab.wait_for_load_state()
            assert tab.url == base and violations == []
        finally:
            tab.context.close()
