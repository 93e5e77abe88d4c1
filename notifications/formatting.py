"""Shillings, dates and rates as Babel writes them for en_KE and sw_KE."""

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_percent

from domain.money import cents
from notifications.i18n import Language


def shillings(amount: Decimal, language: Language) -> str:
    """`Ksh1,000,000.00` in en_KE, `Ksh 1,000,000.00` (a no-break space) in sw_KE."""
    return format_currency(cents(amount), "KES", locale=language.locale)


def long_date(day: date, language: Language) -> str:
    """`2 February 2026` in en_KE, `2 Februari 2026` in sw_KE."""
    return format_date(day, "long", locale=language.locale)


def yearly_rate(percent: Decimal, language: Language) -> str:
    """A decree's rate as written, `12%` or `12.5%`: never rounded to a whole percent."""
    return format_percent(percent / 100, locale=language.locale, decimal_quantization=False)
