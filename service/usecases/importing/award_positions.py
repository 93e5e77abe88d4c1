"""The positions of awards an import creates, computed a batch at a time.

An award recorded in Haki has its positions rewritten from its ledger (awards/positions.py):
lock the survivor and the case, read the heads and payments back, delete, insert, per award.
A new imported award has no payments and its heads are the row's, so its positions are
computed from the row itself and written with the batch; the survivors and cases of the
batch's new awards are locked once, as `_facts_held` locks them for one award.
"""

import uuid
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award
from domain.interest import Head
from domain.money import cents
from domain.positions import AwardPosition, position_rows
from service.usecases.awards.ledger import settlement_of
from service.usecases.driver_rows import begun
from service.usecases.importing.award_heads import Ordered
from service.usecases.importing.running import Context

HUNDREDTH = Decimal("0.01")
SURVIVORS_HELD = "SELECT id FROM survivors WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE"
CASES_HELD = "SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE"
"""a survivor's facts are its own columns, held from any change; a case's, its court station,
held as `_facts_held` holds it (no key update: its new awards still refer to it)"""


def new_positions(context: Context, award: Award, heads: list[Ordered]) -> None:
    """The positions of an award just described, from its heads as the database will hold them
    (amounts to the cent, rates to the hundredth): the figures a ledger read would give."""
    stored = tuple(
        Head(kind, cents(amount), start, rate and rate.quantize(HUNDREDTH, ROUND_HALF_UP))
        for kind, amount, start, rate in heads
    )
    rows = position_rows(
        award.id,
        award.judgment_on,
        stored,
        award.rate_percent.quantize(HUNDREDTH, ROUND_HALF_UP),
        (),
        context.rules.compensation.allocation,
        settlement_of(award),
    )
    for row in rows:
        context.pending.row(AwardPosition, **row)


async def hold_facts(
    session: AsyncSession, context: Context, survivors: set[uuid.UUID], cases: set[uuid.UUID]
) -> None:
    """Waits for, then holds off, a change to what the triggers copy onto the positions from
    the survivors and the cases of new awards (see awards/positions.py): once for the batch
    (prefetch), and for a row replayed alone, whose batch was undone, again for that row."""
    survivors = {s for s in survivors if ("held", s) not in context.cache}
    cases = {c for c in cases if ("held", c) not in context.cache}
    # the batch's ids as one array: a list of 500 parameters cost more than the lock; sent on
    # the driver, the same two statements each time, not built and compiled again a batch
    if survivors or cases:
        driver = await begun(session)
        if survivors:
            await driver.execute(SURVIVORS_HELD, list(survivors))
        if cases:
            await driver.execute(CASES_HELD, list(cases))
    context.cache.update({("held", held): True for held in survivors | cases})
