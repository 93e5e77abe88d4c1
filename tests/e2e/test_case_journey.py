"""A lawyer opens a case, moves it through its court stages and reads its history, over HTTP."""

import asyncio

from tests.e2e.helpers import Client, case_body, open_case, step, survivor


async def test_petition_from_intake_to_award_with_its_history(client: Client) -> None:
    case = await open_case(client)
    assert (case["stage"], case["version"], case["court_number"]) == ("intake", 1, None)

    journey = [
        ("file", {"occurred_on": "2021-03-04", "court_number": "Petition No. e123 of 2021"}),
        ("exchange_pleadings", {"occurred_on": "2021-06-10"}),
        ("set_down_for_hearing", {"occurred_on": "2022-01-20", "note": "directions taken"}),
        ("reserve_judgment", {"occurred_on": "2023-03-15", "evidence_ref": "DMS/2023/77"}),
        (
            "deliver_judgment",
            {
                "occurred_on": "2023-09-28",
                "outcome": "allowed",
                "neutral_citation": "[2023] kehc 22871",
            },
        ),
    ]
    for trigger, facts in journey:
        response = await step(client, case, trigger, **facts)
        assert response.status_code == 201, response.text
    bare = await step(client, case, "award")
    assert bare.status_code == 422 and "record the award first" in bare.json()["detail"]
    award = await client.post(
        f"/cases/{case['id']}/awards",
        json={
            "claimant": case["claimants"][0],
            "respondent": "Attorney General",
            "rate_as_ordered": "court rates",
            "heads": [{"kind": "general", "amount": 1500000}],
        },
    )
    assert award.status_code == 201, award.text
    assert award.json()["rate_percent"] == "12", "court rates: the HAKI_COURT_RATE default"

    got = (await client.get(f"/cases/{case['id']}")).json()
    assert got["stage"] == "awarded" and got["version"] == 7
    assert got["court_number"] == "Petition E123 of 2021"
    assert got["neutral_citation"] == "[2023] KEHC 22871 (KLR)"
    assert (got["judgment_on"], got["judgment_outcome"]) == ("2023-09-28", "allowed")

    history = (await client.get(f"/cases/{case['id']}/events")).json()
    assert history["total"] == 7
    assert [(e["trigger"], e["from_stage"], e["to_stage"]) for e in history["items"]] == [
        ("open", None, "intake"),
        ("file", "intake", "filed"),
        ("exchange_pleadings", "filed", "pleadings"),
        ("set_down_for_hearing", "pleadings", "hearing"),
        ("reserve_judgment", "hearing", "judgment_reserved"),
        ("deliver_judgment", "judgment_reserved", "judgment"),
        ("award", "judgment", "awarded"),
    ]
    judgment = history["items"][5]
    assert judgment["details"] == {
        "outcome": "allowed",
        "neutral_citation": "[2023] KEHC 22871 (KLR)",
    }
    assert history["items"][4]["evidence_ref"] == "DMS/2023/77"


async def test_a_dismissed_petition_can_be_appealed_then_closed(client: Client) -> None:
    case = await open_case(client, court_number="Petition 572 of 2013")
    for trigger in ("file", "exchange_pleadings", "set_down_for_hearing", "reserve_judgment"):
        assert (await step(client, case, trigger, occurred_on="2023-05-05")).status_code == 201
    response = await step(
        client, case, "deliver_judgment", occurred_on="2024-01-10", outcome="dismissed"
    )
    assert response.status_code == 201

    options = (await client.get(f"/cases/{case['id']}/transitions")).json()
    assert [o["trigger"] for o in options["allowed"]] == ["dismiss", "appeal", "settle", "withdraw"]
    appeal = next(o for o in options["allowed"] if o["trigger"] == "appeal")
    assert appeal["to"] == "appealed" and "whether execution is stayed" in appeal["requires"][0]

    assert (await step(client, case, "dismiss")).status_code == 201
    assert (await step(client, case, "close")).json()["stage"] == "closed"
    assert (await client.get(f"/cases/{case['id']}/transitions")).json()["allowed"] == []


async def test_cases_are_listed_paginated_and_filtered(client: Client) -> None:
    code = await survivor(client)
    for n, (station, counsel) in enumerate(
        [("Nairobi", "A. Odhiambo"), ("Mombasa", "F. Said"), ("Nairobi", "F. Said")]
    ):
        body = case_body(
            code,
            reference=f"HAKI/{n}",
            court_station=station,
            lead_counsel=counsel,
            court_number=f"HCCC No. {n + 1} of 2015",
        )
        assert (await client.post("/cases", json=body)).status_code == 201

    page = (await client.get("/cases", params={"limit": 2})).json()
    assert (page["total"], len(page["items"]), page["limit"]) == (3, 2, 2)
    rest = (await client.get("/cases", params={"limit": 2, "offset": 2})).json()
    seen = {c["reference"] for c in page["items"] + rest["items"]}
    assert seen == {"HAKI/0", "HAKI/1", "HAKI/2"}

    nairobi = (await client.get("/cases", params={"station": "Nairobi"})).json()
    assert {c["reference"] for c in nairobi["items"]} == {"HAKI/0", "HAKI/2"}
    said = (await client.get("/cases", params={"counsel": "F. Said", "station": "Nairobi"})).json()
    assert [c["reference"] for c in said["items"]] == ["HAKI/2"]
    by_number = (await client.get("/cases", params={"court_number": "HCCC 2 of 2015"})).json()
    assert [c["reference"] for c in by_number["items"]] == ["HAKI/1"]
    assert by_number["items"][0]["claimants"] == [code]
    intake = (await client.get("/cases", params={"stage": "intake"})).json()
    assert intake["total"] == 3
    assert (await client.get("/cases", params={"stage": "closed"})).json()["total"] == 0


async def test_concurrent_steps_on_one_case_one_wins_the_others_reload(client: Client) -> None:
    case = await open_case(client, court_number="Petition E9 of 2021")
    body = {"version": 1}
    responses = await asyncio.gather(
        *(
            client.post(f"/cases/{case['id']}/transitions", json={"trigger": t, **body})
            for t in ("file", "settle", "withdraw", "file", "settle", "withdraw")
        )
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201, 409, 409, 409, 409, 409]
    for refused in (r for r in responses if r.status_code == 409):
        assert refused.json()["current_version"] == 2
    history = (await client.get(f"/cases/{case['id']}/events")).json()
    assert history["total"] == 2


async def test_health(client: Client) -> None:
    assert (await client.get("/health/live")).json() == {"status": "live"}
    assert (await client.get("/health/ready")).status_code == 200
