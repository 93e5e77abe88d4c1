"""Reminder times worked out by hand, and court stations named as the Judiciary names them."""

from datetime import UTC, datetime, time

import pytest

from domain.errors import InvalidInput
from domain.hearings import HearingPurpose as P
from domain.reminders import DEFAULT_RULES, Audience, Rule, reminders_for
from domain.stations import known_station

# 09:30 in Nairobi (UTC+3) on Thursday 10 December 2026
HEARING = datetime(2026, 12, 10, 6, 30, tzinfo=UTC)
LONG_BEFORE = datetime(2026, 11, 1, tzinfo=UTC)


def words_and_times(purpose: P, now: datetime = LONG_BEFORE) -> list[tuple[str, str, datetime]]:
    return [
        (rule.audience, rule.words, due)
        for rule, due in reminders_for(HEARING, purpose, DEFAULT_RULES, now)
    ]


def test_counsel_are_reminded_a_week_a_day_and_the_morning_before() -> None:
    assert words_and_times(P.MENTION) == [
        (Audience.TEAM, "7 days before", datetime(2026, 12, 3, 6, 30, tzinfo=UTC)),
        (Audience.TEAM, "1 day before", datetime(2026, 12, 9, 6, 30, tzinfo=UTC)),
        # 07:00 Nairobi is 04:00 UTC
        (Audience.TEAM, "on the day at 07:00", datetime(2026, 12, 10, 4, 0, tzinfo=UTC)),
    ]


def test_the_family_hears_three_days_before_a_judgment_only() -> None:
    family = [
        due for audience, _, due in words_and_times(P.JUDGMENT_DELIVERY) if audience == "family"
    ]
    assert family == [datetime(2026, 12, 7, 7, 0, tzinfo=UTC)]  # 10:00 in Nairobi
    assert all(audience == "team" for audience, _, _ in words_and_times(P.SUBMISSIONS))


def test_reminders_already_past_when_the_date_is_set_are_not_made() -> None:
    two_days_before = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
    assert [w for _, w, _ in words_and_times(P.MENTION, two_days_before)] == [
        "1 day before",
        "on the day at 07:00",
    ]


def test_a_morning_reminder_never_falls_at_or_after_the_hearing() -> None:
    early = datetime(2026, 12, 10, 4, 0, tzinfo=UTC)  # 07:00 in Nairobi
    rules = (Rule(Audience.TEAM, 0, time(7, 0)),)
    assert reminders_for(early, P.MENTION, rules, LONG_BEFORE) == []


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("nairobi milimani", "Nairobi (Milimani)"),
        ("MURANGA", "Murang'a"),
        ("Homa  Bay", "Homa Bay"),
    ],
)
def test_stations_are_found_whatever_the_spelling_of_case_and_spaces(
    typed: str, known: str
) -> None:
    assert known_station(typed) == known


def test_an_unknown_station_is_refused_with_the_nearest_names() -> None:
    with pytest.raises(InvalidInput, match=r"“Nyery” is not a court station .*near it: Nyeri"):
        known_station("Nyery")
