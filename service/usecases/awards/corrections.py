"""Putting a ledger mistake right by a reversing entry, never by an edit.

A reversal is a contra entry (see PaymentReceived): a new row for the same sum with the
opposite sign, naming the row it reverses. A reversed payment is treated as never received,
because it never settled anything: the statement leaves it out from the start, and the award
goes, through its machine, to the stage the remaining payments leave it at; the case follows.
Each reversal is one transaction with the award row locked, like every ledger write. What a
person gives for one (`ReversalIn`) is the API's JSON body and the ledger page's form alike.
"""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from msgspec import Meta, Struct
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, AwardEvent, AwardStage, Disbursement, PaymentReceived
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.errors import N_, Conflict, InvalidInput, NotFound, StaleVersion
from service.text import NOT_BLANK_LINE
from service.usecases.accounts.audit import audit
from service.usecases.awards.compensation import locked_award, move_award
from service.usecases.awards.ledger import disbursed_total, received_total
from service.usecases.awards.orders import CompensationRules
from service.usecases.awards.positions import refresh_positions
from statemachines.award_rules import AwardFacts

Entry = TypeVar("Entry", PaymentReceived, Disbursement)
LARGEST_ID = 2**63 - 1  # BIGINT: a larger id in the path names no entry


class ReversalIn(Struct, forbid_unknown_fields=True):
    """`version`, optional, is the award's as you saw it: if sent, a changed award is a 409."""

    reversed_on: date
    reason: Annotated[
        str,
        Meta(
            min_length=1,
            max_length=500,
            pattern=NOT_BLANK_LINE,
            examples=["cheque returned unpaid by the bank"],
        ),
    ]
    version: Annotated[int, Meta(ge=1)] | None = None

    def __post_init__(self) -> None:
        self.reason = self.reason.strip()


async def _reversible(
    session: AsyncSession,
    kind: type[Entry],
    award: Award,
    entry_id: int,
    reversal: ReversalIn,
) -> Entry:
    """The entry to reverse, or the reason it cannot be reversed."""
    if reversal.version is not None and reversal.version != award.version:
        raise StaleVersion(reversal.version, award.version)
    entry = await session.get(kind, entry_id) if 0 < entry_id <= LARGEST_ID else None
    if entry is None or entry.award_id != award.id:
        raise NotFound(N_("This award's ledger has no entry %(entry)s."), entry=entry_id)
    if entry.reverses_id is not None:
        raise Conflict(
            N_(
                "Entry %(entry)s is itself the reversal of entry %(reversed)s and cannot be "
                "reversed; if that entry did happen, record it again."
            ),
            entry=entry_id,
            reversed=entry.reverses_id,
        )
    done = (await session.exec(select(kind).where(col(kind.reverses_id) == entry_id))).first()
    if done is not None:
        raise Conflict(
            N_("Entry %(entry)s was already reversed, on %(on)s."),
            entry=entry_id,
            on=entry_date(done),
        )
    if reversal.reversed_on < entry_date(entry):
        raise InvalidInput(
            N_("The date of the reversal is before the entry it reverses, dated %(dated)s."),
            "reversed_on",
            dated=entry_date(entry),
        )
    return entry


def entry_date(entry: PaymentReceived | Disbursement) -> date:
    """The day money came in or went out, or, on a reversal, the day it was reversed."""
    return entry.received_on if isinstance(entry, PaymentReceived) else entry.paid_on


async def reverse_payment(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    payment_id: int,
    reversal: ReversalIn,
    rules: CompensationRules,
    now: datetime | None = None,
) -> tuple[Award, PaymentReceived]:
    """Refused if the money already passed on would then exceed what was received."""
    now = now or utcnow()
    not_in_future(reversal.reversed_on, now, "reversed_on")
    async with session.begin():
        award = await locked_award(session, award_id)
        paid = await _reversible(session, PaymentReceived, award, payment_id, reversal)
        remaining = await received_total(session, award.id) - paid.amount
        disbursed = await disbursed_total(session, award.id)
        if disbursed > remaining:
            raise InvalidInput(
                N_(
                    "Reversing the payment of %(amount)s would leave %(disbursed)s passed on "
                    "against %(remaining)s received; reverse the money passed on from it first."
                ),
                "payment_id",
                amount=paid.amount,
                disbursed=disbursed,
                remaining=remaining,
            )
        facts = AwardFacts(occurred_on=reversal.reversed_on, received=remaining)
        await move_award(
            session,
            actor,
            award,
            "reverse_payment",
            facts,
            now,
            note=reversal.reason,
            payment_id=payment_id,
            amount=str(paid.amount),
            reference=paid.reference,
        )
        row = PaymentReceived(
            award_id=award.id,
            received_on=reversal.reversed_on,
            amount=-paid.amount,
            payer=paid.payer,
            reference=paid.reference,
            recorded_at=now,
            recorded_by=actor.user_id,
            reverses_id=paid.id,
            reason=reversal.reason,
        )
        session.add(row)
        audit(session, actor, "award.reverse_payment", "award", award.id, payment_id=payment_id)
        await refresh_positions(session, award, rules.allocation)
    return award, row


async def reverse_disbursement(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    disbursement_id: int,
    reversal: ReversalIn,
    now: datetime | None = None,
) -> tuple[Award, Disbursement]:
    """A disbursed award is owed to the survivor again (back to paid in full, and a closed case
    reopens); at any other stage the reversal is history that moves nothing."""
    now = now or utcnow()
    not_in_future(reversal.reversed_on, now, "reversed_on")
    async with session.begin():
        award = await locked_award(session, award_id)
        sent = await _reversible(session, Disbursement, award, disbursement_id, reversal)
        details: dict[str, Any] = {"disbursement_id": disbursement_id, "amount": str(sent.amount)}
        if award.stage == AwardStage.DISBURSED:
            facts = AwardFacts(occurred_on=reversal.reversed_on)
            await move_award(
                session,
                actor,
                award,
                "reverse_disbursement",
                facts,
                now,
                reversal.reason,
                **details,
            )
        else:
            session.add(
                AwardEvent(
                    award_id=award.id,
                    trigger="reverse_disbursement",
                    from_stage=award.stage,
                    to_stage=award.stage,
                    occurred_on=reversal.reversed_on,
                    recorded_at=now,
                    recorded_by=actor.user_id,
                    note=reversal.reason,
                    details=details,
                )
            )
        row = Disbursement(
            award_id=award.id,
            paid_on=reversal.reversed_on,
            amount=-sent.amount,
            method=sent.method,
            beneficiary=sent.beneficiary,
            reference=sent.reference,
            recorded_at=now,
            recorded_by=actor.user_id,
            reverses_id=sent.id,
            reason=reversal.reason,
        )
        session.add(row)
        audit(session, actor, "award.reverse_disbursement", "award", award.id, **details)
    return award, row
