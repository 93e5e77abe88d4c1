"""One row's cells read as values: dates in either usual form, shillings with thousands
separators, names from a list. Every problem is kept with its column, so a clerk sees all
of a row's mistakes at once."""

import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from domain.calendar import not_in_future
from domain.errors import N_, InvalidInput, Said
from domain.money import AMOUNT_IN, rate_of, typed_amount
from service.imports.layouts import LIST_SEPARATOR
from service.imports.reading import CellError, SheetRow

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


NOT_A_DATE = N_("“%(text)s” is not a date: write 2021-03-14 or 14/03/2021.")


def day_written(text: str) -> date:
    found = DAY_FIRST.match(text)
    try:
        if found:
            day, month, year = map(int, found.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(NOT_A_DATE, None, text=text) from None


def _unreadable(text: str, why: object) -> Said:
    """A parser's refusal: with the catalog sentence it gives as `why`, else said plainly."""
    if isinstance(why, Said):
        return Said(N_("“%(text)s” cannot be read: %(why)s."), {"text": text, "why": why})
    return Said(N_("“%(text)s” cannot be read in this column."), {"text": text})


class Cells:
    def __init__(self, row: SheetRow, now: datetime) -> None:
        self.row = row
        self.now = now
        self.errors: list[CellError] = []

    def fail(self, column: str, said: Said) -> None:
        self.errors.append(CellError(self.row.number, column, said))

    def read(self, column: str, parse: Callable[[str], T], required: bool) -> T | None:
        text = self.row.cells[column]
        if not text:
            if required:
                self.fail(column, Said(N_("The cell is empty, and this column is required.")))
            return None
        try:
            return parse(text)
        except InvalidInput as error:
            self.fail(column, error.said)
        except ValueError as error:  # a domain parser's refusal (a court number, a citation)
            self.fail(column, _unreadable(text, getattr(error, "why", None)))
        return None

    def text(self, column: str) -> str | None:
        return self.read(column, str, required=False)

    def required(self, column: str) -> str:
        return self.read(column, str, required=True) or ""

    def day(self, column: str, required: bool = False) -> date | None:
        """A day something happened: never after today in Nairobi."""
        return self.read(
            column, lambda text: not_in_future(day_written(text), self.now, column), required
        )

    def instant(self, column: str) -> datetime | None:
        """Day and time as a cause list writes them; the time is Nairobi's."""

        def parse(text: str) -> datetime:
            day_text, _, clock_text = text.replace("T", " ").partition(" ")
            found = CLOCK.match(clock_text.strip())
            if found is None:
                raise InvalidInput(
                    N_("“%(text)s” needs a day and a time, e.g. 14/03/2021 09:30."), None, text=text
                )
            hour, minute = map(int, found.groups())
            if hour > 23:
                raise InvalidInput(
                    N_("“%(text)s”: %(hour)s is not an hour."), None, text=text, hour=hour
                )
            return datetime.combine(day_written(day_text), time(hour, minute))

        return self.read(column, parse, required=True)

    def amount(self, column: str, required: bool = False) -> Decimal | None:
        """Shillings as a clerk or a decree writes them: domain/money.py's one parser."""
        return self.read(
            column,
            lambda text: typed_amount(text, Said(AMOUNT_IN, {"column": column}), column),
            required,
        )

    def number(self, column: str) -> Decimal | None:
        def parse(text: str) -> Decimal:
            if not re.fullmatch(r"\d+(?:\.\d+)?", text.rstrip("%").strip()):
                raise InvalidInput(N_("“%(text)s” is not a number."), None, text=text)
            return Decimal(text.rstrip("%").strip())

        return self.read(column, parse, required=False)

    def rate(self, column: str) -> Decimal | None:
        """Percent a year, within the bounds the API keeps (domain/money.py)."""

        def parse(text: str) -> Decimal:
            figure = text.rstrip("%").strip()
            if not re.fullmatch(r"\d+(?:\.\d+)?", figure):
                raise InvalidInput(
                    N_("“%(text)s” is not a rate of interest, e.g. 12 or 12.5."), None, text=text
                )
            return rate_of(Decimal(figure), column)

        return self.read(column, parse, required=False)

    def choice(self, column: str, kind: type[E], required: bool = False) -> E | None:
        def parse(text: str) -> E:
            key = re.sub(r"[\s\-']+", "_", text.strip().lower())
            try:
                return kind(key)
            except ValueError:
                known = ", ".join(m.value for m in kind)
                raise InvalidInput(
                    N_("“%(text)s” is not one of: %(known)s."), None, text=text, known=known
                ) from None

        return self.read(column, parse, required)

    def flag(self, column: str) -> bool | None:
        def parse(text: str) -> bool:
            if text.lower() in YES | NO:
                return text.lower() in YES
            raise InvalidInput(N_("“%(text)s” should be yes or no."), None, text=text)

        return self.read(column, parse, required=False)

    def names(self, column: str, required: bool = False) -> list[str]:
        found = self.read(column, lambda text: text.split(LIST_SEPARATOR), required) or []
        return [name.strip() for name in found if name.strip()]
