"""The compensation track over HTTP: the hand-worked statement, settlement, refusals, races."""

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, pay


async def test_the_hand_worked_award_paid_disbursed_and_the_case_closed(client: Client) -> None:
    case = await judged(client)
    assert (await client.get(f"/cases/{case['id']}")).json()["stage"] == "judgment"
    award = await award_on(client, case)
    assert (await client.get(f"/cases/{case['id']}")).json()["stage"] == "awarded"
    await chase(client, award, *SERVED)
    assert (await client.get(f"/cases/{case['id']}")).json()["stage"] == "compensation"

    assert (await pay(client, award, "2021-12-31", "200000.00")).json()["stage"] == "partially_paid"
    assert (await pay(client, award, "2022-06-30", "300000")).status_code == 201
    # worked by hand in tests/unit/test_interest.py: 100,273.97 + 53,572.47 + 42,777.68 interest
    statement = (
        await client.get(f"/awards/{award['id']}/statement", params={"as_of": "2023-01-15"})
    ).json()
    assert statement | {"lines": None} == {
        "award_id": award["id"],
        "as_of": "2023-01-15",
        "rate_percent": "12.00",
        "principal": "1000000.00",
        "interest": "196624.12",
        "paid": "500000.00",
        "paid_to_interest": "153846.44",
        "paid_to_principal": "346153.56",
        "outstanding_principal": "653846.44",
        "outstanding_interest": "42777.68",
        "outstanding": "696624.12",
        "lines": None,
    }
    assert [line["text"].split(" ")[0] for line in statement["lines"]] == [
        "interest",
        "payment",
        "interest",
        "payment",
        "interest",
    ]

    final = await pay(client, award, "2023-01-15", "696624.12")
    assert final.json()["stage"] == "paid_in_full"
    settled = (
        await client.get(f"/awards/{award['id']}/statement", params={"as_of": "2026-01-01"})
    ).json()
    assert settled["outstanding"] == "0.00", "no interest runs once paid in full"

    for amount, reference in (("1000000.00", "QK7XY12AB"), ("196624.12", "QK7XY12AC")):
        disbursed = await client.post(
            f"/awards/{award['id']}/disbursements",
            json={
                "paid_on": "2023-02-01",
                "amount": amount,
                "method": "mpesa",
                "beneficiary": "the survivor",
                "reference": reference,
            },
        )
        assert disbursed.status_code == 201, disbursed.text
    assert disbursed.json()["stage"] == "disbursed"
    closed = (await client.get(f"/cases/{case['id']}")).json()
    assert closed["stage"] == "closed"
    triggers = [e["trigger"] for e in (await client.get(f"/awards/{award['id']}/events")).json()]
    assert triggers == [
        "extract_decree",
        "issue_certificate",
        "serve_on_ag",
        "receive_part_payment",
        "receive_part_payment",
        "receive_final_payment",
        "complete_disbursement",
    ]


async def test_interest_from_filing_and_a_stay_that_is_lifted(client: Client) -> None:
    case = await judged(client)
    award = await award_on(
        client,
        case,
        heads=[
            {"kind": "general", "amount": "500000", "interest_from": "filing"},
            {"kind": "special", "amount": "35000", "interest_from": None},
        ],
        rate_percent="14",
    )
    await chase(client, award, ("extract_decree", "2021-03-08"), ("stay", "2021-04-01"))
    assert award["stage"] == "stayed"
    refused = await pay(client, award, "2021-05-01", "1000")
    assert refused.status_code == 409 and "at the stage Stayed" in refused.json()["detail"]
    await chase(client, award, ("lift_stay", "2021-09-01"))
    assert award["stage"] == "decree_extracted"
    # filed 3 Feb 2020; to 3 Feb 2022 is 731 days: 500,000 x 14% x 731/365 = 140,191.78
    got = (
        await client.get(f"/awards/{award['id']}/statement", params={"as_of": "2022-02-03"})
    ).json()
    assert (got["interest"], got["outstanding"]) == ("140191.78", "675191.78")


@pytest.mark.parametrize(
    ("body", "status", "phrase"),
    [
        # read as typed (service/amounts.py): refused at the field before the use case runs
        ({"amount": "0"}, 400, "The amount must be more than nothing"),
        ({"amount": "-5"}, 400, "The amount must be in shillings, like 500,000 or 500000.00"),
        ({"amount": "10.005"}, 400, "The amount must be in shillings"),
        ({"received_on": "2021-02-27"}, 422, "before the judgment"),
        ({"received_on": "2999-01-01"}, 422, "in the future"),
        ({"amount": "5000000"}, 422, "may not exceed what is owed"),
        ({"amount": "ten"}, 400, "amount"),
        ({"received_on": "31/12/2021"}, 400, "received_on"),
    ],
)
async def test_bad_payments_are_refused_and_write_nothing(
    client: Client, engine: AsyncEngine, body: dict[str, Any], status: int, phrase: str
) -> None:
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    before = await ledger(engine)
    payment = {
        "received_on": "2021-12-31",
        "amount": "1000",
        "payer": "Treasury",
        "reference": "R",
    } | body
    response = await client.post(f"/awards/{award['id']}/payments", json=payment)
    assert response.status_code == status, response.text
    assert phrase in response.json()["detail"]
    assert await ledger(engine) == before


async def test_other_refusals(client: Client) -> None:
    case = await judged(client)
    high = await client.post(
        f"/cases/{case['id']}/awards",
        json={
            "claimant": case["claimants"][0],
            "respondent": "AG",
            "rate_as_ordered": "150%",
            "rate_percent": "150",
            "heads": [{"kind": "general", "amount": "1"}],
        },
    )
    assert high.status_code == 422 and "cannot be more than 30% a year" in high.json()["detail"]
    stranger = await client.post(
        f"/cases/{case['id']}/awards",
        json={
            "claimant": "S-1999-0001",
            "respondent": "AG",
            "rate_as_ordered": "12%",
            "heads": [{"kind": "general", "amount": "1"}],
        },
    )
    assert stranger.status_code == 422 and "not a claimant" in stranger.json()["detail"]
    award = await award_on(client, case)
    early = await client.post(
        f"/awards/{award['id']}/transitions",
        json={"trigger": "extract_decree", "version": 1, "occurred_on": "2021-03-05"},
    )
    assert early.status_code == 201
    too_soon = await client.post(
        f"/awards/{award['id']}/transitions",
        json={"trigger": "issue_certificate", "version": 2, "occurred_on": "2021-03-21"},
    )
    assert (
        too_soon.status_code == 422
        and "can be issued from 23 March 2021" in too_soon.json()["detail"]
    )
    ledger_step = await client.post(
        f"/awards/{award['id']}/transitions",
        json={"trigger": "receive_final_payment", "version": 2},
    )
    assert (
        ledger_step.status_code == 422
        and "POST /awards/{id}/payments" in ledger_step.json()["detail"]
    )
    unknown = await client.get("/awards/7f9c2b1e-0000-4000-8000-000000000000/statement")
    assert unknown.status_code == 404
    over = await client.post(
        f"/awards/{award['id']}/disbursements",
        json={
            "paid_on": "2021-04-01",
            "amount": "1.00",
            "method": "bank",
            "beneficiary": "x",
            "reference": "y",
        },
    )
    assert over.status_code == 422 and "would be more than was received" in over.json()["detail"]


async def test_two_payments_at_once_never_overpay(client: Client) -> None:
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    owed = (
        await client.get(f"/awards/{award['id']}/statement", params={"as_of": "2021-06-01"})
    ).json()["outstanding"]
    share = str((Decimal(owed) * Decimal("0.6")).quantize(Decimal("0.01")))
    answers = await asyncio.gather(*(pay(client, award, "2021-06-01", share) for _ in range(4)))
    assert sorted(a.status_code for a in answers) == [201, 422, 422, 422]
    after = (
        await client.get(f"/awards/{award['id']}/statement", params={"as_of": "2021-06-01"})
    ).json()
    assert after["paid"] == share


async def test_the_ledger_and_award_history_cannot_be_edited(
    client: Client, engine: AsyncEngine
) -> None:
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    assert (await pay(client, award, "2021-12-31", "1000")).status_code == 201
    for table in ("payments_received", "award_events"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as connection:
                await connection.execute(text(f"DELETE FROM {table}"))


async def ledger(engine: AsyncEngine) -> tuple[Any, ...]:
    async with engine.connect() as connection:
        row = await connection.execute(
            text(
                "SELECT (SELECT count(*) FROM payments_received),"
                " (SELECT count(*) FROM award_events),"
                " (SELECT string_agg(stage || version, ',') FROM awards)"
            )
        )
        return tuple(row.one())


async def test_enforcement_opens_a_mandamus_case_for_the_same_team(
    client: Client, accounts: dict[str, Any]
) -> None:
    case = await judged(client)
    award = await award_on(client, case)
    await chase(client, award, *SERVED, ("enforce", "2021-09-01"))
    got = (await client.get(f"/awards/{award['id']}")).json()
    assert got["stage"] == "enforcement" and got["enforcement_case_id"]
    mandamus = (await client.get(f"/cases/{got['enforcement_case_id']}")).json()
    assert mandamus["kind"] == "judicial_review" and mandamus["stage"] == "intake"
    assert (
        mandamus["title"]
        == f"Republic v Accounting Officer, Attorney General ex parte {case['claimants'][0]}"
    )
    assert mandamus["claimants"] == case["claimants"]
    assert mandamus["stage_since"] == "2021-09-01"
    team = (await client.get(f"/cases/{mandamus['id']}/team")).json()
    assert [(m["username"], m["lead"]) for m in team] == [("test.lawyer", True)]
    opened = (await client.get(f"/cases/{mandamus['id']}/events")).json()["items"][0]
    assert "by an order of mandamus" in opened["note"]
    hidden = await client.get(f"/cases/{mandamus['id']}", headers=accounts["other_lawyer"].headers)
    assert hidden.status_code == 404
    assert (await pay(client, award, "2021-10-01", "1000")).json()["stage"] == "partially_paid"
    award["version"] = (await client.get(f"/awards/{award['id']}")).json()["version"]
    await chase(client, award, ("enforce", "2022-01-10"))
    again = (await client.get(f"/awards/{award['id']}")).json()
    assert again["enforcement_case_id"] == mandamus["id"], "the same judicial review continues"


async def test_costs_taxed_later_bear_interest_from_taxation(client: Client) -> None:
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    taxed = await client.post(
        f"/awards/{award['id']}/costs",
        json={"amount": "150000.00", "taxed_on": "2021-09-01", "certificate_ref": "CoC 88 of 2021"},
    )
    assert taxed.status_code == 201, taxed.text
    assert [h["kind"] for h in taxed.json()["heads"]] == ["general", "costs"]
    # to 1 Mar 2022: general 1,000,000 x 12% x 365/365 = 120,000.00;
    # costs 150,000 x 12% x 181/365 (1 Sep 2021 to 1 Mar 2022) = 18,000 x 181/365 = 8,926.03;
    # total 128,926.03
    got = (
        await client.get(f"/awards/{award['id']}/statement", params={"as_of": "2022-03-01"})
    ).json()
    assert (got["principal"], got["interest"]) == ("1150000.00", "128926.03")
    events = (await client.get(f"/awards/{award['id']}/events")).json()
    assert events[-1]["trigger"] == "tax_costs" and events[-1]["evidence_ref"] == "CoC 88 of 2021"
    early = await client.post(
        f"/awards/{award['id']}/costs",
        json={"amount": "1", "taxed_on": "2021-02-01", "certificate_ref": "x"},
    )
    assert early.status_code == 422 and "taxed after the judgment" in early.json()["detail"]


async def test_a_certificate_including_costs_waits_for_their_taxation(client: Client) -> None:
    """Judgment 1 Mar 2021: the 21 days expire at the end of 22 March (s.57(a): day 1 is
    2 March), so the certificate may issue from 23 March; costs taxed on 6 April 2021 make it
    wait until 6 April, the later day (GPA s.21(1))."""
    award = await award_on(client, await judged(client))
    await chase(client, award, ("extract_decree", "2021-03-08"))
    taxed = await client.post(
        f"/awards/{award['id']}/costs",
        json={"amount": "80000.00", "taxed_on": "2021-04-06", "certificate_ref": "CoC 9 of 2021"},
    )
    assert taxed.status_code == 201, taxed.text
    early = await client.post(
        f"/awards/{award['id']}/transitions",
        json={"trigger": "issue_certificate", "version": 2, "occurred_on": "2021-04-05"},
    )
    assert early.status_code == 422
    assert "can be issued from 6 April 2021, when the costs were taxed" in early.json()["detail"]
    on_the_day = await client.post(
        f"/awards/{award['id']}/transitions",
        json={"trigger": "issue_certificate", "version": 2, "occurred_on": "2021-04-06"},
    )
    assert on_the_day.status_code == 201, on_the_day.text
