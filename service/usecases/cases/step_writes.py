"""A step recorded from the person's request in two statements on the pooled asyncpg
connection: the case read, then the version-checked update with its event and the event's
audit row in one statement.

Profiles of bench/transitions.py found the ORM's share of a step (the identity map and
instance state of `session.get`, the unit of work's flush) about a quarter of the server's
time, and each round trip to PostgreSQL (a write to the socket, a wake-up) about as much
again: BEGIN and COMMIT were two of the five. A step without consequences on other records
therefore runs without a transaction, on a connection lent from the pool without the session
(`lent_connection`): the read is one snapshot and the write one atomic statement. Nothing is
weakened: the `UPDATE` matches only the version the person read (a stale step writes nothing,
not even the event), and the event and its audit row are inserted by the same statement only
when the update matched. A step that writes elsewhere too (a judgment's reminders and family
news) reads the case through the session, which begins the transaction, so the write and its
consequences commit or fail together.
"""

import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy import Insert, Select, Table, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor, AuditEvent
from domain.awards import AwardStage
from domain.base import as_loaded
from domain.cases import Case, CaseEvent
from domain.errors import N_, Conflict, NotFound
from service.log_context import note_case
from service.usecases.accounts.audit import audit_row
from service.usecases.driver_rows import cast_of

CASES: Table = Case.__table__  # type: ignore[attr-defined]
EVENTS: Table = CaseEvent.__table__  # type: ignore[attr-defined]
AUDITS: Table = AuditEvent.__table__  # type: ignore[attr-defined]

MOVED = (
    "stage",
    "stage_since",
    "court_station",
    "court_number",
    "consolidated_with",
    "judgment_on",
    "judgment_outcome",
    "neutral_citation",
    "stay_of_execution",
)
"""the columns a step may change: its stage, and what the machine's effects record (filing's
court number and station, the judgment, the stay)"""

ENUMS: dict[str, Any] = {c.name: c.type.enum_class for c in CASES.c if isinstance(c.type, sa.Enum)}
READ_CASE: Select[Any] = select(CASES).where(CASES.c.id == bindparam("case_id"))
"""through the session: the first statement of a step's transaction"""
READ_CASE_SQL = f"SELECT {', '.join(c.name for c in CASES.c)} FROM cases WHERE id = $1"


def _step_sql() -> tuple[str, list[str]]:
    """UPDATE … WHERE id AND version RETURNING, the audit row and the event inserted from its
    one row: when the version is stale the update matches none and nothing is inserted.
    Gives the SQL and the names of its parameters in order."""
    names = ["case_id", "read_version"]

    def slot(name: str, column: sa.Column[Any]) -> str:
        names.append(name)
        return f"${len(names)}::{cast_of(column)}"

    sets = ", ".join(f"{name} = {slot(f'new_{name}', CASES.c[name])}" for name in MOVED)
    audits = [c for c in AUDITS.c if c.name != "id"]
    audit_values = ", ".join(slot(f"audit_{c.name}", c) for c in audits)
    events = [c for c in EVENTS.c if c.name not in ("id", "case_id")]
    event_values = ", ".join(slot(f"event_{c.name}", c) for c in events)
    sql = (
        f"WITH moved AS (UPDATE cases SET {sets}, version = version + 1"
        " WHERE id = $1 AND version = $2 RETURNING id),"
        f" logged AS (INSERT INTO audit_events ({', '.join(c.name for c in audits)})"
        f" SELECT {audit_values} FROM moved)"
        f" INSERT INTO case_events (case_id, {', '.join(c.name for c in events)})"
        f" SELECT moved.id, {event_values} FROM moved RETURNING id"
    )
    return sql, names


STEP_SQL, STEP_PARAMETERS = _step_sql()
EVENT_COLUMNS = [c.name for c in EVENTS.c if c.name not in ("id", "case_id")]
"""an event's values besides its ids, read from the row as it was built (`as_loaded`): pydantic's
`model_dump` of it was a fiftieth of the server's CPU a step"""


@asynccontextmanager
async def lent_connection(session: AsyncSession) -> AsyncIterator[asyncpg.Connection]:
    """A connection of the pool the session's engine keeps, lent without the session: for a
    step whose read and write are a statement each. The session's transaction machinery around
    them (its begin, the connection's checkout through it, its commit) was a tenth of the
    server's CPU a step in a profile of bench/transitions.py. No transaction is begun on it, so
    it goes back to the pool as it came, nothing to roll back."""
    engine = session.bind
    assert isinstance(engine, AsyncEngine)
    pooled = await engine.raw_connection()
    try:
        driver = pooled.driver_connection
        assert isinstance(driver, asyncpg.Connection)
        yield driver
    finally:
        pooled.close()


async def read_case(session: AsyncSession, case_id: uuid.UUID) -> Case:
    """The case as a row the session does not track, read as the first statement of the
    session's transaction."""
    found = (await (await session.connection()).execute(READ_CASE, {"case_id": case_id})).first()
    return _case(case_id, {} if found is None else dict(found._mapping))


async def read_row(connection: asyncpg.Connection, case_id: uuid.UUID) -> Case:
    """The case read on its own, in one statement."""
    values = dict(await connection.fetchrow(READ_CASE_SQL, case_id) or {})
    for name, kind in ENUMS.items() if values else ():
        values[name] = None if values[name] is None else kind(values[name])
    return _case(case_id, values)


async def read_award_stages(connection: asyncpg.Connection, case_id: uuid.UUID) -> list[AwardStage]:
    """The stages of the case's awards, for the guards that read them (court_track)."""
    rows = await connection.fetch("SELECT stage FROM awards WHERE case_id = $1", case_id)
    return [AwardStage(row["stage"]) for row in rows]


def _case(case_id: uuid.UUID, values: dict[str, Any]) -> Case:
    if not values:
        raise NotFound(N_("No case has the id %(id)s."), id=case_id)
    case = as_loaded(Case, values)
    note_case(case.reference)
    return case


async def write_step(
    connection: asyncpg.Connection, actor: Actor, case: Case, read_version: int, event: CaseEvent
) -> int | None:
    """Writes the moved case, its event and the audit row (in the connection's transaction if
    one has begun); the event's id, or None when the case is no longer at `read_version`
    (nothing was written). A court number already registered at the station is refused in
    words, as `flush_unique` does for the ORM."""
    audited = audit_row(actor, "case.step", "case", case.id, trigger=event.trigger)
    values: dict[str, Any] = {"case_id": case.id, "read_version": read_version}
    values |= {f"new_{name}": getattr(case, name) for name in MOVED}
    values |= {f"audit_{k}": v for k, v in audited.items()}
    values |= {f"event_{name}": event.__dict__[name] for name in EVENT_COLUMNS}
    values["audit_detail"] = json.dumps(values["audit_detail"])
    values["event_details"] = json.dumps(values["event_details"])
    arguments = [values[name] for name in STEP_PARAMETERS]
    try:
        written = await connection.fetchval(STEP_SQL, *arguments)
    except asyncpg.UniqueViolationError as error:
        if "court_number" not in (error.constraint_name or ""):
            raise
        raise Conflict(
            N_("%(number)s at %(station)s is already registered for another case."),
            number=case.court_number,
            station=case.court_station,
        ) from error
    return None if written is None else int(written)


def _event_with_its_audit_row() -> Insert:
    """Built once: a step only binds its values, where building the statement per step was a
    tenth of the server's time in a profile of bench/transitions.py."""

    def named(table: Table, prefix: str) -> dict[str, Any]:
        return {c.name: bindparam(prefix + c.name, type_=c.type) for c in table.c if c.name != "id"}

    logged = insert(AUDITS).values(named(AUDITS, "audit_")).cte("logged")
    return insert(EVENTS).values(named(EVENTS, "event_")).returning(EVENTS.c.id).add_cte(logged)


EVENT_WITH_ITS_AUDIT_ROW = _event_with_its_audit_row()


async def write_event(session: AsyncSession, actor: Actor, event: CaseEvent) -> int:
    """The event and its audit row in one statement, for a step on an ORM-tracked case (a
    hearing's judgment, an award's step): one round trip instead of two ORM inserts."""
    audited = audit_row(actor, "case.step", "case", event.case_id, trigger=event.trigger)
    params = {f"event_{k}": v for k, v in event.model_dump(exclude={"id"}).items()}
    params |= {f"audit_{k}": v for k, v in audited.items()}
    written = await session.exec(EVENT_WITH_ITS_AUDIT_ROW, params=params)
    return int(written.scalar_one())
