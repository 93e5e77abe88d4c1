"""The audit trail: who did what, when, from where, to which record. Append-only."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from domain.base import utcnow


@dataclass(frozen=True)
class Actor:
    """Whoever a use case acts for: a signed-in user, or someone trying to sign in."""

    username: str
    address: str
    user_id: uuid.UUID | None = None


class AuditEvent(SQLModel, table=True):
    """The database refuses UPDATE and DELETE on this table, whoever asks (see migrations)."""

    __tablename__ = "audit_events"
    __table_args__ = (
        sa.Index("ix_audit_events_at", "at"),
        sa.Index("ix_audit_events_record", "record_type", "record_id"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    actor_id: uuid.UUID | None = Field(default=None, index=True)
    actor: str = Field(max_length=60)
    address: str = Field(max_length=64)
    action: str = Field(max_length=40, index=True)
    record_type: str | None = Field(default=None, max_length=40)
    record_id: str | None = Field(default=None, max_length=64)
    detail: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(JSONB, nullable=False, server_default="{}")
    )
