"""What a reader's browser fetches: one typical search, one first visit to a page.

The built site is served from loopback by Python's ``http.server``, without
compression (a plain static host) and with gzip for text as GitHub Pages sends
it (``--gzip``); Pagefind's own index files are gzip-compressed already. It is opened in Debian's headless Chromium through Playwright,
each visit in a fresh browser context (empty cache); the search twice, on a desktop (the filter
panel open, its index loaded after the results) and on a phone (the panel closed). Bytes are response body
sizes as Chromium received them.

    .venv/bin/python bench/search_bytes.py site/ [--query temizlik] [--page defne/2025/performans-hedefleri/1-1-1/]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
RESULT = ".sf-result__link"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml"}
"""What GitHub Pages sends gzip-compressed to a browser that asks for it (text types)."""


class _Gzip(_Quiet):
    """A static host that compresses text, as GitHub Pages does."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site_dir: Path, compress: bool = False):
    handler = functools.partial(_Gzip if compress else _Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


def _visit(browser, url: str, wait_for: str | None = None, timeout_ms: int = 120_000, **device) -> tuple[list[tuple[str, int]], str | None]:
    """Every finished request of one visit as (path, body bytes)."""
    context = browser.new_context(locale="tr-TR", **device)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load", timeout=timeout_ms)
    if wait_for:
        page.wait_for_selector(wait_for, timeout=timeout_ms)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    message = page.locator(".sf-results__status").first.text_content() if wait_for else None
    fetched = []
    for request in finished:
        size = request.sizes()["responseBodySize"]
        if size <= 0:  # a body Chromium did not report: read it
            response = request.response()
            size = len(response.body()) if response and response.status == 200 else 0
        fetched.append((urlsplit(request.url).path, size))
    context.close()
    return fetched, message


def measure(site_dir: Path, page_path: str | None, query: str = "temizlik", compress: bool = False) -> dict:
    """Bytes as they travel: with ``compress``, text is gzip-compressed as GitHub Pages sends it."""
    from playwright.sync_api import sync_playwright

    with serve(site_dir, compress) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            search, message = _visit(browser, f"{base}/ara/?q={query}", wait_for=RESULT)
            phone, _ = _visit(browser, f"{base}/ara/?q={query}", wait_for=RESULT, **PHONE)
            result = {
                "query": query,
                "message": message,
                "search_first_pagefind_bytes": sum(size for path, size in phone if path.startswith("/pagefind/")),
                "search_first_pagefind_requests": sum(1 for path, _ in phone if path.startswith("/pagefind/")),
                "search_pagefind_bytes": sum(size for path, size in search if path.startswith("/pagefind/")),
                "search_pagefind_requests": sum(1 for path, _ in search if path.startswith("/pagefind/")),
                "search_total_bytes": sum(size for _, size in search),
                "search_requests": len(search),
            }
            if page_path:
                visit, _ = _visit(browser, f"{base}/{page_path}")
                result.update(page=page_path, page_total_bytes=sum(size for _, size in visit), page_requests=len(visit))
        finally:
            browser.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--query", default="temizlik")
    parser.add_argument("--page", default=None, help="a page address relative to the site root, e.g. defne/2025/")
    parser.add_argument("--gzip", action="store_true", help="serve text gzip-compressed, as GitHub Pages does")
    args = parser.parse_args()
    print(json.dumps(measure(args.site_dir, args.page, args.query, args.gzip), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
