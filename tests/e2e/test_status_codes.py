"""Status codes through HTTP: "where is my case?" for a consenting family, and nothing more."""

import io
import json
import re
import uuid
from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from httpx import Response
from litestar import Litestar
from litestar.testing import AsyncTestClient

from domain.base import utcnow
from domain.calendar import NAIROBI
from notifications.formatting import long_date
from notifications.i18n import Language
from service.app import create_app
from service.settings import Settings
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case, step
from tests.e2e.test_contacts import add_contact, consent

ANSWER_KEYS = {"survivor", "stage", "next_court_date", "language"}
CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


async def ask(client: Client, code: str, **params: str) -> Response:
    """As a family asks: no Authorization header."""
    signed_in = client.headers.pop("Authorization", None)
    try:
        return await client.get(f"/status/{code}", params=params)
    finally:
        if signed_in:
            client.headers["Authorization"] = signed_in


async def issue(client: Client, case: dict[str, Any], contact: dict[str, Any]) -> Response:
    return await client.post(
        f"/cases/{case['id']}/status-codes", json={"contact_id": contact["id"]}
    )


async def consenting(client: Client, case: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    contact = await add_contact(client, case["claimants"][0], **overrides)
    return await consent(client, contact)


def in_days(days: int) -> date:
    return utcnow().astimezone(NAIROBI).date() + timedelta(days=days)


async def hearing_on(client: Client, case: dict[str, Any], day: date) -> None:
    starts = datetime.combine(day, time(9), tzinfo=NAIROBI).isoformat()
    made = await client.post(
        f"/cases/{case['id']}/hearings", json={"starts_at": starts, "purpose": "mention"}
    )
    assert made.status_code == 201, made.text


async def test_a_code_is_issued_only_to_a_consenting_contact_of_a_claimant(
    client: Client,
) -> None:
    case = await open_case(client)
    contact = await add_contact(client, case["claimants"][0])
    refused = await issue(client, case, contact)
    assert refused.status_code == 422
    assert "has not consented" in refused.json()["detail"]
    assert refused.json()["errors"][0]["field"] == "contact_id"

    other = await open_case(client, survivor_name="Someone Else", reference="HAKI/LIT/2021/002")
    stranger = await consenting(client, other)
    not_a_claimant = await issue(client, case, stranger)
    unknown_id = str(uuid.uuid4())
    unknown = await issue(client, case, {"id": unknown_id})
    assert not_a_claimant.status_code == unknown.status_code == 422
    assert "speaks for a claimant in this case" in unknown.json()["detail"]
    assert not_a_claimant.text.replace(stranger["id"], "<id>") == unknown.text.replace(
        unknown_id, "<id>"
    ), "another survivor's contact is refused as an unknown id is: no oracle"

    await consent(client, contact)
    issued = await issue(client, case, contact)
    assert issued.status_code == 201, issued.text
    assert CODE.match(issued.json()["code"])
    assert issued.json()["url"].endswith(f"/status/{issued.json()['code']}")


async def test_the_answer_is_the_stage_and_next_date_and_nothing_else(client: Client) -> None:
    case = await open_case(client, survivor_name="Wanjiku Secret")
    contact = await consenting(client, case, language="en", email="mama@example.org")
    await hearing_on(client, case, in_days(30))
    await hearing_on(client, case, in_days(12))
    code = (await issue(client, case, contact)).json()["code"]

    answer = await ask(client, code)
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    assert set(answer.json()) == ANSWER_KEYS
    assert answer.json() == {
        "survivor": case["claimants"][0],
        "stage": "Being prepared for court",
        "next_court_date": long_date(in_days(12), Language.EN),
        "language": "en",
    }
    for secret in ("Wanjiku", "Secret", "Mama", "712345678", "example.org", "Nyeri", "Nairobi"):
        assert secret not in answer.text
    for secret in (case["reference"], case["title"], "Attorney General", "High Court"):
        assert secret not in answer.text
    typed = code.lower().replace("-", " ")
    assert (await ask(client, typed)).json() == answer.json(), "typed loosely, still found"


async def test_the_family_is_answered_in_swahili(client: Client) -> None:
    case = await open_case(client, court_number="Petition E9 of 2020")
    for trigger in ("file", "exchange_pleadings", "set_down_for_hearing", "reserve_judgment"):
        assert (await step(client, case, trigger, occurred_on="2020-06-01")).status_code == 201
    await hearing_on(client, case, in_days(9))
    contact = await consenting(client, case)
    code = (await issue(client, case, contact)).json()["code"]

    answer = (await ask(client, code)).json()
    assert answer["stage"] == "Inasubiri hukumu" and answer["language"] == "sw"
    assert answer["next_court_date"] == long_date(in_days(9), Language.SW)
    assert answer["next_court_date"] != long_date(in_days(9), Language.EN), "Swahili months"
    english = (await ask(client, code, lang="en")).json()
    assert (english["stage"], english["language"]) == ("Waiting for judgment", "en")


async def test_a_vacated_date_is_not_the_next_court_date(client: Client) -> None:
    case = await open_case(client)
    await hearing_on(client, case, in_days(3))
    hearing = (await client.get(f"/cases/{case['id']}/hearings")).json()[0]
    vacated = await client.post(
        f"/hearings/{hearing['id']}/vacate", json={"version": 1, "reason": "the judge is away"}
    )
    assert vacated.status_code == 201, vacated.text
    contact = await consenting(client, case)
    code = (await issue(client, case, contact)).json()["code"]
    assert (await ask(client, code)).json()["next_court_date"] is None


async def test_revoked_replaced_and_guessed_codes_all_get_the_same_404(client: Client) -> None:
    case = await open_case(client)
    contact = await consenting(client, case)
    first = (await issue(client, case, contact)).json()["code"]
    second = (await issue(client, case, contact)).json()["code"]
    assert (await ask(client, second)).status_code == 200

    revoked = await client.delete(f"/cases/{case['id']}/status-codes/{contact['id']}")
    assert revoked.status_code == 204
    again = await client.delete(f"/cases/{case['id']}/status-codes/{contact['id']}")
    assert again.status_code == 204, "revoking twice is harmless"
    never = await client.delete(f"/cases/{case['id']}/status-codes/{uuid.uuid4()}")
    assert never.status_code == 404

    answers = [
        await ask(client, code)
        for code in (first, second, "ZZZZ-ZZZZ", "K7QX-92MU", "not-a-code", "x" * 300)
    ]
    assert {a.status_code for a in answers} == {404}
    assert all(a.headers["content-type"].startswith("application/problem+json") for a in answers)
    assert len({a.json()["detail"] for a in answers}) == 1, "a guesser learns nothing"


@pytest.fixture
async def limited(database_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """An app of its own, allowing 3 questions a minute from one address."""
    app = create_app(database_url, Settings(status_lookups_per_minute=3))
    async with AsyncTestClient(app=app) as limited_client:
        yield limited_client


async def test_questions_are_rate_limited_per_address(
    client: Client, limited: AsyncTestClient[Litestar]
) -> None:
    case = await open_case(client)
    code = (await issue(client, case, await consenting(client, case))).json()["code"]
    answers = [await limited.get(f"/status/{guess}") for guess in (code, "AAAA-AAAA", code)]
    assert [a.status_code for a in answers] == [200, 404, 200]
    refused = await limited.get(f"/status/{code}")
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert 0 < int(refused.headers["retry-after"]) <= 60
    assert "too many questions" in refused.json()["detail"]
    other_routes = await limited.get("/health/live")
    assert other_routes.status_code == 200, "only the status route is limited"


async def test_issuing_and_revoking_are_for_the_case_team(
    client: Client, accounts: dict[str, Account]
) -> None:
    case = await open_case(client)
    contact = await consenting(client, case)
    for role, status in (("advocacy", 403), ("viewer", 403), ("other_lawyer", 404)):
        headers = accounts[role].headers
        made = await client.post(
            f"/cases/{case['id']}/status-codes", json={"contact_id": contact["id"]}, headers=headers
        )
        gone = await client.delete(
            f"/cases/{case['id']}/status-codes/{contact['id']}", headers=headers
        )
        assert (made.status_code, gone.status_code) == (status, status), role
    admin = accounts["admin"].headers
    trail = await client.get("/audit", params={"action": "status_code.issue"}, headers=admin)
    assert trail.json()["total"] == 0
    await issue(client, case, contact)
    trail = await client.get("/audit", params={"action": "status_code.issue"}, headers=admin)
    assert trail.json()["items"][0]["detail"]["contact_id"] == contact["id"]
    assert "code" not in str(trail.json()["items"][0]["detail"]).replace("contact_id", "")


def refusals_counted(metrics: str) -> float:
    """`/status/{code}` answers of 429 counted by this process's Prometheus registry so far."""
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith("haki_requests_total{")
        and 'path="/status/{code}"' in line
        and 'status_code="429"' in line
    )


async def test_a_refused_question_is_logged_and_counted_as_429(
    client: Client,
    limited: AsyncTestClient[Litestar],
    accounts: dict[str, Account],
    captured: io.StringIO,
) -> None:
    """The refusal is the family's answer, not our fault: the access log and /metrics say 429."""
    admin = accounts["admin"].headers
    before = refusals_counted((await limited.get("/metrics", headers=admin)).text)
    answers = [await limited.get("/status/AAAA-AAAA") for _ in range(5)]
    assert [a.status_code for a in answers] == [404, 404, 404, 429, 429]
    logged = [json.loads(line) for line in captured.getvalue().splitlines()]
    statuses = [line["status"] for line in logged if line.get("route") == "/status/{code}"]
    assert statuses == [404, 404, 404, 429, 429]
    after = refusals_counted((await limited.get("/metrics", headers=admin)).text)
    assert after - before == 2
