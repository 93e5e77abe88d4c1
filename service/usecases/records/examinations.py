"""Recording a medico-legal examination on a case, and reading them back, audited.

The survivor examined must be a claimant of the case (named by code, and checked like any id
in a body); the examiner, the place and the findings are personal data, so every read is in
the audit trail, and the routes are for the roles that read names (service/auth/policy.py).
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.cases import CaseClaimant, Survivor
from domain.errors import N_, InvalidInput, NotFound
from domain.examinations import Correlation, Examination, ExaminationForm
from service.usecases.accounts.audit import audit
from service.usecases.cases.register import get_case


@dataclass(frozen=True)
class NewExamination:
    """One examination: the use case's one input, read alike from the API's JSON and the
    case page's form (both through `ExaminationIn`, service/examinations/schemas.py)."""

    survivor: str
    """the survivor's code"""
    form: ExaminationForm
    examined_on: date
    examined_by: str
    place: str
    correlation: Correlation = Correlation.NOT_STATED
    findings: str = ""


EXAMINED_ON = N_("The day of the examination")


async def _claimant(session: AsyncSession, case_id: uuid.UUID, code: str) -> Survivor:
    found = await session.exec(
        select(Survivor)
        .join(CaseClaimant, col(CaseClaimant.survivor_id) == Survivor.id)
        .where(CaseClaimant.case_id == case_id, Survivor.code == code)
    )
    survivor = found.first()
    if survivor is None:
        raise InvalidInput(N_("%(code)s is not a claimant in this case."), "survivor", code=code)
    return survivor


async def record_examination(
    session: AsyncSession,
    actor: Actor,
    case_id: uuid.UUID,
    given: NewExamination,
    now: datetime | None = None,
) -> Examination:
    now = now or utcnow()
    not_in_future(given.examined_on, now, "examined_on", EXAMINED_ON)
    async with session.begin():
        await get_case(session, case_id)
        survivor = await _claimant(session, case_id, given.survivor)
        examination = Examination(
            case_id=case_id,
            survivor_id=survivor.id,
            form=given.form,
            examined_on=given.examined_on,
            examined_by=given.examined_by.strip(),
            place=given.place.strip(),
            correlation=given.correlation,
            findings=given.findings.strip(),
            recorded_at=now,
            recorded_by=actor.user_id,
        )
        session.add(examination)
        audit(session, actor, "examination.record", "examination", examination.id,
              case=str(case_id), form=given.form.value)  # fmt: skip
    return examination


async def examinations_of_case(
    session: AsyncSession, actor: Actor, case_id: uuid.UUID
) -> list[tuple[Examination, str]]:
    """The case's examinations with the code of the survivor examined, oldest first; a reading
    that shows any is audited."""
    async with session.begin():
        await get_case(session, case_id)
        rows = await session.exec(
            select(Examination, Survivor.code)
            .join(Survivor, col(Survivor.id) == Examination.survivor_id)
            .where(Examination.case_id == case_id)
            .order_by(col(Examination.examined_on), col(Examination.recorded_at))
        )
        found = [(examination, code) for examination, code in rows.all()]
        if found:  # a reading of none shows nothing personal
            audit(session, actor, "examination.list", "case", case_id, count=len(found))
    return found


async def read_examination(
    session: AsyncSession, actor: Actor, examination_id: uuid.UUID
) -> tuple[Examination, str]:
    async with session.begin():
        examination = await session.get(Examination, examination_id)
        if examination is None:
            raise NotFound(N_("No examination has the id %(id)s."), id=examination_id)
        await get_case(session, examination.case_id)
        survivor = await session.get(Survivor, examination.survivor_id)
        assert survivor is not None  # a foreign key guarantees it
        audit(session, actor, "examination.read", "examination", examination.id,
              case=str(examination.case_id))  # fmt: skip
    return examination, survivor.code
