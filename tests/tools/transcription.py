"""What every transcription test needs: the script run afresh on its seed, and its output parsed."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
sys.path.insert(0, str(REPO / "generator"))


@dataclass(frozen=True)
class Transcription:
    slug: str
    year: int
    seed_name: str

    @property
    def script(self) -> Path:
        return REPO / "tools" / f"{self.slug}.py"

    @property
    def committed(self) -> Path:
        return REPO / "programs" / self.slug / f"{self.year}.yml"

    @property
    def seed(self) -> Path:
        return SEEDS / self.seed_name

    @property
    def needs_seed(self):
        """The seeds live in shared/ beside the clone (as in CI); without them there is nothing to compare."""
        return pytest.mark.skipif(not self.seed.exists(), reason=f"seed file absent: {self.seed_name}")

    def fixtures(self):
        """``generated`` (the script's fresh output) and ``program`` (it, parsed), once per module."""

        @pytest.fixture(scope="module")
        def generated(tmp_path_factory) -> Path:
            out = tmp_path_factory.mktemp(self.slug) / f"{self.year}.yml"
            subprocess.run([sys.executable, str(self.script), str(self.seed), str(out)], check=True, capture_output=True)
            return out

        @pytest.fixture(scope="module")
        def program(generated) -> dict:
            return yaml.safe_load(generated.read_text(encoding="utf-8"))

        return generated, program
