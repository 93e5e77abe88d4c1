"""Notices of intention to sue the Government, and when the wait they start is over.

Government Proceedings Act (Cap. 40) s.13A: no proceedings against the Government unless a
notice of intention to sue was served at least thirty days before, on the Attorney General and
the department concerned. The High Court has held that it does not bar a petition to enforce
the Bill of Rights (a constitutional petition), and Haki blocks no filing: it records the notice
and reminds counsel when the thirty days have passed.
"""

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.periods import first_day_after

NOTICE_DAYS = 30


class NoticeToSue(SQLModel, table=True):
    """One notice served; an office may serve several (the AG, then a department it missed)."""

    __tablename__ = "notices_to_sue"

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    served_on: date
    served_on_whom: str = Field(max_length=200)
    """the offices served, as the notice names them: "the Attorney General and the Inspector
    General of the National Police Service" """
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")


def suit_from(served_on: date) -> date:
    """The first day after the thirty days of s.13A, counted as IGPA s.57(a) counts: a notice
    served on 1 March 2021 has day 30 on 31 March, so suit may follow from 1 April 2021."""
    return first_day_after(served_on, NOTICE_DAYS)
