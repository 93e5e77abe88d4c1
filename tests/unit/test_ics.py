"""The iCalendar rendering of hearings, without a database."""

import uuid
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from domain.cases import Case
from domain.hearings import Hearing, HearingPurpose, HearingStatus
from domain.stages import CaseKind, CourtLevel
from domain.users import Role, User
from service.calendar import ics
from service.usecases.hearings.calendar_feeds import Feed, FeedItem

NOW = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)
OWNER = User(username="a", full_name="Achieng Odhiambo", role=Role.LAWYER, password_hash="x")


def case(court_number: str | None = "HCCC 45 of 2015") -> Case:
    return Case(
        reference="HAKI/LIT/2015/007",
        title="J.K.M. v Inspector General & another",
        kind=CaseKind.CIVIL_CLAIM,
        court_level=CourtLevel.HIGH_COURT,
        court_station="Nairobi (Milimani)",
        court_number=court_number,
        lead_counsel="Achieng Odhiambo",
        stage_since=date(2015, 3, 1),
    )


def hearing(**facts: object) -> Hearing:
    defaults: dict[str, object] = {
        "id": uuid.UUID(int=7),
        "case_id": uuid.UUID(int=1),
        "starts_at": datetime(2026, 12, 3, 6, 0, tzinfo=UTC),
        "station": "Nairobi (Milimani)",
        "purpose": HearingPurpose.JUDGMENT_DELIVERY,
        "created_at": NOW,
    }
    return Hearing(**(defaults | facts))


def rendered(*items: FeedItem) -> Calendar:
    return Calendar.from_ical(ics.render(Feed(OWNER, list(items)), NOW))


def test_times_are_utc_and_an_explicit_end_is_kept() -> None:
    ends = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    text = ics.render(Feed(OWNER, [FeedItem(hearing(ends_at=ends), case(), None, None)]), NOW)
    assert b"DTSTART:20261203T060000Z" in text and b"DTEND:20261203T093000Z" in text
    assert b"VTIMEZONE" not in text and b"TZID" not in text


def test_the_summary_names_the_court_number_or_else_the_reference_never_the_title() -> None:
    numbered, unnumbered = rendered(
        FeedItem(hearing(), case(), None, None),
        FeedItem(hearing(id=uuid.UUID(int=8)), case(court_number=None), None, None),
    ).walk("VEVENT")
    assert str(numbered["SUMMARY"]) == "Judgment delivery — HCCC 45 of 2015"
    assert str(unnumbered["SUMMARY"]) == "Judgment delivery — HAKI/LIT/2015/007"
    assert str(numbered["LOCATION"]) == "Nairobi (Milimani)"
    assert b"J.K.M." not in ics.render(Feed(OWNER, [FeedItem(hearing(), case(), None, None)]), NOW)


def test_a_held_hearing_sets_no_alarm_and_its_free_text_stays_out_of_the_feed() -> None:
    held = hearing(status=HearingStatus.HELD, outcome="J.K.M. testified", sequence=1)
    [event] = rendered(FeedItem(held, case(), None, None)).walk("VEVENT")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Status: held" in str(event["DESCRIPTION"])
    assert "J.K.M." not in str(event["DESCRIPTION"])
    assert event.walk("VALARM") == []


def test_adjournment_dates_are_shown_in_nairobi_time() -> None:
    new_date = datetime(2027, 1, 20, 7, 0, tzinfo=UTC)
    old = hearing(status=HearingStatus.ADJOURNED, outcome="the State sought time")
    [event] = rendered(FeedItem(old, case(), None, new_date)).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Adjourned: ")
    assert "Adjourned to Wed 20 Jan 2027, 10:00 (Nairobi)" in str(event["DESCRIPTION"])
    assert "sought time" not in str(event["DESCRIPTION"])


def test_every_event_is_stamped_with_the_time_of_reading() -> None:
    [event] = rendered(FeedItem(hearing(), case(), None, None)).walk("VEVENT")
    assert event.decoded("DTSTAMP") == NOW
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=1)
