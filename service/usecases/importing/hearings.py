"""Court dates brought in from a diary kept elsewhere, matched on the case and the start.

A date still to come gets the reminders a hearing set in Haki gets; a past date is a record
of what happened (recorded after the fact), so it gets none.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.calendar import NAIROBI
from domain.cases import Case
from domain.errors import N_, InvalidInput, Said
from domain.hearings import Hearing, HearingPurpose, HearingStatus
from domain.reminders import Reminder, reminders_for
from domain.stations import known_station
from service.imports.cells import Cells
from service.usecases.hearings.court_dates import NO_MORE_HEARINGS, checked_start, instant
from service.usecases.hearings.reminders import cancel_reminders, current_rules
from service.usecases.importing.lookups import case_of, court_of, prefetch_cases
from service.usecases.importing.running import TAKEN, Context, Outcome

DETAILS = ("purpose", "status", "outcome", "station", "court_room", "judicial_officer")


@dataclass(frozen=True)
class HearingRow:
    court_station: str
    court_number: str
    starts_at: datetime
    purpose: HearingPurpose
    status: HearingStatus
    outcome: str | None
    sitting_station: str | None
    court_room: str | None
    judicial_officer: str | None

    def details(self, case: Case) -> dict[str, Any]:
        return {
            "purpose": self.purpose,
            "status": self.status,
            "outcome": self.outcome,
            "station": self.sitting_station or case.court_station,
            "court_room": self.court_room,
            "judicial_officer": self.judicial_officer,
        }


class HearingImporter:
    key_column = "starts_at"
    fields: ClassVar[dict[str, str]] = {"station": "sitting_station"}

    def parse(self, cells: Cells) -> HearingRow | None:
        station, number = court_of(cells)
        starts_at = cells.instant("starts_at")
        status = cells.choice("status", HearingStatus) or HearingStatus.SCHEDULED
        if starts_at is not None:
            try:
                starts_at = instant(starts_at, "starts_at")
                checked_start(starts_at, starts_at <= cells.now, cells.now)
            except InvalidInput as error:
                cells.fail("starts_at", error.said)
            if starts_at > cells.now and status is not HearingStatus.SCHEDULED:
                said = Said(
                    N_("A hearing still to come cannot have been %(status)s."), {"status": status}
                )
                cells.fail("status", said)
        return HearingRow(
            court_station=station,
            court_number=number,
            starts_at=starts_at or cells.now,
            purpose=cells.choice("purpose", HearingPurpose, True) or HearingPurpose.MENTION,
            status=status,
            outcome=cells.text("outcome"),
            sitting_station=cells.read(
                "sitting_station", lambda t: known_station(t, "sitting_station"), False
            ),
            court_room=cells.text("court_room"),
            judicial_officer=cells.text("judicial_officer"),
        )

    def key(self, row: HearingRow) -> tuple[Any, ...]:
        return (row.court_station, row.court_number, row.starts_at)

    def order(self, rows: list[tuple[int, HearingRow]]) -> list[tuple[int, HearingRow]]:
        return rows

    async def prefetch(
        self, session: AsyncSession, context: Context, rows: list[HearingRow]
    ) -> None:
        await prefetch_cases(session, context, [(r.court_station, r.court_number) for r in rows])
        ids = [
            case.id
            for r in rows
            for case in context.cache[("case", (r.court_station, r.court_number))][:1]
            if ("hearings", case.id) not in context.cache
        ]
        for case_id in ids:
            context.cache[("hearings", case_id)] = {}
        found = await session.exec(select(Hearing).where(col(Hearing.case_id).in_(ids)))
        for hearing in found:
            context.cache[("hearings", hearing.case_id)][hearing.starts_at] = hearing

    async def _hearings(
        self, session: AsyncSession, context: Context, case: Case
    ) -> dict[datetime, Hearing]:
        key = ("hearings", case.id)
        if key not in context.cache:
            found = await session.exec(select(Hearing).where(Hearing.case_id == case.id))
            context.cache[key] = {h.starts_at: h for h in found}
        hearings: dict[datetime, Hearing] = context.cache[key]
        return hearings

    async def apply(self, session: AsyncSession, context: Context, row: HearingRow) -> Outcome:
        case = await case_of(session, context, (row.court_station, row.court_number))
        day = row.starts_at.astimezone(NAIROBI)
        label = f"{row.court_number} at {row.court_station}, {day:%Y-%m-%d %H:%M}"
        known = await self._hearings(session, context, case)
        hearing = known.get(row.starts_at)
        coming = row.starts_at > context.now and row.status is HearingStatus.SCHEDULED
        if hearing is None:
            if coming and case.stage in NO_MORE_HEARINGS:
                raise InvalidInput(
                    N_("The case is at the stage %(stage)s: no further court dates can be set."),
                    "starts_at",
                    stage=case.stage,
                )
            new = context.pending.row(
                Hearing,
                case_id=case.id,
                starts_at=row.starts_at,
                recorded_after_the_fact=row.starts_at <= context.now,
                recorded_by=context.actor.user_id,
                created_at=context.now,
                **row.details(case),
            )
            if coming:
                await _plan_reminders(session, context, new["id"], row.starts_at, row.purpose)
            context.audit("hearing.import", "hearing", new["id"])
            return Outcome("created", label)
        changed = [k for k, v in row.details(case).items() if getattr(hearing, k) != v]
        if not changed:
            return Outcome("unchanged", label)
        was_scheduled = hearing.status is HearingStatus.SCHEDULED
        for name in changed:
            setattr(hearing, name, row.details(case)[name])
        hearing.sequence += 1
        if was_scheduled or coming:
            await cancel_reminders(session, hearing.id)
        if coming:
            await _plan_reminders(session, context, hearing.id, hearing.starts_at, hearing.purpose)
        context.audit("hearing.import", "hearing", hearing.id, changed=changed)
        return Outcome("updated", label, tuple(changed))

    async def finish(self, session: AsyncSession, context: Context) -> None:
        """Reminders were planned row by row: nothing is left for the end."""

    def conflict(self, error: IntegrityError) -> tuple[str, Said]:
        return "starts_at", Said(TAKEN)


async def _plan_reminders(
    session: AsyncSession,
    context: Context,
    hearing_id: uuid.UUID,
    starts_at: datetime,
    purpose: HearingPurpose,
) -> None:
    """The reminders a hearing set in Haki gets (hearings/reminders.py), written with the
    batch; the rules are read once for the file."""
    if "reminder rules" not in context.kept:
        context.kept["reminder rules"] = await current_rules(session)
    rules = context.kept["reminder rules"]
    for rule, due in reminders_for(starts_at, purpose, rules, context.now):
        context.pending.row(
            Reminder, hearing_id=hearing_id, audience=rule.audience, rule=rule.words, due_at=due
        )
