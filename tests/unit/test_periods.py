"""Periods counted as IGPA s.57 counts them, on real dates of 2026 and 2027: a last day to act
that is a Sunday or a public holiday runs to the next day that is neither (s.57(b)); a wait is
counted by s.57(a) alone."""

from datetime import date

import pytest

from domain.periods import first_day_after, last_day_within
from domain.working_days import public_holiday, working_day


@pytest.mark.parametrize(
    ("event", "days", "last"),
    [
        # day 14 a plain Wednesday: no change
        (date(2026, 12, 2), 14, date(2026, 12, 16)),
        # day 14 is Jamhuri Day, a Saturday: past it and the Sunday to Monday the 14th
        (date(2026, 11, 28), 14, date(2026, 12, 14)),
        # day 14 is Christmas (Friday): past Boxing Day (Saturday) and Sunday to Monday the 28th
        (date(2026, 12, 11), 14, date(2026, 12, 28)),
        # day 14 is 1 January 2027, a Friday: Saturday the 2nd is not excluded
        (date(2026, 12, 18), 14, date(2027, 1, 2)),
        # day 21 is a Sunday with no holiday: Monday
        (date(2026, 11, 1), 21, date(2026, 11, 23)),
        # day 30 is Jamhuri Day 2027, a Sunday, and Monday the 13th is its day off: Tuesday
        (date(2027, 11, 12), 30, date(2027, 12, 14)),
        # day 14 is Mashujaa Day, a Tuesday
        (date(2026, 10, 6), 14, date(2026, 10, 21)),
    ],
    ids=[
        "plain-day",
        "jamhuri-on-a-saturday",
        "christmas",
        "new-year-then-saturday",
        "sunday",
        "jamhuri-on-a-sunday",
        "mashujaa",
    ],
)
def test_a_last_day_to_act_runs_past_sundays_and_public_holidays(
    event: date, days: int, last: date
) -> None:
    assert last_day_within(event, days) == last


def test_a_wait_is_not_lengthened_by_a_holiday() -> None:
    """Day 21 after 4 December 2026 is Christmas: the certificate may still issue on Boxing Day
    by Haki's count (whether s.57(b) lengthens a wait is for a lawyer to confirm)."""
    assert first_day_after(date(2026, 12, 4), 21) == date(2026, 12, 26)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 3, 20),  # Idd-ul-Fitr, as gazetted
        date(2026, 6, 1),  # Madaraka Day
        date(2026, 10, 10),  # Mazingira Day (Utamaduni Day until 2024)
        date(2024, 10, 10),  # Utamaduni Day
        date(2026, 10, 20),  # Mashujaa Day
        date(2026, 12, 12),  # Jamhuri Day
        date(2027, 12, 13),  # Jamhuri Day falls on a Sunday: the Monday off
        date(2025, 10, 17),  # gazetted once: the state funeral of Raila Odinga
    ],
)
def test_kenyas_public_holidays_are_known(day: date) -> None:
    assert public_holiday(day)


def test_holidays_of_one_faith_and_estimated_ids_do_not_count() -> None:
    assert not public_holiday(date(2026, 5, 27))  # Idd-ul-Azha: for Muslims only
    assert not public_holiday(date(2026, 11, 8))  # Diwali: for Hindus only
    assert not public_holiday(date(2027, 3, 9))  # Idd-ul-Fitr 2027: only estimated so far
    assert working_day(date(2027, 3, 9))
