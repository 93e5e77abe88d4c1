"""The chase after the Attorney General: when the next follow-up is due, when to escalate.

A follow-up is due `cadence` days after service or after the last one, whichever is later. The
State has been silent since service or since its last answer; past `escalate_after` days of
silence the award is flagged for enforcement (mandamus).
"""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class ChaseRules:
    cadence_days: int = 30
    escalate_after_days: int = 90


@dataclass(frozen=True)
class ChaseState:
    next_due: date
    silent_days: int
    escalate: bool

    def due_by(self, day: date) -> bool:
        return self.next_due <= day


def chase_state(
    served_on: date,
    last_follow_up: date | None,
    last_answer: date | None,
    today: date,
    rules: ChaseRules = ChaseRules(),
) -> ChaseState:
    since_contact = max(served_on, last_follow_up or served_on)
    silent_from = max(served_on, last_answer or served_on)
    silent_days = max(0, (today - silent_from).days)
    return ChaseState(
        next_due=since_contact + timedelta(days=rules.cadence_days),
        silent_days=silent_days,
        escalate=silent_days >= rules.escalate_after_days,
    )
