"""Kenya's public holidays, for the periods the law sets and the office's call-backs.

The calendar is the `holidays` library's for Kenya, kept up by its maintainers against the
Public Holidays Act (Cap. 110) and the Gazette: New Year's Day, Good Friday, Easter Monday,
Labour Day, Madaraka Day, 10 October (Moi Day, Utamaduni Day from 2021, Mazingira Day from
2025), Mashujaa Day, Jamhuri Day, Christmas and Boxing Day, Idd-ul-Fitr as gazetted, a Sunday
holiday's Monday off, and the one-off days the Cabinet Secretary gazettes once a release of the
library has them (e.g. 17 October 2025, the state funeral of Raila Odinga). A one-off holiday
gazetted after the installed release is not known: on it a deadline is shown early, never late.

Only holidays for everyone count: Idd-ul-Azha and Diwali, holidays for the faithful of one
religion, do not close the registries. An Idd the library only estimates (before the moon is
sighted and the day gazetted) does not count either: if the estimate were wrong, a deadline
would be shown a day later than the law's.
"""

from datetime import date
from functools import cache


@cache
def _holidays_of(year: int) -> frozenset[date]:
    # imported on first use: the library takes a second to import on a loaded machine, which
    # every process (and `haki serve`'s workers, within their start-up check) would pay
    from holidays.countries.kenya import Kenya

    calendar = Kenya(years=year, language="en_US")
    return frozenset(day for day, name in calendar.items() if "estimated" not in name)


def public_holiday(day: date) -> bool:
    """A day the law keeps as a public holiday throughout Kenya."""
    return day in _holidays_of(day.year)


def working_day(day: date) -> bool:
    """A day the office and the registries are open: Monday to Friday, not a public holiday."""
    return day.weekday() < 5 and not public_holiday(day)
