"""Costs awarded "to be taxed": the certificate of order waits for their taxation, and a costs
head runs interest from its taxing day unless the court named another (GPA s.21(1)).

Judgment 1 March 2021. Counted as IGPA s.57(a) counts, day 1 is 2 March and day 21 is 22 March,
so 21 days have expired from 23 March 2021."""

from typing import Any

from tests.e2e.helpers import Client, award_on, chase, judged


async def _certificate(client: Client, award: dict[str, Any], on: str) -> Any:
    return await client.post(
        f"/awards/{award['id']}/transitions",
        json={"trigger": "issue_certificate", "version": award["version"], "occurred_on": on},
    )


async def test_the_certificate_waits_for_costs_awarded_to_be_taxed(client: Client) -> None:
    award = await award_on(client, await judged(client), costs_to_be_taxed=True)
    await chase(client, award, ("extract_decree", "2021-03-08"))
    untaxed = await _certificate(client, award, "2021-03-30")
    assert untaxed.status_code == 422, untaxed.text
    assert (
        "the court awarded costs to be taxed, and they have not been taxed. Record the taxed "
        "costs first; the certificate can then be issued from the day they are taxed, and not "
        "before 23 March 2021"
    ) in untaxed.json()["detail"]
    taxed = await client.post(
        f"/awards/{award['id']}/costs",
        json={"amount": "80000.00", "taxed_on": "2021-04-06", "certificate_ref": "CoC 9 of 2021"},
    )
    assert taxed.status_code == 201, taxed.text
    day_before = await _certificate(client, award, "2021-04-05")
    assert day_before.status_code == 422
    assert "from 6 April 2021, when the costs were taxed" in day_before.json()["detail"]
    on_the_taxing_day = await _certificate(client, award, "2021-04-06")
    assert on_the_taxing_day.status_code == 201, on_the_taxing_day.text


async def test_costs_taxed_early_still_wait_for_the_21_days(client: Client) -> None:
    award = await award_on(client, await judged(client), costs_to_be_taxed=True)
    await chase(client, award, ("extract_decree", "2021-03-08"))
    taxed = await client.post(
        f"/awards/{award['id']}/costs",
        json={"amount": "80000.00", "taxed_on": "2021-03-10", "certificate_ref": "CoC 3 of 2021"},
    )
    assert taxed.status_code == 201, taxed.text
    day_21 = await _certificate(client, award, "2021-03-22")
    assert day_21.status_code == 422 and "from 23 March 2021" in day_21.json()["detail"]
    assert (await _certificate(client, award, "2021-03-23")).status_code == 201


async def test_a_costs_head_without_a_start_runs_from_its_taxing_day(client: Client) -> None:
    """Costs of 200,000 taxed on 6 April 2021 at 12%: to 6 April 2022 is 365 days, so
    200,000 x 12% x 365/365 = 24,000.00. Run from the judgment (1 March 2021, 401 days) it
    would be 200,000 x 0.12 x 401/365 = 26,367.12."""
    award = await award_on(
        client,
        await judged(client),
        heads=[{"kind": "costs", "amount": "200000.00", "taxed_on": "2021-04-06"}],
    )
    assert award["heads"][0]["interest_from"] == "2021-04-06"
    assert award["heads"][0]["taxed_on"] == "2021-04-06"
    statement = await client.get(f"/awards/{award['id']}/statement", params={"as_of": "2022-04-06"})
    assert (statement.json()["principal"], statement.json()["interest"]) == (
        "200000.00",
        "24000.00",
    )


async def test_a_stated_start_and_other_heads_keep_their_own_day(client: Client) -> None:
    award = await award_on(
        client,
        await judged(client),
        heads=[
            {"kind": "general", "amount": "500000.00"},
            {
                "kind": "costs",
                "amount": "200000.00",
                "taxed_on": "2021-04-06",
                "interest_from": "judgment",
            },
        ],
    )
    assert [h["interest_from"] for h in award["heads"]] == ["2021-03-01", "2021-03-01"]


async def test_costs_cannot_be_taxed_before_the_judgment(client: Client) -> None:
    case = await judged(client)
    body = {
        "claimant": case["claimants"][0],
        "respondent": "Attorney General",
        "rate_as_ordered": "court rates",
        "heads": [{"kind": "costs", "amount": "200000.00", "taxed_on": "2021-02-26"}],
    }
    refused = await client.post(f"/cases/{case['id']}/awards", json=body)
    assert refused.status_code == 422, refused.text
    assert "Costs are taxed after the judgment" in refused.json()["detail"]
    general = body | {"heads": [{"kind": "general", "amount": "1", "taxed_on": "2021-04-06"}]}
    only_costs = await client.post(f"/cases/{case['id']}/awards", json=general)
    assert only_costs.status_code in (400, 422)
    assert "Only costs are taxed" in only_costs.json()["detail"]
