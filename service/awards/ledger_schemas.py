"""What the award API accepts and answers for the money: the statement of sums due on a day,
costs taxed, a settlement, the entry recorded (money in and out is read into
service/usecases/awards/entries.py's inputs)."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from msgspec import Meta, Struct

from domain.awards import Award, AwardStage
from domain.interest import Statement
from domain.money import figure
from service.amounts import Amount
from service.awards.schemas import Shillings
from service.text import Note
from service.usecases.awards.entries import Reference
from service.usecases.awards.settlement import Compromise


class LedgerOut(Struct):
    """The entry recorded (its `id` is what a reversal names) and where the award stands."""

    id: int
    award_id: uuid.UUID
    amount: Shillings
    on: date
    reference: str
    stage: AwardStage
    version: int


class CostsCertificateIn(Struct, forbid_unknown_fields=True):
    issued_on: date


class CostsServiceIn(Struct, forbid_unknown_fields=True):
    served_on: date


class TaxedCostsIn(Struct, forbid_unknown_fields=True):
    amount: Amount
    taxed_on: date
    certificate_ref: Reference
    rate_percent: Annotated[Decimal, Meta(examples=["14"])] | None = None
    """the costs' own yearly rate where the court gave one; omitted: the award's"""


class SettlementIn(Struct, forbid_unknown_fields=True):
    """A compromise with the State after judgment; `terms` is free text (personal data)."""

    settled_on: date
    amount: Amount
    terms: Note = ""
    version: Annotated[int, Meta(ge=1)] | None = None

    def compromise(self) -> Compromise:
        return Compromise(self.settled_on, self.amount, self.terms, self.version)


class LineOut(Struct):
    on: date
    text: str
    interest: Shillings
    paid: Shillings
    outstanding: Shillings


class StatementOut(Struct):
    award_id: uuid.UUID
    as_of: date
    rate_percent: str
    principal: Shillings
    interest: Shillings
    paid: Shillings
    paid_to_interest: Shillings
    paid_to_principal: Shillings
    outstanding_principal: Shillings
    outstanding_interest: Shillings
    outstanding: Shillings
    lines: list[LineOut]

    @classmethod
    def of(cls, award: Award, s: Statement) -> "StatementOut":
        return cls(
            award_id=award.id,
            as_of=s.as_of,
            rate_percent=str(award.rate_percent),
            principal=figure(s.principal),
            interest=figure(s.interest),
            paid=figure(s.paid),
            paid_to_interest=figure(s.paid_to_interest),
            paid_to_principal=figure(s.paid_to_principal),
            outstanding_principal=figure(s.outstanding_principal),
            outstanding_interest=figure(s.outstanding_interest),
            outstanding=figure(s.outstanding),
            lines=[
                LineOut(
                    line.on,
                    line.text,
                    figure(line.interest),
                    figure(line.paid),
                    figure(line.outstanding),
                )
                for line in s.lines
            ],
        )
