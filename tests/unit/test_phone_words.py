"""Reading what a family typed on a phone: keywords however spelt, USSD steps, and by when the
office calls back."""

from datetime import datetime

import pytest

from domain.calendar import NAIROBI
from domain.phone_words import (
    AskStatus,
    ChangeLanguage,
    Reply,
    Stop,
    UssdStep,
    call_back_by,
    read_text,
    remind_at,
    ussd_step,
)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("HALI K7QX-92MD", AskStatus("K7QX-92MD")),
        ("  hali   k7qx 92md ", AskStatus("k7qx 92md")),
        ("Status K7QX92MD.", AskStatus("K7QX92MD")),
        ("STOP", Stop("en")),
        (" acha. ", Stop("sw")),
        ("Stop!", Stop("en")),
        ("LUGHA EN", ChangeLanguage("en")),
        ("lugha  kiswahili", ChangeLanguage("sw")),
        ("Lugha Sw", ChangeLanguage("sw")),
        ("HALI", Reply("HALI")),
        ("stop sending me the dates", Reply("stop sending me the dates")),
        ("lugha ya kifaransa", Reply("lugha ya kifaransa")),
        ("PIGA", Reply("PIGA")),
        ("   ", Reply("")),
    ],
)
def test_a_text_is_read_as_a_keyword_or_as_words_for_the_team(typed: str, read: object) -> None:
    assert read_text(typed) == read


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("", UssdStep()),
        ("1", UssdStep("sw")),
        ("2", UssdStep("en")),
        ("2*K7QX-92MD", UssdStep("en", "K7QX-92MD")),
        ("3", UssdStep(None, lost=True)),
        ("1*K7QX*9", UssdStep("sw", lost=True)),
    ],
)
def test_a_ussd_session_is_read_from_its_answers_so_far(text: str, step: UssdStep) -> None:
    assert ussd_step(text) == step


def nairobi(day: int, hour: int, minute: int = 0) -> datetime:
    """December 2026: the 7th is a Monday, the 11th a Friday, the 12th a Saturday."""
    return datetime(2026, 12, day, hour, minute, tzinfo=NAIROBI)


def at(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=NAIROBI)


@pytest.mark.parametrize(
    ("received", "by", "reminded"),
    [
        (nairobi(7, 10), nairobi(7, 17), nairobi(7, 10)),
        (nairobi(7, 6, 30), nairobi(7, 17), nairobi(7, 8)),
        (nairobi(7, 17, 1), nairobi(8, 17), nairobi(8, 8)),
        (nairobi(11, 18), nairobi(14, 17), nairobi(14, 8)),
        (nairobi(12, 9), nairobi(14, 17), nairobi(14, 8)),
        # Mashujaa Day, a Tuesday: the office is closed, the call is due on Wednesday
        (at(2026, 10, 20, 10), at(2026, 10, 21, 17), at(2026, 10, 21, 8)),
        # Christmas Eve after hours: Christmas (Friday), Boxing Day, Sunday, then Monday
        (at(2026, 12, 24, 18), at(2026, 12, 28, 17), at(2026, 12, 28, 8)),
        # New Year's Eve after hours: 1 January 2027 is a Friday
        (at(2026, 12, 31, 18), at(2027, 1, 4, 17), at(2027, 1, 4, 8)),
        # Jamhuri Day 2027 is a Sunday: Monday the 13th is its day off
        (at(2027, 12, 10, 18), at(2027, 12, 14, 17), at(2027, 12, 14, 8)),
        # Idd-ul-Fitr 2026, as gazetted: Friday 20 March
        (at(2026, 3, 19, 18), at(2026, 3, 23, 17), at(2026, 3, 23, 8)),
    ],
    ids=[
        *("working-hours", "before-opening", "after-closing", "friday-evening", "saturday"),
        *("mashujaa", "christmas", "new-year", "jamhuri-on-a-sunday", "idd-ul-fitr"),
    ],
)
def test_the_call_back_is_due_the_same_working_day(
    received: datetime, by: datetime, reminded: datetime
) -> None:
    assert call_back_by(received) == by
    assert remind_at(received) == reminded
