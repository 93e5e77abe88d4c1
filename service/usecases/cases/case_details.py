"""Changing what a case is called and who it is against: its title, station, respondents and
lead counsel, with the same version check as a step, so two people cannot overwrite each other."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor, AuditEvent
from domain.cases import Case
from domain.errors import StaleVersion
from domain.stations import listed_station
from service.usecases.accounts.audit import audit
from service.usecases.cases.register import flush_unique, get_case
from service.usecases.versions import stale_version

CHANGES = ("case.open", "case.step", "case.details")
"""the audited actions that write the case row (and so its version)"""


@dataclass(frozen=True)
class CaseDetails:
    """What `PATCH /cases/{id}` and the case's edit page both read a request into; a field
    left None stays as it is."""

    version: int
    title: str | None = None
    court_station: str | None = None
    respondents: Sequence[str] | None = None
    lead_counsel: str | None = None

    def wanted(self) -> dict[str, object]:
        given = {
            "title": self.title,
            "court_station": self.court_station,
            "lead_counsel": self.lead_counsel,
        }
        found: dict[str, object] = {k: v.strip() for k, v in given.items() if v is not None}
        if self.court_station is not None:
            found["court_station"] = listed_station(self.court_station)
        if self.respondents is not None:
            found["respondents"] = [name.strip() for name in self.respondents]
        return found


async def change_details(
    session: AsyncSession, actor: Actor, case_id: uuid.UUID, details: CaseDetails
) -> Case:
    """Refused with `StaleVersion` when the case changed since the person read it."""
    try:
        async with session.begin():
            case = await get_case(session, case_id)
            if case.version != details.version:
                raise StaleVersion(details.version, case.version)
            changed = sorted(k for k, v in details.wanted().items() if getattr(case, k) != v)
            for name in changed:
                setattr(case, name, details.wanted()[name])
            if changed:
                audit(session, actor, "case.details", "case", case.id, fields=changed)
                await flush_unique(session, case)
    except StaleDataError:
        raise await stale_version(session, Case, case_id, details.version) from None
    return case


async def last_changed(session: AsyncSession, case_id: uuid.UUID) -> datetime | None:
    """When the case row was last written, by the audit trail (the case keeps no such time)."""
    found = await session.exec(
        select(func.max(AuditEvent.at)).where(
            AuditEvent.record_type == "case",
            AuditEvent.record_id == str(case_id),
            col(AuditEvent.action).in_(CHANGES),
        )
    )
    return found.one()
