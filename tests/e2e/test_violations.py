"""Violation records through the API: intake, who may read them, and refusals that write
nothing."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.audit import AuditEvent
from domain.violations import Violation
from tests.conftest import Account
from tests.e2e.helpers import Client, case_body, open_case, survivor

TORTURE_AT_KILIMANI = {
    "year": 2024,
    "month": 6,
    "day": 25,
    "county": "Nairobi",
    "sub_county": "Dagoretti North",
    "place": "behind Kilimani police station, near the matatu stage",
    "types": ["torture", "Arbitrary arrest and detention"],
    "agency": "kenya_police_service",
    "unit": "Kilimani Police Station",
    "perpetrators": 3,
    "officers": "Cpl. Otieno Juma",
    "sex": "male",
    "age_band": "18_24",
    "disability": False,
}


async def _count(engine: AsyncEngine, table: Any = Violation) -> int:
    async with engine.connect() as db:
        return int((await db.execute(select(func.count()).select_from(table))).scalar_one())


async def test_a_lawyer_records_at_intake_and_reads_it_back(
    client: Client, accounts: dict[str, Account], engine: AsyncEngine
) -> None:
    code = await survivor(client, "Brian Intake")
    recorded = await client.post(f"/survivors/{code}/violations", json=TORTURE_AT_KILIMANI)
    assert recorded.status_code == 201, recorded.text
    body = recorded.json()
    assert body["county"] == "Nairobi City"
    assert body["occurred_on"] == "2024-06-25" and body["precision"] == "day"
    assert body["types"] == ["torture", "arbitrary_arrest"]
    assert body["officers"] == "Cpl. Otieno Juma" and body["withheld"] == []
    listed = await client.get(f"/survivors/{code}/violations")
    assert [v["id"] for v in listed.json()] == [body["id"]]
    other = accounts["other_lawyer"].headers
    assert (await client.get(f"/survivors/{code}/violations", headers=other)).status_code == 404
    assert (await client.get(f"/violations/{body['id']}", headers=other)).status_code == 404
    advocacy = accounts["advocacy"].headers
    assert (await client.get(f"/survivors/{code}/violations", headers=advocacy)).status_code == 403
    async with engine.connect() as db:
        actions = (await db.execute(select(AuditEvent.action))).scalars().all()
    assert "violation.record" in actions and "violation.read" in actions


async def test_only_the_year_or_the_month_may_be_known(client: Client) -> None:
    code = await survivor(client)
    base = {k: v for k, v in TORTURE_AT_KILIMANI.items() if k not in ("month", "day")}
    year_only = await client.post(f"/survivors/{code}/violations", json=base | {"year": 2019})
    assert year_only.json()["precision"] == "year"
    assert year_only.json()["occurred_on"] == "2019-01-01"
    month = await client.post(f"/survivors/{code}/violations", json=base | {"month": 3})
    assert month.json()["precision"] == "month"


async def test_the_office_sees_place_and_names_on_a_case_others_do_not(
    client: Client, accounts: dict[str, Account]
) -> None:
    case = await open_case(client, "Faith Linked")
    code = case["claimants"][0]
    entry = TORTURE_AT_KILIMANI | {"cases": [case["id"]]}
    assert (await client.post(f"/survivors/{code}/violations", json=entry)).status_code == 201
    viewer = await client.get(f"/cases/{case['id']}/violations", headers=accounts["viewer"].headers)
    assert viewer.status_code == 200
    [seen] = viewer.json()
    assert seen["place"] is None and seen["officers"] is None and seen["unit"] is None
    assert seen["withheld"] == ["place", "unit", "officers"]
    assert "Otieno" not in viewer.text and "Kilimani" not in viewer.text
    assert seen["county"] == "Nairobi City" and seen["survivor"] == code


async def test_refusals_say_why_and_write_nothing(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    code = await survivor(client)
    other = await client.post(
        "/cases",
        json=case_body(await survivor(client, "Someone Else"), reference="HAKI/LIT/2024/009"),
    )
    before = await _count(engine, AuditEvent)
    refusals = {
        "a future date": ({"year": 2999}, "in the future"),
        "a month without a year": ({"year": None, "day": None, "month": 4}, "Give the year"),
        "an unknown county": ({"county": "Nyery"}, "did you mean Nyeri?"),
        "an unknown sub-county": ({"sub_county": "Kibera"}, "did you mean Kibra?"),
        "an unknown type": ({"types": ["tortur"]}, "did you mean Torture?"),
        "no such day": ({"month": 2, "day": 30}, "no such day"),
        "a case not of the survivor": ({"cases": [other.json()["id"]]}, "cases in which"),
    }
    for why, (change, words) in refusals.items():
        entry = {k: v for k, v in (TORTURE_AT_KILIMANI | change).items() if v is not None}
        answer = await client.post(f"/survivors/{code}/violations", json=entry)
        assert answer.status_code == 422, (why, answer.text)
        assert words in answer.json()["detail"], (why, answer.json())
    assert await _count(engine) == 0
    assert await _count(engine, AuditEvent) == before


async def test_an_administrator_extends_the_vocabulary(
    client: Client, accounts: dict[str, Account]
) -> None:
    admin = accounts["admin"].headers
    word = {"code": "forced_eviction", "name_en": "Forced eviction", "name_sw": "Kufukuzwa"}
    assert (await client.post("/violation-types", json=word)).status_code == 403
    assert (await client.post("/violation-types", json=word, headers=admin)).status_code == 201
    again = await client.post("/violation-types", json=word, headers=admin)
    assert again.status_code == 409
    code = await survivor(client)
    entry = TORTURE_AT_KILIMANI | {"types": ["Kufukuzwa"]}
    recorded = await client.post(f"/survivors/{code}/violations", json=entry)
    assert recorded.json()["types"] == ["forced_eviction"]
    names = [t["name_en"] for t in (await client.get("/violation-types")).json()]
    assert "Torture" in names and names[-1] == "Forced eviction" and len(names) == 9
