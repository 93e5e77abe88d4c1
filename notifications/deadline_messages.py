"""What lead counsel are told of a deadline of their case: a notice to sue whose 30 days have
passed (GPA s.13A), the last day to appeal a judgment, the last day to file a notice of motion
after leave (Order 53 r.3(1)). Reminders only: nothing is blocked."""

from datetime import date
from typing import Any

from notifications.formatting import short_weekday_date, weekday_date
from notifications.gsm7 import clipped
from notifications.i18n import N_
from notifications.recipients import Recipient, Rendered
from notifications.words import Words

APPEALS = {
    # TRANSLATORS: what must be lodged before the last day, in a reminder to counsel
    "a notice of appeal to the Court of Appeal": N_("a notice of appeal to the Court of Appeal"),
    "an appeal to the High Court": N_("an appeal to the High Court"),
}


def _case(payload: dict[str, Any]) -> str:
    reference, number = payload["case_reference"], payload["court_number"]
    return f"{reference} ({number})" if number else reference


def _late(payload: dict[str, Any], _: Words) -> str:
    return " " + _("(late)") if payload["late"] else ""


def notice_to_sue_due(payload: dict[str, Any], to: Recipient) -> Rendered:
    _ = Words(to.language)
    served = date.fromisoformat(payload["served_on"])
    since = date.fromisoformat(payload["suit_from"])
    if to.by_sms:

        def sms(case: str) -> str:
            # TRANSLATORS: an SMS to lead counsel: the 30 days of a notice to sue have passed
            text = _(
                "%(case)s: notice to sue of %(served)s: 30 days passed; suit may be filed from "
                "%(date)s.",
                case=case,
                served=short_weekday_date(served, to.language),
                date=short_weekday_date(since, to.language),
            )
            return text + _late(payload, _)

        return Rendered(None, clipped(sms, payload["case_reference"]))
    body = _(
        "In %(case)s, 30 days have passed since the notice of intention to sue served on "
        "%(served)s (Government Proceedings Act s.13A): proceedings against the Government may "
        "be filed from %(date)s. The notice never bars a constitutional petition.",
        case=_case(payload),
        served=weekday_date(served, to.language),
        date=weekday_date(since, to.language),
    )
    subject = _("Notice to sue: 30 days passed in %(case)s", case=payload["case_reference"])
    return Rendered(subject + _late(payload, _), body + "\n")


def appeal_deadline(payload: dict[str, Any], to: Recipient) -> Rendered:
    _ = Words(to.language)
    last = date.fromisoformat(payload["last_day"])
    what = _(APPEALS[payload["what"]])
    if to.by_sms:

        def sms(case: str) -> str:
            # TRANSLATORS: an SMS to lead counsel: the last day to appeal a judgment
            text = _(
                "%(case)s: last day to lodge %(what)s: %(date)s.",
                case=case,
                what=what,
                date=short_weekday_date(last, to.language),
            )
            return text + _late(payload, _)

        return Rendered(None, clipped(sms, payload["case_reference"]))
    body = _(
        "In %(case)s, the last day to lodge %(what)s is %(date)s: %(days)s days from the "
        "decision of %(decided)s (%(source)s), the day of the decision not counted.",
        case=_case(payload),
        what=what,
        date=weekday_date(last, to.language),
        days=payload["days"],
        decided=weekday_date(date.fromisoformat(payload["decided_on"]), to.language),
        source=payload["source"],
    )
    subject = _(
        "Time to appeal: %(case)s, last day %(date)s",
        case=payload["case_reference"],
        date=short_weekday_date(last, to.language),
    )
    return Rendered(subject + _late(payload, _), body + "\n")


def motion_deadline(payload: dict[str, Any], to: Recipient) -> Rendered:
    """The last day to file the notice of motion after leave for judicial review (mandamus)."""
    _ = Words(to.language)
    last = date.fromisoformat(payload["last_day"])
    if to.by_sms:

        def sms(case: str) -> str:
            # TRANSLATORS: an SMS to lead counsel: the last day to file the notice of motion
            text = _(
                "%(case)s: last day to file the notice of motion: %(date)s.",
                case=case,
                date=short_weekday_date(last, to.language),
            )
            return text + _late(payload, _)

        return Rendered(None, clipped(sms, payload["case_reference"]))
    body = _(
        "In %(case)s, the last day to file the notice of motion is %(date)s: %(days)s days from "
        "the leave granted on %(leave)s (%(source)s), the day of leave not counted. Filed later, "
        "it is out of time unless the court enlarges the time.",
        case=_case(payload),
        date=weekday_date(last, to.language),
        days=payload["days"],
        leave=weekday_date(date.fromisoformat(payload["leave_on"]), to.language),
        source=payload["source"],
    )
    subject = _(
        "Notice of motion: %(case)s, last day %(date)s",
        case=payload["case_reference"],
        date=short_weekday_date(last, to.language),
    )
    return Rendered(subject + _late(payload, _), body + "\n")
