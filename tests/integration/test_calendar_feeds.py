"""Calendar feed use cases against PostgreSQL: one live feed per user, and who it opens for."""

import asyncio
import uuid

import pytest
from sqlalchemy import func
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from domain.errors import NotFound
from domain.hearings import CalendarFeed
from domain.users import Role
from service.usecases.accounts.users import add_user, disable_user
from service.usecases.hearings.calendar_feeds import feed_for_token, issue_feed
from tests.factories import TEST_ACTOR

Sessions = async_sessionmaker[AsyncSession]


async def live_feeds(sessions: Sessions, user_id: uuid.UUID) -> int:
    async with sessions() as session:
        return (
            await session.exec(
                select(func.count())
                .select_from(CalendarFeed)
                .where(CalendarFeed.user_id == user_id, col(CalendarFeed.revoked_at).is_(None))
            )
        ).one()


async def new_lawyer(sessions: Sessions) -> uuid.UUID:
    async with sessions() as session:
        user = await add_user(
            session,
            TEST_ACTOR,
            username=f"feed-{uuid.uuid4().hex[:8]}",
            full_name="Feed Owner",
            role=Role.LAWYER,
            password="a-long-enough-password",
        )
    return user.id


async def test_two_issues_at_once_leave_one_live_feed(sessions: Sessions) -> None:
    user_id = await new_lawyer(sessions)

    async def issue() -> str:
        async with sessions() as session:
            return await issue_feed(session, TEST_ACTOR, user_id)

    tokens = await asyncio.gather(*(issue() for _ in range(5)))
    assert len(set(tokens)) == 5
    assert await live_feeds(sessions, user_id) == 1


async def test_a_disabled_owners_feed_stops(sessions: Sessions) -> None:
    user_id = await new_lawyer(sessions)
    async with sessions() as session:
        token = await issue_feed(session, TEST_ACTOR, user_id)
    async with sessions() as session:
        assert (await feed_for_token(session, token)).owner.id == user_id
    async with sessions() as session:
        await disable_user(session, TEST_ACTOR, user_id)
    async with sessions() as session:
        with pytest.raises(NotFound):
            await feed_for_token(session, token)


async def test_a_feed_for_nobody_is_refused_and_writes_nothing(sessions: Sessions) -> None:
    async with sessions() as session:
        with pytest.raises(NotFound):
            await issue_feed(session, TEST_ACTOR, uuid.uuid4())
    async with sessions() as session:
        for table in (CalendarFeed, AuditEvent):
            assert (await session.exec(select(func.count()).select_from(table))).one() == 0
