"""What a survivor's family is told: the case's code, the news in one sentence, the number to call.

Nothing more, on any channel. A family's phone is often shared, and may be read by the very
people the case is against: a message names no person, violation, perpetrator, respondent,
court or station, and no sum of money unless the contact asked to be told sums.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from domain.calendar import NAIROBI
from domain.hearings import HearingPurpose
from notifications.formatting import clock_time, long_date, shillings, weekday_date
from notifications.gsm7 import plain
from notifications.i18n import N_
from notifications.recipients import Recipient, Rendered
from notifications.words import Words

COMING_DECISIONS = {
    # TRANSLATORS: to a survivor's family, by SMS (160 characters in all). The date is the
    # weekday and date, the time as Haki tells it in the language ("saa 3:30 asubuhi").
    HearingPurpose.JUDGMENT_DELIVERY: N_(
        "Case %(code)s: the court will give its judgment on %(date)s at %(time)s."
    ),
    HearingPurpose.RULING_DELIVERY: N_(
        "Case %(code)s: the court will give a ruling on %(date)s at %(time)s."
    ),
}


def hearing_reminder(payload: dict[str, Any], to: Recipient) -> Rendered | None:
    """Only before a judgment or a ruling: the date and the fact of a decision are what
    families asked to hear of; other court dates are the lawyers' business.

    The station stays out, on every channel: with the date and time it would tell whoever
    reads the phone where the survivor will be, and when. The family asks the office (the
    number at the end) or their lawyer where to go.
    """
    message = COMING_DECISIONS.get(payload["purpose"])
    if message is None:
        return None
    _ = Words(to.language)
    starts_at = datetime.fromisoformat(payload["starts_at"])
    news = _(
        message,
        code=_code(to),
        date=weekday_date(starts_at.astimezone(NAIROBI).date(), to.language),
        time=clock_time(starts_at, to.language),
    )
    return _news(news, to, _)


def judgment_delivered(payload: dict[str, Any], to: Recipient) -> Rendered:
    """Never the outcome. A dismissal told by SMS, alone, is news a survivor of torture should
    hear from a person; a win read on a shared phone means money is coming, and invites
    extortion. The lawyer calls to explain the judgment either way. The date is said, since
    a judgment may be recorded days after it was given."""
    _ = Words(to.language)
    # TRANSLATORS: to a survivor's family, by SMS; the outcome is never said.
    news = _(
        "Case %(code)s: the court gave its judgment on %(date)s; your lawyer will call you to "
        "explain it.",
        code=_code(to),
        date=long_date(date.fromisoformat(payload["occurred_on"]), to.language),
    )
    return _news(news, to, _)


def payment_received(payload: dict[str, Any], to: Recipient) -> Rendered:
    """The sum only to a contact who opted in to amounts: otherwise the fact of a payment."""
    _ = Words(to.language)
    on = long_date(date.fromisoformat(payload["received_on"]), to.language)
    if to.amounts:
        # TRANSLATORS: to a survivor's family who asked to be told sums, by SMS.
        news = _(
            "Case %(code)s: a payment of %(amount)s was received on %(date)s; your lawyer will "
            "call you.",
            code=_code(to),
            amount=shillings(Decimal(payload["amount"]), to.language),
            date=on,
        )
    else:
        # TRANSLATORS: to a survivor's family, by SMS; the sum is never said.
        news = _(
            "Case %(code)s: a payment was received on %(date)s; your lawyer will call you.",
            code=_code(to),
            date=on,
        )
    return _news(news, to, _)


def _news(news: str, to: Recipient, _: Words) -> Rendered:
    # TRANSLATORS: the last sentence of every message to a family: the office's toll-free number.
    questions = _("Questions? Call %(phone)s.", phone=to.toll_free)
    body = f"{news} {questions}"
    if to.by_sms:
        return Rendered(None, plain(body))
    return Rendered(_("Case %(code)s", code=_code(to)), body)


def _code(to: Recipient) -> str:
    if to.survivor_code is None:
        raise ValueError("a message to a family needs the survivor's code")
    return to.survivor_code
