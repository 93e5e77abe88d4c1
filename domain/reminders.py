"""Reminders as rows: made from rules when a date is set, moved with it, claimed when due.

PostgreSQL holds every reminder, so a clock that was down finds on waking what it missed;
the scheduler only decides when to look.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.calendar import NAIROBI
from domain.cases import value_enum
from domain.hearings import HearingPurpose


class Audience(StrEnum):
    TEAM = "team"
    """lead counsel and the case's team"""
    FAMILY = "family"
    """the survivor or family contacts who consented to messages"""


class ReminderStatus(StrEnum):
    PENDING = "pending"
    HANDED_OVER = "handed_over"
    """given to the notifications outbox, exactly once"""
    CANCELLED = "cancelled"
    """its hearing was vacated, moved or adjourned before it came due"""
    EXPIRED = "expired"
    """found only after its hearing had begun: a reminder of the past helps no one"""


class ReminderRule(SQLModel, table=True):
    """When to remind whom of a hearing: `days_before` at `at` (Nairobi), or at the hearing's
    own time of day when `at` is empty. A rule without a purpose covers every purpose."""

    __tablename__ = "reminder_rules"
    __table_args__ = (
        sa.UniqueConstraint(
            "purpose", "audience", "days_before", "at", name="uq_reminder_rules_when"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    purpose: HearingPurpose | None = Field(
        default=None, sa_type=value_enum(HearingPurpose, "purpose")
    )
    audience: Audience = Field(sa_type=value_enum(Audience, "audience"))
    days_before: int = Field(ge=0, le=60)
    at: time | None = None


class Reminder(SQLModel, table=True):
    """One message to send at `due_at`, about a hearing, an award's next follow-up, or a date
    of the case itself (a notice of intention to sue, the time to appeal)."""

    __tablename__ = "reminders"
    __table_args__ = (
        sa.Index(
            "ix_reminders_due",
            "due_at",
            postgresql_where=sa.text("status = 'pending'"),
        ),
        sa.CheckConstraint(
            "num_nonnulls(hearing_id, award_id, case_id) = 1",
            name="of_a_hearing_an_award_or_a_case",
        ),
        sa.Index(
            "uq_reminders_next_follow_up",
            "award_id",
            unique=True,
            postgresql_where=sa.text("status = 'pending'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    hearing_id: uuid.UUID | None = Field(default=None, foreign_key="hearings.id", index=True)
    award_id: uuid.UUID | None = Field(default=None, foreign_key="awards.id", index=True)
    """set instead of a hearing for the next follow-up due with the Attorney General"""
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id", index=True)
    """set instead of either for a date of the case itself: a notice to sue, time to appeal"""
    kind: str | None = Field(default=None, max_length=40)
    """of a case reminder: the message it sends (notice_to_sue_due, appeal_deadline)"""
    details: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(JSONB, nullable=False, server_default="{}")
    )
    """of a case reminder: the dates its message names"""
    audience: Audience = Field(sa_type=value_enum(Audience, "audience"))
    rule: str = Field(max_length=60)
    """the rule in words, e.g. "7 days before", kept with the row as it was when made"""
    due_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    status: ReminderStatus = Field(
        default=ReminderStatus.PENDING, sa_type=value_enum(ReminderStatus, "reminder_status")
    )
    handed_over_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    late: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


@dataclass(frozen=True)
class Rule:
    """A reminder rule as plain data, so the arithmetic is testable without a database."""

    audience: Audience
    days_before: int
    at: time | None = None
    purpose: HearingPurpose | None = None

    @property
    def words(self) -> str:
        day = {0: "on the day", 1: "1 day before"}.get(self.days_before)
        day = day or f"{self.days_before} days before"
        return f"{day} at {self.at:%H:%M}" if self.at else day


DEFAULT_RULES = (
    Rule(Audience.TEAM, 7),
    Rule(Audience.TEAM, 1),
    Rule(Audience.TEAM, 0, time(7, 0)),
    Rule(Audience.FAMILY, 3, time(10, 0), HearingPurpose.JUDGMENT_DELIVERY),
)


def reminders_for(
    starts_at: datetime, purpose: HearingPurpose, rules: tuple[Rule, ...], now: datetime
) -> list[tuple[Rule, datetime]]:
    """The reminders a hearing should have, each with its due instant (UTC).

    Those already past when the hearing is set are left out, and so is one that would fall at
    or after the hearing's start (07:00 on the day of a hearing at 07:00).
    """
    local = starts_at.astimezone(NAIROBI)
    due = []
    for rule in rules:
        if rule.purpose not in (None, purpose):
            continue
        if rule.at is None:
            at = starts_at - timedelta(days=rule.days_before)
        else:
            day = local.date() - timedelta(days=rule.days_before)
            at = datetime.combine(day, rule.at, tzinfo=NAIROBI)
        if now < at < starts_at:
            due.append((rule, at.astimezone(UTC)))
    return sorted(due, key=lambda pair: pair[1])
