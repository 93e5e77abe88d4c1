"""Periods of days the law sets, counted as the Interpretation and General Provisions Act does.

Interpretation and General Provisions Act (Cap. 2) s.57(a): "a period of days from the happening
of an event ... shall be deemed to be exclusive of the day on which the event happens". Day 1 of
a period is the day after the event, and day N is the event's date plus N days. So:

- a thing to be done *within* N days of an event may be done up to and including event + N
  days (the last day of the period);
- a thing that may be done only *after the expiration of* N days from an event may be done from
  event + N + 1 days: the period runs to the end of day N, and the first day after it is the
  first day allowed.

Worked by hand: a judgment on 17 December 2026; day 1 is 18 December, day 14 is 31 December,
day 21 is 7 January 2027; the 21 days have expired at the end of 7 January, so 8 January 2027
is the first day after their expiration.

s.57(b) (a period whose last day is a Sunday or public holiday runs to the next working day)
and s.57(d) (Sundays and holidays left out of periods of six days or less) are not applied:
Haki keeps no calendar of public holidays, and none of the periods here is that short. A
deadline that falls on a Sunday or holiday is therefore shown a day or more early, never late.
"""

from datetime import date, timedelta


def last_day_within(event: date, days: int) -> date:
    """The last day of a period of `days` days from `event` (s.57(a): the event's day excluded)."""
    return event + timedelta(days=days)


def first_day_after(event: date, days: int) -> date:
    """The first day after the expiration of `days` days from `event`."""
    return last_day_within(event, days) + timedelta(days=1)


def in_words(day: date) -> str:
    """A date as a Kenyan lawyer writes it in a letter or a refusal: 8 January 2027."""
    return f"{day.day} {day:%B %Y}"
