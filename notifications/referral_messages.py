"""What lead counsel are told when a referral serving their case is due a follow-up: the
kind of care and where the referral stands, never why the survivor was referred."""

from typing import Any

from notifications.gsm7 import clipped
from notifications.i18n import N_
from notifications.recipients import Recipient, Rendered
from notifications.words import Words

KINDS = {
    "medical": N_("medical"),
    "psychosocial": N_("psychosocial"),
    "legal_aid": N_("legal aid"),
    "economic_support": N_("economic support"),
}
STATUSES = {
    "made": N_("made, not yet accepted"),
    "accepted": N_("accepted, not yet attended"),
    "attended": N_("attended, not yet closed"),
}


def referral_follow_up(payload: dict[str, Any], to: Recipient) -> Rendered:
    _ = Words(to.language)
    kind, status = _(KINDS[payload["kind"]]), _(STATUSES[payload["status"]])
    late = " " + _("(late)") if payload["late"] else ""
    if to.by_sms:

        def sms(case: str) -> str:
            # TRANSLATORS: an SMS to lead counsel: check on a referral for care
            text = _(
                "%(case)s: follow up the %(kind)s referral (%(status)s).",
                case=case,
                kind=kind,
                status=status,
            )
            return text + late

        return Rendered(None, clipped(sms, payload["case_reference"]))
    body = _(
        "In %(case)s, the %(kind)s referral of the survivor is due a follow-up with the "
        "partner: it is %(status)s. Record what has happened on the survivor's page.",
        case=payload["case_reference"],
        kind=kind,
        status=status,
    )
    subject = _("Referral follow-up due in %(case)s", case=payload["case_reference"])
    return Rendered(subject + late, body + "\n")
