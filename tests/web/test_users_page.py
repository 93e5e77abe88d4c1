"""The users page: an administrator adds, changes and disables accounts, in both languages."""

import uuid
from datetime import timedelta

from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.users import Role
from service.database import make_sessionmaker
from service.usecases.accounts.users import find_user, open_session, principal_for_token
from tests.conftest import Account
from tests.web.conftest import Browser, sign_in


def fresh_username() -> str:
    return f"amina.{uuid.uuid4().hex[:6]}"


def new_lawyer(username: str, password: str = "a-long-enough-password") -> dict[str, str]:
    return {
        "username": username,
        "full_name": "Amina Wekesa",
        "role": "lawyer",
        "password": password,
    }


async def test_an_administrator_adds_a_lawyer_and_a_second_one_of_the_same_name_is_refused(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["admin"])
    week = await web.get("/web/")
    assert 'href="/web/admin"' in week.text
    username = fresh_username()
    added = await web.post("/web/users", data=new_lawyer(username) | {"_form_token": token})
    assert added.status_code == 303, added.text
    listing = await web.get(added.headers["location"])
    assert "The account is added." in listing.text
    assert f"({username})" in listing.text and "Amina Wekesa" in listing.text
    assert "argon2" not in listing.text and "a-long-enough-password" not in listing.text
    again = await web.post(
        "/web/users",
        data=new_lawyer(username.upper(), "another-long-password") | {"_form_token": token},
    )
    assert again.status_code == 409
    assert (
        f'id="add-username-error">There is already a user called {username}: '
        "choose another username." in again.text
    )
    assert f'value="{username.upper()}"' in again.text  # kept as typed
    assert "another-long-password" not in again.text  # never sent back


async def test_a_short_password_is_refused_in_words_in_both_languages(
    web: Browser, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["admin"])
    username = fresh_username()
    short = await web.post(
        "/web/users", data=new_lawyer(username, "short") | {"_form_token": token}
    )
    assert short.status_code == 400
    assert 'id="add-password-error">A password needs at least 10 characters.' in short.text
    assert f'value="{username}"' in short.text and 'value="short"' not in short.text
    assert "$.password" not in short.text and "Expected" not in short.text
    await web.get("/web/language/sw")
    page = await web.get("/web/users")
    assert "<h1>Watumiaji</h1>" in page.text and "Ongeza akaunti" in page.text
    short = await web.post(
        "/web/users", data=new_lawyer(username, "short") | {"_form_token": token}
    )
    assert 'id="add-password-error">Nenosiri linahitaji angalau herufi 10.' in short.text
    added = await web.post("/web/users", data=new_lawyer(username) | {"_form_token": token})
    assert added.status_code == 303
    again = await web.post("/web/users", data=new_lawyer(username) | {"_form_token": token})
    assert f"Tayari kuna mtumiaji anayeitwa {username}" in again.text


async def test_a_new_password_ends_the_persons_sessions_and_a_role_can_be_changed(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["admin"])
    username = fresh_username()
    await web.post("/web/users", data=new_lawyer(username) | {"_form_token": token})
    sessions = make_sessionmaker(engine)
    async with sessions() as session:
        user = await find_user(session, username)
    async with sessions() as session, session.begin():
        signed = await open_session(session, user, timedelta(hours=1))
    short = await web.post(
        f"/web/users/{user.id}/password", data={"password": "too-short", "_form_token": token}
    )
    assert short.status_code == 400
    assert f'id="password-{user.id}-password-error">A password needs at least' in short.text
    reset = await web.post(
        f"/web/users/{user.id}/password",
        data={"password": "a-brand-new-password", "_form_token": token},
    )
    assert reset.status_code == 303
    assert "signed out everywhere" in (await web.get(reset.headers["location"])).text
    async with engine.connect() as db:
        assert await principal_for_token(db, signed.token) is None
    changed = await web.post(
        f"/web/users/{user.id}/role", data={"role": "advocacy", "_form_token": token}
    )
    assert changed.status_code == 303
    async with sessions() as session:
        assert (await find_user(session, username)).role is Role.ADVOCACY
    own = await web.post(
        f"/web/users/{accounts['admin'].user.id}/role",
        data={"role": "viewer", "_form_token": token},
    )
    assert own.status_code == 422 and "You cannot change your own role" in own.text
    disabled = await web.post(f"/web/users/{user.id}/disable", data={"_form_token": token})
    assert disabled.status_code == 303
    listing = await web.get("/web/users")
    assert "Disabled since" in listing.text


async def test_no_one_but_an_administrator_sees_or_uses_the_users_page(
    web: Browser, app: Litestar, accounts: dict[str, Account]
) -> None:
    for role in ("lawyer", "advocacy", "viewer"):
        web.cookies.clear()
        token = await sign_in(web, accounts[role])
        assert 'href="/web/admin"' not in (await web.get("/web/")).text
        assert (await web.get("/web/users")).status_code == 403
        sent = await web.post(
            "/web/users", data=new_lawyer(fresh_username()) | {"_form_token": token}
        )
        assert sent.status_code == 403
