"""An imported award's heads as ordered, and what a row changes in an award already in Haki."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardHead, AwardStage, HeadKind
from domain.cases import Case
from service.usecases.awards.orders import filed_on_record, interest_start
from service.usecases.importing.running import Context

if TYPE_CHECKING:
    from service.usecases.importing.award_rows import AwardRow

PAYMENT_STAGES = (AwardStage.PARTIALLY_PAID, AwardStage.PAID_IN_FULL, AwardStage.DISBURSED)


def file_stage(award: Award) -> AwardStage:
    """The stage as an awards file states it: payments bring the rest from the payments file."""
    return award.unpaid_stage or award.stage if award.stage in PAYMENT_STAGES else award.stage


Ordered = tuple[HeadKind, Decimal, date | None, Decimal | None]
"""a head as ordered: kind, amount, the day interest runs from, and its own rate"""


async def heads_ordered(
    session: AsyncSession, context: Context, case: Case, row: "AwardRow"
) -> list[Ordered]:
    assert case.judgment_on is not None
    filed_on = None
    if any(start == "filing" for _, _, start, _ in row.heads):
        filed_on = await filed_on_record(session, case.id)
    taxed = row.costs_taxed_on
    return [
        (
            kind,
            amount,
            interest_start(
                taxed.isoformat() if kind == HeadKind.COSTS and taxed and start is None else start,
                case.judgment_on,
                filed_on,
                context.now,
            ),
            rate,
        )
        for kind, amount, start, rate in row.heads
    ]


async def changes(
    session: AsyncSession, award: Award, row: "AwardRow", heads: list[Ordered]
) -> list[str]:
    stored = await session.exec(select(AwardHead).where(AwardHead.award_id == award.id))
    kept = sorted(((h.kind, h.amount, h.interest_from, h.rate_percent) for h in stored), key=str)
    changed = [] if kept == sorted(heads, key=str) else ["heads"]
    fields: dict[str, Any] = {
        "rate_as_ordered": row.rate_as_ordered,
        "department": row.department,
        "accounting_officer": row.accounting_officer,
        "certificate_on": row.certificate_on,
        "served_on": row.served_on,
        "costs_to_be_taxed": row.costs_to_be_taxed,
        "settled_on": row.settled_on,
        "settlement_amount": row.settlement_amount,
    }
    if row.rate_percent is not None:
        fields["rate_percent"] = row.rate_percent
    changed += [name for name, value in fields.items() if getattr(award, name) != value]
    if file_stage(award) != row.stage or (
        row.stage_since
        and row.stage_since != award.stage_since
        and award.stage not in PAYMENT_STAGES
    ):
        changed.append("stage")
    for name in fields:
        if name in changed:
            setattr(award, name, fields[name])
    return changed
