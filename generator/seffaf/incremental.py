"""What a rebuild can skip: a program file that has not changed is not read and
checked again, a program whose inputs have not changed is not rendered again,
and MkDocs rewrites only the pages whose Markdown changed.

Everything is kept in a folder beside the output (``.site-onbellek/`` for
``site/``). Every key is a content hash that includes the generator's own code,
the theme and the versions of MkDocs, Material and Pagefind, so changing any of
them makes every entry new. Output is the same as a full build's:
``tests/test_incremental.py`` compares the two byte for byte.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import shutil
from pathlib import Path

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


class Cache:
    def __init__(self, folder: Path, theme_dir: Path):
        self.folder = folder
        self.code = code_version(theme_dir)
        self.used: set[Path] = set()

    @classmethod
    def beside(cls, out_dir: Path, theme_dir: Path) -> Cache:
        return cls(cache_folder(out_dir), theme_dir)

    def key(self, *parts: str | bytes) -> str:
        digest = hashlib.sha256(self.code.encode())
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode()
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return digest.hexdigest()

    def get(self, kind: str, key: str):
        path = self.folder / kind / key
        try:
            value = pickle.loads(path.read_bytes())
            self.used.add(path)
            return value
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, kind: str, key: str, value) -> None:
        """Written under a temporary name and renamed, so a reader never sees half an entry."""
        folder = self.folder / kind
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{key}.{os.getpid()}"
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(folder / key)
        self.used.add(folder / key)

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
        """The published site was built by this code from pages with the same addresses,
        titles and navigation: only its changed pages need MkDocs again."""
        try:
            return out_dir.is_dir() and self._site_key.read_text() == key
        except OSError:
            return False

    def forget_site(self) -> None:
        """Until a build has replaced the site, nothing may trust it: a failed build means a full one next."""
        self._site_key.unlink(missing_ok=True)

    def remember_site(self, key: str) -> None:
        self._site_key.write_text(key)


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
