"""`haki user add … --email --phone`: where a colleague's reminders go, checked as in the API."""

import asyncio
import uuid

import pytest
from click.testing import CliRunner
from sqlmodel import select

from domain.users import User
from service.cli import main
from service.database import make_engine, make_sessionmaker


@pytest.fixture
def haki(database_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", database_url)
    return CliRunner()


def add(haki: CliRunner, username: str, *options: str) -> tuple[int, str]:
    done = haki.invoke(
        main,
        [
            "user",
            "add",
            username,
            "--name",
            "A Y",
            "--role",
            "lawyer",
            "--password-stdin",
            *options,
        ],
        input="a-long-cli-password\n",
    )
    return done.exit_code, done.output


async def addresses_of(database_url: str, username: str) -> tuple[str | None, str | None]:
    engine = make_engine(database_url, pool_size=1)
    try:
        async with make_sessionmaker(engine)() as session:
            user = (await session.exec(select(User).where(User.username == username))).one()
        return user.email, user.phone
    finally:
        await engine.dispose()


def test_a_user_is_added_with_an_email_and_mobile(haki: CliRunner, database_url: str) -> None:
    """Synchronous, as the command runs its own event loop."""
    username = f"cli.{uuid.uuid4().hex[:8]}"
    assert add(haki, username, "--email", "amina@example.org", "--phone", "0712 345 678") == (
        0,
        f"added {username} (lawyer)\n",
    )
    found = asyncio.run(addresses_of(database_url, username))
    assert found == ("amina@example.org", "+254712345678")


def test_a_landline_is_refused_and_no_user_is_added(haki: CliRunner) -> None:
    username = f"cli.{uuid.uuid4().hex[:8]}"
    code, output = add(haki, username, "--phone", "020 2345678")
    assert code == 1 and "refused: +254202345678 is not a mobile number" in output
    code, output = add(haki, username)
    assert code == 0, "the name was not taken by the refused attempt"
