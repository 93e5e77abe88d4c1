"""What the award API accepts and answers for the award as the decree orders it: its heads,
rate and paying office in, and the award as it stands out. Shillings leave as decimal strings,
never floats. The track's steps are in track_schemas.py, the money's in ledger_schemas.py."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from msgspec import UNSET, Meta, Struct, UnsetType

from domain.awards import Award, AwardHead, AwardStage, HeadKind
from domain.cases import Case
from domain.money import figure
from domain.stages import Stage
from service.amounts import Amount
from service.text import LINE, Name, SurvivorCode
from service.usecases.awards.orders import UNSTATED, AwardOrder
from service.usecases.awards.orders import HeadIn as UseCaseHead

Shillings = Annotated[
    str, Meta(pattern=r"^-?\d+\.\d{2}$", examples=["1000000.00"], description="Kenya shillings")
]
Office = Annotated[str, Meta(max_length=200, pattern=LINE)]
"""an office as the decree or the Treasury names it; empty: not known yet"""
InterestFrom = Annotated[
    str,
    Meta(
        pattern=r"^(judgment|filing|\d{4}-\d{2}-\d{2})$",
        description="'judgment', 'filing', or the date the court named",
    ),
]


class HeadIn(Struct, forbid_unknown_fields=True):
    """`interest_from` omitted: from the judgment, or for costs given `taxed_on`, from the day
    they were taxed; null: no interest on the head."""

    kind: HeadKind
    amount: Amount
    interest_from: InterestFrom | UnsetType | None = UNSET
    taxed_on: date | None = None
    """costs only, already taxed when the award is recorded"""
    rate_percent: Annotated[Decimal, Meta(examples=["14"])] | None = None
    """the head's own yearly rate where the decree gives one; omitted: the award's"""

    def head(self) -> UseCaseHead:
        start = UNSTATED if self.interest_from is UNSET else self.interest_from
        return UseCaseHead(self.kind, self.amount, start, self.taxed_on, self.rate_percent)


class AwardIn(Struct, forbid_unknown_fields=True):
    """`rate_percent` omitted means the court-rate setting; `rate_as_ordered` keeps the words.
    The case page's award form is read into this class too (service/web/award_order.py)."""

    claimant: SurvivorCode
    respondent: Name
    heads: Annotated[list[HeadIn], Meta(min_length=1, max_length=10)]
    rate_as_ordered: Annotated[str, Meta(min_length=1, max_length=120, pattern=LINE)]
    rate_percent: Annotated[Decimal, Meta(examples=["12"])] | None = None
    costs_to_be_taxed: bool = False
    """costs awarded, to be taxed later (POST /awards/{id}/costs adds them once taxed)"""
    department: Office = ""
    """the department, county government, commission or independent office that pays"""
    accounting_officer: Office = ""
    """its accounting officer, who pays under GPA s.21(3), e.g. "Inspector-General of the
    National Police Service"; the demand letter is copied to this office"""

    def order(self) -> AwardOrder:
        return AwardOrder(
            claimant=self.claimant,
            respondent=self.respondent,
            heads=[h.head() for h in self.heads],
            rate_as_ordered=self.rate_as_ordered,
            rate_percent=self.rate_percent,
            costs_to_be_taxed=self.costs_to_be_taxed,
            department=self.department,
            accounting_officer=self.accounting_officer,
        )


class HeadOut(Struct):
    kind: HeadKind
    amount: Shillings
    interest_from: date | None
    taxed_on: date | None = None
    rate_percent: str | None = None
    """the head's own rate; null: the award's"""
    certificate_on: date | None = None
    """costs taxed after the certificate of order: their own certificate of costs"""
    served_on: date | None = None


class EnforcementCaseOut(Struct):
    """The judicial review (mandamus) that enforces the award, where it stands in court."""

    id: uuid.UUID
    reference: str
    court_number: str | None
    stage: Stage

    @classmethod
    def of(cls, case: Case) -> "EnforcementCaseOut":
        return cls(case.id, case.reference, case.court_number, case.stage)


class AwardOut(Struct):
    id: uuid.UUID
    case_id: uuid.UUID
    claimant: str
    respondent: str
    department: str
    accounting_officer: str
    judgment_on: date
    rate_percent: str
    rate_as_ordered: str
    heads: list[HeadOut]
    costs_to_be_taxed: bool
    stage: AwardStage
    stage_since: date
    stayed_from: AwardStage | None
    certificate_on: date | None
    served_on: date | None
    enforcement_case_id: uuid.UUID | None
    enforcement_case: EnforcementCaseOut | None
    version: int
    settled_on: date | None = None
    """a settlement by consent after judgment: from this day the compromise sum is owed"""
    settlement_amount: Shillings | None = None

    @classmethod
    def of(
        cls, award: Award, claimant: str, heads: list[AwardHead], enforcement: Case | None
    ) -> "AwardOut":
        return cls(
            id=award.id,
            case_id=award.case_id,
            claimant=claimant,
            respondent=award.respondent,
            department=award.department,
            accounting_officer=award.accounting_officer,
            judgment_on=award.judgment_on,
            rate_percent=str(award.rate_percent),
            rate_as_ordered=award.rate_as_ordered,
            heads=[
                HeadOut(
                    h.kind,
                    figure(h.amount),
                    h.interest_from,
                    h.taxed_on,
                    None if h.rate_percent is None else str(h.rate_percent),
                    h.certificate_on,
                    h.served_on,
                )
                for h in heads
            ],
            costs_to_be_taxed=award.costs_to_be_taxed,
            stage=award.stage,
            stage_since=award.stage_since,
            stayed_from=award.stayed_from,
            certificate_on=award.certificate_on,
            served_on=award.served_on,
            enforcement_case_id=award.enforcement_case_id,
            enforcement_case=EnforcementCaseOut.of(enforcement) if enforcement else None,
            version=award.version,
            settled_on=award.settled_on,
            settlement_amount=(
                None if award.settlement_amount is None else figure(award.settlement_amount)
            ),
        )
