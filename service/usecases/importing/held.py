"""Rows derived from a record (an award's positions, from its ledger) written as what changed
from those the database holds, not deleted and inserted again whole.

A payment dated after every other entry of its award's ledger leaves the award's positions as
they were but for the last, which now ends on the payment's day, and adds the one from that
day. Rewritten whole, each payment deleted its award's positions and inserted them all again,
each insert with its facts looked up by a trigger: two of the import's three writes a payment
were positions. Here a position the batch leaves as it was is not written, one that only ends
now is closed by one UPDATE of its `valid_to` for the batch (no facts looked up: migration
0036), and any other change is a delete and an insert, as before.
"""

from dataclasses import dataclass, field
from typing import Any

import asyncpg
from sqlalchemy import Table

from service.usecases.driver_rows import cast_of


@dataclass
class Held:
    """The rows the database holds for a record, each by the column telling them apart
    (`by`: a position's first day), as read with their ids; `closes`, the column whose
    change alone is written by an UPDATE (a position's last day)."""

    by: str
    closes: str
    rows: dict[Any, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Changes:
    """What a batch's derived rows change in a table besides the rows they add: ids to
    delete, and (id, new value) of rows whose `closes` column alone changed."""

    gone: list[Any] = field(default_factory=list)
    closed: list[tuple[Any, Any]] = field(default_factory=list)


def compare(held: Held, rows: list[dict[str, Any]], changes: Changes) -> list[dict[str, Any]]:
    """The rows to add, and in `changes` the rest of what turns the rows `held` into `rows`."""
    kept, added = dict(held.rows), []
    for row in rows:
        found = kept.pop(row[held.by], None)
        if found is None:
            added.append(row)
        elif any(found[name] != value for name, value in row.items() if name != held.closes):
            changes.gone.append(found["id"])
            added.append(row)
        elif found[held.closes] != row[held.closes]:
            changes.closed.append((found["id"], row[held.closes]))
    changes.gone += [found["id"] for found in kept.values()]
    return added


async def write_changes(
    driver: asyncpg.Connection, table: Table, closes: str, changes: Changes
) -> None:
    """The deletes and the closing UPDATE of `changes`, one statement each: before the rows
    added are copied, so a row replaced frees its place (the table's unique day an award).
    The UPDATE asks for its ids as `= ANY` too, so the table is not read whole to join them."""
    if changes.gone:
        await driver.execute(
            f"DELETE FROM {table.name} WHERE id = ANY($1::{cast_of(table.c.id)}[])", changes.gone
        )
    if changes.closed:
        ids, values = zip(*changes.closed, strict=True)
        await driver.execute(
            f"UPDATE {table.name} SET {closes} = given.value "
            f"FROM unnest($1::{cast_of(table.c.id)}[], $2::{cast_of(table.c[closes])}[]) "
            f"AS given(id, value) WHERE {table.name}.id = given.id "
            f"AND {table.name}.id = ANY($1::{cast_of(table.c.id)}[])",
            list(ids),
            list(values),
        )
