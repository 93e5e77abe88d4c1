"""Dates as people in Kenya live them: events dated in Africa/Nairobi, never in the future,
never before the Republic's courts."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput

NAIROBI = ZoneInfo("Africa/Nairobi")

EARLIEST, LATEST = date(1963, 12, 12), date(2999, 12, 31)
"""No case Haki tracks has a step, a payment or interest running from before Kenya's
independence (12 December 1963): a date before it is a mistyped year. The bounds also keep
every day arithmetic in range: a case dated in year 1 with an award at 100% once read as two
quadrillion shillings in every role's unpaid totals."""

LABELS = {
    "opened_on": "The date the case was opened",
    "occurred_on": "The date it happened",
    "filed_on": "The date of filing",
    "judgment_on": "The date of judgment",
    "stage_since": "The date it reached the stage",
    "interest_from": "The date interest runs from",
    "certificate_on": "The date the certificate of order was issued",
    "served_on": "The date the Attorney General was served",
    "received_on": "The date the payment was received",
    "paid_on": "The date it was paid",
    "taxed_on": "The date the costs were taxed",
    "reversed_on": "The date of the reversal",
    "on": "The date of the follow-up",
    "answered_on": "The date of the answer",
    "as_of": "The date of the figures",
    "since": "The first day",
    "until": "The last day",
    "from": "The first day",
    "to": "The last day",
}
"""each date field's label, as a refusal names it (an import column `x_interest_from` too)"""


def label_of(field: str) -> str:
    return LABELS.get("interest_from" if field.endswith("_interest_from") else field, "The date")


def long_date(day: date) -> str:
    """12 December 1963, as a Kenyan court writes a date in words."""
    return f"{day.day} {day:%B} {day.year}"


def nairobi_today(now: datetime) -> date:
    return now.astimezone(NAIROBI).date()


def on_record(day: date, field: str, label: str | None = None) -> date:
    """A day Haki can hold: from independence to the bound that keeps arithmetic in range."""
    words = label or label_of(field)
    if day < EARLIEST:
        raise InvalidInput(
            f"{words} cannot be before {long_date(EARLIEST)}, Kenya's independence; "
            "check the year.",
            field=field,
        )
    if day > LATEST:
        raise InvalidInput(f"{words} cannot be after {long_date(LATEST)}; check the year.", field)
    return day


def not_in_future(day: date, now: datetime, field: str, label: str | None = None) -> date:
    """A day something happened: on record (see `on_record`) and not after today in Nairobi."""
    words = label or label_of(field)
    on_record(day, field, words)
    today = nairobi_today(now)
    if day > today:
        raise InvalidInput(
            f"{words}, {long_date(day)}, is in the future: today in Nairobi is "
            f"{long_date(today)}, and events are recorded once they have happened.",
            field=field,
        )
    return day


def nairobi_midnight(day: date, field: str) -> datetime:
    """The instant a Nairobi day begins, for a day on record."""
    on_record(day, field)
    return datetime.combine(day, time(0), tzinfo=NAIROBI)
