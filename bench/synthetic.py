"""Synthetic but realistic programs for the benchmarks.

The five real programs in ``programs/`` are loaded (they validate) and copied
N times in turn under new names: ``sentetik-001`` "Sentetik 001 Belediyesi"
is a copy of the first real program, ``sentetik-002`` of the second, and so
on. Everything but the municipality's slug and name is kept, so the pages,
tables and words are those of real documents.

    .venv/bin/python bench/synthetic.py 20 /tmp/programlar    # writes and checks 20 programs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generator"))

from seffaf.loader import load_program  # noqa: E402
from seffaf.schema import Program  # noqa: E402

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""The same output as ``yaml.safe_dump``, written by libyaml when it is there."""


def real_programs(programs_dir: Path = ROOT / "programs") -> list[Program]:
    return [load_program(path) for path in sorted(programs_dir.glob("*/*.yml"))]


def slug(number: int) -> str:
    return f"sentetik-{number:03d}"


def name(number: int) -> str:
    return f"Sentetik {number:03d} Belediyesi"


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def generate(count: int, out_dir: Path, sources: list[Program] | None = None, check: bool = True) -> list[str]:
    """Write ``count`` programs under ``out_dir`` and return their ``<slug>/<yıl>`` entries.

    With ``check`` every file is loaded back with the project's own loader and
    compared with the program it was copied from (municipality aside).
    """
    sources = sources or real_programs()
    bases = [program.model_dump(mode="json", by_alias=True, exclude_none=True) for program in sources]
    entries = []
    for number in range(1, count + 1):
        data = dict(bases[(number - 1) % len(bases)])
        data["belediye"] = {**data["belediye"], "slug": slug(number), "ad": name(number)}
        target = out_dir / slug(number) / f"{data['yil']}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(data), encoding="utf-8")
        entries.append(f"{slug(number)}/{data['yil']}")
    if check:
        check_loads(out_dir, entries, sources)
    return entries


def check_loads(out_dir: Path, entries: list[str], sources: list[Program]) -> None:
    originals = [program.model_dump(mode="json", by_alias=True) for program in sources]
    for number, entry in enumerate(entries, start=1):
        loaded = load_program(out_dir / f"{entry}.yml").model_dump(mode="json", by_alias=True)
        expected = originals[(number - 1) % len(originals)]
        if loaded["belediye"]["slug"] != slug(number) or loaded["belediye"]["ad"] != name(number):
            raise AssertionError(f"{entry}: belediye {loaded['belediye']}")
        if {**loaded, "belediye": None} != {**expected, "belediye": None}:
            raise AssertionError(f"{entry}: yüklenen program kaynağından farklı")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    entries = generate(args.count, args.out_dir)
    print(f"{len(entries)} program yazıldı ve geri okundu: {args.out_dir}")


if __name__ == "__main__":
    main()
