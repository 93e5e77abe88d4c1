"""Rows written straight on the asyncpg connection of the session's transaction.

For the writes a busy request makes beside its own (a judgment's reminders, its mandamus log):
building table models and flushing them through the ORM's unit of work cost more than the
statements themselves in a profile of bench/transitions.py. The rows here are the same columns,
written in the same transaction, so they commit or roll back with the step that caused them.
"""

import json
import re
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy import Table
from sqlalchemy.dialects import postgresql
from sqlmodel.ext.asyncio.session import AsyncSession

INSERTS: dict[tuple[str, tuple[str, ...]], str] = {}


def cast_of(column: sa.Column[Any]) -> str:
    """The column's type as a cast: parameters in a SELECT list are otherwise text. Without
    a length: a cast to VARCHAR(n) would cut a longer text where the column refuses it."""
    if isinstance(column.type, postgresql.JSONB):
        return "text::jsonb"  # sent as JSON text, whatever codec the connection has
    compiled = str(column.type.compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
    return re.sub(r"^VARCHAR\(\d+\)$", "VARCHAR", compiled)


async def driver_connection(session: AsyncSession) -> asyncpg.Connection:
    """The session's pooled asyncpg connection. Taking it sends nothing: the session's
    transaction begins on PostgreSQL only with its first statement."""
    raw = await (await session.connection()).get_raw_connection()
    driver = raw.driver_connection
    assert isinstance(driver, asyncpg.Connection)
    return driver


async def in_transaction(session: AsyncSession) -> asyncpg.Connection:
    """The session's asyncpg connection once its transaction has begun on PostgreSQL (a
    statement has been sent through the session): a row written on it before that would be
    committed on its own, whatever became of the transaction."""
    driver = await driver_connection(session)
    if not driver.is_in_transaction():
        raise RuntimeError("a row was to be written before the session's transaction began")
    return driver


async def begun(session: AsyncSession) -> asyncpg.Connection:
    """The session's asyncpg connection, its transaction begun on PostgreSQL: a session that
    has sent nothing yet is made to begin it by a statement of its own, so rows written on
    the driver commit or roll back with the session's other writes."""
    driver = await driver_connection(session)
    if not driver.is_in_transaction():
        await (await session.connection()).execute(sa.text("SELECT 1"))
    return driver


async def insert_rows(
    connection: asyncpg.Connection, table: Table, rows: list[dict[str, Any]]
) -> None:
    """Inserts the rows, each with the same columns, in one round trip."""
    if not rows:
        return
    names = tuple(rows[0])
    key = (table.name, names)
    if key not in INSERTS:
        casts = ", ".join(f"${n}::{cast_of(table.c[name])}" for n, name in enumerate(names, 1))
        INSERTS[key] = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({casts})"
    jsons = {name for name in names if isinstance(table.c[name].type, postgresql.JSONB)}
    await connection.executemany(
        INSERTS[key],
        [
            tuple(json.dumps(row[name]) if name in jsons else row[name] for name in names)
            for row in rows
        ],
    )


MEMBERS: dict[Table, list[tuple[str, dict[Any, Any]]]] = {}
"""each enum column of a table read on the driver, with its stored values and their members"""


def _members_of(kind: sa.Enum) -> dict[Any, Any]:
    """What the ORM reads each of the enum's stored values as, through the type's own
    processing: worked out once a column, then looked up, not processed a row."""
    process = kind._cached_result_processor(postgresql.asyncpg.dialect(), None)  # type: ignore[no-untyped-call]
    assert process is not None  # an enum's stored text is read as its member
    return {None: None} | {stored: process(stored) for stored in kind.enums}


def _members(table: Table) -> list[tuple[str, dict[Any, Any]]]:
    """A table's enum columns, each with its members by stored value."""
    if table not in MEMBERS:
        MEMBERS[table] = [
            (column.name, _members_of(column.type))
            for column in table.c
            if isinstance(column.type, sa.Enum)
        ]
    return MEMBERS[table]


async def read_rows(
    connection: asyncpg.Connection, table: Table, condition: str, *arguments: Any
) -> list[dict[str, Any]]:
    """Every column of the table's rows meeting `condition` (what follows WHERE), as the ORM
    reads them (an enum its member): for rows read many at a time and only read, on which
    the ORM's row processing cost more than the statement."""
    members = _members(table)
    names = ", ".join(column.name for column in table.c)
    found = []
    for record in await connection.fetch(
        f"SELECT {names} FROM {table.name} WHERE {condition}", *arguments
    ):
        row = dict(record)
        for name, member in members:
            row[name] = member[row[name]]
        found.append(row)
    return found
