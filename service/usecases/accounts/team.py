"""Who works on a case. Administrators assign lawyers; a lawyer sees only cases they are on."""

import uuid

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.errors import N_, InvalidInput, NotFound
from domain.users import CaseMember, Role, User
from service.usecases.accounts.audit import audit
from service.usecases.cases.register import get_case


async def team_of(session: AsyncSession, case_id: uuid.UUID) -> list[tuple[CaseMember, User]]:
    await get_case(session, case_id)
    rows = await session.exec(
        select(CaseMember, User)
        .join(User, col(User.id) == CaseMember.user_id)
        .where(CaseMember.case_id == case_id)
        .order_by(col(CaseMember.lead).desc(), User.username)
    )
    return [(member, user) for member, user in rows.all()]


async def assign(
    session: AsyncSession, actor: Actor, case_id: uuid.UUID, user_id: uuid.UUID, lead: bool
) -> CaseMember:
    async with session.begin():
        await get_case(session, case_id)
        user = await session.get(User, user_id)
        if user is None:
            raise NotFound(N_("No user has the id %(id)s."), id=user_id)
        if user.role is not Role.LAWYER:
            raise InvalidInput(
                N_("%(username)s is not a lawyer; only lawyers join case teams."),
                "user_id",
                username=user.username,
            )
        member = await session.get(CaseMember, (case_id, user_id))
        if member is None:
            member = CaseMember(case_id=case_id, user_id=user_id, lead=lead)
            session.add(member)
        member.lead = lead
        audit(session, actor, "team.assign", "case", case_id, user=user.username, lead=lead)
    return member


async def unassign(
    session: AsyncSession, actor: Actor, case_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    async with session.begin():
        removed = await session.exec(
            delete(CaseMember).where(
                col(CaseMember.case_id) == case_id, col(CaseMember.user_id) == user_id
            )
        )
        if not removed.rowcount:
            raise NotFound(N_("That user is not on the team of this case."))
        audit(session, actor, "team.unassign", "case", case_id, user_id=str(user_id))
