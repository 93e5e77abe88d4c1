"""Names never reach roles that may not read them, and every read and write is audited."""

from datetime import UTC, datetime
from typing import Any

import pytest

from domain.calendar import nairobi_today
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case, step

NAME = "Wanjiku Personal-Data"


async def every_get(client: Client, case: dict[str, Any], headers: dict[str, str]) -> str:
    """The text of every GET answer about the case that these headers may ask for."""
    paths = [
        "/cases",
        f"/cases/{case['id']}",
        f"/cases/{case['id']}/events",
        f"/cases/{case['id']}/transitions",
        f"/cases/{case['id']}/team",
        f"/cases/{case['id']}/parties",
        f"/survivors/{case['claimants'][0]}",
    ]
    return "".join([(await client.get(path, headers=headers)).text for path in paths])


@pytest.mark.parametrize("role", ["advocacy", "viewer"])
async def test_names_never_appear_for_advocacy_or_viewer(
    client: Client, accounts: dict[str, Account], role: str
) -> None:
    case = await open_case(client, survivor_name=NAME)
    answers = await every_get(client, case, accounts[role].headers)
    assert case["claimants"][0] in answers, "the pseudonymous code is visible"
    assert "Wanjiku" not in answers and "Personal-Data" not in answers


async def test_the_team_and_admin_read_names_and_each_read_is_audited(
    client: Client, accounts: dict[str, Account]
) -> None:
    case = await open_case(client, survivor_name=NAME)
    code = case["claimants"][0]
    parties = await client.get(f"/cases/{case['id']}/parties")
    assert parties.json() == [{"code": code, "full_name": NAME}]
    assert (await client.get(f"/survivors/{code}")).json()["full_name"] == NAME
    admin = accounts["admin"].headers
    assert (await client.get(f"/survivors/{code}", headers=admin)).status_code == 200

    reads = (await client.get("/audit", params={"record_id": code}, headers=admin)).json()
    assert [(r["actor"], r["action"]) for r in reads["items"]] == [
        ("test.admin", "survivor.read"),
        ("test.lawyer", "survivor.read"),
        ("test.lawyer", "survivor.register"),
    ]
    parties_read = await client.get(
        "/audit", params={"action": "case.parties.read", "actor": "test.lawyer"}, headers=admin
    )
    assert parties_read.json()["total"] == 1
    assert parties_read.json()["items"][0]["address"] == "testclient"


async def test_writes_are_audited_and_events_name_who_recorded_them(
    client: Client, accounts: dict[str, Account]
) -> None:
    case = await open_case(client, court_number="Petition E3 of 2024")
    assert (await step(client, case, "file")).status_code == 201
    admin = accounts["admin"].headers
    trail = await client.get(
        "/audit", params={"record_type": "case", "record_id": case["id"]}, headers=admin
    )
    assert [r["action"] for r in trail.json()["items"]] == ["case.step", "case.open"]
    assert trail.json()["items"][0]["detail"] == {"trigger": "file"}


async def test_the_audit_trail_is_for_administrators_only(
    client: Client, accounts: dict[str, Account]
) -> None:
    for role in ("lawyer", "advocacy", "viewer"):
        refused = await client.get("/audit", headers=accounts[role].headers)
        assert refused.status_code == 403


async def test_audit_filters_by_day_in_nairobi(
    client: Client, accounts: dict[str, Account]
) -> None:
    await open_case(client)
    admin = accounts["admin"].headers
    today = nairobi_today(datetime.now(UTC)).isoformat()

    async def opened(since: str, until: str) -> int:
        params = {"action": "case.open", "since": since, "until": until}
        total: int = (await client.get("/audit", params=params, headers=admin)).json()["total"]
        return total

    assert await opened(today, today) == 1
    assert await opened("2000-01-01", "2000-12-31") == 0
    assert (
        await client.get("/audit", params={"since": "yesterday"}, headers=admin)
    ).status_code == 400
