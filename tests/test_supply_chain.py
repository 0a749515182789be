"""A commit builds the same site on any machine, next year too: every Python package
comes from a lock file with its hashes, and every workflow action from a commit.

A dependency added to pyproject.toml without ``make lock`` fails here, not on the
next fresh machine.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

LOCKS = {"site": ROOT / "requirements.txt", "test": ROOT / "requirements-test.txt"}


def locked(path) -> dict[str, tuple[str, int]]:
    """Package → (version, number of hashes) of a lock file written by ``uv pip compile --generate-hashes``."""
    found: dict[str, tuple[str, int]] = {}
    name = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("--hash=sha256:"):
            assert re.fullmatch(r"--hash=sha256:[0-9a-f]{64}( \\)?", line), line
            version, hashes = found[name]
            found[name] = version, hashes + 1
            continue
        requirement = Requirement(line.rstrip(" \\"))
        pinned = [spec for spec in requirement.specifier if spec.operator == "=="]
        assert len(pinned) == 1 and len(requirement.specifier) == 1, f"{path.name}: {line} tek bir sürüme sabitlenmemiş"
        name = canonicalize_name(requirement.name)
        found[name] = pinned[0].version, 0
    return found


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lock", LOCKS)
def test_every_dependency_is_locked_with_its_hashes(lock):
    pins = locked(LOCKS[lock])
    assert all(hashes for _, hashes in pins.values()), [name for name, (_, hashes) in pins.items() if not hashes]
    config = project()
    wanted = [*config["project"]["dependencies"], *config["build-system"]["requires"]]
    if lock == "test":
        wanted += config["project"]["optional-dependencies"]["test"]
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{text} kilit dosyasında yok: make lock"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), f"{text}: kilitteki {pins[name][0]} uymuyor: make lock"


def test_the_site_and_the_tests_use_the_same_versions():
    site, test = locked(LOCKS["site"]), locked(LOCKS["test"])
    assert {name: site[name][0] for name in site} == {name: test[name][0] for name in site}


def test_make_and_the_workflow_install_from_the_lock_only():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line and "uv==" not in line]
    assert installs == [
        "$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt",
        "$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .",
        "$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.txt",
    ]
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert [line.strip() for line in workflow.splitlines() if "pip install" in line] == [
        "python -m pip install --require-hashes -r requirements.txt",
        "python -m pip install --no-deps --no-build-isolation -e .",
    ]


def test_every_action_is_pinned_to_a_commit():
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}  # v\d+(\.\d+)*$", line), f"{workflow.name}: {line.strip()}"
