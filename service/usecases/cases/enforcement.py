"""When the State will not pay: an order of mandamus, sought as a case on its own route (Order 53).

Opening it in the transaction of the award's `enforce` step means its hearings, reminders and
history work like any other case's, and the award points at it. Its title names the applicant
by survivor code; the case page puts the name in for those who may read it.
"""

from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award
from domain.cases import Case
from domain.mandamus import styled
from domain.stages import CaseKind, CaseTrack, CourtLevel
from domain.users import CaseMember
from service.usecases.awards.orders import claimant_code
from service.usecases.cases.register import add_case, get_case


async def open_mandamus(
    session: AsyncSession, actor: Actor, award: Award, on: date, now: datetime
) -> Case:
    if award.enforcement_case_id is not None:  # enforced again after a part payment
        return await get_case(session, award.enforcement_case_id)
    parent = await get_case(session, award.case_id)
    code = await claimant_code(session, award)
    team = await session.exec(select(CaseMember).where(CaseMember.case_id == parent.id))
    respondents = list(dict.fromkeys([award.respondent, "Attorney General"]))
    mandamus = Case(
        reference=f"{parent.reference[:30]}/JR-{str(award.id)[:6]}",
        title=styled(award.respondent, code, award.accounting_officer or None)[:300],
        kind=CaseKind.JUDICIAL_REVIEW,
        track=CaseTrack.MANDAMUS,
        court_level=CourtLevel.HIGH_COURT,
        court_station=parent.court_station,
        respondents=respondents,
        lead_counsel=parent.lead_counsel,
        stage_since=on,
    )
    note = f"opened to enforce award {award.id} of {parent.reference} by an order of mandamus"
    await add_case(
        session,
        actor,
        mandamus,
        [code],
        note,
        now,
        team=[(member.user_id, member.lead) for member in team.all()],
    )
    award.enforcement_case_id = mandamus.id
    return mandamus


async def styling(session: AsyncSession, case: Case, names: dict[str, str] | None) -> str:
    """The review's title with the applicant by name, for a role that may read names (`names`
    by survivor code), else by code; a case that enforces no award keeps its own title."""
    award = (
        await session.exec(select(Award).where(Award.enforcement_case_id == case.id).limit(1))
    ).first()
    if award is None:
        return case.title
    code = await claimant_code(session, award)
    return styled(award.respondent, (names or {}).get(code, code), award.accounting_officer or None)
