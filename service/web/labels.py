"""The words staff read for the register's codes (stages, kinds, courts, purposes), per language."""

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from domain.awards import AwardStage, DisbursementMethod, FollowUpKind
from domain.contacts import Channel, ConsentWay
from domain.hearings import HearingPurpose, HearingStatus
from domain.stages import CaseKind, JudgmentOutcome, Stage
from domain.users import Role
from notifications.i18n import N_
from notifications.letter_facts import COURTS, HEADS
from service.web.record_labels import RECORD_LABELS

Code = TypeVar("Code", bound=StrEnum)

STAGES = {
    Stage.INTAKE: N_("Intake"),
    Stage.FILED: N_("Filed"),
    Stage.PLEADINGS: N_("Pleadings"),
    Stage.HEARING: N_("Hearing"),
    Stage.JUDGMENT_RESERVED: N_("Judgment reserved"),
    Stage.JUDGMENT: N_("Judgment"),
    Stage.AWARDED: N_("Awarded"),
    Stage.DISMISSED: N_("Dismissed"),
    Stage.APPEALED: N_("On appeal"),
    Stage.SETTLED: N_("Settled"),
    Stage.WITHDRAWN: N_("Withdrawn"),
    Stage.COMPENSATION: N_("Compensation"),
    Stage.CLOSED: N_("Closed"),
    Stage.LEAVE_SOUGHT: N_("Leave sought"),
    Stage.LEAVE_GRANTED: N_("Leave granted"),
    Stage.LEAVE_REFUSED: N_("Leave refused"),
    Stage.MOTION_FILED: N_("Notice of motion filed"),
}

KINDS = {
    CaseKind.CONSTITUTIONAL_PETITION: N_("Constitutional petition"),
    CaseKind.CIVIL_CLAIM: N_("Civil claim for damages"),
    CaseKind.CRIMINAL_PROSECUTION: N_("Criminal prosecution (watching brief)"),
    CaseKind.INQUEST: N_("Inquest"),
    CaseKind.JUDICIAL_REVIEW: N_("Judicial review"),
}

PURPOSES = {
    HearingPurpose.MENTION: N_("Mention"),
    HearingPurpose.DIRECTIONS: N_("Directions"),
    HearingPurpose.HEARING: N_("Hearing"),
    HearingPurpose.SUBMISSIONS: N_("Submissions"),
    HearingPurpose.JUDGMENT_DELIVERY: N_("Judgment delivery"),
    HearingPurpose.RULING_DELIVERY: N_("Ruling delivery"),
}

HEARING_STATUSES = {
    HearingStatus.SCHEDULED: N_("Scheduled"),
    HearingStatus.HELD: N_("Held"),
    HearingStatus.ADJOURNED: N_("Adjourned"),
    HearingStatus.VACATED: N_("Vacated"),
}

OUTCOMES = {
    JudgmentOutcome.ALLOWED: N_("Allowed"),
    JudgmentOutcome.PARTLY_ALLOWED: N_("Partly allowed"),
    JudgmentOutcome.DISMISSED: N_("Dismissed"),
}

TRIGGERS = {
    "open": N_("Case opened"),
    "file": N_("Filed in court"),
    "exchange_pleadings": N_("Pleadings exchanged"),
    "set_down_for_hearing": N_("Set down for hearing"),
    "reserve_judgment": N_("Judgment reserved"),
    "deliver_judgment": N_("Judgment delivered"),
    "award": N_("Compensation awarded"),
    "dismiss": N_("Claim dismissed"),
    "appeal": N_("Appeal filed"),
    "determine_appeal": N_("Appeal determined"),
    "settle": N_("Settled"),
    "withdraw": N_("Withdrawn"),
    "pursue_compensation": N_("Compensation pursued"),
    "close": N_("Case closed"),
    "reopen": N_("Reopened for compensation"),
    "seek_leave": N_("Leave sought (chamber summons ex parte)"),
    "grant_leave": N_("Leave granted"),
    "refuse_leave": N_("Leave refused"),
    "file_notice_of_motion": N_("Notice of motion filed"),
    "details": N_("The title, station, respondents and counsel are saved."),
}

AWARD_TRIGGERS = {
    "extract_decree": N_("Decree extracted"),
    "issue_certificate": N_("Certificate of order issued"),
    "serve_on_ag": N_("Served on the Attorney General"),
    "stay": N_("Execution stayed"),
    "lift_stay": N_("Stay lifted"),
    "enforce": N_("Enforcement begun (mandamus)"),
    "set_aside": N_("Set aside"),
    "write_off": N_("Written off"),
    # steps the ledger takes, named when a page says who recorded the last one
    "receive_part_payment": N_("Part payment received"),
    "receive_final_payment": N_("Final payment received"),
    "complete_disbursement": N_("All money passed on"),
    "reverse_payment": N_("Payment reversed"),
    "reverse_disbursement": N_("Money passed on reversed"),
    "settle_by_consent": N_("Settled by consent"),
}

FOLLOW_UP_KINDS = {
    FollowUpKind.LETTER: N_("Letter"),
    FollowUpKind.CALL: N_("Telephone call"),
    FollowUpKind.VISIT: N_("Visit"),
    FollowUpKind.EMAIL: N_("E-mail"),
}

AWARD_STAGES = {
    AwardStage.AWARDED: N_("Awarded"),
    AwardStage.DECREE_EXTRACTED: N_("Decree extracted"),
    AwardStage.CERTIFICATE_ISSUED: N_("Certificate of order issued"),
    AwardStage.SERVED_ON_AG: N_("Served on the Attorney General"),
    AwardStage.PARTIALLY_PAID: N_("Partly paid"),
    AwardStage.PAID_IN_FULL: N_("Paid in full"),
    AwardStage.DISBURSED: N_("Disbursed"),
    AwardStage.STAYED: N_("Stayed"),
    AwardStage.ENFORCEMENT: N_("Enforcement (mandamus)"),
    AwardStage.SET_ASIDE: N_("Set aside"),
    AwardStage.WRITTEN_OFF: N_("Written off"),
}

ROLES = {
    Role.ADMIN: N_("Administrator"),
    Role.LAWYER: N_("Lawyer"),
    Role.ADVOCACY: N_("Advocacy officer"),
    Role.VIEWER: N_("Viewer"),
}

METHODS = {
    DisbursementMethod.MPESA: N_("M-Pesa"),
    DisbursementMethod.BANK: N_("Bank transfer"),
    DisbursementMethod.CHEQUE: N_("Cheque"),
    DisbursementMethod.RETAINED: N_("Costs retained by counsel or the organisation"),
}

CHANNELS = {
    Channel.SMS: N_("SMS"),
    Channel.EMAIL: N_("E-mail"),
    Channel.LOG: N_("Haki's log only (nothing is sent)"),
}

CONSENT_WAYS = {
    ConsentWay.IN_PERSON: N_("In person"),
    ConsentWay.PHONE_CALL: N_("In a phone call"),
    ConsentWay.SIGNED_FORM: N_("On a signed form"),
}


def _by_value(labels: Mapping[Code, str]) -> dict[str, str]:
    return {code.value: text for code, text in labels.items()}


LABELS: dict[str, dict[str, str]] = {
    "stage": _by_value(STAGES),
    "kind": _by_value(KINDS),
    "court": _by_value(COURTS),
    "purpose": _by_value(PURPOSES),
    "hearing_status": _by_value(HEARING_STATUSES),
    "outcome": _by_value(OUTCOMES),
    "trigger": TRIGGERS,
    "award_stage": _by_value(AWARD_STAGES),
    "award_trigger": AWARD_TRIGGERS,
    "contact": _by_value(FOLLOW_UP_KINDS),
    "role": _by_value(ROLES),
    "method": _by_value(METHODS),
    "head": _by_value(HEADS),
    "channel": _by_value(CHANNELS),
    "consent_way": _by_value(CONSENT_WAYS),
} | RECORD_LABELS
"""Keyed by the code's value, for the templates' `label(kind, code)`."""
