"""The new rows an import makes, gathered while its rows are checked and sent a batch at once.

Adding each new case, survivor, event, hearing, award and audit row to the ORM session cost
most of an import's time: the unit of work turns every object into its own parameters and, as
soon as a row asks the database anything (a survivor's code, an award's ledger), writes what it
holds so far. Here a row only describes what it makes; at the end of its batch, still inside
the batch's savepoint, each table gets one COPY, tables in the order their foreign keys need:
an INSERT of many rows still runs once a row in the server (a tenth of a millisecond each,
five rows a case), a COPY streams them. A row the database refuses is raised as an INSERT's
IntegrityError would be, naming its constraint. A refused batch is undone whole and replayed
row by row, each row writing its own rows in its own savepoint, so a refusal names its row
exactly as before.

Rows already in Haki that a row changes stay ORM objects (their version column is checked and
bumped by the ORM's UPDATE), as do the rare writes of a correction (an award's positions
rewritten from its ledger).
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
from sqlalchemy import ARRAY, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.types import TypeEngine
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from service.usecases.driver_rows import begun, driver_connection
from service.usecases.importing.held import Changes, Held, compare, write_changes
from service.usecases.versions import stale_version

ORDER = {table: place for place, table in enumerate(SQLModel.metadata.sorted_tables)}
"""tables in foreign-key order: a survivor before the case naming it, a case before its events"""
Default = tuple[str, Callable[[], Any] | None, Any]
DEFAULTS: dict[type[SQLModel], list[Default]] = {}
Encoder = tuple[list[str], Callable[[dict[str, Any]], tuple[Any, ...]]]
ENCODERS: dict[tuple[Table, tuple[str, ...]], Encoder] = {}
UPDATES: dict[tuple[Table, tuple[str, ...]], str] = {}
PLANS_KEPT = (
    "SELECT current_setting('plan_cache_mode'), set_config('plan_cache_mode', 'auto', true)"
)
"""The COPYs run with PostgreSQL's own choice of plans, not the import's custom plans
(running.py): what a COPY asks for each row, the check of each foreign key and the lookups of
a row trigger (an award position's facts), are lookups by primary key or indexed column.
Planned afresh for every row, they cost more than the row itself (an award, its heads, event
and position: 0.2 ms of 0.3 in the database). Plans kept from earlier are dropped first
(DISCARD PLANS): a plan the connection made while a table was a few rows scans it whole,
and the table may have grown since; planned now, the lookups use the indexes."""
PLANS_AGAIN = "SELECT set_config('plan_cache_mode', $1, true)"
"""the import's own plan setting, put back once the COPYs are done"""


def _defaults(model: type[SQLModel]) -> list[Default]:
    """The model's fields that have a default (an id, a version, an instant, a None), each
    with its factory or its value: pydantic's `get_default` inspects the factory's signature
    on every call, which cost more than the rest of a row."""
    return [
        (name, info.default_factory, info.default)  # type: ignore[misc]
        for name, info in model.model_fields.items()
        if not info.is_required()
    ]


def _filled(model: type[SQLModel], values: dict[str, Any]) -> dict[str, Any]:
    if model not in DEFAULTS:
        DEFAULTS[model] = _defaults(model)
    for name, factory, default in DEFAULTS[model]:
        if name not in values:
            values[name] = default if factory is None else factory()
    return values


class Described:
    """A new row read and changed as a record is (`case.stage`, `survivor.id`), its columns
    the very dict that is written: a state machine can move it, and constructing it costs a
    fraction of a table model (three milliseconds a case in a profile)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__ = values


class Pending:
    """New rows waiting for the end of their batch, as plain columns."""

    def __init__(self) -> None:
        self._records: list[tuple[Table, dict[str, Any]]] = []
        self._standing: dict[Any, tuple[type[SQLModel], Any, Held | None]] = {}
        self._changes: dict[tuple[type[SQLModel], Any], tuple[int, dict[str, Any]]] = {}
        self.copied: Counter[str] = Counter()
        """rows copied into each table since its statistics were last counted (statistics.py):
        not cleared with the batch, and a heuristic, so a batch undone may count its rows"""

    def row(self, model: type[SQLModel], **values: Any) -> dict[str, Any]:
        """A new row of `model`'s table from its columns, the model's defaults filled in
        as constructing the record would; returned, so a caller can read its id (or wrap it
        in `Described` to read it as the record)."""
        self._records.append((model.__table__, _filled(model, values)))  # type: ignore[attr-defined]
        return values

    def standing(
        self,
        key: Any,
        model: type[SQLModel],
        rows: list[dict[str, Any]] | Callable[[], list[dict[str, Any]]],
        held: Held | None = None,
    ) -> None:
        """Rows derived from a record (an award's positions, from its ledger), replacing those
        given under the same key earlier in the batch: written once, as they stand at its end,
        however many rows of the batch changed the record. Given as a function, they are
        worked out only then, once, from the record as the batch leaves it. With the rows the
        database `held` for the record, only what changed is written (held.py)."""
        self._standing[key] = (model, rows, held)

    def change(self, model: type[SQLModel], record: Any, **values: Any) -> None:
        """Columns of a record already in Haki (`record`, its id and version as read) changed
        in memory away from the ORM: written with the batch, one UPDATE a table, each row
        only where its version is still the one read, moved on by one, as the ORM's UPDATE
        checks and moves it; a record someone else changed meanwhile is refused by name. A
        step that changed none of its columns (a payment found late, on an award already part
        paid) writes none, as the ORM's unit of work writes none."""
        key = (model, record.id)
        if not values and key not in self._changes:
            return
        if key not in self._changes:
            self._changes[key] = (record.version, {})
        self._changes[key][1].update(values)

    def _derived(
        self, changed: dict[Table, tuple[str, Changes]]
    ) -> list[tuple[Table, dict[str, Any]]]:
        found = []
        for model, rows, held in self._standing.values():
            table = model.__table__  # type: ignore[attr-defined]
            given = rows() if callable(rows) else rows
            if held is not None:
                given = compare(held, given, changed.setdefault(table, (held.closes, Changes()))[1])
            found += [(table, _filled(model, values)) for values in given]
        return found

    def clear(self) -> None:
        self._records.clear()
        self._standing.clear()
        self._changes.clear()

    async def write(self, session: AsyncSession) -> None:
        """One COPY per table (per set of columns given), parents first. Rows are read
        now, not when added: a new case enters its stage after it is described."""
        changed: dict[Table, tuple[str, Changes]] = {}
        records = [*self._records, *self._derived(changed)]
        changes = dict(self._changes)
        self.clear()
        if changes:
            await _update(session, changes)
        for table, (closes, held) in changed.items():
            await write_changes(await driver_connection(session), table, closes, held)
        if not records:
            return
        groups: dict[tuple[Table, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        for table, given in records:
            # a None is left out, as the ORM leaves it out: the database's default, or NULL
            filled = tuple(key for key, value in given.items() if value is not None)
            groups[(table, filled)].append(given)
        connection = await session.connection()
        driver = await driver_connection(session)
        # restored after; a refused COPY undoes its savepoint, and the setting with it
        await driver.execute("DISCARD PLANS")
        plans, _ = await driver.fetchrow(PLANS_KEPT)
        for (table, columns), rows in sorted(groups.items(), key=lambda group: ORDER[group[0][0]]):
            names, encode = _encoders(table, columns, connection.dialect)
            with refused_as_orm(f"COPY {table.name}"):
                await driver.copy_records_to_table(
                    table.name,
                    columns=names,
                    records=[encode(row) for row in rows],
                    schema_name=table.schema,
                )
            self.copied[table.name] += len(rows)
        await driver.execute(PLANS_AGAIN, plans)


@contextmanager
def refused_as_orm(statement: str) -> Iterator[None]:
    """A refusal of PostgreSQL's to a statement sent on the driver, raised as the ORM's
    statement would raise it, so a refused batch is replayed row by row and the row named
    as before."""
    try:
        yield
    except asyncpg.IntegrityConstraintViolationError as error:
        raise IntegrityError(statement, None, error) from error
    except asyncpg.DataError as error:
        raise DataError(statement, None, error) from error


async def _update(
    session: AsyncSession, changes: dict[tuple[type[SQLModel], Any], tuple[int, dict[str, Any]]]
) -> None:
    """On the driver, the ids it returns read as they come: through the ORM's result, reading
    them back cost more than building the statement's arrays."""
    groups: dict[tuple[type[SQLModel], tuple[str, ...]], list[tuple[Any, ...]]] = defaultdict(list)
    for (model, record_id), (version, changed) in changes.items():
        groups[(model, tuple(changed))].append((record_id, version, *changed.values()))
    dialect = (await session.connection()).dialect
    driver = await begun(session)
    for (model, columns), rows in groups.items():
        table: Table = model.__table__  # type: ignore[attr-defined]
        names = ("id", "version", *columns)
        processors = [table.c[name].type._cached_bind_processor(dialect) for name in names]
        arrays = [
            [value if process is None else process(value) for value in values]
            for process, values in zip(processors, zip(*rows, strict=True), strict=True)
        ]
        statement = _updating(table, names, dialect)
        with refused_as_orm(statement):
            written = await driver.fetch(statement, *arrays)
        done = {found["id"] for found in written}
        for record_id, version, *_ in rows:
            if record_id not in done:
                record = "award" if table.name == "awards" else "case"
                raise await stale_version(session, model, record_id, version, record)  # type: ignore[arg-type]


def _updating(table: Table, names: tuple[str, ...], dialect: Dialect) -> str:
    """One UPDATE of many rows, each given as an element of an array a column: a statement
    of the same text whatever the number of rows, so prepared once (a VALUES list of every
    row was compiled anew each batch: a millisecond a row). The ids are also asked for as
    `= ANY` of their array: joined to the arrays alone, the planner hashed the whole table
    each batch (every case read to change a few hundred)."""
    key = (table, names)
    if key not in UPDATES:
        types = [table.c[name].type.compile(dialect) for name in names]
        arrays = ", ".join(f"${i}::{kind}[]" for i, kind in enumerate(types, 1))
        sets = ", ".join(f"{name} = given.{name}" for name in names[2:])
        UPDATES[key] = (
            f"UPDATE {table.name} SET {sets}, version = {table.name}.version + 1 "
            f"FROM unnest({arrays}) AS given({', '.join(names)}) "
            f"WHERE {table.name}.id = given.id AND {table.name}.version = given.version "
            f"AND {table.name}.id = ANY($1::{types[0]}[]) "
            f"RETURNING {table.name}.id"
        )
    return UPDATES[key]


def _processor(kind: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The type's bind processing, none for an array of values sent as they are (amounts,
    days): the array's own copied each list, element by element, to the list it was (two
    arrays on each position of an award)."""
    if isinstance(kind, ARRAY) and kind.item_type._cached_bind_processor(dialect) is None:
        return None
    processor: Callable[[Any], Any] | None = kind._cached_bind_processor(dialect)
    return processor


def _encoders(
    table: Table, columns: tuple[str, ...], dialect: Dialect
) -> tuple[list[str], Callable[[dict[str, Any]], tuple[Any, ...]]]:
    """The columns a COPY names and how a row becomes its record: each value through its
    column type's own bind processing (an enum to its value, JSON to its text), as an INSERT
    sends it, and a column left out that has a default in Python filled in, as INSERT fills it."""
    key = (table, columns)
    if key not in ENCODERS:
        filled = [
            c
            for c in table.c
            if c.name not in columns
            and c.default is not None
            and (c.default.is_scalar or c.default.is_callable)
        ]
        given = [(name, _processor(table.c[name].type, dialect)) for name in columns]
        extra = [(c, _processor(c.type, dialect)) for c in filled]

        def encode(row: dict[str, Any]) -> tuple[Any, ...]:
            values = [row[name] if p is None else p(row[name]) for name, p in given]
            for column, process in extra:
                default = column.default
                value = default.arg if default.is_scalar else default.arg(None)  # type: ignore[union-attr]
                values.append(value if process is None else process(value))
            return tuple(values)

        ENCODERS[key] = ([*columns, *(c.name for c in filled)], encode)
    return ENCODERS[key]
