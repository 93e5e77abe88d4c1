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

from domain.errors import N_, Said
from service.imports.layouts import LIST_SEPARATOR, LISTED, Column
from service.spreadsheet_cells import restored

DELIMITERS = (",", ";")
CELL_BYTES = 128 * 1024
"""the most a cell may hold: no register's cell comes near it, and Python's csv reader stops
there by default (it raised, and the answer was a 500)"""


@dataclass(frozen=True)
class CellError:
    """A cell refused: a catalog sentence, that a page says in the reader's language and the
    API in English (`message`) beside the row and the column as the file's header names it."""

    row: int
    """the spreadsheet's row number: the header is row 1; 0 for the file as a whole"""
    column: str
    said: Said

    @property
    def message(self) -> str:
        return str(self.said)

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.row else self.column
        return f"{where}: {self.message}"


class FileRefused(Exception):
    """The file cannot be read as this kind of import at all; nothing was written."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = list(errors)


UNKNOWN_COLUMN = N_("Haki does not know this column; the columns of this file are %(columns)s.")
TOO_LONG = N_("The cell is too long: Haki keeps at most %(most)s characters in it.")
TOO_LONG_EACH = N_("A name is too long: Haki keeps at most %(most)s characters for each name.")


def _refuse(column: str, said: Said, row: int = 0) -> FileRefused:
    return FileRefused([CellError(row, column, said)])


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
        said = Said(
            N_(
                "The file is not UTF-8 (byte %(byte)s, on line %(line)s): save the spreadsheet "
                "as “CSV UTF-8” and try again."
            ),
            {"byte": error.start + 1, "line": line},
        )
        raise _refuse("(file)", said, line) from None


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])


def _header(names: list[str], layout: Sequence[Column]) -> list[str]:
    known = [c.name for c in layout]
    names = [name.strip().lower() for name in names]
    unknown = [n for n in names if n and n not in known]
    missing = [c.name for c in layout if c.required and c.name not in names]
    seen = [n for i, n in enumerate(names) if n and n in names[:i]]
    columns = ", ".join(known)
    errors = [CellError(1, n, Said(UNKNOWN_COLUMN, {"columns": columns})) for n in unknown]
    errors += [CellError(1, n, Said(N_("This column is required and missing."))) for n in missing]
    errors += [
        CellError(1, n, Said(N_("This column is given twice."))) for n in dict.fromkeys(seen)
    ]
    if errors:
        raise FileRefused(errors)
    return names


def _cell_errors(number: int, column: Column, value: str) -> list[CellError]:
    """What PostgreSQL could not store, said per cell instead of a 500 for the whole file."""
    if "\x00" in value:
        problem = Said(
            N_("The cell holds a NUL character (a zero byte), which Haki cannot store: remove it.")
        )
        return [CellError(number, column.name, problem)]
    size = len(value.encode())
    if size > CELL_BYTES:
        problem = Said(
            N_("The cell holds %(size)s bytes; a cell may hold at most %(most)s (128 KiB)."),
            {"size": f"{size:,}", "most": f"{CELL_BYTES:,}"},
        )
        return [CellError(number, column.name, problem)]
    names = value.split(LIST_SEPARATOR) if column.name in LISTED else [value]
    if column.longest and any(len(name.strip()) > column.longest for name in names):
        problem = Said(
            TOO_LONG_EACH if column.name in LISTED else TOO_LONG, {"most": column.longest}
        )
        return [CellError(number, column.name, problem)]
    return []


def read_rows(data: bytes, layout: Sequence[Column], max_bytes: int) -> list[SheetRow]:
    if len(data) > max_bytes:
        said = Said(
            N_(
                "The file's %(size)s bytes are over the limit of %(most)s "
                "(HAKI_IMPORT_MAX_BYTES): split the file."
            ),
            {"size": f"{len(data):,}", "most": f"{max_bytes:,}"},
        )
        raise _refuse("(file)", said)
    text = _text(data)
    first = text.split("\n", 1)[0]
    if not first.strip():
        said = Said(N_("The first line must be the header, with the names of the columns."))
        raise _refuse("(file)", said, 1)
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
            counted: dict[str, object] = {"cells": len(values), "columns": len(names)}
            said = Said(
                N_("The row has %(cells)s cells but the file %(columns)s columns."), counted
            )
            errors.append(CellError(number, "(row)", said))
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
