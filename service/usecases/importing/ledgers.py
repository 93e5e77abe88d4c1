"""The ledgers of the awards a payments file names, read a batch at a time and kept in step
in memory while its rows are booked.

Booking a payment in Haki (awards/payments.py) reads the award's heads and payments three
times, writes the entry, the award's step and its history one statement each, and rewrites
the award's positions: some twenty round trips a payment, forty milliseconds. Here a batch's
awards have their heads, payments and disbursements read once, their survivors and cases
held as `refresh_positions` holds them, and the positions of those paid read, all in a few
statements; each row is then weighed with the same arithmetic (`payment_step`) and the same
track against the ledger as it stands after the rows before it, and the positions of each
award are worked out once, as they stand at the end of the batch, and written as what
changed in them (held.py).
"""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardHead, Disbursement, PaymentReceived
from domain.interest import Head, Payment, Position
from domain.positions import AwardPosition, rows_of
from service.usecases.awards.ledger import ledger_from
from service.usecases.awards.positions import positions_of
from service.usecases.driver_rows import in_transaction, read_rows
from service.usecases.importing.award_positions import hold_facts
from service.usecases.importing.held import Held
from service.usecases.importing.running import Context
from service.usecases.importing.writes import Described

POSITIONS: Table = AwardPosition.__table__  # type: ignore[attr-defined]
Ledger = dict[str, list[Any]]
"""an award's heads, payments received and disbursements, each in the order of their ids"""


async def prefetch_ledgers(
    session: AsyncSession,
    context: Context,
    awards: Iterable[Award],
    paid: Iterable[uuid.UUID] = (),
) -> None:
    """The ledgers of these awards, each read once for the batch, their survivors and cases
    held; the positions of those `paid` (a payment in the batch not yet in their ledger)
    read, so what the batch changes in them is written as they stand at its end (held.py)."""
    wanted = {award.id: award for award in awards if ("ledger", award.id) not in context.cache}
    if wanted:
        ids = list(wanted)
        await hold_facts(
            session,
            context,
            {award.survivor_id for award in wanted.values()},
            {award.case_id for award in wanted.values()},
        )
        ledgers: dict[uuid.UUID, Ledger] = {
            i: {"heads": [], "received": [], "passed": []} for i in ids
        }
        models: dict[str, Any] = {
            "heads": AwardHead,
            "received": PaymentReceived,
            "passed": Disbursement,
        }
        driver = await in_transaction(session)  # begun by hold_facts' locks
        for kind, model in models.items():
            # rows, not records: read only, and building a record cost more than its arithmetic;
            # on the driver, as the ORM's row processing cost more than the statement
            ordered = "award_id = ANY($1::uuid[]) ORDER BY id"
            for entry in await read_rows(driver, model.__table__, ordered, ids):
                ledgers[entry["award_id"]][kind].append(Described(entry))
        for award_id, ledger in ledgers.items():
            context.cache[("ledger", award_id)] = ledger
    held = {i: _held() for i in dict.fromkeys(paid) if ("positions", i) not in context.cache}
    if held:
        # on the driver: values only compared, and the ORM's row processing cost more than
        # the positions' arithmetic
        driver = await in_transaction(session)
        paid_awards = "award_id = ANY($1::uuid[])"
        for row in await read_rows(driver, POSITIONS, paid_awards, list(held)):
            held[row["award_id"]].rows[row["valid_from"]] = row
        context.cache.update({("positions", award_id): h for award_id, h in held.items()})


def _held() -> Held:
    """An award's positions as the database holds them, each by its first day; only the
    last one's end changes when a payment follows every other entry of the ledger."""
    return Held(by="valid_from", closes="valid_to")


def ledger_of(context: Context, award: Award) -> Ledger:
    found: Ledger = context.cache[("ledger", award.id)]
    return found


def arithmetic(context: Context, award: Award) -> tuple[tuple[Head, ...], tuple[Payment, ...]]:
    """The heads and payments as `awards.ledger.ledger_of` gives them, from the batch's copy."""
    return heads_of(context, award), ledger_from((), ledger_of(context, award)["received"])[1]


def heads_of(context: Context, award: Award) -> tuple[Head, ...]:
    """The award's heads for its arithmetic, made once a batch: a payments file never
    changes them."""
    key = ("arithmetic heads", award.id)
    if key not in context.cache:
        context.cache[key] = ledger_from(ledger_of(context, award)["heads"], ())[0]
    heads: tuple[Head, ...] = context.cache[key]
    return heads


def write_positions(
    context: Context, award: Award, walked: tuple[Position, ...] | None = None
) -> None:
    """The award's positions from its ledger as the batch leaves it, as `refresh_positions`
    writes them: worked out when the batch is written, once however many of its rows paid
    the award (the ledger is the batch's copy, kept in step as each row is booked), unless
    the row that paid it last `walked` them already, weighing its payment."""
    allocation = context.rules.compensation.allocation

    def rows() -> list[dict[str, Any]]:
        if walked is not None:
            return rows_of(award.id, award.judgment_on, heads_of(context, award), walked)
        return positions_of(award, *arithmetic(context, award), allocation)

    held = context.cache[("positions", award.id)]
    context.pending.standing(("positions", award.id), AwardPosition, rows, held)


def prior_reversals(entries: list[Any], reference: str) -> int:
    """`awards.duplicates.prior_reversals` from the batch's copy: how many entries with the
    reference were reversed."""
    reversed_ids = {entry.reverses_id for entry in entries if entry.reverses_id}
    return sum(
        1
        for entry in entries
        if entry.reference == reference and entry.reverses_id is None and entry.id in reversed_ids
    )
