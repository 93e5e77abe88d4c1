"""Signing in and out; bad credentials and bad tokens; slowing down and locking out."""

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.users import Role
from service.database import make_sessionmaker
from service.usecases.accounts.users import add_user, open_session
from tests.conftest import Account
from tests.e2e.helpers import Client
from tests.factories import TEST_ACTOR

SAME_REFUSAL = "The username or password is wrong, or the account is disabled."


async def login(client: Client, username: str, password: str) -> object:
    client.headers.pop("Authorization", None)
    return await client.post("/auth/login", json={"username": username, "password": password})


async def test_sign_in_use_the_token_and_sign_out(
    client: Client, accounts: dict[str, Account]
) -> None:
    viewer = accounts["viewer"]
    response = await login(client, "Test.Viewer ", viewer.password)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user"] == {
        "username": "test.viewer",
        "full_name": "Viewer",
        "role": "viewer",
        "email": None,
        "phone": None,
    }
    headers = {"Authorization": f"Bearer {body['token']}"}
    assert (await client.get("/auth/me", headers=headers)).json()["role"] == "viewer"
    assert (await client.post("/auth/logout", headers=headers)).status_code == 204
    after = await client.get("/auth/me", headers=headers)
    assert after.status_code == 401 and "sign in again" in after.json()["detail"]


@pytest.mark.parametrize(
    ("username", "password"),
    [("test.viewer", "wrong-password-entirely"), ("nobody.here", "any-password-at-all")],
    ids=["wrong-password", "unknown-user"],
)
async def test_refusals_do_not_tell_whether_the_account_exists(
    client: Client, username: str, password: str
) -> None:
    response = await login(client, username, password)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"] == SAME_REFUSAL


@pytest.mark.parametrize(
    ("headers", "phrase"),
    [
        ({}, "sign in first"),
        ({"Authorization": "Basic dGVzdDp0ZXN0"}, "sign in first"),
        ({"Authorization": "Bearer "}, "sign in first"),
        ({"Authorization": "Bearer forged-token-that-was-never-issued"}, "sign in again"),
    ],
)
async def test_missing_or_forged_tokens_are_401(
    client: Client, headers: dict[str, str], phrase: str
) -> None:
    client.headers.pop("Authorization", None)
    response = await client.get("/cases", headers=headers)
    assert response.status_code == 401 and phrase in response.json()["detail"]
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_a_tampered_or_expired_token_is_401(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    token = accounts["viewer"].token
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    client.headers.pop("Authorization", None)
    assert (
        await client.get("/cases", headers={"Authorization": f"Bearer {tampered}"})
    ).status_code == 401
    async with make_sessionmaker(engine)() as session, session.begin():
        expired = await open_session(session, accounts["viewer"].user, timedelta(seconds=-1))
    response = await client.get("/cases", headers={"Authorization": f"Bearer {expired.token}"})
    assert response.status_code == 401


async def test_a_disabled_account_is_locked_out_at_once(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    async with make_sessionmaker(engine)() as session:
        user = await add_user(
            session,
            TEST_ACTOR,
            username="soon.gone",
            full_name="Soon Gone",
            role=Role.VIEWER,
            password="soon-gone-password",
        )
    signed = (await login(client, "soon.gone", "soon-gone-password")).json()
    theirs = {"Authorization": f"Bearer {signed['token']}"}
    assert (await client.get("/cases", headers=theirs)).status_code == 200
    disabled = await client.post(f"/users/{user.id}/disable", headers=accounts["admin"].headers)
    assert disabled.status_code == 200 and disabled.json()["disabled_at"]
    assert (await client.get("/cases", headers=theirs)).status_code == 401
    again = await login(client, "soon.gone", "soon-gone-password")
    assert again.status_code == 401 and again.json()["detail"] == SAME_REFUSAL


async def test_malformed_login_bodies_are_400(client: Client) -> None:
    client.headers.pop("Authorization", None)
    broken = await client.post(
        "/auth/login", content=b'{"username": "x"', headers={"content-type": "application/json"}
    )
    assert broken.status_code == 400
    assert (await client.post("/auth/login", json={"username": "x"})).status_code == 400


async def test_failures_slow_down_then_lock_the_account(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    for _ in range(3):
        assert (await login(client, "test.viewer", "wrong-password-1")).status_code == 401
    slowed = await login(client, "test.viewer", accounts["viewer"].password)
    assert slowed.status_code == 429, "after 3 failures even the right password must wait"
    assert 1 <= int(slowed.headers["retry-after"]) <= 2
    await _age_attempts(engine, seconds=5)
    assert (await login(client, "test.viewer", "wrong-password-2")).status_code == 401
    await _age_attempts(engine, seconds=5)
    assert (await login(client, "test.viewer", "wrong-password-3")).status_code == 401
    locked = await login(client, "test.viewer", accounts["viewer"].password)
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 800
    assert "Too many failed sign-ins" in locked.json()["detail"]
    other = await login(client, "test.admin", accounts["admin"].password)
    assert other.status_code == 200, "another account from the same address is not locked"


async def test_many_failures_from_one_address_lock_that_address(client: Client) -> None:
    for n in range(20):
        assert (await login(client, f"guess{n}", "wrong-password-x")).status_code == 401
    assert (await login(client, "guess-next", "wrong-password-x")).status_code == 429


async def _age_attempts(engine: AsyncEngine, seconds: int) -> None:
    """Moves recorded attempts into the past instead of sleeping in the test."""
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE login_attempts SET at = at - make_interval(secs => :s)"), {"s": seconds}
        )


@pytest.mark.parametrize("password", ["password12", " " * 10], ids=["common", "ten-spaces"])
async def test_a_common_or_guessable_password_is_refused_in_one_language(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account], password: str
) -> None:
    body = {"username": "new.clerk", "full_name": "New Clerk", "role": "viewer"}
    refused = await client.post(
        "/users", json=body | {"password": password}, headers=accounts["admin"].headers
    )
    assert refused.status_code == 422, refused.text
    detail = refused.json()["detail"]
    assert "This password is" in detail and "Nenosiri" not in detail
    assert refused.json()["errors"][0]["field"] == "password"
    async with engine.connect() as db:
        found = await db.execute(text("SELECT count(*) FROM users WHERE username = 'new.clerk'"))
        assert found.scalar_one() == 0
