"""Reminders of a case's own dates (a notice to sue whose 30 days have passed, the last day to
appeal, the last day for a notice of motion after leave), for lead counsel, made inside the
caller's transaction as rows the clock sends.

They remind and never block: a step of the court track does not look at them.
"""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.appeals import appeal_deadline
from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import NAIROBI, nairobi_today
from domain.cases import Case, CaseEvent
from domain.periods import in_words
from domain.reminders import Audience, Reminder, ReminderStatus
from service.usecases.driver_rows import in_transaction, insert_rows

MORNING = time(8, 0)
REMINDERS = Reminder.__table__  # type: ignore[attr-defined]
DEADLINE_WARNINGS = (7, 1)
"""days before a last day (to appeal, to file a notice of motion) that lead counsel are reminded"""


def remind_case(
    session: AsyncSession,
    case_id: uuid.UUID,
    kind: str,
    rule: str,
    on: date,
    details: dict[str, Any],
    now: datetime,
) -> None:
    """A reminder at 08:00 in Nairobi on `on`; one whose day has passed goes at the next look."""
    session.add(Reminder(**case_reminder(case_id, kind, rule, on, details, now)))


def case_reminder(
    case_id: uuid.UUID, kind: str, rule: str, on: date, details: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """The columns of `remind_case`'s reminder."""
    return {
        "case_id": case_id,
        "audience": Audience.TEAM,
        "kind": kind,
        "rule": rule,
        "due_at": max(datetime.combine(on, MORNING, tzinfo=NAIROBI).astimezone(UTC), now),
        "details": details,
        "status": ReminderStatus.PENDING,
        "late": False,
        "created_at": utcnow(),
    }


async def remind_of_appeal(
    session: AsyncSession, actor: Actor, case: Case, event: CaseEvent, now: datetime
) -> None:
    """A consequence of a judgment (court_track): the time to appeal, by the court's level."""
    deadline = appeal_deadline(case.court_level, event.occurred_on)
    if deadline is None:
        return
    details = {
        "decided_on": event.occurred_on.isoformat(),
        "last_day": deadline.last_day.isoformat(),
        "what": deadline.what,
        "days": deadline.days,
        "source": deadline.source,
    }
    rule = f"time to appeal: last day {in_words(deadline.last_day)}"
    await remind_before(session, case.id, "appeal_deadline", rule, deadline.last_day, details, now)


async def remind_before(
    session: AsyncSession,
    case_id: uuid.UUID,
    kind: str,
    rule: str,
    last_day: date,
    details: dict[str, Any],
    now: datetime,
) -> None:
    """Reminders a week and a day before a last day; a day already passed is reminded today,
    and a last day gone before it was recorded is not reminded at all. Written at once on the
    transaction's connection (service/usecases/driver_rows.py): a consequence of a step."""
    today = nairobi_today(now)
    if last_day < today:
        return
    days = [last_day - timedelta(days=before) for before in DEADLINE_WARNINGS]
    rows = [
        case_reminder(case_id, kind, rule[:60], on, details, now)
        for on in [day for day in days if day >= today] or [today]
    ]
    await insert_rows(await in_transaction(session), REMINDERS, rows)
