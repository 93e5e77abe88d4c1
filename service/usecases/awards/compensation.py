"""Moving an award along its track: steps, payments received, disbursements; the case follows.

Ledger writes lock the award row, so payments recorded at the same moment are taken one after
the other and can never overpay together. Entries are kept in date order.
"""

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import (
    Award,
    AwardEvent,
    AwardHead,
    AwardStage,
    Disbursement,
    DisbursementMethod,
    HeadKind,
    PaymentReceived,
)
from domain.base import utcnow
from domain.calendar import nairobi_today, not_in_future
from domain.errors import N_, InvalidInput, NotFound, StaleVersion, Step
from domain.money import amount_of
from domain.stages import Stage
from service.usecases.accounts.audit import audit
from service.usecases.awards.duplicates import add_entry
from service.usecases.awards.entries import DisbursementIn, PaymentIn
from service.usecases.awards.ledger import disbursed_total, received_total
from service.usecases.awards.orders import COSTS_AFTER_JUDGMENT, CompensationRules, position
from service.usecases.awards.positions import refresh_positions
from service.usecases.cases.court_track import award_facts, move_case
from service.usecases.cases.enforcement import open_mandamus
from service.usecases.cases.register import get_case
from service.usecases.families.family_news import payment_received
from statemachines.award_rules import AwardFacts
from statemachines.award_track import AWARD_TRACK, UNSETTLED
from statemachines.facts import Facts

LEDGER_TRIGGERS = {
    "receive_part_payment",
    "receive_final_payment",
    "complete_disbursement",
    "reverse_payment",
    "reverse_disbursement",
}

# what a step writes besides the award's own row and history, in the same transaction
CONSEQUENCES = {"enforce": open_mandamus}

AWARD_STEP_DATES = {
    "extract_decree": N_("The date the decree was extracted"),
    "issue_certificate": N_("The date the certificate of order was issued"),
    "serve_on_ag": N_("The date the Attorney General was served"),
    "stay": N_("The date execution was stayed"),
    "lift_stay": N_("The date the stay was lifted"),
}
"""how a refused date names the step it dates; any other step's is 'The date it happened'"""


@dataclass(frozen=True)
class AwardStep:
    trigger: str
    version: int
    occurred_on: date | None = None
    note: str | None = None
    evidence_ref: str | None = None


async def locked_award(session: AsyncSession, award_id: uuid.UUID) -> Award:
    award = await session.get(Award, award_id, with_for_update=True)
    if award is None:
        raise NotFound(N_("No award has the id %(id)s."), id=award_id)
    return award


async def costs_taxed_on(session: AsyncSession, award_id: uuid.UUID) -> date | None:
    """The latest taxation of costs on record before the certificate of order: the certificate
    includes those costs, so it waits for their taxation (GPA s.21(1)). Costs taxed once it is
    issued have a certificate of their own."""
    taxed = select(func.max(AwardHead.taxed_on)).where(col(AwardHead.award_id) == award_id)
    return (await session.exec(taxed)).one()


async def move_award(
    session: AsyncSession,
    actor: Actor,
    award: Award,
    trigger: str,
    facts: AwardFacts,
    now: datetime,
    note: str | None = None,
    evidence_ref: str | None = None,
    **details: Any,
) -> AwardEvent:
    occurred_on = facts.occurred_on or nairobi_today(now)
    since = award.stage_since
    from_stage = AwardStage(await AWARD_TRACK.fire(award, trigger, facts))
    if occurred_on < since:
        raise InvalidInput(
            N_(
                "The date, %(day)s, is before the award reached the stage %(stage)s on "
                "%(since)s; entries are kept in date order."
            ),
            "occurred_on",
            day=occurred_on,
            stage=from_stage,
            since=since,
        )
    award.stage_since = occurred_on
    event = AwardEvent(
        award_id=award.id,
        trigger=trigger,
        from_stage=from_stage,
        to_stage=award.stage,
        occurred_on=occurred_on,
        recorded_at=now,
        recorded_by=actor.user_id,
        note=note,
        evidence_ref=evidence_ref,
        details=details,
    )
    session.add(event)
    audit(session, actor, "award.step", "award", award.id, trigger=trigger)
    await _case_follows(session, actor, award, occurred_on, now)
    return event


async def _case_follows(
    session: AsyncSession, actor: Actor, award: Award, on: date, now: datetime
) -> None:
    """The chase begins: the case moves to compensation; all settled: the case closes; an
    award unsettled again (a reversal) reopens it, dated no earlier than it was closed."""
    case = await get_case(session, award.case_id)
    await session.flush()
    facts = Facts(occurred_on=on, **await award_facts(session, case.id))
    if case.stage == Stage.AWARDED and award.stage != AwardStage.AWARDED:
        await move_case(session, actor, case, "pursue_compensation", facts, now)
    if case.stage == Stage.COMPENSATION and facts.awards_settled:
        await move_case(session, actor, case, "close", facts, now)
    if case.stage == Stage.CLOSED and not facts.awards_settled:
        reopened = replace(facts, occurred_on=max(on, case.stage_since))
        await move_case(session, actor, case, "reopen", reopened, now)


async def record_award_step(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    step: AwardStep,
    rules: CompensationRules,
    now: datetime | None = None,
) -> tuple[Award, AwardEvent]:
    if step.trigger in LEDGER_TRIGGERS:
        raise InvalidInput(
            N_(
                "“%(step)s” follows from the ledger: record the payment, or the money passed "
                "on, in the award's ledger (the API: POST /awards/{id}/payments or "
                "/disbursements), and reverse an entry there."
            ),
            "trigger",
            step=Step(step.trigger),
        )
    now = now or utcnow()
    occurred_on = step.occurred_on and not_in_future(
        step.occurred_on, now, "occurred_on", AWARD_STEP_DATES.get(step.trigger)
    )
    facts = AwardFacts(
        occurred_on=occurred_on or nairobi_today(now),
        waiting_days=rules.certificate_wait_days,
    )
    try:
        async with session.begin():
            award = await locked_award(session, award_id)
            if award.version != step.version:
                raise StaleVersion(step.version, award.version)
            if step.trigger == "issue_certificate":
                taxed_on = await costs_taxed_on(session, award.id)
                facts = replace(
                    facts,
                    costs_taxed_on=taxed_on,
                    costs_awaited=award.costs_to_be_taxed and taxed_on is None,
                )
            event = await move_award(
                session, actor, award, step.trigger, facts, now, step.note, step.evidence_ref
            )
            consequence = CONSEQUENCES.get(step.trigger)
            if consequence is not None:
                await consequence(session, actor, award, event.occurred_on, now)
            await session.flush()
    except StaleDataError:
        current = (await session.exec(select(Award.version).where(Award.id == award_id))).one()
        raise StaleVersion(step.version, current) from None
    return award, event


async def receive_payment(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    paid: PaymentIn,
    rules: CompensationRules,
    now: datetime | None = None,
) -> tuple[Award, PaymentReceived]:
    """Records money the State paid; it settles the award when it pays what is owed that day."""
    now = now or utcnow()
    async with session.begin():
        award = await locked_award(session, award_id)
        payment = await book_payment(
            session, actor, award, paid.received_on, paid.amount, paid.payer, paid.reference,
            rules, now,
        )  # fmt: skip
        await payment_received(session, award, payment, now)
    return award, payment


async def book_payment(
    session: AsyncSession,
    actor: Actor,
    award: Award,
    received_on: date,
    amount: Decimal,
    payer: str,
    reference: str,
    rules: CompensationRules,
    now: datetime,
) -> PaymentReceived:
    """A payment into the ledger of a locked award, inside the caller's transaction; the
    family is told by the caller (an import of last year's payments tells no one)."""
    amount = amount_of(amount)
    not_in_future(received_on, now, "received_on")
    if received_on < award.judgment_on:
        raise InvalidInput(
            N_("A payment cannot be dated before the judgment of %(judgment)s."),
            "received_on",
            judgment=award.judgment_on,
        )
    owed = (await position(session, award, received_on, rules)).outstanding
    trigger = "receive_final_payment" if amount == owed else "receive_part_payment"
    facts = AwardFacts(occurred_on=received_on, payment=amount, owed=owed)
    await move_award(
        session, actor, award, trigger, facts, now, amount=str(amount), reference=reference
    )
    payment = PaymentReceived(
        award_id=award.id,
        received_on=received_on,
        amount=amount,
        payer=payer.strip(),
        reference=reference.strip(),
        recorded_at=now,
        recorded_by=actor.user_id,
    )
    await add_entry(session, award, payment)
    await refresh_positions(session, award, rules.allocation)
    return payment


async def disburse(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    sent: DisbursementIn,
    now: datetime | None = None,
) -> tuple[Award, Disbursement]:
    """Records money passed on to the survivor; never more than has been received by then."""
    now = now or utcnow()
    async with session.begin():
        award = await locked_award(session, award_id)
        disbursement = await book_disbursement(
            session, actor, award, sent.paid_on, sent.amount, sent.method, sent.beneficiary,
            sent.reference, now,
        )  # fmt: skip
    return award, disbursement


async def book_disbursement(
    session: AsyncSession,
    actor: Actor,
    award: Award,
    paid_on: date,
    amount: Decimal,
    method: DisbursementMethod,
    beneficiary: str,
    reference: str,
    now: datetime,
) -> Disbursement:
    """A disbursement from a locked award, inside the caller's transaction."""
    amount = amount_of(amount)
    not_in_future(paid_on, now, "paid_on")
    received = await received_total(session, award.id, by=paid_on)
    disbursed = await disbursed_total(session, award.id)
    if disbursed + amount > received:
        raise InvalidInput(
            N_(
                "%(amount)s would be more than was received by %(on)s: %(received)s received, "
                "%(disbursed)s already passed on."
            ),
            "amount",
            amount=amount,
            on=paid_on,
            received=received,
            disbursed=disbursed,
        )
    disbursement = Disbursement(
        award_id=award.id,
        paid_on=paid_on,
        amount=amount,
        method=method,
        beneficiary=beneficiary.strip(),
        reference=reference.strip(),
        recorded_at=now,
        recorded_by=actor.user_id,
    )
    await add_entry(session, award, disbursement)
    audit(session, actor, "award.disburse", "award", award.id, amount=str(amount))
    everything = await received_total(session, award.id)
    if award.stage == AwardStage.PAID_IN_FULL and disbursed + amount == everything:
        facts = AwardFacts(occurred_on=paid_on, received=everything, disbursed=everything)
        await move_award(session, actor, award, "complete_disbursement", facts, now)
    return disbursement


async def add_taxed_costs(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    *,
    amount: Decimal,
    taxed_on: date,
    certificate_ref: str,
    rules: CompensationRules,
    now: datetime | None = None,
) -> AwardHead:
    """Costs taxed after judgment join the award as a head bearing interest from taxation."""
    now = now or utcnow()
    amount = amount_of(amount)
    not_in_future(taxed_on, now, "taxed_on")
    async with session.begin():
        award = await locked_award(session, award_id)
        if award.stage not in UNSETTLED:
            raise InvalidInput(
                N_("Costs cannot be added to an award at the stage %(stage)s."), stage=award.stage
            )
        if taxed_on < award.judgment_on:
            raise InvalidInput(COSTS_AFTER_JUDGMENT, "taxed_on")
        head = AwardHead(
            award_id=award.id,
            kind=HeadKind.COSTS,
            amount=amount,
            interest_from=taxed_on,
            taxed_on=taxed_on,
        )
        session.add(head)
        session.add(
            AwardEvent(
                award_id=award.id,
                trigger="tax_costs",
                from_stage=award.stage,
                to_stage=award.stage,
                occurred_on=taxed_on,
                recorded_at=now,
                recorded_by=actor.user_id,
                evidence_ref=certificate_ref,
                details={"amount": str(amount)},
            )
        )
        audit(session, actor, "award.costs_taxed", "award", award.id, amount=str(amount))
        await refresh_positions(session, award, rules.allocation)
    return head
