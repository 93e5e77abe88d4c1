"""The judicial review that enforces an award, step by step (Order 53): the time for the notice
of motion after leave, reminded and then measured; the judgment's meaning for the awards.

A judgment granting mandamus (the claim allowed, wholly or in part) or refusing it (dismissed)
is logged on each award's history. The entry moves no award: the State must still pay, and the
ledger says when it does.
"""

from datetime import datetime

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor, AuditEvent
from domain.awards import AwardEvent
from domain.cases import Case, CaseEvent
from domain.mandamus import MOTION_DAYS, SOURCE, MotionTime
from domain.periods import in_words
from domain.reminders import Reminder, ReminderStatus
from domain.stages import CaseTrack
from service.usecases.accounts.audit import audit_row
from service.usecases.cases.case_reminders import remind_before
from service.usecases.driver_rows import in_transaction, insert_rows
from statemachines.guards import FAVOURABLE

AWARD_EVENTS = AwardEvent.__table__  # type: ignore[attr-defined]
AUDITS = AuditEvent.__table__  # type: ignore[attr-defined]
ENFORCED = "SELECT id, stage FROM awards WHERE enforcement_case_id = $1 ORDER BY id FOR UPDATE"
"""the awards a judgment in judicial review enforces, locked as the ORM's read locked them"""

MOTION_DEADLINE = "motion_deadline"
"""the kind of the reminders of the last day to file the notice of motion"""


async def remind_of_motion(
    session: AsyncSession, actor: Actor, case: Case, event: CaseEvent, now: datetime
) -> None:
    """A consequence of leave granted: lead counsel are reminded before the 21 days run out."""
    last_day = MotionTime(event.occurred_on, event.occurred_on).last_day
    details = {
        "leave_on": event.occurred_on.isoformat(),
        "last_day": last_day.isoformat(),
        "days": MOTION_DAYS,
        "source": SOURCE,
    }
    rule = f"notice of motion: last day {in_words(last_day)}"
    await remind_before(session, case.id, MOTION_DEADLINE, rule, last_day, details, now)


async def forget_motion_reminders(
    session: AsyncSession, actor: Actor, case: Case, event: CaseEvent, now: datetime
) -> None:
    """The motion is filed, or the review withdrawn: its last day needs no more reminding."""
    await session.exec(
        update(Reminder)
        .where(
            col(Reminder.case_id) == case.id,
            col(Reminder.kind) == MOTION_DEADLINE,
            col(Reminder.status) == ReminderStatus.PENDING,
        )
        .values(status=ReminderStatus.CANCELLED)
    )


async def time_the_motion(
    session: AsyncSession, actor: Actor, case: Case, event: CaseEvent, now: datetime
) -> None:
    """Writes on the filing's event how long after leave it came, and whether out of time: a
    late motion is recorded, not refused, as the court may enlarge time (domain/mandamus.py)."""
    # no flush before the details are in: the history is append-only, written once
    with session.no_autoflush:
        leave_on = (
            await session.exec(
                select(col(CaseEvent.occurred_on))
                .where(CaseEvent.case_id == case.id, CaseEvent.trigger == "grant_leave")
                .order_by(col(CaseEvent.id).desc())
                .limit(1)
            )
        ).first()
    if leave_on is None:
        return
    time = MotionTime(leave_on, event.occurred_on)
    event.details = event.details | {
        "leave_granted_on": leave_on.isoformat(),
        "last_day": time.last_day.isoformat(),
        "days_after_leave": time.days_after_leave,
        "out_of_time": time.late,
    }


async def log_mandamus_outcome(
    session: AsyncSession, actor: Actor, case: Case, event: CaseEvent, now: datetime
) -> None:
    """Runs in the transaction of the judgment, on its connection (a judgment is one step in
    seven of a busy registry: service/usecases/driver_rows.py); a case that enforces no award
    writes nothing. Only a review on the mandamus track enforces one (enforcement.py opens it
    for the award), so no other case's judgment asks."""
    if case.track != CaseTrack.MANDAMUS:
        return
    connection = await in_transaction(session)
    enforced = await connection.fetch(ENFORCED, case.id)
    granted = case.judgment_outcome in FAVOURABLE
    trigger = "mandamus_granted" if granted else "mandamus_refused"
    details = {
        "case_id": str(case.id),
        "court_number": case.court_number,
        "outcome": case.judgment_outcome,
    }
    logged = [
        {
            "award_id": award_id,
            "trigger": trigger,
            "from_stage": stage,
            "to_stage": stage,
            "occurred_on": event.occurred_on,
            "recorded_at": now,
            "recorded_by": actor.user_id,
            "note": event.note,
            "evidence_ref": event.evidence_ref,
            "details": details,
        }
        for award_id, stage in enforced
    ]
    await insert_rows(connection, AWARD_EVENTS, logged)
    audited = [
        audit_row(actor, "award.mandamus", "award", award_id, outcome=trigger)
        for award_id, _ in enforced
    ]
    await insert_rows(connection, AUDITS, audited)
