"""Dates as people in Kenya live them: events dated in Africa/Nairobi, never in the future."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput

NAIROBI = ZoneInfo("Africa/Nairobi")


def nairobi_today(now: datetime) -> date:
    return now.astimezone(NAIROBI).date()


def not_in_future(day: date, now: datetime, field: str) -> date:
    today = nairobi_today(now)
    if day > today:
        raise InvalidInput(
            f"{field} {day.isoformat()} is in the future (today in Nairobi is "
            f"{today.isoformat()}); events are recorded once they have happened",
            field=field,
        )
    return day


EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)


def nairobi_midnight(day: date, field: str) -> datetime:
    """The instant a Nairobi day begins. Haki keeps no record from before 2000; the bounds
    also keep every later day arithmetic in range."""
    if not EARLIEST <= day <= LATEST:
        raise InvalidInput(
            f"{field} {day.isoformat()} is outside {EARLIEST.isoformat()} to {LATEST.isoformat()}",
            field=field,
        )
    return datetime.combine(day, time(0), tzinfo=NAIROBI)
