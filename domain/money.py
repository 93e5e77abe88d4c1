"""Kenya shillings as Decimal, to the cent: never a float anywhere on the path."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import ClassVar

from domain.errors import N_, Field, InvalidInput, Said

CENT = Decimal("0.01")
LARGEST = Decimal("999999999999.99")  # NUMERIC(14,2): what the ledger can hold
ZERO = Decimal("0.00")


def cents(amount: Decimal) -> Decimal:
    """Rounds half up to the cent, as a court's figures and a bank's are."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


NOT_SHILLINGS = N_("%(field_name)s must be in shillings, like 500,000 or 500000.00.")
NOTHING = N_("%(field_name)s must be more than nothing.")
TOO_MUCH = N_("%(field_name)s is more than Haki can record (999,999,999,999.99).")


def amount_of(value: Decimal | int | str, field: str = "amount") -> Decimal:
    """A positive sum of shillings with at most two decimal places, or a clear refusal."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError) as error:
        raise InvalidInput(NOT_SHILLINGS, field, field_name=Field(field)) from error
    if not amount.is_finite() or amount <= 0:
        raise InvalidInput(NOTHING, field, field_name=Field(field))
    if amount > LARGEST:
        raise InvalidInput(TOO_MUCH, field, field_name=Field(field))
    if amount != amount.quantize(CENT):
        raise InvalidInput(
            N_("%(field_name)s has more than two decimal places."), field, field_name=Field(field)
        )
    return cents(amount)


def kes(amount: Decimal) -> str:
    """Plain figure for statements and errors (people-facing text uses Babel's en_KE/sw_KE)."""
    return f"KES {cents(amount):,.2f}"


def figure(amount: Decimal) -> str:
    """Shillings for JSON: a decimal string to the cent, so no client reads it as a float."""
    return f"{cents(amount):.2f}"


HIGHEST_RATE = Decimal(30)
"""Kenya's courts award interest at court rates, 12-14% a year, and no decree or settlement
Haki tracks carries a rate near 30%: a higher figure is a slip (100 typed for 10, 120 for 12.0)
that would swell every unpaid total, since interest runs for years on an unpaid award."""


def rate_of(value: Decimal, field: str = "rate_percent") -> Decimal:
    if not value.is_finite() or value < 0:
        raise InvalidInput(N_("The interest rate cannot be less than 0 percent a year."), field)
    if value > HIGHEST_RATE:
        raise InvalidInput(
            N_(
                "The interest rate cannot be more than %(highest)s%% a year (Kenya's court "
                "rate is 12 to 14%%), not %(rate)s%%; check the figure."
            ),
            field,
            highest=str(HIGHEST_RATE),
            rate=str(value),
        )
    if value != value.quantize(CENT):
        raise InvalidInput(N_("The interest rate has more than two decimal places."), field)
    return value


_AS_TYPED = re.compile(
    r"""^(?:k?shs?|kes)?\.?\s*               # Ksh, Kshs, KSh., Shs, KES
    (?P<whole>\d{1,3}(?:,\d{3})+              # 1,234,567
      |\d{1,3}(?:[ \u00a0\u202f]\d{3})+      # 1 234 567 (and Babel's no-break spaces)
      |\d+)                                  # 1234567
    (?:\.(?P<cents>\d{1,2}))?                 # .5 or .50
    \s*(?:/\s*[=-])?$                          # /= or /- as a decree closes a sum""",
    re.IGNORECASE | re.VERBOSE,
)


THE_AMOUNT = N_("The amount")
AMOUNT_IN = N_("The amount in %(column)s")
"""an amount of an imported file, named by its column"""


class Why(StrEnum):
    """Why an amount as typed was refused: the pages word each in the reader's language."""

    NOT_SHILLINGS = "not_shillings"
    NOTHING = "nothing"
    TOO_MUCH = "too_much"


class AmountRefused(InvalidInput):
    """An amount as a person typed it that is not one; `what` names it as its form labels it."""

    SENTENCES: ClassVar[dict[Why, str]] = {
        Why.NOT_SHILLINGS: N_("%(what)s must be in shillings, like 500,000 or 500000.00"),
        Why.NOTHING: N_("%(what)s must be more than nothing"),
        Why.TOO_MUCH: N_("%(what)s is more than Haki can record"),
    }

    def __init__(self, why: Why, what: str | Said, field: str | None = None) -> None:
        super().__init__(
            self.SENTENCES[why], field, what=what if isinstance(what, Said) else Said(what)
        )
        self.why = why
        self.what = what


def typed_amount(text: str, what: str | Said = THE_AMOUNT, field: str | None = None) -> Decimal:
    """Shillings as Kenyans type and decrees print them: "500,000", "Ksh 500,000",
    "KSh. 500,000/=", "Kshs.500,000/-", "500 000", "500000.00". Refused: "500,00" and
    "5.000.000" (whose meaning is a guess), a sign, more than two decimals, words."""
    found = _AS_TYPED.match(text.strip())
    if found is None:
        raise AmountRefused(Why.NOT_SHILLINGS, what, field)
    whole = re.sub(r"\D", "", found["whole"])
    amount = Decimal(f"{whole}.{found['cents'] or '0'}")
    if amount <= 0:
        raise AmountRefused(Why.NOTHING, what, field)
    if amount > LARGEST:
        raise AmountRefused(Why.TOO_MUCH, what, field)
    return cents(amount)
