"""A page's form sent twice is written once: each rendered form carries its own one-time token,
claimed in PostgreSQL by the first submit; a second submit writes nothing and shows the record
as it is, with a plain message. Seven clicks on "Record the payment" used to record seven."""

import asyncio
import re
from datetime import UTC, datetime, timedelta
from html import unescape

from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import awarded_and_part_paid, registered_case
from tests.web.conftest import Browser, sign_in

AGAIN = "This form had already been sent, so nothing was recorded a second time."
SEVEN = 7


def once_of(page: str, action: str) -> str:
    """The one-time token of the form that posts to `action` on this rendered page."""
    form = page.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    found = re.search(r'name="_once" value="([^"]+)"', form)
    assert found, f"the form to {action} carries no one-time token"
    return found.group(1)


async def count(engine: AsyncEngine, table: str) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_a_payment_form_sent_seven_times_records_one_payment(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{award.case_id}")).text
    action = f"/web/awards/{award.id}/payments"
    form = {
        "received_on": "2024-07-01",
        "amount": "500.00",
        "payer": "National Treasury",
        "reference": "TR/2024/7",
        "_form_token": token,
        "_once": once_of(page, action),
    }
    before = await count(engine, "payments_received")
    answers = [await web.post(action, data=form) for _ in range(SEVEN)]
    assert [a.status_code for a in answers] == [303] * SEVEN, answers[1].text
    assert await count(engine, "payments_received") == before + 1
    first, again = answers[0].headers["location"], answers[1].headers["location"]
    assert first.startswith(f"/web/cases/{award.case_id}?done=payment")
    assert again == f"/web/cases/{award.case_id}?award={award.id}&again=1#award-{award.id}"
    shown = await web.get(again.split("#")[0])
    assert shown.status_code == 200 and AGAIN in unescape(shown.text)
    assert "Ksh1,500.00" in shown.text, "the record as it stands: one payment of 500 more"


async def test_seven_at_once_from_two_processes_record_one_follow_up(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account], database_url: str
) -> None:
    """The token is claimed in PostgreSQL, so a double click reaching another replica is
    caught too; each submit waits for the first and is sent where it went."""
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{award.case_id}")).text
    action = f"/web/awards/{award.id}/follow-ups"
    form = {"on": "2024-07-01", "kind": "letter", "reference": "AG/FU/9", "_form_token": token}
    form["_once"] = once_of(page, action)
    async with AsyncTestClient(app=create_app(database_url)) as other:
        other.follow_redirects = False
        other.cookies.update(web.cookies)
        answers = await asyncio.gather(
            *((web if n % 2 else other).post(action, data=form) for n in range(SEVEN))
        )
    assert [a.status_code for a in answers] == [303] * SEVEN
    assert await count(engine, "follow_ups") == 1
    assert sum("done=follow_up" in a.headers["location"] for a in answers) == 1


async def test_a_refused_form_can_be_put_right_and_sent_again(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    """Nothing was written, so the token is not used up: back, correct, send."""
    case, _ = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{case.id}")).text
    action = f"/web/cases/{case.id}/hearings"
    form = {"purpose": "mention", "_form_token": token, "_once": once_of(page, action)}
    refused = await web.post(action, data=form | {"starts_at": "2020-01-01T09:00"})
    assert refused.status_code == 422
    soon = (datetime.now(UTC) + timedelta(days=60)).strftime("%Y-%m-%dT%H:%M")
    done = await web.post(action, data=form | {"starts_at": soon})
    assert done.status_code == 303 and "done=scheduled" in done.headers["location"]
    assert await count(engine, "hearings") == 1


async def test_every_form_on_every_page_carries_its_own_one_time_token(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    await sign_in(web, accounts["lawyer"])
    pages = [
        f"/web/cases/{award.case_id}",
        f"/web/awards/{award.id}/ledger",
        "/web/cases/new",
        "/web/calendar",
        "/web/",
    ]
    for address in pages:
        html = (await web.get(address)).text
        forms = re.findall(r'<form method="post".*?</form>', html, re.S)
        assert forms, address
        tokens = [re.search(r'name="_once" value="([^"]+)"', form) for form in forms]
        assert all(tokens), f"a form on {address} has no one-time token"
        values = [t.group(1) for t in tokens if t]
        assert len(set(values)) == len(values), f"two forms on {address} share a token"
