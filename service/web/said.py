"""A refusal said in the reader's language: the catalog's sentence, with each value it names in
that language's words (a stage by its name, a step by its words, a field by its label, a date
and an amount as the pages write them). The pages and the API's problem details both use it.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from domain.awards import AwardStage, DisbursementMethod, FollowUpKind
from domain.calendar import NAIROBI
from domain.errors import DomainError, Field, Said, Step
from domain.hearings import HearingPurpose, HearingStatus
from domain.stages import CaseKind, JudgmentOutcome, Stage
from domain.users import Role
from notifications.formatting import long_date, shillings
from notifications.i18n import N_, Language, translations
from service.web.labels import (
    AWARD_STAGES,
    AWARD_TRIGGERS,
    FOLLOW_UP_KINDS,
    HEARING_STATUSES,
    KINDS,
    METHODS,
    OUTCOMES,
    PURPOSES,
    ROLES,
    STAGES,
    TRIGGERS,
)

CODES: dict[type[StrEnum], dict[str, str]] = {
    kind: {code.value: text for code, text in labels.items()}
    for kind, labels in (
        (Stage, STAGES),
        (AwardStage, AWARD_STAGES),
        (HearingStatus, HEARING_STATUSES),
        (HearingPurpose, PURPOSES),
        (JudgmentOutcome, OUTCOMES),
        (CaseKind, KINDS),
        (Role, ROLES),
        (FollowUpKind, FOLLOW_UP_KINDS),
        (DisbursementMethod, METHODS),
    )
}

FIELDS = {
    "action": N_("Action"),
    "amount": N_("Amount (Ksh)"),
    "answer": N_("The answer"),
    "answered_on": N_("Answered on"),
    "as_of": N_("As of (day)"),
    "at": N_("At (time)"),
    "audience": N_("Who is reminded"),
    "beneficiary": N_("Paid to"),
    "claimant": N_("Claimant"),
    "claimants": N_("Claimants (survivor codes)"),
    "counsel": N_("Lead counsel"),
    "court_level": N_("Court"),
    "court_number": N_("Court number"),
    "court_room": N_("Court room"),
    "court_station": N_("Court station"),
    "days_before": N_("Days before the court date"),
    "ends_at": N_("Ends at"),
    "evidence_ref": N_("Evidence (file or document reference)"),
    "from": N_("From (day)"),
    "full_name": N_("Full name"),
    "heads": N_("Heads of the award"),
    "judicial_officer": N_("Judge or magistrate"),
    "kind": N_("Kind"),
    "lead_counsel": N_("Lead counsel"),
    "method": N_("Method"),
    "neutral_citation": N_("Neutral citation"),
    "next_starts_at": N_("Next date and time (Nairobi)"),
    "note": N_("Note"),
    "occurred_on": N_("Date it happened"),
    "on": N_("Date"),
    "opened_on": N_("Opened on"),
    "outcome": N_("What happened"),
    "paid_on": N_("Paid on"),
    "password": N_("Password"),
    "payer": N_("Paid by"),
    "purpose": N_("Kind of court date"),
    "rate_percent": N_("Rate (percent a year)"),
    "reason": N_("Why"),
    "received_on": N_("Received on"),
    "reference": N_("Our reference"),
    "respondent": N_("Respondent"),
    "respondents": N_("Respondents"),
    "reversed_on": N_("Reversed on"),
    "role": N_("Role"),
    "served_on": N_("Day the notice was served"),
    "served_on_whom": N_("Served on (e.g. the Attorney General and the Inspector General)"),
    "starts_at": N_("Date and time (Nairobi)"),
    "stay_of_execution": N_("Execution stayed"),
    "taxed_on": N_("Taxed on"),
    "title": N_("Title"),
    "to": N_("To (day)"),
    "until": N_("To (day)"),
    "user_id": N_("Lawyer"),
    "username": N_("Username"),
}
"""each field by the label its form gives it; a field no form shows is called "This field\""""
UNLABELLED = N_("This field")


def said(what: Said | DomainError, language: Language) -> str:
    """The sentence in `language`, its values in that language's words."""
    sentence = what.said if isinstance(what, DomainError) else what
    gettext = translations(language).gettext
    text = gettext(sentence.message)
    if not sentence.values:
        return text
    return text % {name: _word(value, language) for name, value in sentence.values.items()}


def _word(value: object, language: Language) -> str:
    gettext = translations(language).gettext
    if isinstance(value, Said):
        return said(value, language)
    if isinstance(value, Step):
        return gettext(TRIGGERS.get(value) or AWARD_TRIGGERS.get(value) or value.replace("_", " "))
    if isinstance(value, Field):
        return gettext(FIELDS.get(value, UNLABELLED))
    if isinstance(value, StrEnum):
        known = CODES.get(type(value), {}).get(value.value)
        return gettext(known) if known else value.value.replace("_", " ")
    if isinstance(value, datetime):
        local = value.astimezone(NAIROBI)
        return f"{long_date(local.date(), language)}, {local:%H:%M}"
    if isinstance(value, date):
        return long_date(value, language)
    if isinstance(value, Decimal):
        return shillings(value, language)
    if isinstance(value, list | tuple):
        return ", ".join(_word(item, language) for item in value)
    return str(value)
