"""When the State will not pay: an order of mandamus, sought as a case on the court track.

Opening it in the transaction of the award's `enforce` step means its hearings, reminders and
history work like any other case's, and the award points at it.
"""

from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award
from domain.cases import Case
from domain.stages import CaseKind, CourtLevel
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
        title=f"Republic v Accounting Officer, {award.respondent} ex parte {code}"[:300],
        kind=CaseKind.JUDICIAL_REVIEW,
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
