"""Dates as people in Kenya live them: events dated in Africa/Nairobi, never in the future."""

from datetime import date, datetime
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
