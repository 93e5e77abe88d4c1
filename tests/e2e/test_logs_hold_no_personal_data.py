"""The logs, set up as in production, of the demo data load and a family's whole journey — a
survivor registered, a contact with consent, a status code asked, a hearing, its reminders and
the messages sent — hold none of the demo survivors' or contacts' names or phone numbers."""

import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.users import User
from notifications.channels.log import LogChannel
from service.clock import ClockRules, tick
from service.demo import CASES, DEMO_CONTACTS, DEMO_USERS, load_demo_data
from service.dispatch import dispatch_once
from tests.conftest import empty_tables
from tests.e2e.helpers import Client, case_body, step

SURVIVOR, CONTACT, _, PHONE, _ = DEMO_CONTACTS[0]


def secrets() -> set[str]:
    """Every name, and every phone number as written, in E.164 and as bare digits."""
    names = {name for case in CASES for name in case.claimants}
    names |= {contact for _, contact, _, _, _ in DEMO_CONTACTS}
    phones = set()
    for *_, phone, _ in DEMO_CONTACTS:
        digits = re.sub(r"\D", "", phone)
        phones |= {phone, digits, "+254" + digits[1:], "254" + digits[1:], digits[1:]}
    return names | phones


@pytest.fixture
async def demo_accounts_removed(engine: AsyncEngine) -> AsyncIterator[None]:
    """Accounts outlive each test (tests/conftest.py): the demo's go, so that loading the demo
    data elsewhere in the run starts from none."""
    yield
    await empty_tables(engine)
    async with engine.begin() as connection:
        names = [username for username, _, _ in DEMO_USERS]
        await connection.execute(delete(User).where(col(User.username).in_(names)))


@pytest.mark.usefixtures("demo_accounts_removed")
async def test_no_name_or_phone_number_reaches_the_logs(
    client: Client,
    sessions: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    captured: io.StringIO,
) -> None:
    assert await load_demo_data(sessions, date.today()) == len(CASES)
    code = (await client.post("/survivors", json={"full_name": SURVIVOR})).json()["code"]
    refused = await client.post("/survivors", json={"full_name": SURVIVOR, "phone": PHONE})
    assert refused.status_code == 400
    case = (await client.post("/cases", json=case_body(code))).json()
    contact = await client.post(
        f"/survivors/{code}/contacts",
        # the log channel: SMS would wait out the family's quiet hours when this runs at night
        json={"name": CONTACT, "relationship": "sister", "phone": PHONE, "language": "sw",
              "channel": "log"},
    )  # fmt: skip
    assert contact.status_code == 201, contact.text
    contact_id = contact.json()["id"]
    assert (await client.post(f"/contacts/{contact_id}/consent", json={})).status_code == 200
    issued = await client.post(f"/cases/{case['id']}/status-codes", json={"contact_id": contact_id})
    status_code = issued.json()["code"]
    assert (await client.get(f"/status/{status_code}")).status_code == 200
    await client.get(f"/survivors/{code}")
    await client.get(f"/survivors/{code}/contacts")
    filed = await step(
        client, case, "file", occurred_on="2021-03-01", court_number="HCCC 9 of 2021"
    )
    assert filed.status_code == 201
    soon = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    hearing = await client.post(
        f"/cases/{case['id']}/hearings", json={"starts_at": soon.isoformat(), "purpose": "mention"}
    )
    assert hearing.status_code == 201, hearing.text
    handed = await tick(engine, ClockRules(), soon - timedelta(hours=1))
    assert handed.handed_over > 0
    logged_only = {"log": LogChannel(), "sms": LogChannel(), "email": LogChannel()}
    sent = await dispatch_once(engine, sessions, logged_only)
    assert sent.sent > 0

    logged = captured.getvalue()
    assert logged.count('"logger": "haki.access"') >= 10, "the journey was logged"
    assert case["reference"] in logged, "the case reference is there"
    assert "delivery" in logged, "and the messages sent"
    leaked = {secret for secret in secrets() if secret in logged}
    assert leaked == set()
    assert status_code not in logged and status_code.replace("-", "") not in logged
