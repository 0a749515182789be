"""Reading program workbooks against reading the same programs as YAML (issue 17, issue 20's budget).

The five real programs, each written as its workbook (``exports.workbook_bytes``),
read N times over in one process: bytes → validated program, as ``seffaf check``
and ``seffaf build`` do. The budget: reading N workbooks costs at most 1.5× reading
the N YAML files. Then the readers themselves, bytes → every cell of every sheet:
python-calamine (the one the loader uses) against openpyxl's read-only mode.

    .venv/bin/python bench/workbook.py [--n 100]
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import python_calamine
from openpyxl import load_workbook
from seffaf import exports
from seffaf.loader import load_program, parse_document, validate

ROOT = Path(__file__).resolve().parents[1]
PROGRAMS = ["defne/2025", "ilgin/2023", "kars/2024", "izmir/2024", "kayseri/2025"]
BUDGET = 1.5


def _timed(run, files: list[tuple[str, bytes]]) -> float:
    started = time.perf_counter()
    for name, raw in files:
        run(name, raw)
    return time.perf_counter() - started


def _calamine_cells(name: str, raw: bytes) -> None:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    for sheet in book.sheet_names:
        book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _openpyxl_cells(name: str, raw: bytes) -> None:
    book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    for sheet in book.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    book.close()


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--n", type=int, default=100, help="how many program files of each format (the five programs in turn)")
    n = arguments.parse_args().n
    yaml_files, workbooks = [], []
    for entry in PROGRAMS:
        path = ROOT / "programs" / f"{entry}.yml"
        yaml_files.append((f"{entry}.yml", path.read_bytes()))
        workbooks.append((f"{entry}.xlsx", exports.workbook_bytes(load_program(path))))
    yaml_files = [yaml_files[i % 5] for i in range(n)]
    workbooks = [workbooks[i % 5] for i in range(n)]

    def load(name: str, raw: bytes) -> None:
        validate(parse_document(raw, name))

    print(f"{n} program files, the five real programs in turn; one process")
    print(f"  YAML bytes {sum(len(r) for _, r in yaml_files) / 1e6:.1f} MB, workbook bytes {sum(len(r) for _, r in workbooks) / 1e6:.1f} MB")
    read_yaml = _timed(load, yaml_files)
    read_workbooks = _timed(load, workbooks)
    ratio = read_workbooks / read_yaml
    print(f"  bytes → validated program: YAML {read_yaml:.2f} s, workbook {read_workbooks:.2f} s; ratio {ratio:.2f} (budget {BUDGET}: {'kept' if ratio <= BUDGET else 'EXCEEDED'})")
    calamine = _timed(_calamine_cells, workbooks)
    openpyxl = _timed(_openpyxl_cells, workbooks)
    print(f"  bytes → every cell: python-calamine {calamine:.2f} s, openpyxl read-only {openpyxl:.2f} s ({openpyxl / calamine:.1f}×)")


if __name__ == "__main__":
    main()
