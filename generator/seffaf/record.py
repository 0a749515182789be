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

from . import urls
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


def manifest(site_dir: Path, programs: list[tuple[Program, bytes, str]], published: Path | None = None) -> bytes:
    """``programs``: each program with the bytes of its YAML and the folder its pages are published in.
    ``published``: the site a rebuild started from, whose manifest vouches for the files taken over from it."""
    known = _taken_over(site_dir, published) if published else {}
    entries = []
    for program, source, folder in programs:
        files = {}
        for path in sorted((site_dir / folder).rglob("*")):
            if path.is_file():
                name = path.relative_to(site_dir).as_posix()
                files[name] = known.get(name) or sha256(path.read_bytes())
        entries.append({
            "belediye": program.belediye.slug,
            "yil": program.yil,
            "durum": program.kaynak.durum.value if program.kaynak.durum else None,
            "kaynak": program.kaynak.model_dump(mode="json", by_alias=True, exclude_none=True),
            "yaml_sha256": sha256(source),
            "dosyalar": files,
        })
    return json.dumps({"programlar": entries}, ensure_ascii=False, indent=1).encode("utf-8")


def _taken_over(site_dir: Path, published: Path) -> dict[str, str]:
    """The published manifest's digests of the files a rebuild kept as they were: the same file
    (a hard link), not written since that manifest was. Hashing the whole site again was most
    of what a rebuild after one change spent on its manifest."""
    try:
        listed = published / urls.manifest()
        written = listed.stat().st_mtime_ns
        entries = json.loads(listed.read_bytes())["programlar"]
        digests = {name: digest for entry in entries for name, digest in entry["dosyalar"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    kept = {}
    for name, digest in digests.items():
        try:
            ours, theirs = (site_dir / name).stat(), (published / name).stat()
        except (OSError, ValueError):
            continue
        if (ours.st_dev, ours.st_ino) == (theirs.st_dev, theirs.st_ino) and ours.st_mtime_ns <= written and isinstance(digest, str):
            kept[name] = digest
    return kept
