"""The public record: what makes a published program verifiable years later.

A manifest lists, for every program, the SHA-256 of its YAML and of every file
published for it, with the source document's details, so anyone can check that
a page is what the record says. Builds take their time from the last commit
(SOURCE_DATE_EPOCH), so building the same commit twice gives the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
from pathlib import Path

from .schema import Program


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def commit_time(root: Path) -> str | None:
    """No time limit: a slow git on a loaded machine fell back to the fixed date, so the
    same commit gave workbooks of another date (the likely cause of a flaky byte-for-byte test)."""
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


@contextlib.contextmanager
def reproducible_time(root: Path):
    """Dates written by MkDocs (sitemap) and by the workbooks come from the last commit, not the clock."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    stamp = commit_time(root)
    if stamp:
        os.environ["SOURCE_DATE_EPOCH"] = stamp
    try:
        yield
    finally:
        if stamp:
            del os.environ["SOURCE_DATE_EPOCH"]


def manifest(site_dir: Path, programs: list[tuple[Program, bytes, str]]) -> bytes:
    """``programs``: each program with the bytes of its YAML and the folder its pages are published in."""
    entries = []
    for program, source, folder in programs:
        files = {
            str(path.relative_to(site_dir)): sha256(path.read_bytes())
            for path in sorted((site_dir / folder).rglob("*"))
            if path.is_file()
        }
        entries.append({
            "belediye": program.belediye.slug,
            "yil": program.yil,
            "durum": program.kaynak.durum.value if program.kaynak.durum else None,
            "kaynak": program.kaynak.model_dump(mode="json", by_alias=True, exclude_none=True),
            "yaml_sha256": sha256(source),
            "dosyalar": files,
        })
    return json.dumps({"programlar": entries}, ensure_ascii=False, indent=1).encode("utf-8")
