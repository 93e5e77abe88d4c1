"""What the award API accepts for the ledger: money in and out, costs taxed, a settlement."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from msgspec import Meta, Struct

from domain.awards import AwardStage, DisbursementMethod
from service.amounts import Amount
from service.awards.schemas import Reference, Shillings
from service.text import Name, Note
from service.usecases.awards.settlement import Compromise


class PaymentIn(Struct, forbid_unknown_fields=True):
    received_on: date
    amount: Amount
    payer: Name
    reference: Reference


class DisbursementIn(Struct, forbid_unknown_fields=True):
    paid_on: date
    amount: Amount
    method: DisbursementMethod
    beneficiary: Name
    reference: Reference


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
