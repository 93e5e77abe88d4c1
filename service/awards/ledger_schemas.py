"""What the award API accepts and answers for the ledger: costs taxed, a settlement, the entry
recorded (money in and out is read into service/usecases/awards/entries.py's inputs)."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from msgspec import Meta, Struct

from domain.awards import AwardStage
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
