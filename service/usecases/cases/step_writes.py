"""A step recorded from the person's request in two Core statements: the case read, then the
version-checked update, its event and the event's audit row in one statement.

A profile of bench/transitions.py found the ORM's share of a step (the identity map and
instance state of `session.get`, the unit of work's flush) about a quarter of the server's
time. Both statements are built once and only bound per step; the case is an ORM class
instance the session does not track, so the machine, its guards and effects and the
consequences read and change it as before. Nothing is weakened: the `UPDATE` matches only the
version the person read (a stale step writes nothing, not even the event), and the event and
its audit row are inserted by the same statement only when the update matched.
"""

import uuid
from typing import Any

from sqlalchemy import BindParameter, Insert, Select, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor, AuditEvent
from domain.cases import Case, CaseEvent
from domain.errors import N_, Conflict, NotFound
from service.log_context import note_case
from service.usecases.accounts.audit import audit_row

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

READ_CASE: Select[Any] = select(CASES).where(CASES.c.id == bindparam("case_id"))


def _named(table: Table, prefix: str) -> dict[str, BindParameter[Any]]:
    return {c.name: bindparam(prefix + c.name, type_=c.type) for c in table.c if c.name != "id"}


def _step_statement() -> Insert:
    """UPDATE … WHERE id AND version RETURNING, the audit row and the event inserted from its
    one row: when the version is stale the update matches none and nothing is inserted."""
    moved = (
        update(CASES)
        .where(CASES.c.id == bindparam("case_id"), CASES.c.version == bindparam("read_version"))
        .values({name: bindparam(f"new_{name}", type_=CASES.c[name].type) for name in MOVED})
        .values(version=CASES.c.version + 1)
        .returning(CASES.c.id)
        .cte("moved")
    )
    audit_columns = [c.name for c in AUDITS.c if c.name != "id"]
    logged = insert(AUDITS).from_select(
        audit_columns, select(*_named(AUDITS, "audit_").values()).select_from(moved)
    )
    event_columns = [c.name for c in EVENTS.c if c.name != "id"]
    values = [moved.c.id if c.name == "case_id" else bindparam(f"event_{c.name}", type_=c.type)
              for c in EVENTS.c if c.name != "id"]  # fmt: skip
    return (
        insert(EVENTS)
        .from_select(event_columns, select(*values).select_from(moved))
        .returning(EVENTS.c.id)
        .add_cte(logged.cte("logged"))
    )


STEP = _step_statement()


async def read_case(session: AsyncSession, case_id: uuid.UUID) -> Case:
    """The case as a row the session does not track: the step writes it with `write_step`."""
    row = (await session.connection()).execute(READ_CASE, {"case_id": case_id})
    found = (await row).one_or_none()
    if found is None:
        raise NotFound(N_("No case has the id %(id)s."), id=case_id)
    case = Case(**found._mapping)
    note_case(case.reference)
    return case


async def write_step(
    session: AsyncSession, actor: Actor, case: Case, read_version: int, event: CaseEvent
) -> int | None:
    """Writes the moved case, its event and the audit row; the event's id, or None when the
    case is no longer at `read_version` (nothing was written). A court number already
    registered at the station is refused in words, as `flush_unique` does for the ORM."""
    audited = audit_row(actor, "case.step", "case", case.id, trigger=event.trigger)
    params: dict[str, Any] = {"case_id": case.id, "read_version": read_version}
    params |= {f"new_{name}": getattr(case, name) for name in MOVED}
    params |= {f"audit_{k}": v for k, v in audited.items()}
    params |= {f"event_{k}": v for k, v in event.model_dump(exclude={"id", "case_id"}).items()}
    connection = await session.connection()
    try:
        written = (await connection.execute(STEP, params)).scalar_one_or_none()
    except IntegrityError as error:
        if "court_number" not in str(getattr(error.orig, "constraint_name", None) or error.orig):
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

    logged = insert(AUDITS).values(_named(AUDITS, "audit_")).cte("logged")
    return insert(EVENTS).values(_named(EVENTS, "event_")).returning(EVENTS.c.id).add_cte(logged)


EVENT_WITH_ITS_AUDIT_ROW = _event_with_its_audit_row()


async def write_event(session: AsyncSession, actor: Actor, event: CaseEvent) -> int:
    """The event and its audit row in one statement: one round trip instead of two ORM
    inserts, which a profile of bench/transitions.py found a fifth of a step's time."""
    audited = audit_row(actor, "case.step", "case", event.case_id, trigger=event.trigger)
    params = {f"event_{k}": v for k, v in event.model_dump(exclude={"id"}).items()}
    params |= {f"audit_{k}": v for k, v in audited.items()}
    written = await session.exec(EVENT_WITH_ITS_AUDIT_ROW, params=params)
    return int(written.scalar_one())
