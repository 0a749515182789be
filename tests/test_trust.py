"""Issue 15: nothing an author types becomes markup, a formula or code, on any road
to the reader. One test per finding; the every-field test (test_every_field.py)
covers every field at once."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook
from seffaf import exports
from seffaf.loader import parse_workbook, validate
from seffaf.schema import Program

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
    """The published program.xlsx is the program workbook: a note typed as a formula stays
    that text, a string cell (quote-prefixed), and reads back as the same program."""
    data = defne_program.model_dump(by_alias=True)
    texts = FORMULAS[:4] + ["#N/A", "düz"]
    for aim, text in zip(data["amaclar"], texts):
        aim["not"] = text
    program = Program.model_validate(data)
    raw = exports.workbook_bytes(program)
    sheet = load_workbook(io.BytesIO(raw))["Amaçlar"]
    header = [c.value for c in sheet[1]]
    notes = [row[header.index("Not")] for row in sheet.iter_rows(min_row=2, max_row=len(texts) + 1)]
    assert [c.value for c in notes] == texts
    assert {c.data_type for c in notes} == {"s"}
    assert all(c.quotePrefix for c in notes[:4])
    assert validate(parse_workbook(raw, "program.xlsx")) == program
    costs = load_workbook(io.BytesIO(raw))["Maliyetler"]
    assert {c.data_type for c in costs["F"][1:] if c.value not in (None, "-")} == {"n"}


