"""The chase on the clock: the next follow-up with the Attorney General as a reminder row, and
escalation when the State has stayed silent too long.

The clock plans one pending reminder per chased award (a unique index keeps it one, however
many workers plan at once). Logging a follow-up cancels it, so the next plan counts from the
new letter; an award paid, set aside or written off has its reminder cancelled when it falls
due instead of being sent.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import DateTime, bindparam, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col

from domain.awards import Award, AwardHead, AwardStage, FollowUp
from domain.calendar import NAIROBI, nairobi_today
from domain.cases import Case
from domain.chase import ChaseRules, ChaseState, chase_state
from domain.reminders import Audience, Reminder, ReminderStatus
from notifications.outbox import Message
from service.usecases.arrays import one_of

CHASED = (AwardStage.SERVED_ON_AG, AwardStage.PARTIALLY_PAID, AwardStage.ENFORCEMENT)
MORNING = time(8, 0)
RULE = "follow-up with the Attorney General"


@dataclass(frozen=True)
class Chased:
    award_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    respondent: str
    state: ChaseState
    silent_from: date


def last_served(award_ids: list[uuid.UUID] | None = None) -> Any:
    """Per award (all, or those given), the later of its service on the Attorney General and
    the service of a certificate of costs taxed after it (costs_certificate.py): the chase
    counts from that."""
    heads = select(col(AwardHead.award_id), func.max(AwardHead.served_on).label("served_on"))
    if award_ids is not None:
        heads = heads.where(one_of(col(AwardHead.award_id), award_ids))
    costs = heads.group_by(col(AwardHead.award_id)).subquery()
    served = func.greatest(Award.served_on, costs.c.served_on)
    return costs, served


async def _chased(
    connection: AsyncConnection, today: date, rules: ChaseRules, award_ids: list[uuid.UUID] | None
) -> dict[uuid.UUID, Chased]:
    """Chased awards (all, or those given) with where the chase stands today. Given, the
    follow-ups and costs are read for those awards alone: PostgreSQL does not carry the
    filter through an outer join into a grouped subquery."""
    follow_ups = select(
        col(FollowUp.award_id),
        func.max(FollowUp.on).label("last_on"),
        func.max(FollowUp.answered_on).label("last_answer"),
    )
    if award_ids is not None:
        follow_ups = follow_ups.where(one_of(col(FollowUp.award_id), award_ids))
    last = follow_ups.group_by(col(FollowUp.award_id)).subquery()
    costs, served = last_served(award_ids)
    query = (
        select(
            col(Award.id),
            col(Award.case_id),
            col(Case.reference),
            col(Award.respondent),
            served.label("served_on"),
            last.c.last_on,
            last.c.last_answer,
        )
        .join(Case, col(Case.id) == Award.case_id)
        .outerjoin(last, last.c.award_id == Award.id)
        .outerjoin(costs, costs.c.award_id == Award.id)
        .where(col(Award.stage).in_(CHASED), col(Award.served_on).is_not(None))
    )
    if award_ids is not None:
        query = query.where(one_of(col(Award.id), award_ids))
    chased = {}
    for row in (await connection.execute(query)).all():
        state = chase_state(row.served_on, row.last_on, row.last_answer, today, rules)
        silent_from = max(row.served_on, row.last_answer or row.served_on)
        chased[row.id] = Chased(
            row.id, row.case_id, row.reference, row.respondent, state, silent_from
        )
    return chased


async def plan_follow_ups(
    connection: AsyncConnection,
    rules: ChaseRules,
    now: datetime,
    award_ids: list[uuid.UUID] | None = None,
) -> int:
    """Gives each chased award (all, or those given) without one a pending reminder at 08:00
    on its next due day, or, when counsel were reminded on or after that day, at 08:00 one
    cadence after that reminder went out: an overdue chase is repeated every cadence, not at
    every tick."""
    pending = select(col(Reminder.award_id)).where(
        col(Reminder.award_id).is_not(None), col(Reminder.status) == ReminderStatus.PENDING
    )
    handed_over = (
        select(col(Reminder.award_id), func.max(Reminder.handed_over_at))
        .where(col(Reminder.status) == ReminderStatus.HANDED_OVER)
        .where(col(Reminder.award_id).is_not(None))
        .group_by(col(Reminder.award_id))
    )
    if award_ids is not None:
        pending = pending.where(one_of(col(Reminder.award_id), award_ids))
        handed_over = handed_over.where(one_of(col(Reminder.award_id), award_ids))
    reminded = dict((await connection.execute(handed_over)).all())
    waiting = set((await connection.execute(pending)).scalars().all())
    planned: list[tuple[uuid.UUID, datetime]] = []
    for award in (await _chased(connection, nairobi_today(now), rules, award_ids)).values():
        if award.award_id in waiting:
            continue
        due = datetime.combine(award.state.next_due, MORNING, tzinfo=NAIROBI)
        last = reminded.get(award.award_id)
        if last is not None and last >= due:
            again = last.astimezone(NAIROBI).date() + timedelta(days=rules.cadence_days)
            due = datetime.combine(again, MORNING, tzinfo=NAIROBI)
        planned.append((award.award_id, due))
    if not planned:
        return 0
    awards, dues = zip(*planned, strict=True)
    done = await connection.execute(
        PLAN, {"awards": list(awards), "dues": list(dues), "created_at": now}
    )
    return len(done.all())


PLAN = text(
    f"""
    INSERT INTO reminders (award_id, audience, rule, due_at, status, late, created_at)
    SELECT planned.award_id, '{Audience.TEAM.value}', '{RULE}', planned.due_at,
           '{ReminderStatus.PENDING.value}', false, :created_at
    FROM unnest(CAST(:awards AS uuid[]), CAST(:dues AS timestamptz[])) AS planned(award_id, due_at)
    ON CONFLICT DO NOTHING
    RETURNING id
    """
).bindparams(bindparam("created_at", type_=DateTime(timezone=True)))
"""One statement for every award the clock plans, its rows as two arrays: a statement of the
same text whatever their number (sent as pages of an INSERT a row, each row cost the server
its own execution, a tenth of the award import's time in the database)."""


async def follow_up_messages(
    connection: AsyncConnection,
    due: list[tuple[int, uuid.UUID, bool]],
    rules: ChaseRules,
    now: datetime,
) -> tuple[list[Message], list[int]]:
    """Messages for due follow-up reminders (id, award, late), and the ids of those whose
    award is no longer chased. Past the silence limit, counsel and advocacy officers are told
    once per silence: the key names the day the silence began."""
    chased = await _chased(connection, nairobi_today(now), rules, [a for _, a, _ in due])
    messages, stale = [], []
    for reminder_id, award_id, late in due:
        award = chased.get(award_id)
        if award is None:
            stale.append(reminder_id)
            continue
        payload = {
            "award_id": str(award_id),
            "case_reference": award.case_reference,
            "respondent": award.respondent,
            "next_due": award.state.next_due.isoformat(),
            "silent_days": award.state.silent_days,
            "escalate": award.state.escalate,
            "late": late,
        }
        key = f"reminder:{reminder_id}"
        messages.append(Message(key, "follow_up_due", Audience.TEAM, award.case_id, payload))
        if award.state.escalate:
            for audience in ("team", "advocacy"):
                key = f"escalation:{award_id}:{award.silent_from.isoformat()}:{audience}"
                messages.append(Message(key, "escalation", audience, award.case_id, payload))
    return messages, stale


async def cancel_follow_up(connection: AsyncConnection, award_id: uuid.UUID) -> None:
    await connection.execute(
        update(Reminder)
        .where(col(Reminder.award_id) == award_id, col(Reminder.status) == ReminderStatus.PENDING)
        .values(status=ReminderStatus.CANCELLED)
    )
