"""The advocacy reports over HTTP, on small data whose figures are worked out by hand."""

import csv
import io
from datetime import date, timedelta
from typing import Any

from tests.conftest import Account
from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, pay

JUDGMENT = date(2021, 3, 1)
SECRET_NAME = "Nyokabi Siri"
"""in every survivor's name: a report that leaks a name is caught by one search"""
COSTS = [{"kind": "costs", "amount": "100000.00", "interest_from": None}]
"""KES 100,000 bearing no interest, so paying in full is one known sum"""


def after(days: int) -> str:
    return (JUDGMENT + timedelta(days=days)).isoformat()


async def served_award(
    client: Client, n: int, respondent: str = "Attorney General"
) -> dict[str, Any]:
    case = await judged(
        client,
        on=JUDGMENT.isoformat(),
        survivor_name=f"{SECRET_NAME} {n}",
        reference=f"HAKI/LIT/2021/00{n}",
        court_number=f"Petition E3{n} of 2020",
    )
    award = await award_on(client, case, heads=COSTS, respondent=respondent)
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
        ("/reports/pipeline", {"from": "2025-05-01", "to": "2025-04-01"}, 422, "before the first"),
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
