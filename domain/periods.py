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

s.57(b): "if the last day of the period is Sunday or a public holiday ... the period shall
include the next following day, not being an excluded day". Haki applies it to a last day to act
(`last_day_within`: a notice of appeal, a notice of motion): judgment on 28 November 2026, day 14
is Saturday 12 December (Jamhuri Day; a Saturday holiday has no Monday off), so the last day is
Monday 14 December; a decision on 11 December 2026, day 14 is Christmas Day, Friday 25 December,
and the last day runs past Boxing Day (Saturday) and Sunday to Monday 28 December. The holidays
are those domain/working_days.py knows; one it does not know (an Idd not yet gazetted, a one-off
holiday newer than the library) leaves the day shown early, never late. A Saturday that is not a
holiday does not extend a period (s.57(b) names Sundays and holidays).

s.57(b) is not applied to a wait (`first_day_after`: the certificate of order, the notice to
sue). Literally read it would lengthen the wait too, so Haki would refuse a certificate a
registry dated the day after the 21 days; whether it does lengthen a wait is for a lawyer to
confirm (docs/law.md), and until then Haki refuses no date the law may allow. s.57(d)
(Sundays and holidays left out of periods of six days or less) is not applied: none of the
periods here is that short.
"""

from datetime import date, timedelta

from domain.working_days import public_holiday


def _excluded(day: date) -> bool:
    return day.weekday() == 6 or public_holiday(day)


def last_day_within(event: date, days: int) -> date:
    """The last day of a period of `days` days from `event` (s.57(a): the event's day excluded),
    run on past Sundays and public holidays (s.57(b))."""
    day = event + timedelta(days=days)
    while _excluded(day):
        day += timedelta(days=1)
    return day


def first_day_after(event: date, days: int) -> date:
    """The first day after the expiration of `days` days from `event` (s.57(a) only)."""
    return event + timedelta(days=days + 1)


def in_words(day: date) -> str:
    """A date as a Kenyan lawyer writes it in a letter or a refusal: 8 January 2027."""
    return f"{day.day} {day:%B %Y}"
