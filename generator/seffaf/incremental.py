"""What a rebuild can skip: a program file that has not changed is not read and
checked again, a program whose inputs have not changed is not rendered again,
and MkDocs rewrites only the pages whose Markdown changed.

Everything is kept in a folder beside the output (``.site-onbellek/`` for
``site/``). Every key is a content hash that includes the generator's own code,
the theme and the versions of MkDocs, Material and Pagefind, so changing any of
them makes every entry new. Output is the same as a full build's:
``tests/test_incremental.py`` compares the two byte for byte.

A cache holds data, never code: each entry is JSON, signed (``Seal``) and validated
on read like a program file. An entry this machine's builds did not write, or one
that does not validate, is not used: the build makes it again.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.metadata
import os
import secrets
import shutil
import subprocess
from pathlib import Path
from typing import Callable, TypeVar

from .loader import ProgramError

T = TypeVar("T")

_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pagefind-bin", "pydantic")


def _tree_digest(digest, folder: Path) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())


def code_version(theme_dir: Path) -> str:
    """The generator's source, the theme and the libraries that shape the HTML."""
    digest = hashlib.sha256()
    _tree_digest(digest, Path(__file__).parent)
    _tree_digest(digest, theme_dir)
    for name in _PACKAGES:
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()


def cache_folder(out_dir: Path) -> Path:
    """``site/`` → ``.site-onbellek/``: beside the output, so each output has its own."""
    return out_dir.with_name(f".{out_dir.name}-onbellek")


def tracked_by_git(path: Path) -> bool:
    """Whether git tracks anything under ``path``: a cache or a site someone committed
    (``git add -f``) is not this machine's own, whatever it holds."""
    try:
        listed = subprocess.run(["git", "-C", str(path.parent), "ls-files", "-z", "--", path.name], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return listed.returncode == 0 and bool(listed.stdout)


class Seal:
    """Entries only this machine's builds wrote: each is signed (HMAC-SHA-256) with a key
    made at random by the first build into the folder and kept there. An entry from
    anywhere else (a commit, a copy) fails the check, however right its name. A folder
    git tracks is not trusted at all: whoever commits the entries can commit the key."""

    KEY = ".anahtar"

    def __init__(self, folder: Path):
        self.folder = folder
        self.trusted = not tracked_by_git(folder)
        self._key: bytes | None = None

    def _secret(self) -> bytes:
        if self._key is None:
            path = self.folder / self.KEY
            if not path.exists():
                self.folder.mkdir(parents=True, exist_ok=True)
                fresh = path.with_name(f"{self.KEY}.{os.getpid()}")
                fresh.write_bytes(secrets.token_bytes(32))
                fresh.chmod(0o600)
                try:
                    os.link(fresh, path)  # whole or not at all, and never over another process's key
                except FileExistsError:
                    pass
                finally:
                    fresh.unlink()
            self._key = path.read_bytes()
        return self._key

    def _signature(self, data: bytes) -> bytes:
        return hmac.new(self._secret(), data, hashlib.sha256).hexdigest().encode()

    def open(self, path: Path) -> bytes | None:
        """The entry's data, or None where it is missing, unsigned or signed with another key."""
        if not self.trusted:
            return None
        try:
            signature, _, data = path.read_bytes().partition(b"\n")
        except OSError:
            return None
        return data if hmac.compare_digest(signature, self._signature(data)) else None

    def write(self, path: Path, data: bytes) -> None:
        """Written under a temporary name and renamed, so a reader never sees half an entry."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(self._signature(data) + b"\n" + data)
        partial.replace(path)


class Cache:
    def __init__(self, folder: Path, theme_dir: Path, out_dir: Path | None = None):
        self.folder = folder
        self.code = code_version(theme_dir)
        self.used: set[Path] = set()
        self.seal = Seal(folder)
        if out_dir is not None and tracked_by_git(out_dir):
            self.seal.trusted = False

    @classmethod
    def beside(cls, out_dir: Path, theme_dir: Path) -> Cache:
        return cls(cache_folder(out_dir), theme_dir, out_dir)

    def key(self, *parts: str | bytes) -> str:
        digest = hashlib.sha256(self.code.encode())
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode()
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return digest.hexdigest()

    def get(self, kind: str, key: str, read: Callable[[bytes], T]) -> T | None:
        """``read`` validates the entry's JSON as the data it stands for; if it refuses, the entry is not used."""
        path = self.folder / kind / key
        data = self.seal.open(path)
        if data is None:
            return None
        try:
            value = read(data)
        except (ValueError, ProgramError):
            return None
        self.used.add(path)
        return value

    def put(self, kind: str, key: str, data: bytes) -> None:
        self.seal.write(self.folder / kind / key, data)
        self.used.add(self.folder / kind / key)

    def prune(self) -> None:
        """Drop the entries this build did not use, so the cache holds one site's worth."""
        for kind in ("programlar", "sayfalar"):
            for path in (self.folder / kind).glob("*"):
                if path not in self.used:
                    path.unlink()

    def site_key(self, settings: dict, nav: list, titles: list[tuple[str, str]], docs_dir: Path, docs: dict[str, bytes]) -> str:
        """What every page's HTML shares beyond its own Markdown: settings, navigation, every page's title, the file list."""
        return self.key(repr(sorted(settings.items())), repr(nav), repr(sorted(titles)), str(docs_dir), repr(sorted(docs)))

    @property
    def _site_key(self) -> Path:
        return self.folder / "site-anahtari"

    def site_matches(self, key: str, out_dir: Path) -> bool:
        """The published site was built here by this code from pages with the same addresses,
        titles and navigation: only its changed pages need MkDocs again."""
        return out_dir.is_dir() and self.seal.open(self._site_key) == key.encode()

    def forget_site(self) -> None:
        """Until a build has replaced the site, nothing may trust it: a failed build means a full one next."""
        self._site_key.unlink(missing_ok=True)

    def remember_site(self, key: str) -> None:
        self.seal.write(self._site_key, key.encode())


def sync(folder: Path, files: dict[str, bytes]) -> None:
    """Write only what changed, so an unchanged page keeps the old time MkDocs compares
    with its HTML; remove what is no longer there."""
    for name, data in files.items():
        path = folder / name
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    wanted = {folder / name for name in files}
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def copy_previous(out_dir: Path, site_dir: Path, skip: str) -> None:
    """The published site as the starting point, with the files' times kept for MkDocs to compare.
    Hard links, not copies: whatever the build writes, it unlinks first (``mkdocs_site._Share``)."""
    shutil.copytree(out_dir, site_dir, copy_function=os.link, ignore=lambda folder, names: [skip] if Path(folder) == out_dir else [])
