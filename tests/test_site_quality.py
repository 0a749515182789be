"""The whole site as a reader and a crawler meet it: links, privacy, previews, 404, print."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from seffaf.incremental import cache_folder

from .html import page
from .conftest import ROOT
from .markdown import docs_folder, off_the_page, site_links

PAGE_KINDS = [
    "",
    "defne/",
    "defne/2025/",
    "defne/2025/amaclar/1/",
    "defne/2025/performans-hedefleri/8-2-1/",
    "defne/2025/birimler/mali-hizmetler-mudurlugu/",
    "defne/2025/idare-performans-tablosu/",
    "defne/2025/toplam-kaynak-ihtiyaci/",
    "defne/2025/genel-bilgiler/",
    "defne/2025/denetim/",
    "defne/2025/butce/",
    "defne/2025/para/",
    "defne/2025/para/8/",
    "defne/2025/para/4/4-3-1/",
    "karsilastir/?p=defne/2025",
    "veri/",
    "arsiv/",
    "ara/?q=temizlik",
]


@pytest.mark.parametrize("which", ["defne_site", "many_site"])
def test_no_internal_link_or_anchor_is_broken(request, which):
    """Every link of every page and file, the "CSV indir" links and a moved page's link among them."""
    site = request.getfixturevalue(which)
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    broken = []
    # 404.html is served at any unknown address, so MkDocs gives it root-absolute links (/depo/…).
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    for source in pages:
        folder = source.parent.relative_to(site).as_posix()
        for link in page(site, str(source.relative_to(site))).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("mailto:"):
                continue
            target = source if not parts.path else site / posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(source.relative_to(site)), link))
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                broken.append((str(source.relative_to(site)), link))
    assert len(pages) > 80
    assert broken == []


def test_every_markdown_link_is_written_relative_to_its_page_and_leads_to_a_file(full_site):
    """What an engine reads, before MkDocs rewrites it: Zensical (and any Markdown reader) resolves
    a link from its page, never from the docs root, so a ``/defne/2025/…`` link would lead nowhere."""
    docs = docs_folder(cache_folder(full_site) / "docs")
    links = site_links(docs)
    assert off_the_page(docs) == []
    assert len(links) > 4000
    assert {("defne/2025/performans-hedefleri/1-1-1/index.md", "../../amaclar/1/index.md"), ("defne/2025/index.md", "../../sozluk.md#performans-hedefi")} <= set(links)


def test_every_generated_page_is_the_index_of_its_address(full_site):
    """A relative link in raw HTML is read from the page's address by a browser and from its file
    by Zensical: ``arsiv.md``'s ``../veri/`` became ``../../veri/`` there. They agree when the file
    is the index of the address's folder; only the hand-written pages keep their names."""
    docs = docs_folder(cache_folder(full_site) / "docs")
    written = {path.name for path in (ROOT / "content").glob("*.md")}
    assert [path for path in docs if path.endswith(".md") and path.rsplit("/", 1)[-1] != "index.md" and path not in written] == []


@pytest.mark.parametrize("address", PAGE_KINDS)
def test_every_page_kind_stays_on_the_site_and_sets_no_cookie(page, served, address):
    page.goto(served + address)
    page.wait_for_load_state("networkidle")
    assert page.outside_requests == []
    assert page.context.cookies() == []


def test_link_previews_and_a_sitemap_without_any_outside_service(defne_site):
    html = page(defne_site, "defne/2025/performans-hedefleri/8-2-1/").html
    assert '<meta property="og:title" content="Performans hedefi 8.2.1: Belediye hizmetlerinde gelir ve gider dengesini sağlamak">' in html
    assert 'property="og:url" content="https://kullanici.github.io/depo/defne/2025/performans-hedefleri/8-2-1/"' in html
    sitemap = (defne_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://kullanici.github.io/depo/defne/2025/performans-hedefleri/8-2-1/" in sitemap


def test_an_unknown_address_gets_a_turkish_404(defne_site):
    html = page(defne_site, "404.html")
    assert "Sayfa bulunamadı" in html.text
    # Relative to the site's root, which the page finds in the browser: nothing from adres (test_trust.py opens it)
    assert all(link.startswith(("./", "#")) for link in html.links), html.links
    assert "kullanici.github.io" not in html.html and "/depo/" not in html.html


def test_a_target_page_prints_on_a4_with_its_address(page, served, tmp_path):
    page.goto(f"{served}defne/2025/performans-hedefleri/8-2-1/")
    page.emulate_media(media="print")
    assert page.locator(".sf-print-address").is_visible()
    assert page.locator(".md-sidebar--primary").is_hidden()
    pdf = tmp_path / "ph.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 10_000


def test_every_table_has_a_caption(defne_site):
    for path in defne_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        tables = html.count("<table")
        assert html.count("<caption") >= tables, path


def test_with_many_municipalities_pages_and_files_do_not_grow_with_the_site(many_site, full_site):
    """Beyond a limit a page's sidebar keeps only the page's municipality, the site-wide budget
    explorer lists programs (not every line), and the site-wide tables come as one zip."""
    import csv
    import io
    import zipfile

    compact = page(many_site, "defne/2025/performans-hedefleri/1-1-1/")
    assert "../../../../ilgin/" not in compact.links and "../../../../arsiv/" in compact.links
    assert "Bütün belediyeler" in compact.text and "Defne Belediyesi" in compact.text
    listed = page(full_site, "defne/2025/performans-hedefleri/1-1-1/")
    assert "../../../../ilgin/" in listed.links and "Bütün belediyeler" not in listed.text

    explorer = page(many_site, "butce/")
    assert [row[0] for row in explorer.tables[0][1:]] == ["Defne Belediyesi 2025", "Ilgın Belediyesi 2023"]
    assert "../defne/2025/butce/" in explorer.links and len(explorer.tables) == 1
    assert len(page(full_site, "butce/").tables[0]) > 100  # a small site keeps every line on one page

    assert not (many_site / "veri" / "faaliyetler.csv").exists()
    with zipfile.ZipFile(many_site / "veri" / "butun-programlar.zip") as bundle:
        combined = bundle.read("faaliyetler-virgul.csv").decode("utf-8")
        package = bundle.read("datapackage.json")
    own = [(many_site / f"{p}/veri/faaliyetler-virgul.csv").read_text(encoding="utf-8").splitlines() for p in ("defne/2025", "ilgin/2023")]
    assert combined.splitlines() == own[0] + own[1][1:]
    assert {row["belediye"] for row in csv.DictReader(io.StringIO(combined))} == {"Defne Belediyesi", "Ilgın Belediyesi"}
    assert b'"path": "faaliyetler.csv"' in package
    assert any(link == "butun-programlar.zip" for link in page(many_site, "veri/").links)
    assert off_the_page(docs_folder(cache_folder(many_site) / "docs")) == []


def test_material_s_settings_hold_only_what_its_script_uses_here(defne_site):
    """Material's own search is off (the site's runs on Pagefind), and the site has no versions,
    annotations or tags: their translations and the search worker's address were a kilobyte of
    every page (test_browser.py: Material's script still works)."""
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page(defne_site, "defne/2025/").html, re.S)
    config = json.loads(found.group(1))
    assert set(config) == {"base", "features", "translations"} and set(config["translations"]) == {"clipboard.copy", "clipboard.copied"}
    assert config["base"] == "../.." and "navigation.top" in config["features"]
    assert "__tabbed_" not in page(defne_site, "defne/2025/").html  # nor the script for content tabs, which the site has none of


def test_a_glossary_term_is_explained_at_its_first_use_on_a_page(defne_site):
    """Every "PH" and "bütçe dışı" of a page carried its tooltip's text: 21 MB at 100 programs."""
    for path in defne_site.rglob("*.html"):
        terms = [term.casefold() for term in re.findall(r'<abbr title="[^"]*">([^<]*)</abbr>', path.read_text(encoding="utf-8"))]
        assert len(terms) == len(set(terms)), path
    aim = page(defne_site, "defne/2025/para/8/")
    assert aim.text.count("PH 8.") > 5 and aim.html.count(">PH</abbr>") == 1
    assert '<abbr title="Performans hedefi: bir yıl içinde ulaşılması istenen, ölçülebilir hedef">PH</abbr>' in aim.html


def test_pages_carry_no_indentation_but_code_keeps_its_lines(defne_site):
    """Material's indentation was a third of every page; whitespace inside <pre> is content."""
    target = page(defne_site, "defne/2025/performans-hedefleri/8-2-1/").html
    outside_code = re.sub(r"<(pre|script|style)\b.*?</\1>", "", target, flags=re.S)
    assert re.findall(r"\n[ \t]+\S", outside_code) == []
    assert len(target.encode()) < 40_000
    guide = page(defne_site, "belediyeler-icin/").html
    assert re.search(r"<pre[^>]*>.*python3 -m venv \.venv\n\.venv/bin/pip install --require-hashes", guide, re.S)
