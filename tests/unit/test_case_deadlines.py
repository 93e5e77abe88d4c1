"""Deadlines of a case counted as IGPA s.57(a) counts (the day of the event excluded)."""

from datetime import date

from domain.appeals import appeal_deadline
from domain.notices import suit_from
from domain.stages import CourtLevel


def test_suit_may_follow_a_notice_to_sue_from_the_31st_day() -> None:
    # served 1 Mar 2024: day 1 = 2 Mar, day 30 = 31 Mar; the 30 days have passed from 1 Apr
    assert suit_from(date(2024, 3, 1)) == date(2024, 4, 1)
    # served 31 Jan 2025: day 28 = 28 Feb, day 30 = 2 Mar; from 3 Mar 2025
    assert suit_from(date(2025, 1, 31)) == date(2025, 3, 3)


def test_a_notice_of_appeal_to_the_court_of_appeal_within_14_days() -> None:
    # judgment 10 Jan 2024: day 1 = 11 Jan, day 14 = 24 Jan, the last day to lodge
    for level in (CourtLevel.HIGH_COURT, CourtLevel.EMPLOYMENT_AND_LABOUR_RELATIONS_COURT):
        deadline = appeal_deadline(level, date(2024, 1, 10))
        assert deadline is not None and deadline.last_day == date(2024, 1, 24)
        assert deadline.what == "a notice of appeal to the Court of Appeal"


def test_an_appeal_from_a_magistrates_court_within_30_days() -> None:
    # decree 10 Jan 2024: day 30 = 9 Feb 2024 (Civil Procedure Act s.79G)
    deadline = appeal_deadline(CourtLevel.MAGISTRATES_COURT, date(2024, 1, 10))
    assert deadline is not None and deadline.last_day == date(2024, 2, 9)
    assert deadline.what == "an appeal to the High Court" and "s.79G" in deadline.source


def test_no_deadline_is_kept_for_the_appellate_courts() -> None:
    assert appeal_deadline(CourtLevel.COURT_OF_APPEAL, date(2024, 1, 10)) is None


def test_lead_counsel_are_told_the_last_day_in_their_language() -> None:
    from notifications.i18n import Language
    from notifications.messages import render
    from notifications.recipients import Recipient

    payload = {
        "decided_on": "2024-01-10",
        "last_day": "2024-01-24",
        "what": "a notice of appeal to the Court of Appeal",
        "days": 14,
        "source": "Court of Appeal Rules 2010 r.75(2)",
        "case_reference": "HAKI/T/1",
        "court_number": None,
        "late": False,
    }
    en = render("appeal_deadline", payload, Recipient("lead", Language.EN, "sms"))
    sw = render("appeal_deadline", payload, Recipient("lead", Language.SW, "sms"))
    assert (
        en is not None
        and "last day to lodge a notice of appeal to the Court of Appeal: Wed, 24 Jan 2024"
        in en.body
    )
    assert sw is not None and "siku ya mwisho" in sw.body
    assert render("appeal_deadline", payload, Recipient("family", Language.EN, "sms")) is None
