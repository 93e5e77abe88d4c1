"""The new rows an import makes, gathered while its rows are checked and sent a batch at once.

Adding each new case, survivor, event, hearing, award and audit row to the ORM session cost
most of an import's time: the unit of work turns every object into its own parameters and, as
soon as a row asks the database anything (a survivor's code, an award's ledger), writes what it
holds so far. Here a row only describes what it makes; at the end of its batch, still inside
the batch's savepoint, each table gets one multi-row INSERT, tables in the order their foreign
keys need. A refused batch is undone whole and replayed row by row, each row writing its own
rows in its own savepoint, so a refusal names its row exactly as before.

Rows already in Haki that a row changes stay ORM objects (their version column is checked and
bumped by the ORM's UPDATE), as do the rare writes of a correction (an award's positions
rewritten from its ledger).
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

ORDER = {table: place for place, table in enumerate(SQLModel.metadata.sorted_tables)}
"""tables in foreign-key order: a survivor before the case naming it, a case before its events"""
DEFAULTS: dict[type[SQLModel], list[tuple[str, Any]]] = {}


def _values(record: SQLModel, table: Table) -> dict[str, Any]:
    """The columns an ORM INSERT of `record` would send: a None is left out, so the database
    gives its default (an identity, a server default) or NULL, as the ORM leaves it out."""
    return {
        column.key: value
        for column in table.columns
        if (value := getattr(record, column.key, None)) is not None
    }


def _defaults(model: type[SQLModel]) -> list[tuple[str, Any]]:
    """The model's fields with a default of Python's own (an id, a version, an instant)."""
    return [
        (name, info)
        for name, info in model.model_fields.items()
        if not info.is_required() and (info.default_factory or info.default is not None)
    ]


class Pending:
    """New rows waiting for the end of their batch: table records where a rule reads or
    changes them before they are written (a case entering its stage), plain columns
    otherwise (an event, an audit row), which cost a tenth as much to make."""

    def __init__(self) -> None:
        self._records: list[SQLModel | tuple[Table, dict[str, Any]]] = []

    def add(self, *records: SQLModel) -> None:
        self._records.extend(records)

    def row(self, model: type[SQLModel], **values: Any) -> dict[str, Any]:
        """A new row of `model`'s table from its columns, the model's defaults filled in
        as constructing the record would; returned, so a caller can read its id."""
        for name, info in DEFAULTS.setdefault(model, _defaults(model)):
            if name not in values:
                values[name] = info.get_default(call_default_factory=True)
        self._records.append((model.__table__, values))  # type: ignore[attr-defined]
        return values

    def clear(self) -> None:
        self._records.clear()

    def __len__(self) -> int:
        return len(self._records)

    async def write(self, session: AsyncSession) -> None:
        """One INSERT per table (per set of columns given), parents first. Records are read
        now, not when added: a new case enters its stage after it is described."""
        records, self._records = self._records, []
        if not records:
            return
        groups: dict[tuple[Table, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        for record in records:
            if isinstance(record, tuple):
                table, given = record
                values = {key: value for key, value in given.items() if value is not None}
            else:
                table = record.__table__  # type: ignore[attr-defined]
                values = _values(record, table)
            groups[(table, tuple(values))].append(values)
        connection = await session.connection()
        for (table, _), rows in sorted(groups.items(), key=lambda group: ORDER[group[0][0]]):
            await connection.execute(insert(table), rows)
