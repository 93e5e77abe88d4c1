"""Survivors named in an import by the codes the office already uses.

A code new to Haki registers the survivor under it; at the end of the file each year's
counter is moved past the codes brought in, so a survivor registered later in Haki never
gets a code already handed out on paper.
"""

import re
from collections.abc import Sequence
from typing import cast

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Survivor
from domain.errors import N_, InvalidInput
from service.usecases.importing.lookups import prefetch_survivors
from service.usecases.importing.running import Context
from service.usecases.importing.writes import Described

CODE = re.compile(r"^S-\d{4}-\d{4,6}$")

MOVE_COUNTERS = text(
    r"""
    INSERT INTO survivor_code_counters (year, last)
    SELECT split_part(code, '-', 2)::int, max(split_part(code, '-', 3)::int)
    FROM survivors WHERE code ~ '^S-\d{4}-\d{4,6}$' GROUP BY 1
    ON CONFLICT (year) DO UPDATE
    SET last = greatest(survivor_code_counters.last, excluded.last)
    """
)


def checked_code(given: str) -> str:
    code = given.strip().upper()
    if not CODE.match(code):
        raise InvalidInput(
            N_("“%(given)s” is not a survivor code like S-2021-0042."), None, given=given
        )
    return code


async def move_counters(session: AsyncSession) -> None:
    await session.exec(MOVE_COUNTERS)  # type: ignore[call-overload]


async def survivors_named(
    session: AsyncSession, context: Context, codes: Sequence[str], names: Sequence[str]
) -> list[Survivor]:
    """The survivors with these codes, registering those Haki does not know yet with the
    names the row gives (or under the code itself: a pseudonymous register has no names);
    a name also fills in a survivor registered under their code. A new survivor is written
    with the batch (context.pending), before the claimant links that name them."""
    named = dict(zip(codes, names, strict=False))
    await prefetch_survivors(session, context, codes)
    found = []
    for code in codes:
        survivor = context.cache[("survivor", code)]
        if survivor is None:
            values = context.pending.row(Survivor, code=code, full_name=named.get(code) or code)
            survivor = cast(Survivor, Described(values))
            context.cache[("survivor", code)] = survivor
            context.audit("survivor.register", "survivor", code)
        elif named.get(code) and survivor.full_name == code:
            survivor.full_name = named[code]
            context.audit("survivor.rename", "survivor", code)
        found.append(survivor)
    return found
