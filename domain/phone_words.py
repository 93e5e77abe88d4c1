"""What a family typed on a phone, read as a request: an SMS keyword, a step of the USSD menu,
and by when the office calls back. Pure rules, so every spelling is testable without a database.

Families type on feature phones: any case, stray spaces, a full stop after STOP. A keyword is
the first word; anything that is not a keyword is words for the case team.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from domain.calendar import NAIROBI
from domain.working_days import working_day

STATUS_WORDS = {"HALI", "STATUS"}
STOP_WORDS = {"STOP", "ACHA"}
LANGUAGE_WORD = "LUGHA"
LANGUAGES = {"EN": "en", "ENGLISH": "en", "SW": "sw", "KISWAHILI": "sw", "SWAHILI": "sw"}
TRAILING = re.compile(r"[\s.!,;:]+$")


@dataclass(frozen=True)
class AskStatus:
    code: str
    """as typed after the keyword; domain/family_codes.py reads it"""


@dataclass(frozen=True)
class Stop:
    language: str
    """the language of the word used (ACHA: sw, STOP: en), for a number Haki does not know"""


@dataclass(frozen=True)
class ChangeLanguage:
    language: str


@dataclass(frozen=True)
class Reply:
    words: str


Texted = AskStatus | Stop | ChangeLanguage | Reply


def read_text(text: str) -> Texted:
    """The request an incoming SMS makes."""
    words = TRAILING.sub("", text).split()
    if not words:
        return Reply(text.strip())
    first, rest = words[0].upper(), words[1:]
    if first in STATUS_WORDS and rest:
        return AskStatus(" ".join(rest))
    if first in STOP_WORDS and not rest:
        return Stop("sw" if first == "ACHA" else "en")
    if first == LANGUAGE_WORD and len(rest) == 1 and rest[0].upper() in LANGUAGES:
        return ChangeLanguage(LANGUAGES[rest[0].upper()])
    return Reply(text.strip())


USSD_LANGUAGES = {"1": "sw", "2": "en"}


@dataclass(frozen=True)
class UssdStep:
    """Where a USSD session stands, from the answers so far (`text`, joined by `*`)."""

    language: str | None = None
    """None until chosen: the first screen offers the two"""
    code: str | None = None
    """typed on the second screen; with it the session ends"""
    lost: bool = False
    """an answer the menu does not offer: the session ends, saying so"""


def ussd_step(text: str) -> UssdStep:
    answers = [a.strip() for a in text.split("*")] if text.strip() else []
    if not answers:
        return UssdStep()
    language = USSD_LANGUAGES.get(answers[0])
    if language is None or len(answers) > 2:
        return UssdStep(language, lost=True)
    return UssdStep(language, answers[1] if len(answers) == 2 else None)


OPENS, CLOSES = time(8, 0), time(17, 0)
"""the office's working hours, Nairobi, on working days (domain/working_days.py: not Saturdays,
Sundays or Kenya's public holidays)"""


def call_back_by(received_at: datetime) -> datetime:
    """The end of the working day a message came in, or of the next working day when it came
    after hours, on a weekend or on a public holiday (Jamhuri Day, an Idd once gazetted)."""
    local = received_at.astimezone(NAIROBI)
    day = local.date()
    if not working_day(day) or local.time() >= CLOSES:
        day = day + timedelta(days=1)
        while not working_day(day):
            day = day + timedelta(days=1)
    return datetime.combine(day, CLOSES, tzinfo=NAIROBI)


def remind_at(received_at: datetime) -> datetime:
    """At once in working hours; else when the office opens on the day the call is due."""
    due = call_back_by(received_at)
    opens = datetime.combine(due.date(), OPENS, tzinfo=NAIROBI)
    return max(received_at, opens)
