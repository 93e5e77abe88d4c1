"""Reading import files as offices save them, without a database; the layouts the import guide
(docs/operations/import-export.md) shows."""

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from notifications.i18n import Language
from service.imports.cells import Cells
from service.imports.layouts import Column, layout_markdown
from service.imports.reading import FileRefused, SheetRow, read_rows
from service.web.said import said

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
TWO = (Column("reference", True, ""), Column("title", True, ""))
LAYOUTS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "operations" / "import-export.md"


def cells(**given: str) -> Cells:
    return Cells(SheetRow(7, given), NOW)


def test_the_readme_shows_the_layouts_the_importer_reads() -> None:
    assert layout_markdown() in LAYOUTS_PAGE.read_text()


@pytest.mark.parametrize("text", ["2021-03-14", "14/03/2021", "14/3/2021"])
def test_both_usual_date_forms(text: str) -> None:
    assert cells(day=text).day("day") == date(2021, 3, 14)


@pytest.mark.parametrize(
    ("text", "why"),
    [("03/14/2021", "not a date"), ("2027-01-01", "in the future"), ("yesterday", "not a date")],
)
def test_dates_refused_with_row_and_column(text: str, why: str) -> None:
    read = cells(judgment_on=text)
    assert read.day("judgment_on") is None
    [error] = read.errors
    assert (error.row, error.column) == (7, "judgment_on") and why in error.message


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,250,000.00", "1250000.00"),
        ("1250000", "1250000.00"),
        ("KES 150,000", "150000.00"),
        ("500 000", "500000.00"),
        ("Kshs.500,000/-", "500000.00"),
        ("KSh. 500,000/=", "500000.00"),
    ],
)
def test_amounts_with_or_without_thousands_separators(text: str, amount: str) -> None:
    assert cells(general=text).amount("general") == Decimal(amount)


@pytest.mark.parametrize("text", ["1,25,000", "12.345", "-5", "1.250.000,00", "500,00"])
def test_amounts_that_are_not_shillings(text: str) -> None:
    read = cells(general=text)
    assert read.amount("general") is None and read.errors[0].column == "general"
    assert "must be in shillings, like 500,000 or 500000.00" in read.errors[0].message


def test_semicolons_bom_blank_lines_and_row_numbers() -> None:
    data = "\ufeffreference;title\r\n\r\nA ; B \r\n;\r\nC;D\r\n".encode()
    rows = read_rows(data, TWO, 10_000)
    assert [(r.number, r.cells["reference"], r.cells["title"]) for r in rows] == [
        (3, "A", "B"),
        (5, "C", "D"),
    ]


def test_a_row_with_more_cells_than_columns_is_refused() -> None:
    with pytest.raises(FileRefused) as refused:
        read_rows(b"reference,title\nA,B,C\n", TWO, 10_000)
    assert str(refused.value) == "row 2, column (row): The row has 3 cells but the file 2 columns."


def test_a_refused_cell_is_said_in_kiswahili_as_well_as_english() -> None:
    """Each refusal of a file or a cell is a catalog sentence: English for the API and the
    command line, Kiswahili for a reader who chose it, the column named as the header has it."""
    with pytest.raises(FileRefused) as refused:
        read_rows(b"reference,colour\nA,red\n", TWO, 10_000)
    unknown, missing = refused.value.errors
    assert (unknown.column, missing.column) == ("colour", "title")
    assert (
        unknown.message
        == "Haki does not know this column; the columns of this file are reference, title."
    )
    assert (
        said(unknown.said, Language.SW)
        == "Haki haiijui safu hii; safu za faili hili ni reference, title."
    )
    assert said(missing.said, Language.SW) == "Safu hii inahitajika na haipo."
    typed = cells(day="14 March")
    assert typed.day("day") is None
    (wrong,) = typed.errors
    assert wrong.message == "“14 March” is not a date: write 2021-03-14 or 14/03/2021."
    assert said(wrong.said, Language.SW) == "“14 March” si tarehe: andika 2021-03-14 au 14/03/2021."
