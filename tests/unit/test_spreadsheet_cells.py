"""One escaping rule for every CSV Haki writes, undone by the importer: nothing a spreadsheet
would run leaves as a formula, and whatever was written comes back unchanged."""

import pytest

from service.imports.layouts import LAYOUTS, ImportKind
from service.imports.reading import read_rows
from service.spreadsheet_cells import FORMULA_SIGNS, neutralised, restored

TEXTS = [
    "=1+1",
    "+254712000111",
    "-Inspector General",
    "@SUM(A1)",
    "\tindented",
    "'=already quoted",
    "''=twice",
    "'Nyeri'",
    "'",
    "Attorney General",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_nothing_leaves_as_a_formula_and_everything_comes_back(text: str) -> None:
    written = neutralised(text)
    assert written[:1] not in FORMULA_SIGNS
    assert restored(written) == text


def test_plain_text_and_a_clerks_own_apostrophes_are_left_alone() -> None:
    assert neutralised("Attorney General") == "Attorney General"
    assert restored("'Nyeri'") == "'Nyeri'"
    assert restored("'=typed in a text editor") == "=typed in a text editor"


def test_the_importer_reads_a_quoted_formula_as_the_text_it_was() -> None:
    columns = [c.name for c in LAYOUTS[ImportKind.HEARINGS]]
    header = ",".join(columns)
    values = {"outcome": "'=adjourned", "judicial_officer": "'-Hon. A. Mwangi"}
    row = ",".join(values.get(name, "x") for name in columns)
    [read] = read_rows(f"{header}\r\n{row}\r\n".encode(), LAYOUTS[ImportKind.HEARINGS], 10_000)
    assert (read.cells["outcome"], read.cells["judicial_officer"]) == (
        "=adjourned",
        "-Hon. A. Mwangi",
    )
