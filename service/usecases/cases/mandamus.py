"""What a judicial review's judgment means for the awards it enforces: mandamus granted (the
claim allowed, wholly or in part) or refused (dismissed), logged on each award's history.

The entry moves no award: the State must still pay, and the ledger says when it does.
"""

from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, AwardEvent
from domain.cases import Case, CaseEvent
from service.usecases.accounts.audit import audit
from statemachines.guards import FAVOURABLE


async def log_mandamus_outcome(
    session: AsyncSession, actor: Actor, case: Case, event: CaseEvent, now: datetime
) -> None:
    """Runs in the transaction of the judgment; a case that enforces no award writes nothing."""
    enforced = await session.exec(
        select(Award).where(Award.enforcement_case_id == case.id).with_for_update()
    )
    granted = case.judgment_outcome in FAVOURABLE
    trigger = "mandamus_granted" if granted else "mandamus_refused"
    for award in enforced.all():
        session.add(
            AwardEvent(
                award_id=award.id,
                trigger=trigger,
                from_stage=award.stage,
                to_stage=award.stage,
                occurred_on=event.occurred_on,
                recorded_at=now,
                recorded_by=actor.user_id,
                note=event.note,
                evidence_ref=event.evidence_ref,
                details={
                    "case_id": str(case.id),
                    "court_number": case.court_number,
                    "outcome": case.judgment_outcome,
                },
            )
        )
        audit(session, actor, "award.mandamus", "award", award.id, outcome=trigger)
