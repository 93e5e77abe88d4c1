"""Correcting a violation record after entry, and linking it to the cases brought over it.

A survivor's account grows after intake (the day is remembered, the unit is identified), and a
petition is filed months after the record: both are changes to the record, audited by the names
of the fields changed (never their values, which may be personal data). A correction carries
the version the person read, so of two people correcting one record one wins and the other is
told to reload, as with a case.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.cases import Survivor
from domain.errors import N_, NotFound, StaleVersion
from domain.violations import Violation, ViolationCase
from service.usecases.accounts.audit import audit
from service.usecases.records.violations import ViolationFacts, cases_of, facts_of
from service.usecases.versions import stale_version


class ViolationChange(ViolationFacts, kw_only=True):
    """The record's facts as they now stand, and the version of the record the person read."""

    version: int


async def _violation(session: AsyncSession, violation_id: uuid.UUID) -> Violation:
    found = await session.get(Violation, violation_id)
    if found is None:
        raise NotFound(N_("No violation record has the id %(id)s."), id=violation_id)
    return found


async def change_violation(
    session: AsyncSession,
    actor: Actor,
    violation_id: uuid.UUID,
    change: ViolationChange,
    now: datetime | None = None,
) -> Violation:
    """Refused with `StaleVersion` when the record changed since the person read it; every
    fact is checked as at entry, and nothing is written when one is refused."""
    try:
        async with session.begin():
            violation = await _violation(session, violation_id)
            if violation.version != change.version:
                raise StaleVersion(change.version, violation.version, "violation")
            wanted = await facts_of(session, change, now or utcnow())
            changed = sorted(k for k, v in wanted.items() if getattr(violation, k) != v)
            for name in changed:
                setattr(violation, name, wanted[name])
            if changed:
                audit(session, actor, "violation.change", "violation", violation.id, fields=changed)
                await session.flush()
    except StaleDataError:
        raise await stale_version(
            session, Violation, violation_id, change.version, "violation"
        ) from None
    return violation


@dataclass(frozen=True)
class CaseLink:
    """A record and a case brought over it, as a person asks to link or unlink them: the API's
    path and the record page's form both name them; `lawyer`, whose team's cases alone the
    person may touch (None: any of the survivor's)."""

    violation_id: uuid.UUID
    case_id: uuid.UUID
    lawyer: uuid.UUID | None


async def _may_link(session: AsyncSession, link: CaseLink) -> None:
    """The case must be one of the survivor's and, for a lawyer, of their team: an id in the
    path beside the record's is authorised like the record's own."""
    violation = await _violation(session, link.violation_id)
    survivor = await session.get(Survivor, violation.survivor_id)
    assert survivor is not None  # a foreign key guarantees it
    await cases_of(session, survivor, [link.case_id], link.lawyer)


async def link_case(session: AsyncSession, actor: Actor, link: CaseLink, linked: bool) -> None:
    """Linked (`linked`) or unlinked, as asked; asking twice is asking once, and a lawyer links
    or unlinks only a case of their team."""
    violation_id, case_id = link.violation_id, link.case_id
    async with session.begin():
        await _may_link(session, link)
        if linked and await session.get(ViolationCase, (violation_id, case_id)) is None:
            session.add(ViolationCase(violation_id=violation_id, case_id=case_id))
            audit(session, actor, "violation.link", "violation", violation_id, case=str(case_id))
        elif not linked:
            gone = await session.exec(
                delete(ViolationCase).where(
                    col(ViolationCase.violation_id) == violation_id,
                    col(ViolationCase.case_id) == case_id,
                )
            )
            if gone.rowcount:
                audit(
                    session, actor, "violation.unlink", "violation", violation_id,
                    case=str(case_id),
                )  # fmt: skip
