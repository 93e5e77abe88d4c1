"""Request ids, the JSON access log with the case reference, and /metrics: who may read it and
that its figures are the database's."""

import io
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from litestar.testing import AsyncTestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from service.app import create_app
from service.settings import Settings
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case, step
from tests.factories import awarded_and_part_paid

SCRAPER = "scrape-token-for-tests"


def lines(buffer: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


async def test_the_request_id_comes_back_and_is_in_the_log(
    client: Client, captured: io.StringIO
) -> None:
    case = await open_case(client)
    given = {"X-Request-ID": "req-4711"}
    filed = await step(
        client, case, "file", occurred_on="2021-03-01", court_number="HCCC 4 of 2021"
    )
    assert filed.status_code == 201
    answered = await client.get(f"/cases/{case['id']}", headers=given)
    assert answered.headers["x-request-id"] == "req-4711"
    made = await client.get("/cases", headers={"X-Request-ID": "not a valid id!"})
    assert len(made.headers["x-request-id"]) == 32 and " " not in made.headers["x-request-id"]
    access = [line for line in lines(captured) if line["logger"] == "haki.access"]
    mine = next(line for line in access if line["request_id"] == "req-4711")
    assert mine["route"] == "/cases/{case_id}" and mine["status"] == 200
    assert mine["case_id"] == case["id"] and mine["case"] == case["reference"]
    assert mine["level"] == "INFO" and isinstance(mine["duration_ms"], float)
    stepped = next(line for line in access if line["route"] == "/cases/{case_id}/transitions")
    assert stepped["case"] == case["reference"] and stepped["method"] == "POST"


@pytest.fixture
async def scraped_app(database_url: str) -> AsyncIterator[Client]:
    async with AsyncTestClient(create_app(database_url, Settings(metrics_token=SCRAPER))) as c:
        yield c


def figures(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_metrics_need_the_scrape_token_or_an_admin(
    client: Client, scraped_app: Client, accounts: dict[str, Account]
) -> None:
    assert (await scraped_app.get("/metrics")).status_code == 401
    wrong = await scraped_app.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    lawyer = await scraped_app.get("/metrics", headers=accounts["lawyer"].headers)
    assert lawyer.status_code == 403
    untokened = await client.get("/metrics", headers={"Authorization": f"Bearer {SCRAPER}"})
    assert untokened.status_code == 401, "no token set: administrators only"
    scraped = await scraped_app.get("/metrics", headers={"Authorization": f"Bearer {SCRAPER}"})
    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
    admin = await client.get("/metrics", headers=accounts["admin"].headers)
    assert admin.status_code == 200


async def test_metrics_count_what_the_database_holds(
    client: Client,
    sessions: async_sessionmaker[AsyncSession],
    accounts: dict[str, Account],
) -> None:
    await awarded_and_part_paid(sessions)  # judged on 10 January 2024, part paid
    case = await open_case(client, reference="HAKI/LIT/2021/077")
    await step(client, case, "file", occurred_on="2021-03-01", court_number="HCCC 5 of 2021")
    await client.get(f"/cases/{case['id']}")
    found = figures((await client.get("/metrics", headers=accounts["admin"].headers)).text)
    steps = "haki_transitions_total"
    assert found[(steps, (("machine", "case"), ("trigger", "file")))] == 2
    assert found[(steps, (("machine", "award"), ("trigger", "serve_on_ag")))] == 1
    assert found[("haki_awards_unpaid", ())] == 1
    days = (datetime.now(UTC).date() - datetime(2024, 1, 10).date()).days
    assert abs(found[("haki_oldest_unpaid_award_days", ())] - days) <= 1
    assert ("haki_reminders_due", ()) in found and ("haki_outbox_retrying", ()) in found
    latency = [
        labels
        for (name, labels), _ in found.items()
        if name == "haki_request_duration_seconds_count"
    ]
    routes = {dict(labels)["path"] for labels in latency}
    assert "/cases/{case_id}" in routes, "by route template, never the id itself"
    assert not any(case["id"] in route for route in routes)
