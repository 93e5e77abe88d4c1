"""GET /reports/unpaid: figures worked by hand, and always the sum of the awards' statements."""

import csv
import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, pay

MONEY = ("awarded", "interest_accrued", "paid", "outstanding_principal", "outstanding_interest")


def simple(principal: str, start: str, end: str) -> Decimal:
    """12% a year, actual/365, to the cent: written out here, not taken from domain/."""
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days
    exact = Decimal(principal) * Decimal(12) * days / Decimal(36500)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def two_awards(client: Client) -> tuple[dict[str, Any], dict[str, Any]]:
    """A: KES 1,000,000 judged 2021-03-01, served, KES 100,000 paid on 2021-09-01.
    B: KES 500,000 judged 2022-01-10 against the police at Mombasa, never served."""
    first = await judged(client, survivor_name="Akinyi Report")
    a = await award_on(client, first)
    await chase(client, a, *SERVED)
    assert (await pay(client, a, "2021-09-01", "100000.00")).status_code == 201
    second = await judged(
        client,
        on="2022-01-10",
        survivor_name="Baraka Report",
        reference="HAKI/LIT/2021/002",
        court_station="Mombasa",
        court_number="Petition E7 of 2021",
    )
    b = await award_on(
        client,
        second,
        respondent="National Police Service",
        heads=[{"kind": "general", "amount": "500000.00", "interest_from": "judgment"}],
    )
    return a, b


async def test_figures_worked_by_hand(client: Client) -> None:
    await two_awards(client)
    response = await client.get("/reports/unpaid", params={"as_of": "2022-03-01"})
    assert response.status_code == 200, response.text
    body = response.json()
    a_before = simple("1000000", "2021-03-01", "2021-09-01")  # 60,493.15, paid first
    a_principal = Decimal("1000000") - (Decimal("100000") - a_before)
    a_after = simple(str(a_principal), "2021-09-01", "2022-03-01")
    b_interest = simple("500000", "2022-01-10", "2022-03-01")
    assert body["totals"] == {
        "awards": 2,
        "survivors": 2,
        "awarded": "1500000.00",
        "interest_accrued": str(a_before + a_after + b_interest),
        "paid": "100000.00",
        "outstanding_principal": str(a_principal + 500000),
        "outstanding_interest": str(a_after + b_interest),
        "outstanding": str(a_principal + 500000 + a_after + b_interest),
    }
    by = body["breakdowns"]
    assert [
        (r["respondent"], r["awards"], r["outstanding_principal"]) for r in by["respondent"]
    ] == [
        ("Attorney General", 1, str(a_principal)),
        ("National Police Service", 1, "500000.00"),
    ]
    assert [(r["judgment_year"], r["awards"]) for r in by["judgment_year"]] == [
        ("2021", 1),
        ("2022", 1),
    ]
    assert [r["court_station"] for r in by["court_station"]] == ["Mombasa", "Nairobi (Milimani)"]
    assert [(r["ageing_since_judgment"], r["awards"]) for r in by["ageing_since_judgment"]] == [
        ("0-90 days", 1),  # B: 50 days
        ("91-365 days", 1),  # A: 365 days
    ]
    assert [(r["ageing_since_service"], r["awards"]) for r in by["ageing_since_service"]] == [
        ("91-365 days", 1),  # A: served 2021-04-01, 334 days
        ("not served", 1),
    ]
    assert "Akinyi" not in response.text and "Baraka" not in response.text


async def test_ageing_buckets_at_their_edges(client: Client) -> None:
    await two_awards(client)

    async def ages(as_of: str) -> list[str]:
        body = (await client.get("/reports/unpaid", params={"as_of": as_of})).json()
        rows = body["breakdowns"]["ageing_since_judgment"]
        return [r["ageing_since_judgment"] for r in rows for _ in range(r["awards"])]

    # A was judged 2021-03-01: day 90 is 2021-05-30, day 365 2022-03-01, day 1095 2024-02-29
    assert await ages("2021-05-30") == ["0-90 days"]
    assert await ages("2021-05-31") == ["91-365 days"]
    assert await ages("2022-03-01") == ["0-90 days", "91-365 days"]
    assert await ages("2022-03-02") == ["0-90 days", "1-3 years"]
    assert await ages("2024-02-29") == ["1-3 years", "1-3 years"]
    assert await ages("2024-03-01") == ["1-3 years", "over 3 years"]


async def statements_total(
    client: Client, awards: list[dict[str, Any]], as_of: str
) -> dict[str, Any]:
    """What adding up each award's own statement gives, for the awards still owed that day."""
    total: dict[str, Any] = {"awards": 0} | {name: Decimal(0) for name in MONEY}
    for award in awards:
        if award["judgment_on"] > as_of:
            continue
        response = await client.get(f"/awards/{award['id']}/statement", params={"as_of": as_of})
        s = response.json()
        if Decimal(s["outstanding"]) == 0:
            continue
        total["awards"] += 1
        total["awarded"] += Decimal(s["principal"])
        total["interest_accrued"] += Decimal(s["interest"])
        total["paid"] += Decimal(s["paid"])
        total["outstanding_principal"] += Decimal(s["outstanding_principal"])
        total["outstanding_interest"] += Decimal(s["outstanding_interest"])
    return total


async def test_the_report_is_the_sum_of_the_statements(client: Client) -> None:
    """Before and after payments, a payment in full, a reversal and costs taxed later."""
    a, b = await two_awards(client)
    third = await judged(
        client,
        on="2021-06-15",
        survivor_name="Chebet Report",
        reference="HAKI/LIT/2021/003",
        court_number="Petition E9 of 2021",
    )
    c = await award_on(
        client,
        third,
        rate_percent="14",
        heads=[
            {"kind": "general", "amount": "333333.33", "interest_from": "filing"},
            {"kind": "special", "amount": "77777.77", "interest_from": None},
            {"kind": "exemplary", "amount": "123456.79", "interest_from": "2021-07-01"},
        ],
    )
    await chase(
        client,
        c,
        ("extract_decree", "2021-06-20"),
        ("issue_certificate", "2021-07-12"),
        ("serve_on_ag", "2021-07-15"),
    )
    bounced = (await pay(client, c, "2021-10-01", "50000.00")).json()["id"]
    assert (await pay(client, c, "2022-02-01", "20000.01")).status_code == 201
    reversal = await client.post(
        f"/awards/{c['id']}/payments/{bounced}/reversal",
        json={"reversed_on": "2022-03-15", "reason": "cheque returned unpaid"},
    )
    assert reversal.status_code == 201, reversal.text
    costs = await client.post(
        f"/awards/{a['id']}/costs",
        json={"amount": "45678.91", "taxed_on": "2022-05-05", "certificate_ref": "CoC 1/2022"},
    )
    assert costs.status_code == 201, costs.text
    owed = await client.get(f"/awards/{a['id']}/statement", params={"as_of": "2023-01-02"})
    assert (await pay(client, a, "2023-01-02", owed.json()["outstanding"])).status_code == 201
    awards = [(await client.get(f"/awards/{x['id']}")).json() for x in (a, b, c)]
    for as_of in (
        "2021-03-01", "2021-08-31", "2021-09-01", "2021-10-01", "2022-01-09", "2022-01-10",
        "2022-02-01", "2022-03-14", "2022-03-15", "2022-05-05", "2022-12-31", "2023-01-02",
        "2025-06-30",
    ):  # fmt: skip
        computed, stored = [
            (await client.get("/reports/unpaid", params={"as_of": as_of})).json() for _ in range(2)
        ]
        assert stored == computed, as_of
        report = stored
        expected = await statements_total(client, awards, as_of)
        got = report["totals"]
        assert {k: got[k] for k in ("awards", *MONEY)} == {
            k: v if k == "awards" else f"{v:.2f}" for k, v in expected.items()
        }, as_of
        assert (
            Decimal(got["outstanding"])
            == expected["outstanding_principal"] + expected["outstanding_interest"]
        )


async def test_csv_one_breakdown_with_small_cells_merged(client: Client) -> None:
    await two_awards(client)
    response = await client.get(
        "/reports/unpaid",
        params={"as_of": "2022-03-01", "breakdown": "respondent"},
        headers={"Accept": "text/csv"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == (
        'attachment; filename="unpaid-awards-by-respondent-2022-03-01.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == [
        "respondent",
        "awards",
        "survivors",
        "awarded",
        "interest_accrued",
        "paid",
        "outstanding_principal",
        "outstanding_interest",
        "outstanding",
    ]
    # two survivors, one per respondent: both cells merge into one row, the totals kept
    assert [r[:4] for r in rows[1:]] == [["other (fewer than 3 survivors)", "2", "2", "1500000.00"]]


async def test_csv_every_row_when_asked_and_totals_without_a_breakdown(client: Client) -> None:
    await two_awards(client)
    every = await client.get(
        "/reports/unpaid",
        params={"as_of": "2022-03-01", "breakdown": "court_station", "format": "csv"}
        | {"suppress_small": "false"},
    )
    assert [r[0] for r in csv.reader(io.StringIO(every.text))] == [
        "court_station",
        "Mombasa",
        "Nairobi (Milimani)",
    ]
    totals = await client.get("/reports/unpaid?as_of=2022-03-01&format=csv")
    rows = list(csv.reader(io.StringIO(totals.text)))
    assert rows[0][:3] == ["awards", "survivors", "awarded"]
    assert rows[1][:3] == ["2", "2", "1500000.00"]


async def test_json_merges_small_cells_only_when_asked(client: Client) -> None:
    await two_awards(client)
    plain = (await client.get("/reports/unpaid?as_of=2022-03-01")).json()
    assert plain["small_cells_merged"] is False and len(plain["breakdowns"]["respondent"]) == 2
    merged = (await client.get("/reports/unpaid?as_of=2022-03-01&suppress_small=true")).json()
    assert merged["small_cells_merged"] is True
    assert [r["respondent"] for r in merged["breakdowns"]["respondent"]] == [
        "other (fewer than 3 survivors)"
    ]
    assert merged["totals"] == plain["totals"]


async def test_bad_input_is_refused(client: Client) -> None:
    await two_awards(client)
    for params, status in (
        ({"as_of": "01/03/2022"}, 400),
        ({"as_of": "2999-01-01"}, 422),
        ({"as_of": "1999-12-31"}, 422),
        ({"as_of": "2020-01-01"}, 422),  # before the first judgment on record
        ({"breakdown": "county"}, 400),
        ({"format": "xlsx"}, 400),
    ):
        response = await client.get("/reports/unpaid", params=params)
        assert response.status_code == status, (params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
