"""GET /reports/pipeline: cases per stage and kind, hearings per Nairobi month, adjournments."""

from typing import Any

from tests.e2e.helpers import Client, open_case, step
from tests.e2e.test_reports import SECRET_NAME


def nairobi(day: str, clock: str = "09:00") -> str:
    return f"{day}T{clock}:00+03:00"


async def hearing(client: Client, case: dict[str, Any], starts_at: str) -> dict[str, Any]:
    response = await client.post(
        f"/cases/{case['id']}/hearings",
        json={"purpose": "mention", "starts_at": starts_at, "recorded_after_the_fact": True},
    )
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made


async def adjourn(client: Client, h: dict[str, Any], to: str) -> dict[str, Any]:
    response = await client.post(
        f"/hearings/{h['id']}/adjourn",
        json={
            "version": h["version"],
            "reason": "the court did not sit",
            "next_starts_at": to,
            "recorded_after_the_fact": True,
        },
    )
    assert response.status_code == 201, response.text
    next_one: dict[str, Any] = response.json()["next"]
    return next_one


async def held(client: Client, h: dict[str, Any]) -> None:
    response = await client.post(
        f"/hearings/{h['id']}/held", json={"version": h["version"], "outcome": "heard"}
    )
    assert response.status_code == 201, response.text


async def three_calendars(client: Client) -> None:
    """X: 1 March 2025 at 01:00 in Nairobi (28 February in UTC), adjourned three times, the last
    date left as set; Y: adjourned once, then held; Z: held at once."""
    x, y, z = [
        await open_case(
            client,
            f"{SECRET_NAME} {n}",
            reference=f"HAKI/LIT/2025/00{n}",
            court_number=f"Petition E{n} of 2025",
        )
        for n in (1, 2, 3)
    ]
    h = await hearing(client, x, nairobi("2025-03-01", "01:00"))
    for day in ("2025-04-10", "2025-04-24", "2025-05-15"):
        h = await adjourn(client, h, nairobi(day))
    await held(
        client,
        await adjourn(
            client, await hearing(client, y, nairobi("2025-04-02")), nairobi("2025-05-20")
        ),
    )
    await held(client, await hearing(client, z, nairobi("2025-05-05")))


def month(m: str, hearings: int, held: int, adj: int, sched: int, people: int) -> dict[str, Any]:
    return {
        "month": m,
        "hearings": hearings,
        "held": held,
        "adjourned": adj,
        "vacated": 0,
        "scheduled": sched,
        "survivors": people,
    }


async def test_hearings_per_nairobi_month_and_adjournments(client: Client) -> None:
    await three_calendars(client)
    got = (await client.get("/reports/pipeline")).json()
    assert got["hearings_per_month"] == [
        month("2025-03", 1, 0, 1, 0, 1),
        month("2025-04", 3, 0, 3, 0, 2),
        month("2025-05", 3, 2, 0, 1, 3),
    ]
    # adjournments per case with a hearing: (3 + 1 + 0) / 3
    assert got["adjournments"] == {
        "cases_with_hearings": 3,
        "adjournments": 4,
        "mean_per_case": "1.33",
        "most_adjourned": [
            {
                "case_reference": "HAKI/LIT/2025/001",
                "court_number": "Petition E1 of 2025",
                "adjournments": 3,
                "hearings": 4,
            },
            {
                "case_reference": "HAKI/LIT/2025/002",
                "court_number": "Petition E2 of 2025",
                "adjournments": 1,
                "hearings": 2,
            },
        ],
    }
    assert got["small_cells_merged"] is False
    window = {"from": "2025-04-01", "to": "2025-05-31"}
    since_april = (await client.get("/reports/pipeline", params=window)).json()
    assert [m["month"] for m in since_april["hearings_per_month"]] == ["2025-04", "2025-05"]
    assert since_april["adjournments"]["mean_per_case"] == "1.00"
    february = {"to": "2025-02-28"}
    assert (await client.get("/reports/pipeline", params=february)).json()[
        "hearings_per_month"
    ] == [], "01:00 on 1 March in Nairobi is March, though still February in UTC"


async def test_pipeline_tables_as_csv(client: Client) -> None:
    await three_calendars(client)
    months = await client.get(
        "/reports/pipeline",
        params={"format": "csv", "table": "hearings_per_month", "suppress_small": "false"},
    )
    assert months.headers["content-disposition"].endswith(
        'filename="pipeline-hearings_per_month.csv"'
    )
    assert months.text.splitlines() == [
        "month,hearings,held,adjourned,vacated,scheduled,survivors",
        "2025-03,1,0,1,0,0,1",
        "2025-04,3,0,3,0,0,2",
        "2025-05,3,2,0,0,1,3",
    ]
    adjourned = await client.get("/reports/pipeline?format=csv&table=adjournments")
    assert adjourned.text.splitlines() == [
        "case_reference,court_number,adjournments,hearings",
        "HAKI/LIT/2025/001,Petition E1 of 2025,3,4",
        "HAKI/LIT/2025/002,Petition E2 of 2025,1,2",
    ]


async def test_cases_per_stage_and_kind_with_small_cells_merged_in_csv(client: Client) -> None:
    """Four cases at intake, one filed, two in pleadings: filed and pleadings have fewer than
    three survivors each, so the CSV merges them into one row of three."""
    for n in range(1, 8):
        case = await open_case(
            client,
            f"{SECRET_NAME} {n}",
            reference=f"HAKI/LIT/2024/00{n}",
            kind="civil_claim" if n == 7 else "constitutional_petition",
        )
        if n >= 5:
            number = f"Petition E4{n} of 2024"
            filed = await step(client, case, "file", occurred_on="2024-02-01", court_number=number)
            assert filed.status_code == 201, filed.text
        if n >= 6:
            done = await step(client, case, "exchange_pleadings", occurred_on="2024-03-01")
            assert done.status_code == 201
    got = (await client.get("/reports/pipeline")).json()
    counted = {row["stage"]: (row["cases"], row["survivors"]) for row in got["stages"]}
    assert counted["intake"] == (4, 4) and counted["filed"] == (1, 1)
    assert counted["pleadings"] == (2, 2) and counted["closed"] == (0, 0)
    assert [row["stage"] for row in got["stages"]][:3] == ["intake", "filed", "pleadings"]
    kinds = {row["kind"]: row["cases"] for row in got["kinds"]}
    assert (kinds["constitutional_petition"], kinds["civil_claim"], kinds["inquest"]) == (6, 1, 0)

    stages = await client.get("/reports/pipeline", params={"format": "csv", "table": "stages"})
    assert stages.headers["content-type"] == "text/csv; charset=utf-8"
    lines = stages.text.splitlines()
    assert lines[0] == "stage,cases,survivors"
    assert "intake,4,4" in lines and lines[-1] == "other (fewer than 3 survivors),3,3"
    assert not any(line.startswith(("filed,", "pleadings,")) for line in lines)
    assert sum(int(line.split(",")[1]) for line in lines[1:]) == 7, "totals stay right"
    kinds_csv = (await client.get("/reports/pipeline?format=csv&table=kinds")).text.splitlines()
    assert kinds_csv[-1] == "other (fewer than 3 survivors),7,7", "1 alone is too few: all merged"
