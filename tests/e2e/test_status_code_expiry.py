"""Status codes expire after a year unless the lawyer renews them, answer as unknown ones once
expired, and are kept as a hash keyed with the server's secret."""

import hashlib
import hmac
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.family_codes import code_key, normalised
from service.app import create_app
from service.settings import Settings
from tests.conftest import TEST_SECRET_KEY, Account
from tests.e2e.helpers import Client, open_case
from tests.e2e.test_status_codes import ask, consenting, issue

A_YEAR = timedelta(days=365)


def about(expected: datetime, answered: str) -> bool:
    return abs(datetime.fromisoformat(answered) - expected) < timedelta(minutes=1)


async def expire(engine: AsyncEngine, case: dict[str, Any]) -> None:
    """As if the code had been issued a year and a second ago."""
    async with engine.begin() as db:
        await db.execute(
            text(
                "UPDATE status_codes SET expires_at = now() - interval '1 second' "
                "WHERE case_id = :id"
            ),
            {"id": case["id"]},
        )


async def test_a_code_works_for_a_year_and_staff_see_until_when(client: Client) -> None:
    case = await open_case(client)
    contact = await consenting(client, case)
    issued = await issue(client, case, contact)
    assert issued.status_code == 201, issued.text
    assert about(utcnow() + A_YEAR, issued.json()["expires_at"])

    listed = await client.get(f"/cases/{case['id']}/status-codes")
    assert listed.status_code == 200, listed.text
    [code] = listed.json()
    assert code["contact_id"] == contact["id"] and code["expired"] is False
    assert code["expires_at"] == issued.json()["expires_at"]
    assert issued.json()["code"] not in listed.text, "the code itself is never kept"


async def test_an_expired_code_answers_exactly_as_an_unknown_one(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    code = (await issue(client, case, await consenting(client, case))).json()["code"]
    assert (await ask(client, code)).status_code == 200
    await expire(engine, case)

    expired, unknown = await ask(client, code), await ask(client, "ZZZZ-ZZZZ")
    assert (expired.status_code, unknown.status_code) == (404, 404)
    assert expired.json() == unknown.json(), "no oracle: an expired code is an unknown one"
    assert expired.headers["content-type"] == unknown.headers["content-type"]
    listed = (await client.get(f"/cases/{case['id']}/status-codes")).json()
    assert [c["expired"] for c in listed] == [True], "staff see which codes to renew"


async def test_renewing_makes_the_familys_code_work_for_another_year(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case = await open_case(client)
    contact = await consenting(client, case)
    code = (await issue(client, case, contact)).json()["code"]
    await expire(engine, case)

    renewed = await client.post(f"/cases/{case['id']}/status-codes/{contact['id']}/renew")
    assert renewed.status_code == 200, renewed.text
    assert renewed.json()["contact_id"] == contact["id"]
    assert about(utcnow() + A_YEAR, renewed.json()["expires_at"])
    assert (await ask(client, code)).status_code == 200, "the same code works again"
    listed = (await client.get(f"/cases/{case['id']}/status-codes")).json()
    assert [(c["expired"], c["expires_at"]) for c in listed] == [
        (False, renewed.json()["expires_at"])
    ]
    trail = await client.get(
        "/audit", params={"action": "status_code.renew"}, headers=accounts["admin"].headers
    )
    assert trail.json()["items"][0]["detail"]["contact_id"] == contact["id"]
    assert code not in trail.text and code.replace("-", "") not in trail.text


async def test_a_revoked_code_is_not_renewed(client: Client) -> None:
    case = await open_case(client)
    contact = await consenting(client, case)
    code = (await issue(client, case, contact)).json()["code"]
    assert (
        await client.delete(f"/cases/{case['id']}/status-codes/{contact['id']}")
    ).status_code == 204

    for someone in (contact["id"], str(uuid.uuid4())):
        refused = await client.post(f"/cases/{case['id']}/status-codes/{someone}/renew")
        assert refused.status_code == 404, refused.text
        assert "issue a new one" in refused.json()["detail"]
    assert (await ask(client, code)).status_code == 404
    assert (await client.get(f"/cases/{case['id']}/status-codes")).json() == []


@pytest.fixture
async def monthly(database_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """An app of its own whose codes work for 30 days (HAKI_STATUS_CODE_DAYS)."""
    app = create_app(database_url, Settings(status_code_days=30))
    async with AsyncTestClient(app=app) as monthly_client:
        yield monthly_client


async def test_the_term_is_a_setting(
    client: Client, monthly: AsyncTestClient[Litestar], accounts: dict[str, Account]
) -> None:
    case = await open_case(client)
    contact = await consenting(client, case)
    issued = await monthly.post(
        f"/cases/{case['id']}/status-codes",
        json={"contact_id": contact["id"]},
        headers=accounts["lawyer"].headers,
    )
    assert issued.status_code == 201, issued.text
    assert about(utcnow() + timedelta(days=30), issued.json()["expires_at"])


@pytest.fixture
async def other_secret(database_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """The same database, served with another secret."""
    app = create_app(database_url, Settings(secret_key="another-secret-" + "x" * 32))
    async with AsyncTestClient(app=app) as other_client:
        yield other_client


async def test_the_code_is_kept_as_a_hash_keyed_with_the_server_secret(
    client: Client, engine: AsyncEngine, other_secret: AsyncTestClient[Litestar]
) -> None:
    """A bare SHA-256 of 40 bits falls to anyone who reads the table; keyed, it opens nothing
    without the secret, which the database does not hold."""
    case = await open_case(client)
    code = (await issue(client, case, await consenting(client, case))).json()["code"]
    plain = str(normalised(code)).encode()
    async with engine.connect() as db:
        kept = (await db.execute(text("SELECT code_hash FROM status_codes"))).scalar_one()
    assert kept != hashlib.sha256(plain).hexdigest()
    assert kept == hmac.new(code_key(TEST_SECRET_KEY), plain, hashlib.sha256).hexdigest()
    assert (await other_secret.get(f"/status/{code}")).status_code == 404
