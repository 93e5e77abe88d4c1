"""`haki worker --once`, as an operator would run it after an outage: what is due goes out."""

from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.hearings import HearingPurpose
from service.cli import main
from service.usecases.hearings.court_dates import schedule
from service.usecases.hearings.dates_in import HearingIn
from tests.factories import TEST_ACTOR, registered_case


@pytest.fixture
async def overdue_reminder(sessions: async_sessionmaker[AsyncSession]) -> None:
    """A hearing in three days, set ten days ago: its 7-day reminder fell due four days ago."""
    now = datetime.now(UTC)
    case, _ = await registered_case(sessions, now=now - timedelta(days=30))
    async with sessions() as session:
        await schedule(
            session,
            TEST_ACTOR,
            case.id,
            HearingIn(starts_at=now + timedelta(days=3), purpose=HearingPurpose.MENTION),
            now=now - timedelta(days=10),
        )


@pytest.mark.usefixtures("overdue_reminder")
def test_worker_once_hands_over_what_fell_due_while_it_was_down(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    first = CliRunner().invoke(main, ["worker", "--once"])
    assert first.exit_code == 0, first.output
    assert "handed over 1 (1 late), 0 expired" in first.output
    again = CliRunner().invoke(main, ["worker", "--once"])
    assert "handed over 0 (0 late)" in again.output
