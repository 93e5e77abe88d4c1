"""A case's awards with what the case page shows of each, read in one statement per kind of
record rather than six per award.

A profile of bench/pages.py found the case page's reads mostly round trips: for each award its
claimant, heads, ledger (heads again, payments), costs taxed and follow-ups, each a statement.
Here each kind is read once for all the case's awards and handed to the same arithmetic
(`domain.interest.statement`, the award machine's chances) the per-award use cases apply.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardHead, FollowUp, PaymentReceived
from domain.cases import Survivor
from domain.interest import Statement, statement
from service.usecases.awards.ledger import ledger_from, settlement_of
from service.usecases.awards.orders import CompensationRules, awards_of_case
from service.usecases.cases.possible_steps import AwardChance, award_chances_from


@dataclass(frozen=True)
class AwardRecords:
    award: Award
    claimant: str
    """the claimant's code"""
    heads: list[AwardHead]
    position: Statement
    follow_ups: list[FollowUp]
    chances: list[AwardChance]


Row = TypeVar("Row", AwardHead, PaymentReceived, FollowUp)


async def _by_award(
    session: AsyncSession, table: type[Row], ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[Row]]:
    """The table's rows of these awards in the order of their ids, by award."""
    rows = await session.exec(
        select(table).where(col(table.award_id).in_(ids)).order_by(col(table.id))
    )
    grouped: dict[uuid.UUID, list[Row]] = defaultdict(list)
    for row in rows.all():
        grouped[row.award_id].append(row)
    return grouped


async def case_awards(
    session: AsyncSession, case_id: uuid.UUID, today: date, rules: CompensationRules
) -> list[AwardRecords]:
    """Each award of the case, in the order it was recorded, with its position on `today`."""
    awards = await awards_of_case(session, case_id)
    if not awards:
        return []
    ids = [award.id for award in awards]
    heads = await _by_award(session, AwardHead, ids)
    received = await _by_award(session, PaymentReceived, ids)
    chased = await _by_award(session, FollowUp, ids)
    survivor_ids = {award.survivor_id for award in awards}
    named = select(Survivor.id, Survivor.code).where(col(Survivor.id).in_(survivor_ids))
    codes = dict((await session.exec(named)).all())
    found = []
    for award in awards:
        mine = heads[award.id]
        owed, paid = ledger_from(mine, received[award.id])
        settled = settlement_of(award)
        position = statement(owed, award.rate_percent, paid, today, rules.allocation, settled)
        taxed = max((h.taxed_on for h in mine if h.taxed_on is not None), default=None)
        chances = award_chances_from(award, today, rules, taxed)
        found.append(
            AwardRecords(award, codes[award.survivor_id], mine, position, chased[award.id], chances)
        )
    return found
