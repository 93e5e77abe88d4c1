"""People who use Haki, their sessions and their sign-in attempts, and who works on which case."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.cases import value_enum


class Role(StrEnum):
    ADMIN = "admin"
    LAWYER = "lawyer"
    ADVOCACY = "advocacy"
    VIEWER = "viewer"


@dataclass(frozen=True)
class Principal:
    """The signed-in person a request acts for: what the access rules and audit need to know."""

    id: uuid.UUID
    username: str
    full_name: str
    role: Role


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    username: str = Field(max_length=60, unique=True)
    full_name: str = Field(max_length=120)
    role: Role = Field(sa_type=value_enum(Role, "role"))
    password_hash: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=20)
    """E.164 mobile number, for reminders by SMS"""
    disabled_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class AuthSession(SQLModel, table=True):
    """A signed-in session. Only a hash of its token is kept, so a leaked table opens nothing."""

    __tablename__ = "auth_sessions"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    revoked_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class LoginAttempt(SQLModel, table=True):
    """Kept in PostgreSQL so that every API replica counts the same failures."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        sa.Index("ix_login_attempts_username_at", "username", "at"),
        sa.Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    username: str = Field(max_length=60)
    address: str = Field(max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    succeeded: bool


class CaseMember(SQLModel, table=True):
    """A lawyer on a case's team; `lead` marks lead counsel. Lawyers see only these cases."""

    __tablename__ = "case_team"

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True, index=True)
    lead: bool = False
    added_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
