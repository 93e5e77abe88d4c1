"""One rule for every CSV Haki writes (reports, the full export's tables and import files):
text a spreadsheet would run as a formula leaves with an apostrophe before it, and the
importer takes that apostrophe off again, so an export brought back in is unchanged.

An apostrophe is how a spreadsheet itself marks "this is text" (type '=1+1 and the cell
shows =1+1), so a person opening the file sees the text as it was written.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")
"""what makes Excel, LibreOffice or Google Sheets read a cell as a formula (CSV injection)"""
QUOTE = "'"


def _would_run(text: str) -> bool:
    """Begins with a formula sign, perhaps behind apostrophes this rule added or undoes."""
    return text.lstrip(QUOTE)[:1] in FORMULA_SIGNS


def neutralised(text: str) -> str:
    """`=SUM(A1)` leaves as `'=SUM(A1)`; text already beginning with apostrophes before a
    sign gains one more, so that `restored` gives back exactly what was written."""
    return QUOTE + text if _would_run(text) else text


def restored(text: str) -> str:
    """What `neutralised` was given; any other cell (`'Nyeri'`, `Nyeri`) stays as read."""
    return text[1:] if text[:1] == QUOTE and _would_run(text) else text


def neutralised_sql(column: str) -> str:
    """The same rule as SQL over a quoted text column, for PostgreSQL's COPY to write."""
    signs = "".join(sorted(FORMULA_SIGNS, key=lambda sign: sign == "-"))  # `-` last in [...]
    text = f"{column}::text"
    return (
        f"CASE WHEN ltrim({text}, '{QUOTE * 2}') ~ '^[{signs}]' "
        f"THEN '{QUOTE * 2}' || {text} ELSE {text} END"
    )


def cell(value: Any) -> str:
    """A value as a CSV cell: Decimals as plain decimal strings (never exponent or float),
    dates ISO, enums by value, empty for None, and text `neutralised`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, int):
        return str(value)
    return neutralised(str(value))
