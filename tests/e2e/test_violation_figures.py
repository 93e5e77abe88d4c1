"""GET /reports/violations: the yearly counts equal records made by hand; CSV tables merge
small cells and hold no name, place, unit or officer; the chart speaks both languages."""

import csv
import io
from typing import Any

from tests.conftest import Account
from tests.e2e.helpers import Client, open_case, step, survivor

HAND_MADE = [
    # (survivor, year, county, agency, types)
    ("Achieng One", 2023, "Kisumu", "kenya_police_service", ["torture"]),
    ("Achieng One", 2024, "Kisumu", "kenya_police_service", ["arbitrary_arrest"]),
    ("Baraka Two", 2024, "Nairobi", "gsu", ["excessive_force_protest", "torture"]),
    ("Chebet Three", 2024, "Nairobi", "gsu", ["excessive_force_protest"]),
    ("Dedan Four", 2024, "Nairobi", "gsu", ["extrajudicial_execution"]),
    ("Esther Five", 2024, "Mombasa", "administration_police", ["sexual_violence"]),
    ("Gitau Seven", 2024, "Kisumu", "kenya_police_service", ["torture"]),
    ("Fatuma Six", 2025, "Nairobi", "kenya_police_service", ["death_in_custody"]),
]
"""2023: 1; 2024: 6 (three in Nairobi by the GSU, two in Kisumu by the police); 2025: 1"""
SECRETS = ("Achieng", "Baraka", "Chebet", "Dedan", "Esther", "Fatuma", "Gitau", "Central", "Cpl.")


async def _hand_made(client: Client) -> None:
    codes: dict[str, str] = {}
    for name, year, county, agency, types in HAND_MADE:
        code = codes.get(name) or await survivor(client, name)
        codes[name] = code
        entry = {
            "year": year,
            "county": county,
            "types": types,
            "agency": agency,
            "place": f"{name}'s street",
            "unit": "Central Police Station",
            "officers": "Cpl. Wekesa",
            "sex": "female",
            "age_band": "25_34",
        }
        response = await client.post(f"/survivors/{code}/violations", json=entry)
        assert response.status_code == 201, response.text


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_the_yearly_counts_equal_the_records_made_by_hand(
    client: Client, accounts: dict[str, Account]
) -> None:
    await _hand_made(client)
    advocacy = accounts["advocacy"].headers
    answer = await client.get("/reports/violations", headers=advocacy)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [(r["year"], r["violations"], r["survivors"]) for r in body["by_year"]] == [
        ("2023", 1, 1),
        ("2024", 6, 6),
        ("2025", 1, 1),
    ]
    by_type = {r["type"]: r["violations"] for r in body["by_type"]}
    assert by_type["torture"] == 3 and by_type["excessive_force_protest"] == 2
    assert sum(r["violations"] for r in body["by_county"]) == len(HAND_MADE)
    assert not any(secret in answer.text for secret in SECRETS)


async def test_last_years_figures_by_county_and_agency_as_a_csv_without_names(
    client: Client, accounts: dict[str, Account]
) -> None:
    await _hand_made(client)
    answer = await client.get(
        "/reports/violations",
        params={"from_year": 2024, "to_year": 2024, "format": "csv", "table": "county_agency"},
        headers=accounts["viewer"].headers,
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    rows = _rows(answer.text)
    assert rows[0] == {
        "county": "Nairobi City",
        "agency": "gsu",
        "violations": "3",
        "survivors": "3",
    }
    # Kisumu by the police (two survivors) and Mombasa by the AP (one): merged, never alone
    other = "other (fewer than 3 survivors)"
    assert rows[1] == {"county": other, "agency": other, "violations": "3", "survivors": "3"}
    assert len(rows) == 2
    assert not any(secret in answer.text for secret in SECRETS)


async def test_time_from_the_violation_to_filing(client: Client) -> None:
    for n in range(3):
        case = await open_case(
            client,
            f"Filed {n}",
            reference=f"HAKI/LIT/2020/00{n}",
            court_number=f"Petition E{n + 1} of 2020",
        )
        entry: dict[str, Any] = {
            "year": 2020,
            "month": 1,
            "day": 1 + n,
            "county": "Nakuru",
            "types": ["torture"],
            "agency": "gsu",
            "cases": [case["id"]],
        }
        code = case["claimants"][0]
        assert (await client.post(f"/survivors/{code}/violations", json=entry)).status_code == 201
        assert (await step(client, case, "file", occurred_on="2020-02-03")).status_code == 201
    answer = await client.get("/reports/violations", params={"format": "csv", "table": "timing"})
    to_filing, to_judgment = _rows(answer.text)
    assert to_filing["measure"] == "violation_to_filing" and to_filing["median_days"] == "32"
    assert (to_filing["lower_quartile_days"], to_filing["upper_quartile_days"]) == ("32", "32")
    assert to_judgment["violations"] == "0" and to_judgment["median_days"] == ""


async def test_the_chart_in_kiswahili_and_a_table_it_does_not_know(client: Client) -> None:
    await _hand_made(client)
    chart = await client.get("/reports/violations/chart.svg", params={"lang": "sw"})
    assert chart.status_code == 200
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert "Ukiukaji kwa mwaka" in chart.text and "2023-2025" in chart.text
    assert not any(secret in chart.text for secret in SECRETS)
    wrong = await client.get("/reports/violations", params={"format": "csv", "table": "names"})
    assert wrong.status_code == 400 and "county_agency" in wrong.json()["detail"]
    backwards = await client.get("/reports/violations", params={"from_year": 2025, "to_year": 2020})
    assert backwards.status_code == 400
