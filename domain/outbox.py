"""The notifications outbox: a message to send, written in the transaction of what caused it.

A row exists exactly when its cause committed, and its `dedup_key` is unique, so a cause
handed over twice (a retried job, two workers) still yields one message.
"""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.cases import value_enum


class Notification(SQLModel, table=True):
    """The cause: what happened and who should hear of it (an audience, not yet people).

    The dispatcher expands it into one delivery per person and channel, so a contact who
    withdraws consent before then is never written to at all.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        sa.Index("ix_notifications_queued", "id", postgresql_where=sa.text("status = 'queued'")),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    dedup_key: str = Field(max_length=120, unique=True)
    kind: str = Field(max_length=40)
    audience: str = Field(max_length=20)
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id", index=True)
    payload: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(JSONB, nullable=False, server_default="{}")
    )
    status: str = Field(default="queued", max_length=20)
    """queued until the dispatcher has written its deliveries, then expanded"""
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    """waiting for `next_attempt_at` (a retry, or the end of quiet hours)"""
    SENDING = "sending"
    """committed before the provider is called: found so later, the send is in doubt"""
    SENT = "sent"
    """the provider accepted it; a delivery report may still settle it"""
    DELIVERED = "delivered"
    UNKNOWN = "unknown"
    """the provider may or may not have it (timeout, dispatcher died): never re-sent blindly"""
    DEAD = "dead"
    """refused for good, or out of attempts; `last_error` says why"""
    CANCELLED = "cancelled"
    """consent withdrawn before it went out"""


class Delivery(SQLModel, table=True):
    """One message to one person on one channel, with every attempt's outcome."""

    __tablename__ = "deliveries"
    __table_args__ = (
        sa.UniqueConstraint("notification_id", "channel", "address", name="uq_deliveries_once"),
        sa.Index(
            "ix_deliveries_due",
            "next_attempt_at",
            postgresql_where=sa.text("status = 'queued'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    notification_id: int = Field(foreign_key="notifications.id", index=True, sa_type=sa.BigInteger)
    channel: str = Field(max_length=10)
    user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    contact_id: uuid.UUID | None = Field(default=None, foreign_key="contacts.id", index=True)
    address: str = Field(max_length=254)
    language: str = Field(max_length=2)
    subject: str | None = Field(default=None, max_length=200)
    body: str
    status: DeliveryStatus = Field(
        default=DeliveryStatus.QUEUED, sa_type=value_enum(DeliveryStatus, "delivery_status")
    )
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    provider_id: str | None = Field(default=None, max_length=100, index=True)
    last_error: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    settled_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
