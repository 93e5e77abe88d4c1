"""Where staff reminders go: each person sets their own e-mail and mobile; an admin anyone's."""

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.users import Role
from service.database import make_sessionmaker
from service.usecases.accounts.users import add_user, open_session
from tests.conftest import Account
from tests.e2e.helpers import Client
from tests.factories import TEST_ACTOR


async def newcomer(engine: AsyncEngine) -> tuple[uuid.UUID, dict[str, str]]:
    """A lawyer of their own, so the shared test accounts keep no address between tests."""
    sessions = make_sessionmaker(engine)
    async with sessions() as session:
        user = await add_user(
            session,
            TEST_ACTOR,
            username=f"new.{uuid.uuid4().hex[:8]}",
            full_name="Achieng Odhiambo",
            role=Role.LAWYER,
            password="a-long-enough-password",
        )
    async with sessions() as session, session.begin():
        token = (await open_session(session, user, timedelta(minutes=5))).token
    return user.id, {"Authorization": f"Bearer {token}"}


async def test_i_set_my_own_email_and_mobile(client: Client, engine: AsyncEngine) -> None:
    _, me = await newcomer(engine)
    assert (await client.get("/auth/me", headers=me)).json()["phone"] is None
    body = {"email": "Achieng@Haki.example.org", "phone": "0722 000 111"}
    done = await client.put("/auth/me/contact-details", json=body, headers=me)
    assert done.status_code == 200, done.text
    shown = (await client.get("/auth/me", headers=me)).json()
    assert (shown["email"], shown["phone"]) == ("Achieng@haki.example.org", "+254722000111")

    for wrong, field in (({"phone": "020 2345678"}, "phone"), ({"email": "achieng@"}, "email")):
        refused = await client.put("/auth/me/contact-details", json=wrong, headers=me)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == field
    unchanged = (await client.get("/auth/me", headers=me)).json()
    assert unchanged["phone"] == "+254722000111", "a refusal changes nothing"

    cleared = await client.put("/auth/me/contact-details", json={}, headers=me)
    assert (cleared.json()["email"], cleared.json()["phone"]) == (None, None)


async def test_an_admin_sets_anyones_and_sees_them_in_the_user_list(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    user_id, _ = await newcomer(engine)
    admin = accounts["admin"].headers
    done = await client.put(
        f"/users/{user_id}/contact-details", json={"phone": "+254 110 123 456"}, headers=admin
    )
    assert done.status_code == 200, done.text
    listed = {u["id"]: u for u in (await client.get("/users", headers=admin)).json()}
    assert (listed[str(user_id)]["phone"], listed[str(user_id)]["email"]) == (
        "+254110123456",
        None,
    )
    refused = await client.put(f"/users/{user_id}/contact-details", json={})
    assert refused.status_code == 403, "a lawyer sets only their own"
    missing = await client.put(f"/users/{uuid.uuid4()}/contact-details", json={}, headers=admin)
    assert missing.status_code == 404
