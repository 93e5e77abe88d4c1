"""The shared report machinery: CSV cells as a spreadsheet should read them, small cells merged."""

from datetime import date
from decimal import Decimal

from service.reports.formats import OTHER, csv_text, merge_small


def test_csv_writes_decimals_plainly_dates_iso_and_defuses_formulas() -> None:
    rows = [
        {"agency": '=HYPERLINK("x")', "owed": Decimal("1E+6"), "on": date(2026, 1, 2)},
        ("Attorney General", Decimal("1234.50"), None),
    ]
    assert csv_text(["agency", "owed", "on"], rows).splitlines() == [
        "agency,owed,on",
        '"\'=HYPERLINK(""x"")",1000000,2026-01-02',
        "Attorney General,1234.50,",
    ]


def row(name: str, awards: int, owed: str, *people: str) -> dict[str, object]:
    return {"agency": name, "awards": awards, "owed": Decimal(owed), "ids": frozenset(people)}


def test_small_cells_merge_into_one_row_and_totals_stay_right() -> None:
    rows = [
        row("Attorney General", 4, "400.00", "a", "b", "c"),
        row("Inspector General", 1, "10.50", "d"),
        row("National Police Service", 2, "20.25", "d", "e"),
        row("KDF", 3, "30.00", "e", "f"),
        row("Nobody owes", 0, "0.00"),
    ]
    merged = merge_small(rows, "ids")
    assert merged == [
        rows[0],
        rows[4],
        {"agency": OTHER, "awards": 6, "owed": Decimal("60.75"), "ids": frozenset("def")},
    ], "survivor d, in two small rows, is counted once; an empty row reveals nobody"


def test_a_merged_row_still_too_small_takes_in_the_smallest_other_row() -> None:
    rows = [
        row("Attorney General", 5, "500.00", "a", "b", "c", "d"),
        row("Inspector General", 3, "300.00", "e", "f", "g"),
        row("KDF", 1, "1.00", "h"),
    ]
    merged = merge_small(rows, "ids")
    assert merged[0] == rows[0]
    assert merged[1] == {
        "agency": OTHER,
        "awards": 4,
        "owed": Decimal("301.00"),
        "ids": frozenset("efgh"),
    }
    assert merge_small(rows, "ids", threshold=1) == rows, "a threshold of 1 merges nothing"
