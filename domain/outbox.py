"""The notifications outbox: a message to send, written in the transaction of what caused it.

A row exists exactly when its cause committed, and its `dedup_key` is unique, so a cause
handed over twice (a retried job, two workers) still yields one message.
"""

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from domain.base import utcnow


class Notification(SQLModel, table=True):
    __tablename__ = "notifications"

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    dedup_key: str = Field(max_length=120, unique=True)
    kind: str = Field(max_length=40)
    audience: str = Field(max_length=20)
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id", index=True)
    payload: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(JSONB, nullable=False, server_default="{}")
    )
    status: str = Field(default="queued", max_length=20)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
