"""What a demand letter states, as the records have it on its date, and the catalog words for
the court, the heads and the ways a follow-up was made.

One letter may carry several claims: the awards of one case, one schedule per decree holder
and the case's totals (a petition with four claimants is chased with one letter).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.awards import AwardHead, FollowUp, FollowUpKind, HeadKind
from domain.interest import Statement
from domain.interest_schedule import InterestRow
from domain.stages import CourtLevel
from notifications.i18n import N_

COURTS = {
    CourtLevel.MAGISTRATES_COURT: N_("Magistrates' Court"),
    CourtLevel.HIGH_COURT: N_("High Court"),
    CourtLevel.EMPLOYMENT_AND_LABOUR_RELATIONS_COURT: N_("Employment and Labour Relations Court"),
    CourtLevel.ENVIRONMENT_AND_LAND_COURT: N_("Environment and Land Court"),
    CourtLevel.COURT_OF_APPEAL: N_("Court of Appeal"),
    CourtLevel.SUPREME_COURT: N_("Supreme Court"),
}
HEADS = {
    HeadKind.GENERAL: N_("General damages"),
    HeadKind.EXEMPLARY: N_("Exemplary damages"),
    HeadKind.AGGRAVATED: N_("Aggravated damages"),
    HeadKind.SPECIAL: N_("Special damages"),
    HeadKind.COSTS: N_("Costs"),
}
CONTACTS = {
    # TRANSLATORS: how a follow-up was made, in a list of them: "3 May 2021: letter, our ref. …"
    FollowUpKind.LETTER: N_("letter"),
    FollowUpKind.CALL: N_("telephone call"),
    FollowUpKind.VISIT: N_("visit to your office"),
    FollowUpKind.EMAIL: N_("e-mail"),
}


@dataclass(frozen=True)
class Office:
    """The letterhead, from the settings HAKI_OFFICE_* (docs/demand-letter.md)."""

    name: str
    address: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    logo: str | None = None
    """a data: URI of the logo file"""


@dataclass(frozen=True)
class Claim:
    """One award the letter demands: one decree holder's sums, as of the letter's date."""

    decree_holder: str
    respondent: str
    department: str
    accounting_officer: str
    certificate_on: date
    served_on: date | None
    """None until service is on record: the letter then serves the certificate itself"""
    rate_percent: Decimal
    rate_as_ordered: str
    heads: tuple[AwardHead, ...]
    statement: Statement
    schedule: tuple[InterestRow, ...]
    follow_ups: tuple[FollowUp, ...]
    in_enforcement: bool

    @property
    def bears_interest(self) -> bool:
        return self.rate_percent > 0 and any(h.interest_from is not None for h in self.heads)


@dataclass(frozen=True)
class DemandLetter:
    """What the records say, as of the letter's date."""

    dated: date
    our_reference: str
    court_level: CourtLevel
    court_station: str
    court_number: str | None
    title: str
    judgment_on: date
    claims: tuple[Claim, ...]
    pay_within_days: int
    office: Office
    organisation: str
    lead_counsel: str

    @property
    def outstanding(self) -> Decimal:
        return sum((c.statement.outstanding for c in self.claims), Decimal(0))
