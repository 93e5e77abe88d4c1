"""The logs, set up as in production, of the demo data load and a family's whole journey — a
survivor registered, a contact with consent, a status code asked, a hearing, its reminders and
the messages sent — hold none of the demo survivors' or contacts' names or phone numbers. When
things fail, the same holds: tests/e2e/test_failures_log_no_personal_data.py."""

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
from service.demo import CASES, DEMO_USERS, load_demo_data
from service.demo_records import DEMO_CONTACTS
from service.dispatch import dispatch_once
from tests.conftest import REPORT_SECRET, empty_tables
from tests.e2e.helpers import Client, award_on, case_body, judged, step
from tests.loopback_gateway import Phone

SURVIVOR, CONTACT, _, PHONE, _ = DEMO_CONTACTS[0]
WORDS_TO_THE_TEAM = "Nipigie tafadhali, askari walikuja nyumbani jana usiku"


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
    violation = {
        "year": 2020,
        "county": "Nairobi",
        "types": ["torture"],
        "agency": "gsu",
        "place": f"outside {SURVIVOR}'s home",
        "officers": CONTACT,
        "cases": [case["id"]],
    }
    recorded = await client.post(f"/survivors/{code}/violations", json=violation)
    assert recorded.status_code == 201, recorded.text
    mistyped = await client.post(
        f"/survivors/{code}/violations", json=violation | {"county": SURVIVOR}
    )
    assert mistyped.status_code == 422
    await client.get(f"/survivors/{code}/violations")
    await client.get(f"/cases/{case['id']}/violations")
    page_code = await the_contacts_page(client, code, case["id"])
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

    # the family by phone: the USSD menu, keywords, words for the team, then STOP
    handset = Phone(client, REPORT_SECRET, "+254" + re.sub(r"\D", "", PHONE)[1:])
    await handset.dial()
    await handset.answer("2")
    assert (await handset.answer(status_code)).text.startswith("END Case")
    for words in (f"hali {status_code}", WORDS_TO_THE_TEAM, "LUGHA EN", "ACHA"):
        assert (await handset.text(words)).status_code == 200
    assert (await handset.opt_out_at_the_gateway()).status_code == 200
    await dispatch_once(engine, sessions, logged_only)
    award = await award_on(client, await judged(client, reference="HAKI/LOG/2"))
    terms = f"Consent with {SURVIVOR}, paid through {CONTACT}"
    for day, status in (("2020-01-01", 422), ("2021-04-01", 201)):
        settled = await client.post(
            f"/awards/{award['id']}/settlement",
            json={"settled_on": day, "amount": "500000.00", "terms": terms},
        )
        assert settled.status_code == status, settled.text

    logged = captured.getvalue()
    assert logged.count('"logger": "haki.access"') >= 10, "the journey was logged"
    assert case["reference"] in logged, "the case reference is there"
    assert "delivery" in logged, "and the messages sent"
    assert "/phones/ussd/" in logged and "/phones/sms/" in logged, "the callbacks were logged"
    leaked = {secret for secret in secrets() if secret in logged}
    assert leaked == set()
    assert status_code not in logged and status_code.replace("-", "") not in logged
    assert "askari" not in logged and REPORT_SECRET not in logged
    assert page_code not in logged and page_code.replace("-", "") not in logged


async def the_contacts_page(client: Client, code: str, case_id: str) -> str:
    """The same through the contacts page's forms: a contact refused for an e-mail holding a
    name, then added, consenting, readdressed (suspended), consenting again, and given a status
    code; returns the code."""
    _, name, _, phone, _ = DEMO_CONTACTS[1]
    form = {"name": name, "relationship": "brother", "language": "en", "channel": "log",
            "phone": PHONE, "quiet_from": "21:00", "quiet_until": "07:00"}  # fmt: skip
    address = f"/web/survivors/{code}/contacts"
    refused = await client.post(address, data=form | {"email": f"{name}@"})
    assert refused.status_code == 422, refused.text
    added = await client.post(address, data=form, follow_redirects=False)
    assert added.status_code == 303, added.text
    contact_id = added.headers["location"].rsplit("#contact-", 1)[1]
    consent = f"/web/contacts/{contact_id}/consent"
    assert "Consent is recorded" in (await client.post(consent, data={"way": "phone_call"})).text
    readdressed = form | {"version": "2", "phone": phone}
    changed = await client.post(f"/web/contacts/{contact_id}", data=readdressed)
    assert "consent is suspended" in changed.text, changed.text
    assert "Consent is recorded" in (await client.post(consent, data={"way": "phone_call"})).text
    issued = await client.post(
        f"/web/cases/{case_id}/status-codes", data={"contact_id": contact_id}
    )
    found = re.search(r'<strong class="code">([A-Z0-9-]+)</strong>', issued.text)
    assert found, issued.text
    assert (await client.get(address)).status_code == 200
    return found.group(1)
