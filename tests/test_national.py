"""The national site (docs/ulusal-site.md) over real, separately built sites.

The five real programs are built as five sites by the ordinary build and each
is served from its own loopback origin (its own port, so the browser's
cross-origin rules apply as on the web), with ``Access-Control-Allow-Origin: *``
and a 404.html fallback as GitHub Pages sends them. A registry names them and
one more municipality whose site does not answer; ``seffaf ulusal`` builds
the national site over HTTP, and Chromium checks what a reader does with it.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from seffaf import national
from seffaf.build import build
from seffaf.loader import ProgramError

from .conftest import ROOT, make_project, serving_folder
from .html import Page
from .markdown import off_the_page, site_links

SITES = {
    # slug: (program, name, province)
    "defne": ("defne/2025", "Defne Belediyesi", "Hatay"),
    "kayseri": ("kayseri/2025", "Kayseri Büyükşehir Belediyesi", "Kayseri"),
    "ilgin": ("ilgin/2023", "Ilgın Belediyesi", "Konya"),
    "kars": ("kars/2024", "Kars Belediyesi", "Kars"),
    "izmir": ("izmir/2024", "İzmir Büyükşehir Belediyesi", "İzmir"),
}
DOWN = ("kapali", "Kapalı Belediyesi", "Hatay", "http://127.0.0.1:9/")
"""Registered, but nothing answers at its address (port 9 refuses connections)."""


def registry_text(addresses: dict[str, str]) -> str:
    entries = [(slug, name, province, addresses[slug]) for slug, (_, name, province) in SITES.items()] + [DOWN]
    return "".join(f"- slug: {slug}\n  ad: {name}\n  il: {province}\n  adres: {address}\n" for slug, name, province, address in entries)


@pytest.fixture(scope="module")
def nation(tmp_path_factory):
    """Five sites on five origins, and the national site built by ``seffaf ulusal`` on a sixth."""
    with contextlib.ExitStack() as stack:
        addresses = {}
        for slug, (program, _, _) in SITES.items():
            tmp = tmp_path_factory.mktemp(slug)
            build(make_project(tmp, [program]), tmp / "www" / "depo")
            addresses[slug] = stack.enter_context(serving_folder(tmp / "www", like_github_pages=True)) + "/depo/"
        work = tmp_path_factory.mktemp("ulusal")
        (work / "belediyeler.yml").write_text(registry_text(addresses), encoding="utf-8")
        national_root = work / "www"
        base = stack.enter_context(serving_folder(national_root, like_github_pages=True))
        run = subprocess.run(
            [sys.executable, "-m", "seffaf.cli", "ulusal", str(work / "belediyeler.yml"), "--out", str(national_root), "--adres", base + "/"],
            cwd=ROOT, capture_output=True, text=True, timeout=600,
        )
        assert run.returncode == 0, run.stderr
        yield {"root": national_root, "base": base, "sites": addresses, "output": run.stdout}


def test_the_build_reports_every_site_and_lists_the_one_down(nation):
    lines = dict(line.split(": ", 1) for line in nation["output"].splitlines() if ": " in line and not line.startswith("Ulusal"))
    for slug, (program, _, _) in SITES.items():
        assert lines[slug].startswith(f"yanıt veriyor, {program.split('/')[1]}, "), lines[slug]
        assert "Pagefind" not in lines[slug] and "manifest" not in lines[slug], lines[slug]
    assert lines["kapali"].startswith("YANIT YOK (bağlantı kurulamadı"), lines["kapali"]
    assert "Ulusal site hazır: 6 belediye (1 yanıt vermiyor)" in nation["output"]


def test_registry_check_reads_version_manifest_and_years(nation, tmp_path):
    registry = tmp_path / "belediyeler.yml"
    registry.write_text(registry_text(nation["sites"]), encoding="utf-8")
    statuses = {s.entry.slug: s for s in national.check_sites(national.load_registry(registry), national.Web())}
    defne = statuses["defne"]
    assert (defne.answers, defne.pagefind, defne.cors, defne.manifest, defne.years) == (True, national.PAGEFIND_VERSION, True, True, [2025])
    assert len(defne.pages) > 50 and all(path.startswith("defne/2025/") for path, _ in defne.pages)
    assert not statuses["kapali"].answers and not statuses["kapali"].mergeable


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "belediyeler.yml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = "- slug: {slug}\n  ad: {name}\n  il: {province}\n  adres: https://{slug}.example.org/\n"


def problems(path: Path) -> list[str]:
    with pytest.raises(ProgramError) as error:
        national.load_registry(path)
    return [str(p) for p in error.value.problems]


def test_a_slug_twice_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, ENTRY.format(slug="yenice", name="Yenice Belediyesi", province="Çanakkale") + ENTRY.format(slug="yenice", name="Yenice Belediyesi", province="Karabük"))
    found = problems(path)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:5: [1].slug: \"yenice\" kaydın 1. öğesinde de var"), found[0]
    assert "canakkale-yenice" in found[0]


def test_a_slug_once_published_is_never_given_to_another_municipality(tmp_path):
    def commit(text: str) -> None:
        write(tmp_path, text)
        subprocess.run(["git", "-C", str(tmp_path), "add", "belediyeler.yml"], check=True)
        subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "kayıt"], check=True)

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(ENTRY.format(slug="yenice", name="Yenice Belediyesi", province="Çanakkale"))
    commit(ENTRY.format(slug="defne", name="Defne Belediyesi", province="Hatay"))  # Yenice left the registry
    assert [e.slug for e in national.load_registry(tmp_path / "belediyeler.yml")] == ["defne"]
    write(tmp_path, ENTRY.format(slug="defne", name="Defne Belediyesi", province="Hatay") + ENTRY.format(slug="yenice", name="Yenice Belediyesi", province="Karabük"))
    found = problems(tmp_path / "belediyeler.yml")
    assert len(found) == 1 and ":5: [1].slug: \"yenice\" daha önce Yenice Belediyesi (Çanakkale) için yayımlandı" in found[0], found
    # The same municipality coming back keeps its slug.
    write(tmp_path, ENTRY.format(slug="defne", name="Defne Belediyesi", province="Hatay") + ENTRY.format(slug="yenice", name="Yenice Belediyesi", province="Çanakkale"))
    assert len(national.load_registry(tmp_path / "belediyeler.yml")) == 2


@pytest.mark.parametrize("address", ["javascript:alert(1)", "https://x.org/\"><script>", "ftp://x.org/", "https://x.org/?a=1", "//x.org/"])
def test_only_plain_http_addresses_are_accepted(tmp_path, address):
    path = write(tmp_path, f"- slug: x\n  ad: X\n  il: Y\n  adres: '{address}'\n")
    found = problems(path)
    assert len(found) == 1 and f"{path}:4: [0].adres:" in found[0] and "http:// ya da https://" in found[0], found


def test_a_slug_may_not_take_a_national_page(tmp_path):
    found = problems(write(tmp_path, ENTRY.format(slug="ara", name="Ara Belediyesi", province="Y")))
    assert len(found) == 1 and "ulusal sitenin kendi sayfalarına ayrılmış" in found[0]


def test_registry_text_is_data_never_markup(tmp_path):
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> [tıkla](javascript:alert(3)) {{ 7*7 }}"
    path = write(tmp_path, f"- slug: x\n  ad: '{hostile}'\n  il: '{hostile}'\n  adres: http://127.0.0.1:9/\n")
    out = tmp_path / "site"
    national.build_national(path, out, ROOT / "theme", "Ulusal", "http://127.0.0.1:9/", national.Folder(tmp_path / "yok"))
    pages = list(out.rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        html = Page(path)
        assert "<script>alert" not in html.html and "<img src=x" not in html.html, path
        assert not [link for link in html.links if link.lower().startswith("javascript:")], path
    for folder in ("", f"il/{national.province_slug(hostile)}/", "x/", "durum/"):
        assert hostile in Page(out / folder / "index.html").text, folder


def test_national_pages_link_relative_to_themselves(tmp_path):
    registry = write(tmp_path, ENTRY.format(slug="defne", name="Defne Belediyesi", province="Hatay"))
    statuses = national.check_sites(national.load_registry(registry), national.Folder(tmp_path / "yok"))
    rendered, _ = national._render(statuses, ROOT / "theme", "Ulusal", "5 Aralık 2026")
    docs = {path: content.decode("utf-8") if path.endswith(".md") else "" for path, content in rendered.items()}
    assert off_the_page(docs) == []
    assert {("index.md", "il/hatay/index.md"), ("index.md", "durum/index.md")} <= set(site_links(docs))


# ---------------------------------------------------------------- in the browser


def test_province_page_lists_its_municipalities_with_links_to_their_own_sites(nation, page):
    page.goto(nation["base"] + "/il/hatay/")
    rows = page.locator("table tbody tr")
    assert rows.count() == 2
    defne = page.locator("tr", has_text="Defne Belediyesi")
    assert defne.locator("a", has_text="Defne Belediyesi").get_attribute("href") == nation["sites"]["defne"] + "defne/"
    assert defne.locator("a", has_text="2025").get_attribute("href") == nation["sites"]["defne"] + "defne/2025/"
    assert "Yanıt veriyor" in defne.inner_text()
    assert "Yanıt vermiyor" in page.locator("tr", has_text="Kapalı Belediyesi").inner_text()
    defne.locator("a", has_text="2025").click()
    page.wait_for_url(nation["sites"]["defne"] + "defne/2025/")
    assert "Defne" in page.title()
    page.goto(nation["base"] + "/")
    assert page.locator("table a", has_text="Kayseri").count() == 1 and page.locator("table a", has_text="Hatay").count() == 1
    assert page.outside_requests == []


def test_a_municipality_address_redirects_to_its_site(nation, page):
    page.goto(nation["base"] + "/ilgin/")
    page.wait_for_url(nation["sites"]["ilgin"] + "ilgin/")
    assert "Ilgın" in page.title()


def test_a_deep_link_goes_through_404_to_the_same_page_on_the_site(nation, page):
    path = "kars/2024/performans-hedefleri/1-2/"
    page.goto(f"{nation['base']}/{path}?kaynak=ulusal#faaliyetler")
    page.wait_for_url(nation["sites"]["kars"] + path + "?kaynak=ulusal#faaliyetler")
    assert page.title().startswith("Performans hedefi 1.2: ")
    # An address that names no municipality stays on the national 404 page.
    page.goto(nation["base"] + "/bilinmeyen/sayfa/")
    assert page.locator("h1").inner_text() == "Sayfa bulunamadı"
    assert page.url.startswith(nation["base"])


def results(page, address: str) -> list[tuple[str, str]]:
    """The first results of a search as (address, title), read from the search page."""
    page.goto(address)
    page.wait_for_selector(".sf-results__list > li .sf-result__link", timeout=60_000)
    return page.eval_on_selector_all(".sf-result__link", "links => links.map(a => [a.href, a.textContent])")


def origin_of(url: str, sites: dict[str, str]) -> str | None:
    """Which municipality's site (its own origin) a result opens on."""
    return next((slug for slug, address in sites.items() if url.startswith(address)), None)


def test_scoped_search_merges_only_the_province_and_opens_on_the_site(nation, page):
    found = results(page, nation["base"] + "/ara/?il=hatay&q=kentsel+dönüşüm")
    assert found and {origin_of(url, nation["sites"]) for url, _ in found} == {"defne"}, found
    assert page.locator("#sf-ulusal-kapsam").inner_text() == (
        "Kapsam: Defne Belediyesi (Hatay), Kapalı Belediyesi (Hatay), kendi sitelerindeki güncel dizinlerden."
        " Şu an aranamayan: Kapalı Belediyesi (sitesi yanıt vermiyor ya da dizini birleştirilemiyor)."
    )
    fetched = {url.split("/")[2] for url in page.evaluate("performance.getEntriesByType('resource').map(e => e.name)") if "/pagefind/" in url}
    assert fetched == {nation["base"].split("/")[2], nation["sites"]["defne"].split("/")[2]}, fetched
    url, title = found[0]
    page.locator(".sf-result__link").first.click()
    page.wait_for_url(url)
    assert page.title().startswith(title.split(" · ")[0][:20]) or "Defne" in page.title()
    assert page.outside_requests == []


def test_only_the_search_page_may_fetch_from_the_sites(nation):
    """was: every national page allowed fetching from every registered site's origin."""
    def policy(path: str) -> str:
        html = (nation["root"] / path).read_text(encoding="utf-8")
        return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)

    assert nation["sites"]["defne"].rsplit("/depo/", 1)[0] in policy("ara/index.html").split("connect-src", 1)[1]
    assert [path for path in ("index.html", "404.html", "il/hatay/index.html", "durum/index.html", "defne/index.html") if "connect-src" in policy(path)] == []


def test_whole_country_search_finds_every_site_from_one_index(nation, page):
    found = results(page, nation["base"] + "/ara/?q=hizmet")
    origins = {origin_of(url, nation["sites"]) for url, _ in found}
    assert None not in origins and len(origins) >= 3, found
    fetched = {url.split("/")[2] for url in page.evaluate("performance.getEntriesByType('resource').map(e => e.name)") if "/pagefind/" in url}
    assert fetched == {nation["base"].split("/")[2]}, "ülke geneli arama yalnız ulusal sitenin dizinini okur"
    url, _ = found[0]
    page.locator(".sf-result__link").first.click()
    page.wait_for_url(url)
    assert page.locator("h1").count() == 1
    assert page.outside_requests == []


def test_a_site_down_at_search_time_leaves_the_others(nation, page):
    """Kayseri comes first in the scope, so its index would be the primary one: the search moves on to Ilgın's."""
    page.route(nation["sites"]["kayseri"].rstrip("/") + "/**", lambda route: route.abort())
    found = results(page, nation["base"] + "/ara/?kapsam=kayseri&kapsam=ilgin&q=hizmet")
    assert {origin_of(url, nation["sites"]) for url, _ in found} == {"ilgin"}, found
    assert "Şu an aranamayan: Kayseri Büyükşehir Belediyesi (" in page.locator("#sf-ulusal-kapsam").inner_text()
    # The scope stays in the address when the reader narrows the search.
    page.locator(".sf-filter__value input[name='sayfa türü']").first.check()
    page.wait_for_function("location.search.includes('sayfa_turu=')")
    assert page.evaluate("new URLSearchParams(location.search).getAll('kapsam')") == ["kayseri", "ilgin"]


def test_the_national_workflow_runs_commands_that_exist():
    """Every ``seffaf ulusal`` line of the national repository's workflow parses with today's CLI."""
    import yaml
    from seffaf.cli import parser

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ulusal.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    lines = [line.split("|")[0] for step in steps for line in step.get("run", "").splitlines() if line.strip().startswith("seffaf ulusal")]
    commands = [shlex.split(re.sub(r"\$\{\{.*?\}\}", "https://ulusal.example.org", line)) for line in lines]
    assert len(commands) == 2 and "--yalniz-denetim" in commands[0]
    for command in commands:
        parser().parse_args(command[1:])
    assert steps[0]["with"]["fetch-depth"] == 0, "the slug check reads the registry's git history"
    assert [s.get("name") for s in steps].index("Kaydı ve siteleri denetle") < [s.get("name") for s in steps].index("Ulusal siteyi oluştur")


def test_a_site_built_with_another_pagefind_or_without_manifest_is_reported(tmp_path):
    site = tmp_path / "aynalar" / "eski"
    (site / "pagefind").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Eski</title>", encoding="utf-8")
    (site / "pagefind" / "pagefind-entry.json").write_text('{"version": "1.4.0"}', encoding="utf-8")
    registry = write(tmp_path, ENTRY.format(slug="eski", name="Eski Belediyesi", province="Kars"))
    [status] = national.check_sites(national.load_registry(registry), national.Folder(tmp_path / "aynalar"))
    assert (status.answers, status.pagefind, status.manifest, status.mergeable) == (True, "1.4.0", False, False)
    [line] = national.report_lines([status])
    assert line == f"eski: yanıt veriyor, yıl yok, 0 sayfa dizinde; Pagefind 1.4.0 (ulusal arama {national.PAGEFIND_VERSION}; birleştirilmez); veri/manifest.json yok (ülke geneli aramada yok)"


def test_a_scoped_search_by_amount_is_in_amount_order_across_sites(nation, page):
    """Pagefind merges the results of merged indexes by relevance, whatever the sort asked:
    across several sites "Tutar (büyükten küçüğe)" has to be merged by amount here."""
    scope = "&".join(f"kapsam={slug}" for slug in ("defne", "ilgin", "kars"))
    found = results(page, nation["base"] + f"/ara/?{scope}&q=hizmet&sirala=tutar")
    amounts = [int(title.rsplit("·", 1)[1].replace("₺", "").replace(".", "").strip()) for _, title in found if title.endswith("₺")]
    assert len(amounts) >= 5 and amounts == sorted(amounts, reverse=True), found
    assert len({origin_of(url, nation["sites"]) for url, _ in found}) > 1, found
