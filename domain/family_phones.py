"""What families send from their phones: each callback of the gateway once, and their words to
the case team.

A caller is known here only by a keyed hash of their number, so the table that makes callbacks
idempotent and counts questions per number holds no number a reader could use.
"""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from domain.base import utcnow


class PhoneRequest(SQLModel, table=True):
    """One callback of the gateway (an SMS by its id, a USSD session by its id), taken once."""

    __tablename__ = "phone_requests"
    __table_args__ = (sa.Index("ix_phone_requests_caller_at", "caller_hash", "received_at"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    gateway_key: str = Field(max_length=120, unique=True)
    """"sms:<the gateway's message id>" or "ussd:<session id>": the same callback again is
    recognised and not handled twice"""
    caller_hash: str = Field(max_length=64)
    """HMAC of the caller's number under the server's key, never the number"""
    kind: str = Field(max_length=20)
    """what it was: status, reply, stop, language, unknown"""
    received_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class FamilyMessage(SQLModel, table=True):
    """Words a consenting contact texted to the office, for the case's team to read and answer.
    The body is personal data: shown only to roles that read free text, audited when read."""

    __tablename__ = "family_messages"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    contact_id: uuid.UUID = Field(foreign_key="contacts.id", index=True)
    body: str = Field(max_length=1600)
    received_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    call_back_by: datetime = Field(sa_type=sa.DateTime(timezone=True))
    """the end of the working day it came in (or of the next one, after hours)"""
    read_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    read_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
