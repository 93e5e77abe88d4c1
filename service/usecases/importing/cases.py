"""Cases brought in from a register kept elsewhere, matched on court number and station.

A new case is opened as any case is (claimants, first event, audit) and then enters its
stage in one `imported` event, once the court track says the row's facts could have taken
it there. A case already in Haki is updated, with an `imported` event naming what changed.
New rows (survivors, cases, claimant links, events, audit rows) are written a batch at a
time (writes.py); a case already in Haki is updated through the ORM, which checks its version.
"""

from typing import Any, ClassVar, cast

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.calendar import nairobi_midnight
from domain.cases import Case, CaseClaimant
from domain.errors import N_, Said
from service.imports.cells import Cells
from service.usecases.importing.case_rows import CaseRow, case_row
from service.usecases.importing.case_stages import enter_stage, haki_is_ahead
from service.usecases.importing.claimants import move_counters, survivors_named
from service.usecases.importing.lookups import (
    case_with_reference,
    cases_numbered,
    claimants_of,
    prefetch_cases,
    prefetch_survivors,
    remember_case,
)
from service.usecases.importing.running import TAKEN, Context, Outcome, RowRefused
from service.usecases.importing.writes import Described


class CaseImporter:
    key_column = "court_number"
    fields: ClassVar[dict[str, str]] = {}

    def parse(self, cells: Cells) -> CaseRow | None:
        return case_row(cells)

    def key(self, row: CaseRow) -> tuple[Any, ...]:
        if row.court_number is None:
            return ("reference", row.reference)
        return (row.court_station, str(row.court_number))

    def order(self, rows: list[tuple[int, CaseRow]]) -> list[tuple[int, CaseRow]]:
        return rows

    async def prefetch(self, session: AsyncSession, context: Context, rows: list[CaseRow]) -> None:
        numbered = [(r.court_station, str(r.court_number)) for r in rows if r.court_number]
        await prefetch_cases(session, context, numbered, [r.reference for r in rows])
        codes = list(dict.fromkeys(c for r in rows for c in r.claimants))
        # only read here: a survivor is registered by the row that names them (_open)
        await prefetch_survivors(session, context, codes)

    async def apply(self, session: AsyncSession, context: Context, row: CaseRow) -> Outcome:
        key = f"{row.court_number or row.reference} at {row.court_station}"
        case = await _find(session, context, row)
        if case is None:
            await _open(session, context, row)
            return Outcome("created", key)
        changed = [name for name, value in row.fields().items() if getattr(case, name) != value]
        changed += await _claimants_added(session, context, case, row)
        moves = case.stage != row.stage or case.stage_since != row.stage_since
        moves = moves and not await haki_is_ahead(session, case, row)
        if not changed and not moves:
            return Outcome("unchanged", key)
        for name in changed:
            if name != "claimants":
                setattr(case, name, row.fields()[name])
        if moves:
            changed.append("stage")
        stage, since = (row.stage, row.stage_since) if moves else (case.stage, case.stage_since)
        enter_stage(context, case, row, tuple(changed), case.stage, stage, since)
        context.audit("case.import", "case", case.id)
        return Outcome("updated", key, tuple(changed))

    async def finish(self, session: AsyncSession, context: Context) -> None:
        await move_counters(session)

    def conflict(self, error: IntegrityError) -> tuple[str, Said]:
        # the constraint named in the error is matched, never shown
        named = getattr(error.orig, "constraint_name", None) or str(error.orig)
        if "court_number" in named:
            return "court_number", Said(N_("Another case at this court has this court number."))
        if "reference" in named:
            return "reference", Said(N_("Another case in Haki already has this reference."))
        return "claimants", Said(TAKEN)


async def _find(session: AsyncSession, context: Context, row: CaseRow) -> Case | None:
    if row.court_number is not None:
        found = await cases_numbered(session, context, (row.court_station, str(row.court_number)))
        same_level = [case for case in found if case.court_level == row.court_level]
        if same_level or found:
            return (same_level or found)[0]
    case = await case_with_reference(session, context, row.reference)
    return case if case is not None and case.court_number is None else None


async def _open(session: AsyncSession, context: Context, row: CaseRow) -> None:
    """A case new to Haki, written with its batch: its history starts with the import, the
    one event that brought it to its stage."""
    survivors = await survivors_named(session, context, row.claimants, row.names)
    case = cast(
        Case,
        Described(
            context.pending.row(
                Case,
                **row.fields(),
                stage_since=row.opened_on,
                opened_at=nairobi_midnight(row.opened_on, "opened_on"),
            )
        ),
    )
    for survivor in survivors:
        context.pending.row(CaseClaimant, case_id=case.id, survivor_id=survivor.id)
    context.audit("case.import", "case", case.id)
    remember_case(context, case, list(row.claimants))
    enter_stage(context, case, row, ("opened",), None, row.stage, row.stage_since)


async def _claimants_added(
    session: AsyncSession, context: Context, case: Case, row: CaseRow
) -> list[str]:
    known = await claimants_of(session, context, case)
    dropped = sorted(set(known) - set(row.claimants))
    if dropped:
        said = Said(
            N_(
                "%(codes)s is a claimant in Haki but not in the row: an import adds claimants, "
                "it never removes one."
            ),
            {"codes": dropped},
        )
        raise RowRefused([("claimants", said)])
    survivors = await survivors_named(session, context, row.claimants, row.names)
    new = [s for s in survivors if s.code not in known]
    for survivor in new:
        context.pending.row(CaseClaimant, case_id=case.id, survivor_id=survivor.id)
    known.extend(s.code for s in new)
    return ["claimants"] if new else []
