"""One follow-up with the Attorney General for a whole case: logged on each served award."""

from datetime import UTC, datetime

from domain.calendar import nairobi_today
from tests.conftest import Account
from tests.e2e.helpers import SERVED, Client, award_on, case_body, chase, judged, survivor

TODAY = nairobi_today(datetime.now(UTC)).isoformat()
LETTER = {"on": TODAY, "kind": "letter", "reference": "HAKI/AG/2026/40"}


async def test_one_follow_up_is_logged_on_each_served_award_of_the_case(client: Client) -> None:
    others = [await survivor(client, name) for name in ("Otieno Demo", "Njeri Demo")]
    case = await judged(client, claimants=others)
    awards = [await award_on(client, case, claimant=code) for code in others]
    url = f"/cases/{case['id']}/follow-ups"
    none_served = await client.post(url, json=LETTER)
    assert none_served.status_code == 422, none_served.text
    assert (
        "No award of this case has been served on the Attorney General"
        in (none_served.json()["detail"])
    )
    await chase(client, awards[0], *SERVED)
    await chase(client, awards[1], *SERVED)
    logged = await client.post(url, json=LETTER)
    assert logged.status_code == 201, logged.text
    assert sorted(row["award_id"] for row in logged.json()) == sorted(a["id"] for a in awards)
    for award in awards:
        history = (await client.get(f"/awards/{award['id']}/follow-ups")).json()
        assert [f["reference"] for f in history] == ["HAKI/AG/2026/40"]
    assert (await client.get("/follow-ups/due")).json() == [], "both chased, neither due"


async def test_only_the_served_awards_named_and_each_of_this_case(
    client: Client, accounts: dict[str, Account]
) -> None:
    others = [await survivor(client, name) for name in ("Otieno Demo", "Njeri Demo")]
    case = await judged(client, claimants=others)
    first, second = [await award_on(client, case, claimant=code) for code in others]
    await chase(client, first, *SERVED)
    url = f"/cases/{case['id']}/follow-ups"
    only_unserved = await client.post(url, json=LETTER | {"award_ids": [second["id"]]})
    assert only_unserved.status_code == 422
    # a case the lawyer is not on, with an award served: its id is not this case's
    admin = accounts["admin"].headers
    code = await survivor(client, "Kamau Demo")
    theirs = await client.post(
        "/cases",
        json=case_body(code, reference="HAKI/LIT/2021/009", court_number="Petition E99 of 2020"),
        headers=admin,
    )
    assert theirs.status_code == 201, theirs.text
    for trigger, day in (
        ("file", "2020-02-03"),
        ("exchange_pleadings", "2020-03-02"),
        ("set_down_for_hearing", "2020-06-01"),
        ("reserve_judgment", "2020-11-02"),
    ):
        version = (await client.get(f"/cases/{theirs.json()['id']}", headers=admin)).json()
        done = await client.post(
            f"/cases/{theirs.json()['id']}/transitions",
            json={"trigger": trigger, "version": version["version"], "occurred_on": day},
            headers=admin,
        )
        assert done.status_code == 201, done.text
    version = (await client.get(f"/cases/{theirs.json()['id']}", headers=admin)).json()["version"]
    judged_theirs = await client.post(
        f"/cases/{theirs.json()['id']}/transitions",
        json={
            "trigger": "deliver_judgment",
            "version": version,
            "occurred_on": "2021-03-01",
            "outcome": "allowed",
        },
        headers=admin,
    )
    assert judged_theirs.status_code == 201, judged_theirs.text
    made = await client.post(
        f"/cases/{theirs.json()['id']}/awards",
        json={
            "claimant": code,
            "respondent": "Attorney General",
            "rate_as_ordered": "12% p.a. from judgment",
            "rate_percent": "12",
            "heads": [{"kind": "general", "amount": "500000.00", "interest_from": "judgment"}],
        },
        headers=admin,
    )
    assert made.status_code == 201, made.text
    other_award = made.json()
    smuggled = await client.post(url, json=LETTER | {"award_ids": [first["id"], other_award["id"]]})
    assert smuggled.status_code == 404, smuggled.text
    assert (await client.get(f"/awards/{first['id']}/follow-ups")).json() == [], (
        "nothing half-written"
    )
    on_theirs = await client.post(f"/cases/{theirs.json()['id']}/follow-ups", json=LETTER)
    assert on_theirs.status_code == 404, "another team's case answers as an unknown one"
    assert (await client.post(url, json=LETTER | {"award_ids": [first["id"]]})).status_code == 201
