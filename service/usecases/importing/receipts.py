"""A payment received, booked against the batch's copy of its award's ledger (ledgers.py)
as `awards.payments.book_payment` books it against the database: the same checks, the same
arithmetic, the same step on the award's track and the case following it; the entry, the
step's event and the audit row (naming the file) are written with the batch, and so is the
award's and the case's new stage: both are held apart from the ORM (payments.py), whose
UPDATE of each was a round trip a row, and written a table at a time, versions checked."""

from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import SETTLED, Award, AwardEvent, AwardStage, PaymentReceived
from domain.cases import Case, CaseEvent
from service.usecases.awards.compensation import case_follows
from service.usecases.awards.payments import checked_payment, payment_step
from service.usecases.cases.court_track import case_step
from service.usecases.importing.ledgers import (
    arithmetic,
    ledger_of,
    prior_reversals,
    write_positions,
)
from service.usecases.importing.lookups import awards_of
from service.usecases.importing.running import Context
from service.usecases.importing.writes import Described
from statemachines.award_rules import AwardFacts
from statemachines.award_track import AWARD_TRACK
from statemachines.facts import Facts

if TYPE_CHECKING:
    from service.usecases.importing.payments import PaymentRow


async def receive(
    session: AsyncSession, context: Context, case: Case, award: Award, row: "PaymentRow"
) -> None:
    actor, now = context.actor, context.now
    amount = checked_payment(award, row.paid_on, row.amount, now)
    heads, payments = arithmetic(context, award)
    rules = context.rules.compensation
    trigger, owed = payment_step(award, heads, payments, row.paid_on, amount, rules)
    facts = AwardFacts(occurred_on=row.paid_on, payment=amount, owed=owed)
    # a payment found late is dated the day it came, even before a later step (move_award)
    before = _columns(award)
    from_stage = AwardStage(await AWARD_TRACK.fire(award, trigger, facts))
    award.stage_since = max(award.stage_since, row.paid_on)
    context.pending.change(Award, award, **_changed(award, before))
    context.pending.row(
        AwardEvent,
        award_id=award.id,
        trigger=trigger,
        from_stage=from_stage,
        to_stage=award.stage,
        occurred_on=row.paid_on,
        recorded_at=now,
        recorded_by=actor.user_id,
        details={"amount": str(amount), "reference": row.reference},
    )
    context.audit("award.step", "award", award.id, trigger=trigger)
    stages = [known.stage for known in (await awards_of(session, context, case)).values()]
    settled = all(stage in SETTLED for stage in stages)
    follows = Facts(occurred_on=row.paid_on, awards=len(stages), awards_settled=settled)

    async def move(trigger: str, facts: Facts) -> None:
        before = _columns(case)
        event = await case_step(case, actor, trigger, facts, now)
        context.pending.change(Case, case, **_changed(case, before))
        context.pending.row(CaseEvent, **event)
        context.audit("case.step", "case", case.id, trigger=trigger)

    await case_follows(case, award, follows, move)
    received = ledger_of(context, award)["received"]
    reference = row.reference.strip()
    entry = context.pending.row(
        PaymentReceived,
        award_id=award.id,
        received_on=row.paid_on,
        amount=amount,
        payer=(row.payer or award.respondent).strip(),
        reference=reference,
        recorded_at=now,
        recorded_by=actor.user_id,
        prior_reversals=prior_reversals(received, reference),
    )
    received.append(Described(entry))
    write_positions(context, award)


def _columns(record: Award | Case) -> dict[str, Any]:
    """The record's columns as they stand before a step: those it sets are compared after."""
    return dict(inspect(record).dict)


def _changed(record: Award | Case, before: dict[str, Any]) -> dict[str, Any]:
    """What a step changed in the record (its stage, its date, what the track remembers)."""
    after = inspect(record).dict
    return {
        name: value for name, value in after.items() if name in before and before[name] != value
    }
