"""What Haki answers a family's phone: the USSD screens, the SMS replies to keywords, and the
call-back reminder for lead counsel when a family writes in.

The same words on both channels, in plain GSM characters (USSD screens show nothing else): the
stage as notifications/status_words.py says it, never the outcome, a sum or a name.
"""

from datetime import date, datetime
from typing import Any

from domain.calendar import NAIROBI
from domain.stages import Stage
from notifications.formatting import clock_time, long_date, short_weekday_date
from notifications.gsm7 import clipped, plain
from notifications.i18n import N_, Language
from notifications.recipients import Recipient, Rendered
from notifications.status_words import stage_in_words
from notifications.words import Words

CHOOSE_LANGUAGE = "Haki\n1. Kiswahili\n2. English"
"""the first USSD screen, before a language is chosen: each choice in its own language"""

# TRANSLATORS: by USSD or SMS, to a code that is wrong, expired, revoked, or asked from a
# phone that is not the family's: the same words for every one of them.
NOT_FOUND = N_(
    "No case answers to this code from this phone. Check it, or call the office on %(phone)s."
)


def _words(language: str) -> Words:
    return Words(Language(language))


def enter_code(language: str) -> str:
    _ = _words(language)
    # TRANSLATORS: the second USSD screen
    return plain(_("Enter the status code the office gave you:"))


def status_answer(
    language: str, survivor_code: str, stage: Stage, next_court_day: date | None
) -> str:
    """The stage in words and the next court date: by USSD at once, or as an SMS reply."""
    _ = _words(language)
    stage_words = stage_in_words(stage, Language(language))
    if next_court_day is None:
        # TRANSLATORS: by USSD or SMS, the answer to "where is my case?" with no date set
        text = _(
            "Case %(code)s: %(stage)s. No court date is set yet.",
            code=survivor_code,
            stage=stage_words,
        )
    else:
        # TRANSLATORS: by USSD or SMS, the answer to "where is my case?"
        text = _(
            "Case %(code)s: %(stage)s. Next court date: %(date)s.",
            code=survivor_code,
            stage=stage_words,
            date=long_date(next_court_day, Language(language)),
        )
    return plain(text)


def not_found(language: str, toll_free: str) -> str:
    return plain(_words(language)(NOT_FOUND, phone=toll_free))


def off_the_menu(language: str) -> str:
    _ = _words(language)
    # TRANSLATORS: by USSD, an answer the menu does not offer; the session ends
    return plain(_("That choice is not on the menu. Dial again to start over."))


def too_many(language: str) -> str:
    _ = _words(language)
    # TRANSLATORS: by USSD, when a phone has asked too often in the last hour
    return plain(_("Too many questions from this phone. Try again in an hour."))


def busy(language: str) -> str:
    _ = _words(language)
    # TRANSLATORS: by USSD, when Haki could not answer in time; the session ends
    return plain(_("The service is busy. Please dial again in a minute."))


def stopped(language: str, toll_free: str) -> str:
    _ = _words(language)
    # TRANSLATORS: by SMS, the confirmation of STOP or ACHA: nothing more will be sent
    return plain(
        _(
            "You will get no more messages about the case. To hear from us again, call the "
            "office on %(phone)s.",
            phone=toll_free,
        )
    )


def language_changed(language: str) -> str:
    _ = _words(language)
    # TRANSLATORS: by SMS, in the language just chosen with LUGHA EN or LUGHA SW
    return plain(_("From now on, messages about the case come in this language."))


def reply_received(language: str) -> str:
    _ = _words(language)
    # TRANSLATORS: by SMS, when a family's message has reached the case team
    return plain(_("Your message reached the office. Your lawyer will call you back."))


def family_call_back(payload: dict[str, Any], to: Recipient) -> Rendered:
    """To lead counsel: who to call and by when, never what the family wrote (read in Haki,
    where reading it is audited). By SMS the reference is cut short until it fits one text."""
    _ = Words(to.language)
    by = datetime.fromisoformat(payload["call_back_by"]).astimezone(NAIROBI)
    when = f"{short_weekday_date(by.date(), to.language)} {clock_time(by, to.language)}"

    def words(case: str) -> str:
        # TRANSLATORS: to lead counsel, by SMS or e-mail: a family wrote in and waits for a call
        return _(
            "%(case)s: the family of %(survivor)s wrote in. Read it in Haki; call back by "
            "%(when)s.",
            case=case,
            survivor=payload["survivor_code"],
            when=when,
        )

    if to.by_sms:
        return Rendered(None, clipped(words, payload["case_reference"]))
    subject = _("Call back the family: %(case)s", case=payload["case_reference"])
    return Rendered(subject, words(payload["case_reference"]) + "\n")
