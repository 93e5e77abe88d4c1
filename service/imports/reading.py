"""Reading an import file as spreadsheets save it: UTF-8 with or without a BOM, comma or
semicolon, blank lines and stray spaces, into rows numbered as the spreadsheet numbers them.
A cell Haki wrote with an apostrophe before a formula sign is read without it
(service/spreadsheet_cells.py), so an export imported again is unchanged.

A problem with the file as a whole (encoding, size, header) refuses it before any row is read.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from service.imports.layouts import LIST_SEPARATOR, LISTED, Column
from service.spreadsheet_cells import restored

DELIMITERS = (",", ";")
CELL_BYTES = 128 * 1024
"""the most a cell may hold: no register's cell comes near it, and Python's csv reader stops
there by default (it raised, and the answer was a 500)"""


@dataclass(frozen=True)
class CellError:
    row: int
    """the spreadsheet's row number: the header is row 1; 0 for the file as a whole"""
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.row else self.column
        return f"{where}: {self.message}"


class FileRefused(Exception):
    """The file cannot be read as this kind of import at all; nothing was written."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = list(errors)


def _refuse(column: str, message: str, row: int = 0) -> FileRefused:
    return FileRefused([CellError(row, column, message)])


@dataclass(frozen=True)
class SheetRow:
    number: int
    cells: dict[str, str]
    """every column of the layout, trimmed; empty string for an empty or absent cell"""


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _refuse(
            "(file)",
            f"not UTF-8 (byte {error.start + 1}, on line {line}); save the spreadsheet as "
            "'CSV UTF-8' and try again",
            line,
        ) from None


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])


def _header(names: list[str], layout: Sequence[Column]) -> list[str]:
    known = [c.name for c in layout]
    names = [name.strip().lower() for name in names]
    unknown = [n for n in names if n and n not in known]
    missing = [c.name for c in layout if c.required and c.name not in names]
    seen = [n for i, n in enumerate(names) if n and n in names[:i]]
    errors = [
        CellError(1, n, "unknown column; this layout has " + ", ".join(known)) for n in unknown
    ]
    errors += [CellError(1, n, "required column missing") for n in missing]
    errors += [CellError(1, n, "column given twice") for n in dict.fromkeys(seen)]
    if errors:
        raise FileRefused(errors)
    return names


def _cell_errors(number: int, column: Column, value: str) -> list[CellError]:
    """What PostgreSQL could not store, said per cell instead of a 500 for the whole file."""
    if "\x00" in value:
        problem = "holds a NUL character (a zero byte), which Haki cannot store; remove it"
        return [CellError(number, column.name, problem)]
    size = len(value.encode())
    if size > CELL_BYTES:
        problem = f"holds {size:,} bytes; a cell may hold at most {CELL_BYTES:,} (128 KiB)"
        return [CellError(number, column.name, problem)]
    names = value.split(LIST_SEPARATOR) if column.name in LISTED else [value]
    if column.longest and any(len(name.strip()) > column.longest for name in names):
        each = "each name" if column.name in LISTED else "it"
        problem = f"is too long: Haki keeps at most {column.longest} characters for {each}"
        return [CellError(number, column.name, problem)]
    return []


def read_rows(data: bytes, layout: Sequence[Column], max_bytes: int) -> list[SheetRow]:
    if len(data) > max_bytes:
        raise _refuse(
            "(file)",
            f"{len(data):,} bytes is over the limit of {max_bytes:,} (HAKI_IMPORT_MAX_BYTES); "
            "split the file",
        )
    text = _text(data)
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise _refuse("(file)", "the first line must be the header with the column names", 1)
    # a cell over csv's own limit is refused by name below, not by the reader's exception
    csv.field_size_limit(max(csv.field_size_limit(), len(data) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    names = _header(next(reader), layout)
    rows, errors, last = [], [], reader.line_num
    for values in reader:
        number, last = last + 1, reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(names) and any(v.strip() for v in values[len(names) :]):
            errors.append(
                CellError(number, "(row)", f"{len(values)} cells but {len(names)} columns")
            )
            continue
        given = dict(zip(names, (restored(value.strip()) for value in values), strict=False))
        cells = {c.name: given.get(c.name, "") for c in layout}
        found = [e for c in layout for e in _cell_errors(number, c, cells[c.name])]
        errors += found
        if not found:
            rows.append(SheetRow(number, cells))
    if errors:
        raise FileRefused(errors)
    return rows
