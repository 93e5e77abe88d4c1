"""Who hears from Haki about a survivor's case, in which language, and whether they agreed to.

Phone numbers and e-mail addresses of families are personal data of people who may be under
threat: they live here only, never in a message log, and only with consent are they used.
"""

import uuid
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel, col

from domain.base import utcnow
from domain.calendar import NAIROBI
from domain.cases import value_enum


class Channel(StrEnum):
    SMS = "sms"
    EMAIL = "email"
    LOG = "log"
    """written to the service's log only: the default in development"""


class ConsentWay(StrEnum):
    """How the contact said yes: the first thing asked of an office that says it had consent."""

    IN_PERSON = "in_person"
    PHONE_CALL = "phone_call"
    SIGNED_FORM = "signed_form"


class Contact(SQLModel, table=True):
    """A survivor, or a family member speaking for them, who may receive updates."""

    __tablename__ = "contacts"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    survivor_id: uuid.UUID = Field(foreign_key="survivors.id", index=True)
    name: str = Field(max_length=200)
    relationship: str = Field(max_length=60)
    """"self", "mother", "brother", … as the family describes it"""
    phone: str | None = Field(default=None, max_length=20)
    """E.164, a mobile number when the channel is SMS"""
    email: str | None = Field(default=None, max_length=254)
    language: str = Field(max_length=2)
    channel: Channel = Field(sa_type=value_enum(Channel, "channel"))
    consent_given_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    consent_recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    """who took the consent and recorded it"""
    consent_way: ConsentWay | None = Field(
        default=None, sa_type=value_enum(ConsentWay, "consent_way")
    )
    """how it was given; None: not said (consent recorded before Haki asked)"""
    consent_withdrawn_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    consent_suspended_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    """the phone or e-mail changed after consent: nothing is sent until consent is recorded
    again, as the new number or address may not be the family's"""
    amounts_opt_in: bool = False
    """may messages name sums of money (a payment received)? Off unless the contact asks"""
    quiet_from: time = time(21, 0)
    quiet_until: time = time(7, 0)
    """no SMS between these Nairobi times; a message falling due then waits for morning"""
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    @property
    def consents(self) -> bool:
        return (
            self.consent_given_at is not None
            and self.consent_withdrawn_at is None
            and self.consent_suspended_at is None
        )


def consenting() -> sa.ColumnElement[bool]:
    """`Contact.consents` as SQL, for the queries that pick whom to write to."""
    return sa.and_(
        col(Contact.consent_given_at).is_not(None),
        col(Contact.consent_withdrawn_at).is_(None),
        col(Contact.consent_suspended_at).is_(None),
    )


class StatusCode(SQLModel, table=True):
    """A case-scoped code a consenting contact uses to ask "where is my case?". Only its keyed
    hash is kept (domain/family_codes.py); it shows the case's stage, in words that never tell
    the outcome, and the next court date, and nothing else, until it expires or is revoked."""

    __tablename__ = "status_codes"

    code_hash: str = Field(primary_key=True, max_length=64)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    contact_id: uuid.UUID = Field(foreign_key="contacts.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    """a year after it was issued or last renewed (HAKI_STATUS_CODE_DAYS); then it answers as
    an unknown code until the lawyer renews it"""
    revoked_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


def quiet_until(now: datetime, start: time, end: time) -> datetime | None:
    """When the quiet hours around `now` end (Nairobi), or None when `now` is not in them.

    The usual window runs over midnight (21:00 to 07:00); one within a day works too.
    """
    local = now.astimezone(NAIROBI)
    clock = local.time()
    overnight = start > end
    inside = (clock >= start or clock < end) if overnight else start <= clock < end
    if not inside:
        return None
    day = local.date() + timedelta(days=1) if overnight and clock >= start else local.date()
    return datetime.combine(day, end, tzinfo=NAIROBI)
