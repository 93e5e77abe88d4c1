"""Dates before Kenya's independence and absurd interest rates are refused with the same
sentence by the API, the pages and an import, so no unpaid total can read in quadrillions.

Before this, a case opened on 0001-01-01 with judgment the next day and an award at 100% was
accepted, and every role's unpaid totals read two quadrillion shillings."""

import html
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import Account
from tests.e2e.helpers import Client, case_body, judged, open_case, step, survivor

BEFORE = "cannot be before 12 December 1963, Kenya's independence; check the year."
OPENED = f"The date the case was opened {BEFORE}"
FILED = f"The date of filing {BEFORE}"
INTEREST = f"The date interest runs from {BEFORE}"
RATE = "The interest rate cannot be more than 30% a year"


async def rows(engine: AsyncEngine) -> tuple[Any, ...]:
    async with engine.connect() as connection:
        counts = await connection.execute(
            text(
                "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM case_events),"
                " (SELECT count(*) FROM awards), (SELECT count(*) FROM hearings),"
                " (SELECT count(*) FROM payments_received)"
            )
        )
        return tuple(counts.one())


def refused(response: Any, field: str, sentence: str) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert sentence in problem["detail"], problem
    assert problem["errors"][0]["field"] == field, problem


async def test_a_case_opened_in_year_one_is_refused(client: Client, engine: AsyncEngine) -> None:
    code = await survivor(client)
    before = await rows(engine)
    refused(
        await client.post("/cases", json=case_body(code, opened_on="0001-01-01")),
        "opened_on",
        OPENED,
    )
    refused(
        await client.post("/cases", json=case_body(code, opened_on="1963-12-11")),
        "opened_on",
        OPENED,
    )
    assert await rows(engine) == before
    independence = await client.post("/cases", json=case_body(code, opened_on="1963-12-12"))
    assert independence.status_code == 201, independence.text


async def test_a_step_before_independence_is_refused_naming_the_step(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client, court_number="Petition E7 of 2022")
    before = await rows(engine)
    refused(await step(client, case, "file", occurred_on="1900-01-01"), "occurred_on", FILED)
    assert await rows(engine) == before


async def test_the_award_of_the_incident_is_refused(client: Client, engine: AsyncEngine) -> None:
    case = await judged(client)
    before = await rows(engine)
    award: dict[str, Any] = {
        "claimant": case["claimants"][0],
        "respondent": "Attorney General",
        "rate_as_ordered": "12% p.a.",
        "rate_percent": "12",
        "heads": [{"kind": "general", "amount": "1000000.00", "interest_from": "0001-01-01"}],
    }
    refused(await client.post(f"/cases/{case['id']}/awards", json=award), "interest_from", INTEREST)
    award["heads"][0]["interest_from"] = "judgment"
    for rate in ("100", "30.01"):
        high = await client.post(f"/cases/{case['id']}/awards", json=award | {"rate_percent": rate})
        refused(high, "rate_percent", RATE)
    assert await rows(engine) == before
    assert (
        await client.post(f"/cases/{case['id']}/awards", json=award | {"rate_percent": "30"})
    ).status_code == 201


async def test_money_and_hearings_before_independence_are_refused(
    client: Client, engine: AsyncEngine
) -> None:
    case = await judged(client)
    award = (
        await client.post(
            f"/cases/{case['id']}/awards",
            json={
                "claimant": case["claimants"][0],
                "respondent": "Attorney General",
                "rate_as_ordered": "court rates",
                "heads": [{"kind": "general", "amount": "1000.00"}],
            },
        )
    ).json()
    before = await rows(engine)
    payment = {"received_on": "1900-01-01", "amount": "10.00", "payer": "T", "reference": "R"}
    refused(
        await client.post(f"/awards/{award['id']}/payments", json=payment),
        "received_on",
        f"The date the payment was received {BEFORE}",
    )
    for starts_at, words in (
        ("0001-01-01T09:00:00", BEFORE),
        ("1950-03-01T09:00:00", BEFORE),
        ("9999-12-31T09:00:00", "cannot be after 31 December 2999"),
    ):
        hearing = {"starts_at": starts_at, "purpose": "mention", "recorded_after_the_fact": True}
        answer = await client.post(f"/cases/{case['id']}/hearings", json=hearing)
        refused(answer, "starts_at", f"The date of the hearing {words}")
    assert await rows(engine) == before


def page_says(response: Any, sentence: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert sentence in html.unescape(response.text)


async def test_the_pages_refuse_with_the_same_sentence(client: Client, engine: AsyncEngine) -> None:
    code = await survivor(client)
    form = {k: v for k, v in case_body(code).items() if isinstance(v, str)}
    form |= {"claimants": code, "respondents": "Attorney General", "opened_on": "0001-01-01"}
    before = await rows(engine)
    page_says(await client.post("/web/cases/new", data=form), OPENED)
    case = await open_case(client, court_number="Petition E8 of 2022")
    before = await rows(engine)
    filing = {"trigger": "file", "version": str(case["version"]), "occurred_on": "1900-01-01"}
    page_says(await client.post(f"/web/cases/{case['id']}/steps", data=filing), FILED)
    assert await rows(engine) == before


async def imported(client: Client, admin: Account, kind: str, *lines: str) -> Any:
    return await client.post(
        f"/imports/{kind}",
        content="\r\n".join([*lines, ""]).encode(),
        headers={**admin.headers, "content-type": "text/csv"},
    )


async def test_an_import_refuses_with_the_same_sentence_naming_row_and_column(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    admin = accounts["admin"]
    before = await rows(engine)
    cases = await imported(
        client,
        admin,
        "cases",
        "reference,title,kind,court_level,court_station,court_number,lead_counsel,claimants,"
        "respondents,stage,filed_on",
        "HAKI/9,J v AG,civil_claim,high_court,Nyeri,HCCC No. 9 of 2016,Counsel,S-2016-0009,"
        "Attorney General,filed,01/01/1900",
    )
    assert cases.status_code == 422, cases.text
    assert cases.json()["errors"] == [{"row": 2, "column": "filed_on", "message": FILED}]
    case = await judged(client)
    before = await rows(engine)
    awards = await imported(
        client,
        admin,
        "awards",
        "court_number,court_station,claimant,respondent,general,general_interest_from,rate_percent",
        f"Petition E31 of 2020,Nairobi (Milimani),{case['claimants'][0]},Attorney General,"
        "1000000,0001-01-01,100",
    )
    assert awards.status_code == 422, awards.text
    errors = {e["column"]: e["message"] for e in awards.json()["errors"] if e["row"] == 2}
    assert errors["general_interest_from"] == INTEREST
    assert errors["rate_percent"].startswith(RATE)
    assert await rows(engine) == before


@pytest.mark.parametrize("rate", ["twelve", "12,5"])
async def test_an_imported_rate_that_is_not_a_number_names_its_cell(
    client: Client, accounts: dict[str, Account], rate: str
) -> None:
    case = await judged(client)
    awards = await imported(
        client,
        accounts["admin"],
        "awards",
        "court_number;court_station;claimant;respondent;general;rate_percent",
        f"Petition E31 of 2020;Nairobi (Milimani);{case['claimants'][0]};Attorney General;"
        f"1000;{rate}",
    )
    assert awards.status_code == 422, awards.text
    assert [(e["row"], e["column"]) for e in awards.json()["errors"]] == [(2, "rate_percent")]
