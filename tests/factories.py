"""Records made through the real use cases, for tests that need a case to work on."""

import uuid
from datetime import date, datetime

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.cases import Case
from domain.stages import CaseKind, CourtLevel
from service.usecases.cases import open_case
from service.usecases.survivors import register_survivor

TEST_ACTOR = Actor("tests", "local")


async def registered_case(
    sessions: async_sessionmaker[AsyncSession],
    *,
    lead: uuid.UUID | None = None,
    opened_on: date | None = None,
    now: datetime | None = None,
) -> tuple[Case, str]:
    """A civil claim at intake with one newly registered claimant; returns it and their code."""
    async with sessions() as session:
        survivor = await register_survivor(session, TEST_ACTOR, full_name="Test Person", now=now)
    async with sessions() as session:
        case = await open_case(
            session,
            TEST_ACTOR,
            reference="HAKI/T/1",
            title="T v Attorney General",
            kind=CaseKind.CIVIL_CLAIM,
            court_level=CourtLevel.HIGH_COURT,
            court_station="Nyeri",
            lead_counsel="Counsel",
            claimants=[survivor.code],
            respondents=["Attorney General"],
            opened_on=opened_on,
            lead=lead,
            now=now,
        )
    return case, survivor.code
