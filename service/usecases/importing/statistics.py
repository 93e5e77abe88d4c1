"""The planner's statistics kept up with the tables an import fills.

An import's lookups (a batch's cases by court number, its survivors locked by id, the awards
of its survivors in the trigger that counts them) are planned from the tables' statistics.
Autovacuum counts only committed rows, a minute later at best, and never where it is off; a
file fills its tables inside one transaction, and the next file comes a moment later. Planned
for the few rows the statistics knew, a lookup among 100,000 cases read every case (150 ms a
batch of awards, most of PostgreSQL's time an award, and twice that at five times the
register). So a table that a file has filled to twice the rows its statistics last counted is
analysed there and then, inside the file's transaction: ANALYZE counts the transaction's own
new rows. Doubling keeps the count of ANALYZEs to the logarithm of a file's rows. A dry run
analyses nothing (see keep_statistics).
"""

from sqlalchemy import ForeignKeyConstraint, Table, UniqueConstraint, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.types import String
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from service.usecases.importing.writes import Pending

CACHED_PAGES = text("SET LOCAL random_page_cost = 1.1")
"""An import's lookups read pages in memory: the tables it is filling, and the register it has
read batch after batch. Costed at PostgreSQL's default, a disk's seek (4), 500 lookups of a
batch's claimants by index looked dearer than reading all 100,000 of them (14 ms a batch, and
growing with the register); costed as the read from memory it is, the index is used."""
FEWEST = 1000
"""new rows a table takes before it is analysed at all: fewer change no plan worth an ANALYZE"""
COUNTED = text(
    "SELECT c.relname, c.reltuples FROM pg_class c "
    "WHERE c.relname = ANY(:names) AND pg_table_is_visible(c.oid)"
).bindparams(bindparam("names", type_=ARRAY(String)))
"""the rows each table held when last analysed (-1: never)"""


async def keep_statistics(
    session: AsyncSession, pending: Pending, counted: dict[str, float], dry_run: bool
) -> None:
    """Analyses each table that `pending` has at least doubled since it was last counted;
    `counted` keeps the counts read, for the file's later batches. Not in a dry run: ANALYZE
    writes a table's count of rows in place, and a rollback would not take it back."""
    copied = pending.copied
    if dry_run:
        copied.clear()
        return
    filled = [name for name, rows in copied.items() if rows >= FEWEST]
    if not filled:
        return
    connection = await session.connection()
    unknown = [name for name in filled if name not in counted]
    if unknown:
        counted.update(
            {name: rows for name, rows in await connection.execute(COUNTED, {"names": unknown})}
        )
    grown = [name for name in filled if copied[name] >= counted.get(name, 0)]
    if not grown:
        return
    quote = connection.dialect.identifier_preparer.quote
    tables = ", ".join(
        f"{quote(name)} ({', '.join(quote(column) for column in _looked_up(name))})"
        for name in grown
    )
    # held to the commit, the lock ANALYZE takes would make another import analysing the same
    # table wait for this one (or deadlock with it): one locked so waits to grow as much again
    await connection.execute(text(f"ANALYZE (SKIP_LOCKED) {tables}"))
    counted.update(
        {name: rows for name, rows in await connection.execute(COUNTED, {"names": grown})}
    )
    for name in grown:
        del copied[name]


def _looked_up(name: str) -> list[str]:
    """The columns of a table that an index or a key covers, those a lookup or a join is
    planned on: only they are analysed (the rest are autovacuum's), which cuts most of the
    cost of an ANALYZE of a wide table (an award's positions: three columns of twenty-five)."""
    table: Table = SQLModel.metadata.tables[name]
    covered = {column.name for column in table.primary_key}
    for index in table.indexes:
        covered.update(column.name for column in index.columns)
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint | ForeignKeyConstraint):
            covered.update(column.name for column in constraint.columns)
    return sorted(covered)
