"""Shillings, dates, times and rates as Babel writes them for en_KE and sw_KE."""

from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

from babel.dates import (
    format_date,
    format_skeleton,
    format_time,
    get_period_id,
    get_period_names,
)
from babel.numbers import format_currency, format_percent

from domain.calendar import NAIROBI
from domain.money import cents
from notifications.i18n import Language


def shillings(amount: Decimal, language: Language) -> str:
    """`Ksh1,000,000.00` in en_KE, `Ksh 1,000,000.00` (a no-break space) in sw_KE."""
    return format_currency(cents(amount), "KES", locale=language.locale)


@lru_cache(maxsize=4096)
def long_date(day: date, language: Language) -> str:
    """`2 February 2026` in en_KE, `2 Februari 2026` in sw_KE."""
    return format_date(day, "long", locale=language.locale)


def yearly_rate(percent: Decimal, language: Language) -> str:
    """A decree's rate as written, `12%` or `12.5%`: never rounded to a whole percent."""
    return format_percent(percent / 100, locale=language.locale, decimal_quantization=False)


@lru_cache(maxsize=4096)
def weekday_date(day: date, language: Language) -> str:
    """`Thursday, 10 December 2026` in en_KE, `Alhamisi, 10 Desemba 2026` in sw_KE."""
    return format_date(day, "full", locale=language.locale)


@lru_cache(maxsize=4096)
def short_weekday_date(day: date, language: Language) -> str:
    """`Thu, 10 Dec 2026` in en_KE, `Alhamisi, 10 Des 2026` in sw_KE: for an SMS."""
    return format_skeleton("yMMMEd", day, locale=language.locale)


def clock_time(instant: datetime, language: Language) -> str:
    """The time of day in Nairobi as a reader of the language tells it, written after "at"/"saa".

    English: Babel's 24-hour clock, `09:30`. Swahili: Swahili time, the hours counted from
    06:00 and 18:00 as people say them, with Babel's (CLDR's) part of the day: `3:30 asubuhi`
    for 09:30, `8:00 mchana` for 14:00. Babel's own sw_KE `9:30 asubuhi` counts from midnight,
    and to a reader who tells Swahili time "saa 9:30" is mid-afternoon: a family could come to
    court six hours late. The part of the day keeps Swahili time plain to a reader used to
    the other clock too, since no court sits at 03:30. The part is CLDR's "selection" one, so
    noon and midnight are `mchana` and `usiku` like the hours around them.
    """
    local = instant.astimezone(NAIROBI)
    return _clock_time(local.hour, local.minute, language)


@lru_cache(maxsize=4096)
def _clock_time(hour: int, minute: int, language: Language) -> str:
    """Babel reads its locale data anew on every call: a dispatcher rendering thousands of
    texts asks for the same few days and times again and again, so each is written once."""
    if language is Language.EN:
        return format_time(time(hour, minute), "short", locale=language.locale)
    swahili_hour = (hour - 6) % 12 or 12
    period = get_period_id(time(hour, minute), type="selection", locale=language.locale)
    part_of_day = get_period_names("wide", "format", language.locale)[period]
    return f"{swahili_hour}:{minute:02d} {part_of_day}"
