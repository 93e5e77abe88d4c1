"""Dates as people in Kenya live them: events dated in Africa/Nairobi, never in the future,
never before the Republic's courts."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from domain.errors import N_, InvalidInput, Said

NAIROBI = ZoneInfo("Africa/Nairobi")

EARLIEST, LATEST = date(1963, 12, 12), date(2999, 12, 31)
"""No case Haki tracks has a step, a payment or interest running from before Kenya's
independence (12 December 1963): a date before it is a mistyped year. The bounds also keep
every day arithmetic in range: a case dated in year 1 with an award at 100% once read as two
quadrillion shillings in every role's unpaid totals."""

LABELS = {
    "opened_on": N_("The date the case was opened"),
    "occurred_on": N_("The date it happened"),
    "filed_on": N_("The date of filing"),
    "judgment_on": N_("The date of judgment"),
    "stage_since": N_("The date it reached the stage"),
    "interest_from": N_("The date interest runs from"),
    "certificate_on": N_("The date the certificate of order was issued"),
    "served_on": N_("The date the Attorney General was served"),
    "received_on": N_("The date the payment was received"),
    "paid_on": N_("The date it was paid"),
    "taxed_on": N_("The date the costs were taxed"),
    "reversed_on": N_("The date of the reversal"),
    "on": N_("The date of the follow-up"),
    "answered_on": N_("The date of the answer"),
    "as_of": N_("The date of the figures"),
    "since": N_("The first day"),
    "until": N_("The last day"),
    "from": N_("The first day"),
    "to": N_("The last day"),
}
"""each date field's label, as a refusal names it (an import column `x_interest_from` too)"""


def label_of(field: str) -> str:
    """The field's words as a catalog msgid, said in the reader's language with the refusal."""
    return LABELS.get("interest_from" if field.endswith("_interest_from") else field, THE_DATE)


THE_DATE = N_("The date")


def long_date(day: date) -> str:
    """12 December 1963, as a Kenyan court writes a date in words."""
    return f"{day.day} {day:%B} {day.year}"


def nairobi_today(now: datetime) -> date:
    return now.astimezone(NAIROBI).date()


def on_record(day: date, field: str, label: str | None = None) -> date:
    """A day Haki can hold: from independence to the bound that keeps arithmetic in range."""
    words = Said(label or label_of(field))
    if day < EARLIEST:
        raise InvalidInput(
            N_("%(what)s cannot be before %(earliest)s, Kenya's independence; check the year."),
            field,
            what=words,
            earliest=EARLIEST,
        )
    if day > LATEST:
        raise InvalidInput(
            N_("%(what)s cannot be after %(latest)s; check the year."),
            field,
            what=words,
            latest=LATEST,
        )
    return day


IN_THE_FUTURE = N_(
    "%(what)s, %(day)s, is in the future: today in Nairobi is %(today)s, and events are "
    "recorded once they have happened."
)
"""the refusal of a day not yet come, which a page may say in its own words for its field"""


def not_in_future(day: date, now: datetime, field: str, label: str | None = None) -> date:
    """A day something happened: on record (see `on_record`) and not after today in Nairobi."""
    words = label or label_of(field)
    on_record(day, field, words)
    today = nairobi_today(now)
    if day > today:
        raise InvalidInput(
            IN_THE_FUTURE,
            field,
            what=Said(words),
            day=day,
            today=today,
        )
    return day


def nairobi_midnight(day: date, field: str) -> datetime:
    """The instant a Nairobi day begins, for a day on record."""
    on_record(day, field)
    return datetime.combine(day, time(0), tzinfo=NAIROBI)
