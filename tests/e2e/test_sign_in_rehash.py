"""A password hashed with Argon2's older parameters (4 lanes) still signs in, and its hash is
made again with today's, so that its next check runs in one thread."""

from argon2 import PasswordHasher, extract_parameters
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.usecases.accounts.passwords import HASHER
from tests.conftest import Account
from tests.e2e.helpers import Client

STORED = "SELECT password_hash FROM users WHERE username = 'test.viewer'"


async def test_an_older_hash_is_made_again_at_sign_in(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    viewer = accounts["viewer"]
    older = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(viewer.password)
    async with engine.begin() as db:
        await db.execute(
            text("UPDATE users SET password_hash = :older WHERE username = 'test.viewer'"),
            {"older": older},
        )
    client.headers.pop("Authorization", None)
    login = {"username": "test.viewer", "password": viewer.password}
    assert (await client.post("/auth/login", json=login)).status_code == 200
    async with engine.connect() as db:
        made_again = (await db.execute(text(STORED))).scalar_one()
    assert made_again != older
    assert extract_parameters(made_again) == extract_parameters(HASHER.hash("x"))
    assert HASHER.verify(made_again, viewer.password)
    assert (await client.post("/auth/login", json=login)).status_code == 200
    async with engine.connect() as db:
        assert (await db.execute(text(STORED))).scalar_one() == made_again


async def test_a_wrong_password_leaves_an_older_hash_alone(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    older = PasswordHasher(parallelism=4).hash(accounts["viewer"].password)
    async with engine.begin() as db:
        await db.execute(
            text("UPDATE users SET password_hash = :older WHERE username = 'test.viewer'"),
            {"older": older},
        )
    client.headers.pop("Authorization", None)
    login = {"username": "test.viewer", "password": "not-the-viewer-password"}
    assert (await client.post("/auth/login", json=login)).status_code == 401
    async with engine.connect() as db:
        assert (await db.execute(text(STORED))).scalar_one() == older
