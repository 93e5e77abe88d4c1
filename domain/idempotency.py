"""Idempotency keys and one-time form tokens: a retried POST gets the first answer, a form sent
twice is written once.

One row per user and key, in PostgreSQL, so a retry reaching another replica finds it too.
"""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from domain.base import utcnow


class IdempotentRequest(SQLModel, table=True):
    """Claimed (`status` is None) before the request runs; its answer kept once it has."""

    __tablename__ = "idempotent_requests"

    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True)
    key: str = Field(max_length=255, primary_key=True)
    fingerprint: str = Field(max_length=64)
    """sha256 of the method, path and body (JSON compared by meaning, not by spacing)"""
    status: int | None = Field(default=None, sa_type=sa.SmallInteger)
    content_type: str | None = Field(default=None, max_length=100)
    body: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=sa.DateTime(timezone=True), index=True
    )


class FormSubmission(SQLModel, table=True):
    """A page's form sent once: each rendered form carries its own random token, claimed here
    by the first submit; a second submit of the same form writes nothing and is sent to where
    the first went (`location`). `location` is None while the first still runs."""

    __tablename__ = "form_submissions"

    token: str = Field(primary_key=True, max_length=64)
    location: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=sa.DateTime(timezone=True), index=True
    )
