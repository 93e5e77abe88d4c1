"""HTTP routes of the ledger's corrections: reading the entries, reversing one of them."""

import uuid
from dataclasses import asdict
from datetime import date, datetime

from litestar import get, post
from litestar.params import FromPath, JSONBody
from msgspec import Struct

from domain.awards import Award, AwardStage, Disbursement, PaymentReceived
from domain.money import figure
from service.auth.identity import SignedIn, actor_of
from service.awards.controller import rules_of
from service.awards.schemas import Shillings
from service.dependencies import Db
from service.openapi import responses
from service.usecases.awards import corrections, ledger
from service.usecases.awards.corrections import ReversalIn


class ReversalOut(Struct):
    """The reversing entry (negative: a contra entry) and where the award stands after it."""

    id: int
    reverses_id: int
    award_id: uuid.UUID
    amount: Shillings
    on: date
    reference: str
    reason: str
    stage: AwardStage
    version: int

    @classmethod
    def of(cls, award: Award, entry: PaymentReceived | Disbursement) -> "ReversalOut":
        assert entry.id is not None and entry.reverses_id is not None  # a committed reversal
        return cls(
            id=entry.id,
            reverses_id=entry.reverses_id,
            award_id=award.id,
            amount=figure(entry.amount),
            on=corrections.entry_date(entry),
            reference=entry.reference,
            reason=entry.reason or "",
            stage=award.stage,
            version=award.version,
        )


@post(
    "/awards/{award_id:uuid}/payments/{payment_id:int}/reversal",
    tags=["awards"],
    responses=responses(400, 401, 403, 404, 409, 413, 422),
    summary="Reverse a payment received in error: it then counts as never received",
    description=(
        "409 if the payment was already reversed or is itself a reversal; 422 if the reversal "
        "is dated in the future or before the payment, or if the money already disbursed "
        "would exceed what remains received."
    ),
)
async def reverse_payment(
    db: Db,
    request: SignedIn,
    award_id: FromPath[uuid.UUID],
    payment_id: FromPath[int],
    data: JSONBody[ReversalIn],
) -> ReversalOut:
    award, entry = await corrections.reverse_payment(
        db, actor_of(request), award_id, payment_id, data, rules_of(request)
    )
    return ReversalOut.of(award, entry)


@post(
    "/awards/{award_id:uuid}/disbursements/{disbursement_id:int}/reversal",
    tags=["awards"],
    responses=responses(400, 401, 403, 404, 409, 413, 422),
    summary="Reverse a disbursement that did not reach the survivor or beneficiary",
    description=(
        "A disbursed award goes back to paid in full, and a closed case reopens. 409 if the "
        "disbursement was already reversed or is itself a reversal; 422 if the reversal is "
        "dated in the future or before the disbursement."
    ),
)
async def reverse_disbursement(
    db: Db,
    request: SignedIn,
    award_id: FromPath[uuid.UUID],
    disbursement_id: FromPath[int],
    data: JSONBody[ReversalIn],
) -> ReversalOut:
    award, entry = await corrections.reverse_disbursement(
        db, actor_of(request), award_id, disbursement_id, data
    )
    return ReversalOut.of(award, entry)


class EntryOut(Struct):
    """A ledger row; `reversed_by` names the reversal that cancelled it, if one did."""

    id: int
    kind: str
    on: date
    amount: Shillings
    reference: str
    party: str
    reverses: int | None
    reversed_by: int | None
    reason: str | None
    recorded_at: datetime
    method: str | None = None
    """a disbursement's method: mpesa, bank or cheque"""


@get(
    "/awards/{award_id:uuid}/ledger",
    tags=["awards"],
    responses=responses(401, 403, 404),
    summary="Payments received and disbursements, in date order, with their reversals",
)
async def award_ledger(db: Db, request: SignedIn, award_id: FromPath[uuid.UUID]) -> list[EntryOut]:
    rows = await ledger.entries(db, actor_of(request), award_id)
    return [EntryOut(**asdict(row)) for row in rows]
