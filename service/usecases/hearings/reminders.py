"""Reminder rows follow their hearing: made when it is set, moved with it, cancelled with it.

Each function runs inside the caller's transaction, so a hearing and its reminders are written
or refused together.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.hearings import Hearing
from domain.reminders import Reminder, ReminderRule, ReminderStatus, Rule, reminders_for
from service.usecases.accounts.audit import audit


async def current_rules(session: AsyncSession) -> tuple[Rule, ...]:
    rows = await session.exec(select(ReminderRule).order_by(col(ReminderRule.id)))
    return tuple(Rule(r.audience, r.days_before, r.at, r.purpose) for r in rows.all())


async def plan_reminders(session: AsyncSession, hearing: Hearing, now: datetime) -> None:
    """The reminders the rules give this hearing from now on; none for a date already past."""
    rules = await current_rules(session)
    for rule, due_at in reminders_for(hearing.starts_at, hearing.purpose, rules, now):
        session.add(
            Reminder(hearing_id=hearing.id, audience=rule.audience, rule=rule.words, due_at=due_at)
        )


async def cancel_reminders(session: AsyncSession, hearing_id: uuid.UUID) -> None:
    """Pending reminders of the hearing stop; those already handed over stay as history."""
    await session.exec(
        update(Reminder)
        .where(col(Reminder.hearing_id) == hearing_id)
        .where(col(Reminder.status) == ReminderStatus.PENDING)
        .values(status=ReminderStatus.CANCELLED)
    )


async def move_reminders(session: AsyncSession, hearing: Hearing, now: datetime) -> None:
    await cancel_reminders(session, hearing.id)
    await plan_reminders(session, hearing, now)


async def reminders_of(session: AsyncSession, hearing_id: uuid.UUID) -> list[Reminder]:
    rows = await session.exec(
        select(Reminder).where(Reminder.hearing_id == hearing_id).order_by(col(Reminder.due_at))
    )
    return list(rows.all())


async def replace_rules(session: AsyncSession, actor: Actor, rules: Sequence[Rule]) -> None:
    """The new rules apply to hearings set or moved from now on; reminders already made stay,
    so changing a rule never silently drops a reminder someone is counting on."""
    async with session.begin():
        await session.exec(delete(ReminderRule))
        for rule in dict.fromkeys(rules):
            session.add(
                ReminderRule(
                    purpose=rule.purpose,
                    audience=rule.audience,
                    days_before=rule.days_before,
                    at=rule.at,
                )
            )
        audit(session, actor, "reminder_rules.replace", "reminder_rules", None, count=len(rules))
