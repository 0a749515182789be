"""A national index over separate sites (docs/ulusal-site.md): each municipality's
site is built on its own, the sites are served side by side under one host, and
a page at the root searches all three at once with Pagefind's ``mergeIndex``.
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from seffaf.build import build
from seffaf.loader import load_program

from .conftest import ROOT, make_project, serving_folder

SITES = {"defne": "defne/2025", "ilgin": "ilgin/2023", "kayseri": "kayseri/2025"}
"""Sub-path of the national host → the one program that site publishes."""

WORD = "hizmet"

INDEX = """<!doctype html>
<html lang="tr">
<meta charset="utf-8">
<title>Ulusal dizin</title>
<h1>Bütün belediyelerde ara</h1>
<ol id="sonuclar"></ol>
<script type="module">
  const list = document.getElementById("sonuclar");
  try {
    const pagefind = await import("/defne/pagefind/pagefind.js");
    await pagefind.options({});
    await pagefind.mergeIndex("/ilgin/pagefind/");
    await pagefind.mergeIndex("/kayseri/pagefind/");
    const search = await pagefind.search(new URLSearchParams(location.search).get("q"));
    const found = await Promise.all(search.results.map((result) => result.data()));
    for (const page of found) {
      const link = document.createElement("a");
      link.href = page.url;
      link.textContent = page.meta.title;
      list.appendChild(document.createElement("li")).appendChild(link);
    }
    document.body.dataset.sonuc = String(found.length);
  } catch (error) {
    document.body.dataset.hata = String(error);
  }
</script>
</html>
"""


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """Three sites built separately into ``www/<belediye>/``, an index at ``www/``, served on loopback."""
    root = tmp_path_factory.mktemp("ulusal") / "www"
    for name, program in SITES.items():
        build(make_project(tmp_path_factory.mktemp(name), [program]), root / name)
    (root / "index.html").write_text(INDEX, encoding="utf-8")
    with serving_folder(root) as base:
        yield root, base


def test_the_word_is_in_every_site(national):
    root, _ = national
    for name, program in SITES.items():
        pages = [p for p in (root / name / program).rglob("index.html") if WORD in p.read_text(encoding="utf-8").lower()]
        assert len(pages) >= 3, f"{name}: '{WORD}' {len(pages)} sayfada"


def test_one_search_finds_pages_of_all_three_sites(national, page):
    root, base = national
    page.goto(f"{base}/?q={WORD}")
    page.wait_for_function("document.body.dataset.sonuc || document.body.dataset.hata", timeout=30_000)
    assert page.evaluate("document.body.dataset.hata") is None
    results = page.eval_on_selector_all("#sonuclar a", "links => links.map(a => [a.getAttribute('href'), a.textContent])")
    assert len(results) == int(page.evaluate("document.body.dataset.sonuc")) > 0

    by_site: dict[str, list[tuple[str, str]]] = {name: [] for name in SITES}
    for url, title in results:
        match = re.match(r"/([a-z]+)/", url)
        assert match and match.group(1) in SITES, f"sonuç hiçbir siteye ait değil: {url}"
        assert (root / url.strip("/") / "index.html").is_file(), f"sonucun sayfası yok: {url}"
        by_site[match.group(1)].append((url, title))
    for name, program in SITES.items():
        program_pages = [(url, title) for url, title in by_site[name] if url.startswith(f"/{name}/{program}/")]
        assert program_pages, f"{name}: programın sayfalarından sonuç yok ({len(by_site[name])} sonuç)"
        # The address a result gives is the page's permanent address on that site, and it is there.
        url, title = program_pages[0]
        assert (root / url.strip("/") / "index.html").is_file(), url
        with urllib.request.urlopen(base + url) as response:
            assert response.status == 200
        published = load_program(ROOT / "programs" / f"{program}.yml")
        assert f"{published.belediye.ad} {published.yil}" in title, title
    assert page.outside_requests == []
