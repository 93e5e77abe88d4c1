"""Recording a notice of intention to sue the Government (GPA s.13A), reminded when its 30
days have passed. A notice never blocks a filing: Haki reminds, counsel decide."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.errors import N_, InvalidInput
from domain.notices import NOTICE_DAYS, NoticeToSue, suit_from
from domain.periods import in_words
from service.usecases.accounts.audit import audit
from service.usecases.cases.case_reminders import remind_case
from service.usecases.cases.register import get_case


@dataclass(frozen=True)
class NoticeGiven:
    """The one input of `record_notice`, read alike from the API's JSON and the case page."""

    served_on: date
    served_on_whom: str


async def record_notice(
    session: AsyncSession,
    actor: Actor,
    case_id: uuid.UUID,
    notice: NoticeGiven,
    now: datetime | None = None,
) -> NoticeToSue:
    now = now or utcnow()
    not_in_future(notice.served_on, now, "served_on")
    whom = " ".join(notice.served_on_whom.split())
    if not whom:
        raise InvalidInput(N_("Say on whom the notice was served."), "served_on_whom")
    async with session.begin():
        case = await get_case(session, case_id)
        row = NoticeToSue(
            case_id=case.id,
            served_on=notice.served_on,
            served_on_whom=whom,
            recorded_by=actor.user_id,
        )
        session.add(row)
        day = suit_from(notice.served_on)
        details = {"served_on": notice.served_on.isoformat(), "suit_from": day.isoformat()}
        rule = f"{NOTICE_DAYS} days after the notice to sue of {in_words(notice.served_on)}"
        remind_case(session, case.id, "notice_to_sue_due", rule[:60], day, details, now)
        audit(session, actor, "case.notice_to_sue", "case", case.id)
        await session.flush()
    return row


async def notices_of(session: AsyncSession, case_id: uuid.UUID) -> list[NoticeToSue]:
    await get_case(session, case_id)
    rows = await session.exec(
        select(NoticeToSue)
        .where(NoticeToSue.case_id == case_id)
        .order_by(col(NoticeToSue.served_on), col(NoticeToSue.id))
    )
    return list(rows.all())
