"""What counsel and advocacy officers are told: court dates and the chase of unpaid awards.

Staff know the case by its reference and court number; an e-mail gives every detail, an SMS
as many as fit one segment, giving up the least needed first.
"""

from datetime import date, datetime
from typing import Any

from domain.calendar import NAIROBI
from domain.hearings import HearingPurpose
from notifications.formatting import clock_time, short_weekday_date, weekday_date
from notifications.gsm7 import clipped, first_fitting
from notifications.i18n import N_
from notifications.recipients import Recipient, Rendered
from notifications.words import Words

PURPOSES = {
    # TRANSLATORS: what a court date is for, in a reminder to counsel: "…: mention on …"
    HearingPurpose.MENTION: N_("mention"),
    HearingPurpose.DIRECTIONS: N_("directions"),
    HearingPurpose.HEARING: N_("hearing"),
    HearingPurpose.SUBMISSIONS: N_("submissions"),
    HearingPurpose.JUDGMENT_DELIVERY: N_("judgment delivery"),
    HearingPurpose.RULING_DELIVERY: N_("ruling delivery"),
}


def hearing_reminder(payload: dict[str, Any], to: Recipient) -> Rendered:
    _ = Words(to.language)
    starts_at = datetime.fromisoformat(payload["starts_at"])
    day = starts_at.astimezone(NAIROBI).date()
    reference, number = payload["case_reference"], payload["court_number"]
    both = f"{reference} ({number})" if number else reference
    station, room = payload["station"], payload["court_room"]
    place = f"{station}, {room}" if room else station
    purpose = _(PURPOSES[HearingPurpose(payload["purpose"])])
    late = _late(payload, _)
    if to.by_sms:

        def sms(case: str, where: str) -> str:
            # TRANSLATORS: an SMS to counsel, e.g. "HAKI/LIT/2021/001 (Petition E31 of 2020):
            # mention on Thu, 10 Dec 2026 at 09:30, Nairobi (Milimani), Court 4."
            text = _(
                "%(case)s: %(purpose)s on %(date)s at %(time)s, %(place)s.",
                case=case,
                purpose=purpose,
                date=short_weekday_date(day, to.language),
                time=clock_time(starts_at, to.language),
                place=where,
            )
            return text + late

        fitting = first_fitting(sms(both, place), sms(both, station), sms(number or both, station))
        return Rendered(None, fitting or clipped(lambda case: sms(case, station), number or both))
    lines = [
        _("Court date in %(case)s: %(purpose)s.", case=both, purpose=purpose),
        _(
            "When: %(date)s at %(time)s (Nairobi time).",
            date=weekday_date(day, to.language),
            time=clock_time(starts_at, to.language),
        ),
        _("Where: %(place)s.", place=place),
    ]
    subject = _(
        "Court date: %(case)s, %(purpose)s, %(date)s",
        case=number or reference,
        purpose=purpose,
        date=short_weekday_date(day, to.language),
    )
    return _email(subject + late, lines, payload["late"], _)


def follow_up_due(payload: dict[str, Any], to: Recipient) -> Rendered:
    _ = Words(to.language)
    ngettext = _.plural
    reference, days = payload["case_reference"], payload["silent_days"]
    due = date.fromisoformat(payload["next_due"])
    late = _late(payload, _)
    if to.by_sms:

        def sms(respondent: str) -> str:
            text = ngettext(
                "%(reference)s: follow up the award against %(respondent)s with the AG by "
                "%(date)s; no answer for %(days)s day.",
                "%(reference)s: follow up the award against %(respondent)s with the AG by "
                "%(date)s; no answer for %(days)s days.",
                days,
                reference=reference,
                respondent=respondent,
                date=short_weekday_date(due, to.language),
                days=days,
            )
            return text + late

        return Rendered(None, clipped(sms, payload["respondent"]))
    lines = [
        _(
            "The next follow-up with the Attorney General on the award against "
            "%(respondent)s in %(reference)s is due on %(date)s.",
            respondent=payload["respondent"],
            reference=reference,
            date=weekday_date(due, to.language),
        ),
        ngettext(
            "The State has not answered for %(days)s day.",
            "The State has not answered for %(days)s days.",
            days,
            days=days,
        ),
    ]
    subject = _("Follow-up due: %(reference)s", reference=reference)
    return _email(subject + late, lines, payload["late"], _)


def escalation(payload: dict[str, Any], to: Recipient) -> Rendered:
    """Counsel are asked to enforce; advocacy officers, who campaign on unpaid awards and see
    every case pseudonymously, are told the State's silence, for the same award."""
    _ = Words(to.language)
    ngettext = _.plural
    reference, days = payload["case_reference"], payload["silent_days"]
    if to.by_sms:

        def sms(respondent: str) -> str:
            if to.audience == "advocacy":
                return ngettext(
                    "%(reference)s: the award against %(respondent)s is unpaid; no answer for "
                    "%(days)s day.",
                    "%(reference)s: the award against %(respondent)s is unpaid; no answer for "
                    "%(days)s days.",
                    days,
                    reference=reference,
                    respondent=respondent,
                    days=days,
                )
            return ngettext(
                "%(reference)s: no answer on the award against %(respondent)s for %(days)s "
                "day; time to enforce it (mandamus).",
                "%(reference)s: no answer on the award against %(respondent)s for %(days)s "
                "days; time to enforce it (mandamus).",
                days,
                reference=reference,
                respondent=respondent,
                days=days,
            )

        return Rendered(None, clipped(sms, payload["respondent"]))
    silence = ngettext(
        "The State has not answered on the award against %(respondent)s in %(reference)s "
        "for %(days)s day.",
        "The State has not answered on the award against %(respondent)s in %(reference)s "
        "for %(days)s days.",
        days,
        respondent=payload["respondent"],
        reference=reference,
        days=days,
    )
    if to.audience == "advocacy":
        subject = _("Unpaid award, the State silent: %(reference)s", reference=reference)
        advice = _("Counsel have been asked to consider enforcing it by an order of mandamus.")
    else:
        subject = _("Time to enforce: %(reference)s", reference=reference)
        advice = _("Consider enforcing it: judicial review for an order of mandamus.")
    return _email(subject, [silence, advice], False, _)


def _late(payload: dict[str, Any], _: Words) -> str:
    """A note after a reminder handed over later than planned (the clock was down)."""
    # TRANSLATORS: after a reminder to counsel that went out later than planned.
    return " " + _("(late)") if payload["late"] else ""


def _email(subject: str, lines: list[str], late: bool, _: Words) -> Rendered:
    if late:
        lines = [*lines, _("This reminder went out later than planned: check the date.")]
    return Rendered(subject, "\n".join(lines) + "\n")
