"""Money passed on, booked against the batch's copy of its award's ledger (ledgers.py) as
`awards.disbursements.book_disbursement` books it against the database: costs retained only
where the award has costs, never more than was received by the day, the award disbursed once
everything received is passed on (award_steps.py). Booked through Haki's own path, each one
wrote the batch so far and read the award and its ledger again: a flush, a dozen statements
and the batch's look-ups made anew, for every disbursement."""

from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardStage, Disbursement, DisbursementMethod, HeadKind
from domain.calendar import not_in_future
from domain.cases import Case
from domain.money import ZERO, amount_of
from service.usecases.awards.disbursements import no_costs_to_retain, within_received
from service.usecases.importing.award_steps import step_award
from service.usecases.importing.ledgers import Ledger, ledger_of, prior_reversals
from service.usecases.importing.running import Context
from service.usecases.importing.writes import Described
from statemachines.award_rules import AwardFacts

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from service.usecases.importing.payments import PaymentRow


async def pass_on(
    session: AsyncSession, context: Context, case: Case, award: Award, row: "PaymentRow"
) -> None:
    assert row.method is not None and row.beneficiary is not None  # parse checked
    amount = amount_of(row.amount)
    not_in_future(row.paid_on, context.now, "paid_on")
    ledger = ledger_of(context, award)
    if row.method == DisbursementMethod.RETAINED and not _has_costs(award, ledger):
        raise no_costs_to_retain()
    received = _received(ledger, by=row.paid_on)
    disbursed = sum((entry.amount for entry in ledger["passed"]), ZERO)
    within_received(amount, row.paid_on, received, disbursed)
    reference = row.reference.strip()
    entry = context.pending.row(
        Disbursement,
        award_id=award.id,
        paid_on=row.paid_on,
        amount=amount,
        method=row.method,
        beneficiary=row.beneficiary.strip(),
        reference=reference,
        recorded_at=context.now,
        recorded_by=context.actor.user_id,
        prior_reversals=prior_reversals(ledger["passed"], reference),
    )
    ledger["passed"].append(Described(entry))
    context.audit("award.disburse", "award", award.id, amount=str(amount))
    everything = _received(ledger)
    if award.stage == AwardStage.PAID_IN_FULL and disbursed + amount == everything:
        facts = AwardFacts(occurred_on=row.paid_on, received=everything, disbursed=everything)
        await step_award(session, context, case, award, "complete_disbursement", facts)


def _has_costs(award: Award, ledger: Ledger) -> bool:
    return award.costs_to_be_taxed or any(h.kind == HeadKind.COSTS for h in ledger["heads"])


def _received(ledger: Ledger, by: "date | None" = None) -> "Decimal":
    """`awards.ledger.received_total` from the batch's copy: payments standing by `by`, a
    payment reversed never received, on any date."""
    reversed_ids = {entry.reverses_id for entry in ledger["received"] if entry.reverses_id}
    return sum(
        (
            entry.amount
            for entry in ledger["received"]
            if entry.reverses_id is None
            and entry.id not in reversed_ids
            and (by is None or entry.received_on <= by)
        ),
        ZERO,
    )
