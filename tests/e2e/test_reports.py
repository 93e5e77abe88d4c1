"""The advocacy reports over HTTP, on small data whose figures are worked out by hand."""

import csv
import io
from datetime import date, timedelta
from typing import Any
from xml.etree import ElementTree

from tests.conftest import Account
from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, open_case, pay, step

JUDGMENT = date(2021, 3, 1)
SECRET_NAME = "Nyokabi Siri"
"""in every survivor's name: a report that leaks a name is caught by one search"""
COSTS = [{"kind": "costs", "amount": "100000.00", "interest_from": None}]
"""KES 100,000 bearing no interest, so paying in full is one known sum"""


def after(days: int) -> str:
    return (JUDGMENT + timedelta(days=days)).isoformat()


async def served_award(client: Client, n: int) -> dict[str, Any]:
    case = await judged(
        client,
        on=JUDGMENT.isoformat(),
        survivor_name=f"{SECRET_NAME} {n}",
        reference=f"HAKI/LIT/2021/00{n}",
        court_number=f"Petition E3{n} of 2020",
    )
    award = await award_on(client, case, heads=COSTS)
    await chase(client, award, *SERVED)
    return award


async def paid(client: Client, award: dict[str, Any], days: int, amount: str) -> int:
    response = await pay(client, award, after(days), amount)
    assert response.status_code == 201, response.text
    entry: int = response.json()["id"]
    return entry


async def four_awards(client: Client) -> None:
    """First payments after 100, 200 and 400 days (the bounced cheque after 50 days counts for
    nothing); paid in full after 300, 200 and 400 days; the fourth award never paid."""
    a, b, c, _ = [await served_award(client, n) for n in range(1, 5)]
    await paid(client, a, 100, "40000.00")
    await paid(client, a, 300, "60000.00")
    bounced = await paid(client, b, 50, "30000.00")
    reversal = await client.post(
        f"/awards/{b['id']}/payments/{bounced}/reversal",
        json={"reversed_on": after(60), "reason": "cheque returned unpaid"},
    )
    assert reversal.status_code == 201, reversal.text
    await paid(client, b, 200, "100000.00")
    await paid(client, c, 400, "100000.00")


async def test_time_to_payment_quartiles_by_linear_interpolation(client: Client) -> None:
    await four_awards(client)
    response = await client.get("/reports/time-to-payment", params={"as_of": "2023-01-01"})
    assert response.status_code == 200, response.text
    # first payments 100, 200, 400: the quartiles sit at positions 0.5, 1 and 1.5 of the sorted
    # days, so 100 + 0.5 x (200 - 100) = 150, 200, and 200 + 0.5 x (400 - 200) = 300
    # in full 200, 300, 400: 250, 300, 350
    assert response.json() == {
        "as_of": "2023-01-01",
        "awards": 4,
        "never_paid": 1,
        "to_first_payment": {
            "awards": 3,
            "lower_quartile_days": "150.0",
            "median_days": "200.0",
            "upper_quartile_days": "300.0",
            "shortest_days": 100,
            "longest_days": 400,
        },
        "to_payment_in_full": {
            "awards": 3,
            "lower_quartile_days": "250.0",
            "median_days": "300.0",
            "upper_quartile_days": "350.0",
            "shortest_days": 200,
            "longest_days": 400,
        },
    }


async def test_time_to_payment_as_of_counts_only_what_had_happened(client: Client) -> None:
    await four_awards(client)
    # after 250 days: a paid first at 100, b at 200 (in full at once); c and d not yet
    got = (await client.get("/reports/time-to-payment", params={"as_of": after(250)})).json()
    assert (got["awards"], got["never_paid"]) == (4, 2)
    assert got["to_first_payment"] | {"shortest_days": None, "longest_days": None} == {
        "awards": 2,
        "lower_quartile_days": "125.0",
        "median_days": "150.0",
        "upper_quartile_days": "175.0",
        "shortest_days": None,
        "longest_days": None,
    }
    assert got["to_payment_in_full"]["awards"] == 1
    assert got["to_payment_in_full"]["median_days"] == "200.0"


HEADER = [
    "as_of",
    "measure",
    "awards",
    "lower_quartile_days",
    "median_days",
    "upper_quartile_days",
    "shortest_days",
    "longest_days",
]
"""stable names: a spreadsheet or a script reading the export relies on them"""


async def test_time_to_payment_as_csv(client: Client) -> None:
    await four_awards(client)
    response = await client.get(
        "/reports/time-to-payment", params={"as_of": "2023-01-01", "format": "csv"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="time-to-payment.csv"'
    assert list(csv.reader(io.StringIO(response.text))) == [
        HEADER,
        ["2023-01-01", "judgment_to_first_payment", "3", "150.0", "200.0", "300.0", "100", "400"],
        ["2023-01-01", "judgment_to_payment_in_full", "3", "250.0", "300.0", "350.0", "200", "400"],
        ["2023-01-01", "never_paid", "1", "", "", "", "", ""],
    ]
    by_accept = await client.get(
        "/reports/time-to-payment", params={"as_of": "2023-01-01"}, headers={"Accept": "text/csv"}
    )
    assert by_accept.text == response.text


async def test_bad_report_input_is_refused_clearly(client: Client) -> None:
    await four_awards(client)
    cases = [
        ("/reports/time-to-payment", {"as_of": "2023-02-30"}, 400, "as_of"),
        ("/reports/time-to-payment", {"as_of": "2021-02-28"}, 422, "before the first judgment"),
        ("/reports/time-to-payment", {"as_of": "2999-01-01"}, 422, "in the future"),
        ("/reports/time-to-payment", {"format": "xlsx"}, 400, "json, csv"),
        ("/reports/pipeline", {"format": "pdf"}, 400, "json, csv"),
        ("/reports/pipeline", {"table": "survivors"}, 400, "stages, kinds"),
        ("/reports/pipeline", {"format": "csv"}, 400, "add ?table="),
        ("/reports/pipeline", {"from": "2025-05-01", "to": "2025-04-01"}, 422, "before from"),
    ]
    for path, params, status, words in cases:
        response = await client.get(path, params=params)
        assert response.status_code == status, (params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert words in response.json()["detail"], response.json()


async def test_reports_show_no_names_to_any_role(
    client: Client, accounts: dict[str, Account]
) -> None:
    await four_awards(client)
    for role in ("admin", "lawyer", "advocacy", "viewer"):
        for path in ("/reports/time-to-payment", "/reports/pipeline"):
            for params in ({}, {"format": "csv", "table": "stages", "suppress_small": "false"}):
                response = await client.get(path, params=params, headers=accounts[role].headers)
                assert response.status_code == 200, (role, path, response.text)
                assert SECRET_NAME not in response.text


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


def svg_root(response: Any) -> ElementTree.Element:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def texts(root: ElementTree.Element) -> str:
    return " ".join("".join(node.itertext()) for node in root.iter())


async def test_unpaid_chart_is_an_svg_in_shillings_without_names(client: Client) -> None:
    for n in range(1, 4):
        await served_award(client, n)
    response = await client.get("/reports/unpaid/chart.svg", params={"as_of": "2022-01-01"})
    root = svg_root(response)
    words = texts(root)
    assert "Court awards the State has not paid, as of 1 January 2022" in words
    assert "KES" in words and "Attorney General" in words and "300,000" in words
    assert SECRET_NAME not in response.text
    future = await client.get("/reports/unpaid/chart.svg", params={"as_of": "2999-01-01"})
    assert future.status_code == 422 and "in the future" in future.json()["detail"]


async def test_small_cells_are_merged_in_the_unpaid_chart(client: Client) -> None:
    """Two survivors' awards, both against the Attorney General: too few to show by agency."""
    for n in range(1, 3):
        await served_award(client, n)
    merged = texts(svg_root(await client.get("/reports/unpaid/chart.svg")))
    assert "other (fewer than 3 survivors)" in merged and "Attorney General" not in merged
    shown = await client.get("/reports/unpaid/chart.svg", params={"suppress_small": "false"})
    assert "Attorney General" in texts(svg_root(shown))


async def test_outstanding_over_time_chart(client: Client) -> None:
    await served_award(client, 1)
    response = await client.get("/reports/outstanding-over-time/chart.svg")
    words = texts(svg_root(response))
    assert "What the State owed on court awards at each month end" in words
    assert "KES" in words and "100,000" in words
    too_many = await client.get("/reports/outstanding-over-time/chart.svg?months=500")
    assert too_many.status_code == 400
