"""Quiet hours, worked by hand in Nairobi time (UTC+3)."""

from datetime import UTC, datetime, time

import pytest

from domain.calendar import NAIROBI
from domain.contacts import quiet_until

NIGHT = (time(21, 0), time(7, 0))


def nairobi(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=NAIROBI)


@pytest.mark.parametrize(
    ("now", "until"),
    [
        (nairobi(3, 20, 59), None),
        (nairobi(3, 21, 0), nairobi(4, 7, 0)),
        (nairobi(3, 23, 30), nairobi(4, 7, 0)),
        (nairobi(4, 2, 0), nairobi(4, 7, 0)),
        (nairobi(4, 6, 59), nairobi(4, 7, 0)),
        (nairobi(4, 7, 0), None),
        (nairobi(4, 13, 0), None),
    ],
)
def test_the_night_window_runs_over_midnight(now: datetime, until: datetime | None) -> None:
    assert quiet_until(now, *NIGHT) == until


def test_an_instant_in_utc_is_judged_by_the_nairobi_clock() -> None:
    # 19:00 UTC is 22:00 in Nairobi
    assert quiet_until(datetime(2026, 12, 3, 19, 0, tzinfo=UTC), *NIGHT) == nairobi(4, 7, 0)


def test_a_window_within_one_day() -> None:
    lunch = (time(13, 0), time(14, 0))
    assert quiet_until(nairobi(3, 13, 30), *lunch) == nairobi(3, 14, 0)
    assert quiet_until(nairobi(3, 14, 0), *lunch) is None
