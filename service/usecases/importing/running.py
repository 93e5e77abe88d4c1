"""Running one import file: every row checked with the domain's own rules, then all written
or nothing.

Rows are applied inside savepoints of one transaction, so a row refused by a rule deep in a
use case (a reference already taken, a payment over what is owed) is undone alone and
reported, and the next row is still checked. At the end the transaction is committed only
when no row was refused and this is not a dry run; a dry run is the same run rolled back,
so it reports exactly what the real run would do. (A real run whose cells cannot even be
read stops there, before asking the database anything: it would be refused anyway.)
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Generic, Literal, Protocol, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor, AuditEvent
from domain.base import utcnow
from domain.chase import ChaseRules
from domain.errors import N_, DomainError, InvalidInput, Said
from service.imports.cells import Cells
from service.imports.layouts import LAYOUTS, ImportKind
from service.imports.reading import CellError, SheetRow, read_rows
from service.usecases.accounts.audit import audit, audit_row
from service.usecases.awards.orders import CompensationRules
from service.usecases.importing.collector import heap_set_aside
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.statistics import CACHED_PAGES, keep_statistics
from service.usecases.importing.writes import Pending

CUSTOM_PLANS = text("SET LOCAL plan_cache_mode = force_custom_plan")
"""A file's rows fill the tables inside this one transaction, and a batch's look-ups are the
same prepared statements each time: a plan PostgreSQL cached while the tables were small
scanned them whole once they were not (at 100,000 cases each batch's look-up of its cases
took a second). Planned afresh each time, the look-ups use the indexes."""
BATCH = 500
"""rows applied in one savepoint: each batch costs a dozen statements whatever its size (its
look-ups, one COPY a table), and a refused row replays its batch one row at a time"""
Action = Literal["created", "updated", "unchanged"]
Value = TypeVar("Value")


@dataclass(frozen=True)
class ImportRules:
    max_bytes: int = 20 * 1024 * 1024
    compensation: CompensationRules = field(default_factory=CompensationRules)
    chase: ChaseRules = field(default_factory=ChaseRules)


@dataclass
class Context:
    """What every row of one file shares: who imports it, the file, the rules, one clock."""

    actor: Actor
    file_name: str
    sha256: str
    rules: ImportRules
    now: datetime
    cache: dict[Any, Any] = field(default_factory=dict)
    """look-ups for the batch of rows at hand (a case by its court number, its claimants)"""
    kept: dict[Any, Any] = field(default_factory=dict)
    """facts read once for the whole file (the reminder rules)"""
    pending: Pending = field(default_factory=Pending)
    """the new rows of the batch at hand, written at its end"""

    @property
    def source(self) -> dict[str, str]:
        return {"file": self.file_name, "sha256": self.sha256}

    def audit(self, action: str, record_type: str, record_id: object, **detail: Any) -> None:
        """The audit row of one record the import made or changed, naming the file; written
        with the batch, as every row's audit row always was."""
        row = audit_row(self.actor, action, record_type, record_id, **detail, **self.source)
        self.pending.row(AuditEvent, **row)


TAKEN = N_("Haki already holds a record that this row would repeat: check the row against Haki.")
"""a row the database refused as a duplicate of a record already there"""
STAGE_NEEDS = N_("The stage %(stage)s needs %(needs)s.")
"""a stage the row gives, and what the track asks of the row to reach it"""


class RowRefused(DomainError):
    """A row refused for more than one reason at once, each naming its column."""

    def __init__(self, problems: Sequence[tuple[str, Said]]) -> None:
        super().__init__("; ".join(f"{column}: {said}" for column, said in problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Outcome:
    action: Action
    key: str
    changed: tuple[str, ...] = ()


class Importer(Protocol[Value]):
    key_column: str
    """where a refusal that names no column of the layout is reported"""
    fields: ClassVar[dict[str, str]]
    """the layout's column for a field a use case names in its refusal, where they differ"""

    def parse(self, cells: Cells) -> Value | None: ...

    def key(self, value: Value) -> tuple[Any, ...]: ...

    def order(self, rows: list[tuple[int, Value]]) -> list[tuple[int, Value]]: ...

    async def prefetch(
        self, session: AsyncSession, context: Context, values: list[Value]
    ) -> None: ...

    async def apply(self, session: AsyncSession, context: Context, value: Value) -> Outcome: ...

    async def finish(self, session: AsyncSession, context: Context) -> None: ...

    def conflict(self, error: IntegrityError) -> tuple[str, Said]:
        """The column and the words for a row the database refused as a duplicate."""
        ...


@dataclass(frozen=True)
class RowReport:
    row: int
    action: Action
    key: str
    changed: tuple[str, ...] = ()


@dataclass
class ImportReport:
    kind: ImportKind
    file_name: str
    sha256: str
    dry_run: bool
    rows: list[RowReport] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    written: bool = False

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)


@dataclass
class Prepared(Generic[Value]):
    rows: list[tuple[int, Value]]
    duplicates: list[RowReport]
    errors: list[CellError]


def prepare(importer: Importer[Value], sheet: Sequence[SheetRow], now: datetime) -> Prepared[Value]:
    """Parses every row; a row repeated word for word is reported once as unchanged, a row
    with the same key as an earlier one but other values is an error (which one is right?)."""
    prepared: Prepared[Value] = Prepared([], [], [])
    first: dict[tuple[Any, ...], SheetRow] = {}
    for row in sheet:
        cells = Cells(row, now)
        value = importer.parse(cells)
        prepared.errors += cells.errors
        if value is None or cells.errors:
            continue
        key = importer.key(value)
        earlier = first.setdefault(key, row)
        if earlier is row:
            prepared.rows.append((row.number, value))
        elif earlier.cells == row.cells:
            prepared.duplicates.append(
                RowReport(row.number, "unchanged", f"as row {earlier.number}")
            )
        else:
            prepared.errors.append(
                CellError(
                    row.number,
                    importer.key_column,
                    Said(
                        N_("The same record as row %(row)s, with other values: keep one."),
                        {"row": earlier.number},
                    ),
                )
            )
    return prepared


def _column(error: DomainError, importer: Importer[Any], kind: ImportKind) -> str:
    if isinstance(error, InvalidInput) and error.field:
        column = importer.fields.get(error.field, error.field)
        if column in {c.name for c in LAYOUTS[kind]}:
            return column
    return importer.key_column


async def _apply_one(
    session: AsyncSession,
    importer: Importer[Value],
    context: Context,
    number: int,
    value: Value,
    report: ImportReport,
) -> None:
    context.pending.clear()  # what an undone row described is not written
    try:
        async with session.begin_nested():
            outcome = await importer.apply(session, context, value)
            await context.pending.write(session)
    except RowRefused as refused:
        report.errors += [CellError(number, c, m) for c, m in refused.problems]
    except DomainError as error:
        report.errors.append(CellError(number, _column(error, importer, report.kind), error.said))
    except IntegrityError as error:
        report.errors.append(CellError(number, *importer.conflict(error)))
    else:
        report.rows.append(RowReport(number, outcome.action, outcome.key, outcome.changed))


async def _apply_all(
    session: AsyncSession,
    importer: Importer[Value],
    context: Context,
    rows: list[tuple[int, Value]],
    report: ImportReport,
    progress: Callable[[int], None],
) -> None:
    """Rows go in batches, each in a savepoint; a batch with a refused row is undone and
    replayed row by row to name it. Refusals are rare, and a savepoint per row would double
    the statements sent."""
    ordered = importer.order(rows)
    counted: dict[str, float] = {}
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        try:
            async with session.begin_nested():
                await importer.prefetch(session, context, [value for _, value in batch])
                outcomes = [(n, await importer.apply(session, context, v)) for n, v in batch]
                await context.pending.write(session)
        except (DomainError, IntegrityError):
            for number, value in batch:
                context.cache.clear()  # it may hold what the savepoint just undid
                await _apply_one(session, importer, context, number, value, report)
            context.cache.clear()
            context.pending.clear()
        else:
            report.rows += [RowReport(n, o.action, o.key, o.changed) for n, o in outcomes]
        # written to the transaction: let the rows go, so a 100,000-row file fits in memory
        session.expunge_all()
        context.cache.clear()
        await keep_statistics(session, context.pending, counted, report.dry_run)
        progress(len(batch))


async def run_import(
    sessions: async_sessionmaker[AsyncSession],
    actor: Actor,
    given: ImportRequest,
    *,
    rules: ImportRules,
    now: datetime | None = None,
    progress: Callable[[int], None] = lambda done: None,
) -> ImportReport:
    """Raises FileRefused when the file cannot be read as `kind`; otherwise reports every
    row, and writes only when every row passed and this is not a dry run."""
    from service.usecases.importing.kinds import IMPORTERS  # they import this module

    now = now or utcnow()
    kind, dry_run = given.kind, given.dry_run
    sheet = read_rows(given.data, LAYOUTS[kind], rules.max_bytes)
    importer: Importer[Any] = IMPORTERS[kind]
    context = Context(actor, given.file_name, given.sha256, rules, now)
    report = ImportReport(kind, given.file_name, context.sha256, dry_run)
    prepared = prepare(importer, sheet, now)
    report.errors += prepared.errors
    report.rows += prepared.duplicates
    progress(len(sheet) - len(prepared.rows))
    if prepared.errors and not dry_run:
        return report  # refused before the database is asked: a dry run checks every row there
    async with sessions() as session:
        transaction = await session.begin()
        for setting in (CUSTOM_PLANS, CACHED_PAGES):
            await (await session.connection()).execute(setting)
        try:
            with heap_set_aside():
                await _apply_all(session, importer, context, prepared.rows, report, progress)
                report.written = not report.errors and not dry_run
                if report.written:
                    await importer.finish(session, context)
                    audit(
                        session, actor, "import", "import", kind.value, **context.source,
                        created=report.count("created"), updated=report.count("updated"),
                    )  # fmt: skip
                    await transaction.commit()
        finally:
            if transaction.is_active:
                await transaction.rollback()
    report.rows.sort(key=lambda row: row.row)
    report.errors.sort(key=lambda error: error.row)
    return report
