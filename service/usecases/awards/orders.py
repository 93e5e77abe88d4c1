"""Recording what the court awarded each claimant, and what an award is worth on any date."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, AwardEvent, AwardHead, HeadKind
from domain.base import utcnow
from domain.calendar import nairobi_today, not_in_future
from domain.cases import CaseClaimant, CaseEvent, Survivor
from domain.errors import N_, InvalidInput, NotFound
from domain.interest import Allocation, Statement, statement
from domain.money import amount_of, rate_of
from domain.stages import JudgmentOutcome, Stage
from service.usecases.accounts.audit import audit
from service.usecases.awards.ledger import ledger_of, settlement_of
from service.usecases.awards.positions import refresh_positions
from service.usecases.cases.court_track import award_facts, move_case
from service.usecases.cases.register import get_case
from statemachines.facts import Facts

AWARDABLE = {Stage.JUDGMENT, Stage.AWARDED, Stage.COMPENSATION}


@dataclass(frozen=True)
class CompensationRules:
    """Settings a decree may leave open: see README (HAKI_CERTIFICATE_WAIT_DAYS and others)."""

    certificate_wait_days: int = 21
    court_rate: Decimal = Decimal("12")
    allocation: Allocation = Allocation.INTEREST_FIRST


UNSTATED = "unstated"
COSTS_AFTER_JUDGMENT = N_("Costs are taxed after the judgment, not before.")
NOT_FILED = N_("The case has no filing date on record, so interest cannot run from filing.")
NOT_A_CLAIMANT = N_("%(code)s is not a claimant in this case.")
"""the decree names no start: costs taxed run from their taxing day, anything else from judgment"""


@dataclass(frozen=True)
class HeadIn:
    kind: HeadKind
    amount: Decimal
    interest_from: str | None = UNSTATED
    """'judgment', 'filing', a date the court named (YYYY-MM-DD), None for no interest, or
    UNSTATED"""
    taxed_on: date | None = None
    """costs already taxed when the award is recorded: the day the taxing officer taxed them"""
    rate_percent: Decimal | None = None
    """the head's own yearly rate where the decree gives one (costs often differ); None: the
    award's"""


@dataclass(frozen=True)
class AwardOrder:
    """What the court ordered one claimant to be paid: the one input of `record_award`, read
    alike from the API's JSON (service/awards/schemas.py) and the case page's award form."""

    claimant: str
    """the survivor's code"""
    respondent: str
    heads: Sequence[HeadIn]
    rate_as_ordered: str
    """the decree's words ("court rates", "12% p.a. from judgment")"""
    rate_percent: Decimal | None = None
    """None: the court-rate setting"""
    costs_to_be_taxed: bool = False
    """costs awarded but not yet taxed: they join as a head when taxed (add_taxed_costs)"""
    department: str = ""
    """the department, county government, commission or independent office that pays"""
    accounting_officer: str = ""
    """who pays under GPA s.21(3): the demand letter is copied to this office"""


async def record_award(
    session: AsyncSession,
    actor: Actor,
    case_id: uuid.UUID,
    order: AwardOrder,
    rules: CompensationRules,
    now: datetime | None = None,
) -> Award:
    """Records an award; the first on a case at judgment moves the case to `awarded`."""
    now = now or utcnow()
    if not order.heads:
        raise InvalidInput(N_("Give the amount of at least one head the court awarded."), "heads")
    async with session.begin():
        case = await get_case(session, case_id)
        if case.stage not in AWARDABLE or case.judgment_on is None:
            raise InvalidInput(
                N_(
                    "Awards are recorded once judgment is delivered in the claimants' favour; "
                    "the case is at the stage %(stage)s."
                ),
                stage=case.stage,
            )
        if case.judgment_outcome == JudgmentOutcome.DISMISSED:
            raise InvalidInput(
                N_("The judgment on record dismissed the claim: nothing was awarded.")
            )
        survivor = await _claimant(session, case_id, order.claimant)
        filed_on = await filed_on_record(session, case_id)
        rate = order.rate_percent
        award = Award(
            case_id=case_id,
            survivor_id=survivor.id,
            respondent=order.respondent.strip(),
            department=order.department.strip(),
            accounting_officer=order.accounting_officer.strip(),
            judgment_on=case.judgment_on,
            rate_percent=rules.court_rate if rate is None else rate_of(rate),
            rate_as_ordered=order.rate_as_ordered.strip(),
            costs_to_be_taxed=order.costs_to_be_taxed,
            stage_since=case.judgment_on,
        )
        session.add(award)
        session.add_all(
            AwardHead(
                award_id=award.id,
                kind=head.kind,
                amount=amount_of(head.amount, "amount"),
                interest_from=interest_start(
                    _stated(head, case.judgment_on, now), case.judgment_on, filed_on, now
                ),
                taxed_on=head.taxed_on,
                rate_percent=None if head.rate_percent is None else rate_of(head.rate_percent),
            )
            for head in order.heads
        )
        audit(session, actor, "award.record", "award", award.id, case=str(case_id))
        await refresh_positions(session, award, rules.allocation)
        if case.stage == Stage.JUDGMENT:
            facts = Facts(occurred_on=case.judgment_on, **await award_facts(session, case_id))
            await move_case(session, actor, case, "award", _with_one_more(facts), now)
    return award


def _stated(head: HeadIn, judgment_on: date, now: datetime) -> str | None:
    """The start the decree gave, or the law's: costs taxed bear interest from their taxation
    (the sum is not known, so not due, before it), other heads from the judgment."""
    if head.taxed_on is not None:
        if head.kind != HeadKind.COSTS:
            raise InvalidInput(
                N_("Only costs are taxed: give the day taxed for the costs alone."), "taxed_on"
            )
        if not_in_future(head.taxed_on, now, "taxed_on") < judgment_on:
            raise InvalidInput(COSTS_AFTER_JUDGMENT, "taxed_on")
    if head.interest_from != UNSTATED:
        return head.interest_from
    return head.taxed_on.isoformat() if head.taxed_on is not None else "judgment"


def _with_one_more(facts: Facts) -> Facts:
    """The award being added is not flushed yet when the case's guard counts awards."""
    return Facts(occurred_on=facts.occurred_on, awards=facts.awards + 1)


async def _claimant(session: AsyncSession, case_id: uuid.UUID, code: str) -> Survivor:
    """Locked, so two awards recorded at once for one survivor count each other (the count of
    their awards is on their positions: service/usecases/awards/positions.py)."""
    found = await session.exec(
        select(Survivor)
        .join(CaseClaimant, col(CaseClaimant.survivor_id) == Survivor.id)
        .where(CaseClaimant.case_id == case_id, Survivor.code == code)
        .with_for_update(of=Survivor)
    )
    survivor = found.first()
    if survivor is None:
        raise InvalidInput(NOT_A_CLAIMANT, "claimant", code=code)
    return survivor


async def filed_on_record(session: AsyncSession, case_id: uuid.UUID) -> date | None:
    """The day the case was filed: its `file` step, or the filing day an import brought."""
    found = await session.exec(
        select(col(CaseEvent.trigger), col(CaseEvent.occurred_on), col(CaseEvent.details))
        .where(CaseEvent.case_id == case_id, col(CaseEvent.trigger).in_(("file", "imported")))
        .order_by(col(CaseEvent.id))
    )
    for trigger, occurred_on, details in found:
        if trigger == "file":
            return occurred_on
        if details.get("filed_on"):
            return date.fromisoformat(details["filed_on"])
    return None


def interest_start(
    given: str | None, judgment_on: date, filed_on: date | None, now: datetime
) -> date | None:
    if given is None:
        return None
    if given == "judgment":
        return judgment_on
    if given == "filing":
        if filed_on is None:
            raise InvalidInput(NOT_FILED, "interest_from")
        return filed_on
    try:
        named = date.fromisoformat(given)
    except ValueError as error:
        raise InvalidInput(
            N_("Interest runs from the judgment, from filing, or from a date the court named."),
            "interest_from",
        ) from error
    return not_in_future(named, now, "interest_from")


async def get_award(session: AsyncSession, award_id: uuid.UUID) -> Award:
    award = await session.get(Award, award_id)
    if award is None:
        raise NotFound(N_("No award has the id %(id)s."), id=award_id)
    return award


async def heads_of(session: AsyncSession, award_ids: Sequence[uuid.UUID]) -> list[AwardHead]:
    rows = await session.exec(
        select(AwardHead).where(col(AwardHead.award_id).in_(award_ids)).order_by(col(AwardHead.id))
    )
    return list(rows.all())


async def awards_of_case(session: AsyncSession, case_id: uuid.UUID) -> list[Award]:
    await get_case(session, case_id)
    rows = await session.exec(
        select(Award).where(Award.case_id == case_id).order_by(col(Award.created_at))
    )
    return list(rows.all())


async def claimant_code(session: AsyncSession, award: Award) -> str:
    survivor = await session.get(Survivor, award.survivor_id)
    assert survivor is not None  # a foreign key guarantees it
    return survivor.code


async def position(
    session: AsyncSession, award: Award, as_of: date, rules: CompensationRules
) -> Statement:
    """The award's statement on `as_of`, from its heads and the payments in its ledger."""
    heads, payments = await ledger_of(session, award)
    return statement(
        heads, award.rate_percent, payments, as_of, rules.allocation, settlement_of(award)
    )


async def award_statement(
    session: AsyncSession, award_id: uuid.UUID, as_of: date | None, rules: CompensationRules
) -> tuple[Award, Statement]:
    award = await get_award(session, award_id)
    day = as_of or nairobi_today(utcnow())
    return award, await position(session, award, day, rules)


async def award_history(session: AsyncSession, award_id: uuid.UUID) -> list[AwardEvent]:
    await get_award(session, award_id)
    rows = await session.exec(
        select(AwardEvent).where(AwardEvent.award_id == award_id).order_by(col(AwardEvent.id))
    )
    return list(rows.all())
