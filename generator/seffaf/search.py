"""The search index: Pagefind, run offline on the built HTML.

Pagefind ships as a binary inside the ``pagefind_bin`` wheel; it writes a
static index under ``pagefind/`` that the browser queries without a server.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index(site_dir: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "tr", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"arama dizini oluşturulamadı (pagefind): {(result.stderr or result.stdout).strip()[-500:]}")
