"""The municipalities' guide (content/belediyeler-icin.md) is true: every command it
names is run here, in its order, in a fresh project folder, and the GitHub Pages
workflow runs the same commands the guide tells the reader it runs.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from seffaf.cli import parser
from seffaf.incremental import cache_folder

from .conftest import ROOT
from .test_check_messages import filled

GUIDE = ROOT / "content" / "belediyeler-icin.md"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
PROGRAM = "programs/ornekkoy/2026.yml"


def guide_commands() -> list[str]:
    """Every line of the guide's ```sh blocks, in order."""
    blocks = re.findall(r"^```sh\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def guide_step(subcommand: str) -> list[str]:
    """The guide's one ``seffaf <subcommand>`` line, as arguments."""
    found = [shlex.split(line) for line in guide_commands() if shlex.split(line)[:2] == ["seffaf", subcommand]]
    assert len(found) == 1, f"rehberde tek bir 'seffaf {subcommand}' satırı olmalı: {found}"
    return found[0]


def seffaf(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    """``seffaf ...`` as the reader types it, run from the project folder."""
    assert args[0] == "seffaf"
    return subprocess.run([sys.executable, "-m", "seffaf.cli", *args[1:]], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def parses(args: list[str]) -> bool:
    """The real command line accepts these arguments (``--help`` included)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            parser().parse_args(args[1:])
    except SystemExit as exit:
        return exit.code == 0
    return True


def workflow_steps() -> list[dict]:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


@pytest.fixture
def project(tmp_path) -> Path:
    """A fork as the guide's reader has it: theme/, content/ and site.yml, and no program yet.

    ``seffaf`` reads theme/ and content/ from the folder it runs in (cli._project: Path.cwd()).
    """
    folder = tmp_path / "depo"
    folder.mkdir()
    shutil.copytree(ROOT / "theme", folder / "theme")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copy(ROOT / "site.yml", folder / "site.yml")
    (folder / "programs").mkdir()
    return folder


def test_every_command_in_the_guide_exists():
    commands = guide_commands()
    assert "make site" in commands and "site:" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "python3 -m venv .venv" in commands
    assert ".venv/bin/pip install --require-hashes -r requirements.txt" in commands
    assert ".venv/bin/pip install --no-deps --no-build-isolation -e ." in commands
    named = [shlex.split(line) for line in commands if line.startswith("seffaf ")]
    assert {args[1] for args in named} >= {"new", "sablon", "ice-aktar", "check", "build", "serve"}
    for args in named:
        assert parses(args), f"rehberdeki komut seffaf'ta yok ya da argümanları yanlış: {shlex.join(args)}"


def test_guide_walkthrough(project):
    # 3. seffaf new
    new = guide_step("new")
    assert new == ["seffaf", "new", "ornekkoy", "2026", "--name", "Örnekköy Belediyesi"]
    result = seffaf(new, project)
    assert result.returncode == 0, result.stderr
    program = project / PROGRAM
    assert program.exists() and (project / "programs" / "program.schema.json").exists()
    text = program.read_text(encoding="utf-8")
    assert "Örnekköy Belediyesi" in text and "null" in text and "not:" in text  # the comments the guide promises

    # 5. seffaf check on the skeleton: 0 hata
    check = guide_step("check")
    assert check == ["seffaf", "check", PROGRAM]
    result = seffaf(check, project)
    assert result.returncode == 0, result.stdout
    assert "1 dosya: 0 hata" in result.stdout

    # 4. filling it as the guide says (tests/test_check_messages.filled), with figures as the
    # document states them: a total that does not add up, and a "-" as null with a note
    complete = filled(text)
    assert "              toplam: 2000000\n" in complete and "degerler: {2024: 12, 2025: 18, 2026: 20}" in complete
    program.write_text(
        complete.replace("              toplam: 2000000\n", "              toplam: 2100000\n").replace(
            "degerler: {2024: 12, 2025: 18, 2026: 20}", "degerler: {2024: 12, 2025: null, 2026: 20}\n                not: 2025 sütunu belgede okunmuyor; boş bırakıldı."
        ),
        encoding="utf-8",
    )
    result = seffaf(check, project)
    assert result.returncode == 0, result.stdout
    assert "1 dosya: 0 hata, 2 uyarı, 1 eksik." in result.stdout  # warnings do not stop publishing
    assert f"uyarı: {PROGRAM}:" in result.stdout and f"eksik: {PROGRAM}: Rehber: Göstergelerin üç yıllık değerleri eksiksiz" in result.stdout

    # 6. site.yml: adres and programlar
    config = yaml.safe_load((project / "site.yml").read_text(encoding="utf-8"))
    config.update(adres="https://kullanici.github.io/depo/", programlar=["ornekkoy/2026"])
    (project / "site.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")

    # 7. seffaf build (its default --out is site)
    build = guide_step("build")
    result = seffaf(build, project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    home = site / "ornekkoy" / "2026" / "index.html"
    assert home.exists()
    assert "Örnekköy Belediyesi" in home.read_text(encoding="utf-8")
    pages = "".join(p.read_text(encoding="utf-8") for p in (site / "ornekkoy").rglob("*.html"))
    assert "2025 sütunu belgede okunmuyor" in pages
    audit_page = (site / "ornekkoy" / "2026" / "denetim" / "index.html").read_text(encoding="utf-8")
    assert "Tutarlılık denetimi" in audit_page and "2.100.000" in audit_page  # the warning is published
    assert not (site / "defne").exists()  # only what site.yml lists is published
    guide_page = site / "belediyeler-icin" / "index.html"
    assert "Belediyeler için" in guide_page.read_text(encoding="utf-8")

    # 7. seffaf serve (on a free port rather than 8000)
    serve = guide_step("serve")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "seffaf.cli", *serve[1:], "--port", str(port)], cwd=project,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline, body = time.monotonic() + 120, None
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/ornekkoy/2026/", timeout=5) as response:
                    body = response.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        assert body is not None and "Örnekköy Belediyesi" in body
    finally:
        server.terminate()
        server.wait(timeout=10)

    # a broken edit: seffaf check names file and line, exit 1; the build refuses and keeps the old site
    written = program.read_text(encoding="utf-8")
    lines = written.splitlines()
    broken_line = next(i for i, line in enumerate(lines, 1) if "butce_toplami: 2000000" in line)
    program.write_text(written.replace("butce_toplami: 2000000", "butce_toplami: iki milyon", 1), encoding="utf-8")
    result = seffaf(check, project)
    assert result.returncode == 1
    example = re.search(rf"^{re.escape(PROGRAM)}:\d+: (.*)$", GUIDE.read_text(encoding="utf-8"), re.M)
    assert example, "rehberde örnek hata satırı yok"
    assert f"{PROGRAM}:{broken_line}: {example[1]}" in result.stdout.splitlines()  # the guide's example, word for word
    assert "1 dosya: 1 hata" in result.stdout
    result = seffaf(build, project)
    assert result.returncode == 1
    assert f"{PROGRAM}:{broken_line}: " in result.stderr
    assert home.exists()


def test_workflow_publishes_with_the_guides_commands():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key on as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"] == "pages"

    steps = workflow_steps()
    uses = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert str(uses["actions/setup-python"]["with"]["python-version"]) == "3.11"
    assert "actions/configure-pages" in uses
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert "actions/deploy-pages" in uses
    # The previous site and its cache come back, so a push that changes one program rebuilds only its pages.
    assert {"site", cache_folder(Path("site")).name} <= set(uses["actions/cache"]["with"]["path"].split())
    deploy = next(job for job in workflow["jobs"].values() if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]))
    assert deploy["environment"]["name"] == "github-pages"

    runs = [line for step in steps if "run" in step for line in step["run"].strip().splitlines()]
    assert runs == ["python -m pip install --require-hashes -r requirements.txt", "python -m pip install --no-deps --no-build-isolation -e .", 'seffaf check --ozet "$GITHUB_STEP_SUMMARY"', "seffaf build"]
    guide = GUIDE.read_text(encoding="utf-8")
    for command in runs:
        assert f"`{command}`" in guide, f"rehber iş akışının komutunu anmıyor: {command}"
    for command in runs[2:]:
        assert parses(shlex.split(command))


def test_workflow_check_passes_on_this_repository():
    """What the workflow runs before publishing: ``seffaf check`` on every program in programs/."""
    result = seffaf(["seffaf", "check"], ROOT)
    assert result.returncode == 0, result.stdout
