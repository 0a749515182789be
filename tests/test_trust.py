"""Issue 15: nothing an author types becomes markup, a formula or code, on any road
to the reader. One test per finding; the every-field test (test_every_field.py)
covers every field at once."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook
from seffaf import exports

FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tkaçık", "\rsatır"]


def _table(values: list) -> exports.Table:
    columns = [exports.Column("metin", "Metin"), exports.Column("tutar", "Tutar", "number")]
    return exports.Table("t", "T", "", columns, [[v, Decimal("-1500.5")] for v in values])


def test_finding_6_csv_text_cells_cannot_start_a_formula_and_numbers_stay_numbers():
    for excel in (True, False):
        text = exports.csv_bytes(_table(FORMULAS + ["düz metin"]), excel=excel).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))[1:]
        assert [r[0] for r in rows] == ["'" + f for f in FORMULAS] + ["düz metin"]
        assert {r[1] for r in rows} == {"-1500,5" if excel else "-1500.5"}


def test_finding_6_workbook_strings_are_strings_never_formulas(defne_program):
    table = _table(FORMULAS + ["#N/A", "düz"])
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(defne_program, [table])))
    cells = list(book["T"].iter_rows(min_row=2))
    # XML reads a carriage return back as a line feed
    assert [row[0].value for row in cells] == [f.replace("\r", "\n") for f in FORMULAS] + ["#N/A", "düz"]
    assert {row[0].data_type for row in cells} == {"s"}
    assert all(row[0].quotePrefix for row in cells[: len(FORMULAS)])
    assert {(row[1].data_type, row[1].value) for row in cells} == {("n", -1500.5)}
