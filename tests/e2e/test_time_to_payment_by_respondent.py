"""GET /reports/time-to-payment/by-respondent: who pays slowest, small respondents merged
before their quartiles are computed."""

import csv
import io
from typing import Any

from tests.e2e.helpers import Client
from tests.e2e.test_reports import HEADER, four_awards, paid, served_award

OTHER = "other (fewer than 3 survivors)"
NONE = {
    "awards": 0,
    "lower_quartile_days": None,
    "median_days": None,
    "upper_quartile_days": None,
    "shortest_days": None,
    "longest_days": None,
}


def spread(
    awards: int, lower: str, median: str, upper: str, least: int, most: int
) -> dict[str, Any]:
    return {
        "awards": awards,
        "lower_quartile_days": lower,
        "median_days": median,
        "upper_quartile_days": upper,
        "shortest_days": least,
        "longest_days": most,
    }


async def four_respondents(client: Client) -> None:
    """The Attorney General's four awards of four_awards; the Inspector General's three, never
    paid; the police's one, paid in full after 50 days; the Ministry's one, never paid."""
    await four_awards(client)
    for n in range(5, 8):
        await served_award(client, n, "Inspector General")
    police = await served_award(client, 8, "National Police Service")
    await paid(client, police, 50, "100000.00")
    await served_award(client, 9, "Ministry of Interior")


async def test_each_respondent_and_the_small_ones_merged(client: Client) -> None:
    await four_respondents(client)
    url = "/reports/time-to-payment/by-respondent"
    body = (await client.get(url, params={"as_of": "2023-01-01"})).json()
    assert body["small_cells_merged"] is False
    attorney_general = {
        "respondent": "Attorney General",
        "survivors": 4,
        "awards": 4,
        "never_paid": 1,
        "to_first_payment": spread(3, "150.0", "200.0", "300.0", 100, 400),
        "to_payment_in_full": spread(3, "250.0", "300.0", "350.0", 200, 400),
    }
    assert body["respondents"] == [
        attorney_general,
        {"respondent": "Inspector General", "survivors": 3, "awards": 3, "never_paid": 3}
        | {"to_first_payment": NONE, "to_payment_in_full": NONE},
        {"respondent": "Ministry of Interior", "survivors": 1, "awards": 1, "never_paid": 1}
        | {"to_first_payment": NONE, "to_payment_in_full": NONE},
        {"respondent": "National Police Service", "survivors": 1, "awards": 1, "never_paid": 0}
        | {"to_first_payment": spread(1, "50.0", "50.0", "50.0", 50, 50)}
        | {"to_payment_in_full": spread(1, "50.0", "50.0", "50.0", 50, 50)},
    ]
    # the police and the Ministry hold two survivors: too few, so the smallest other
    # respondent, the Inspector General, joins them
    merged = await client.get(url, params={"as_of": "2023-01-01", "suppress_small": "true"})
    assert merged.json()["respondents"] == [
        attorney_general,
        {"respondent": OTHER, "survivors": 5, "awards": 5, "never_paid": 4}
        | {"to_first_payment": spread(1, "50.0", "50.0", "50.0", 50, 50)}
        | {"to_payment_in_full": spread(1, "50.0", "50.0", "50.0", 50, 50)},
    ]


async def test_as_csv_small_cells_merged_by_default(client: Client) -> None:
    await four_respondents(client)
    response = await client.get(
        "/reports/time-to-payment/by-respondent", params={"as_of": "2023-01-01", "format": "csv"}
    )
    assert response.status_code == 200, response.text
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == [HEADER[0], "respondent", "survivors", *HEADER[1:]]
    assert [row[1] for row in rows[1:]] == ["Attorney General"] * 3 + [OTHER] * 3
    assert rows[6] == ["2023-01-01", OTHER, "5", "never_paid", "4", "", "", "", "", ""]
    early = await client.get(
        "/reports/time-to-payment/by-respondent", params={"as_of": "2020-01-01"}
    )
    assert early.status_code == 422 and "before the first judgment" in early.json()["detail"]
