"""Chasing the Attorney General: what is due this week, the log, escalation after silence."""

from datetime import UTC, date, datetime, timedelta

from domain.calendar import nairobi_today
from tests.conftest import Account
from tests.e2e.helpers import SERVED, Client, award_on, chase, judged


def today() -> date:
    """Today in Nairobi when the test runs (not when it was collected: the day may turn)."""
    return nairobi_today(datetime.now(UTC))


async def test_an_award_served_long_ago_is_due_and_escalated_until_chased(
    client: Client, accounts: dict[str, Account]
) -> None:
    award = await award_on(client, await judged(client))
    assert (await client.get("/follow-ups/due")).json() == [], "not due before service"
    await chase(client, award, *SERVED)

    due = (await client.get("/follow-ups/due")).json()
    assert [(d["award_id"], d["next_due"], d["escalate"]) for d in due] == [
        (award["id"], "2021-05-01", True)
    ]
    assert due[0]["silent_days"] == (today() - datetime(2021, 4, 1).date()).days
    assert "full_name" not in due[0] and due[0]["claimant"].startswith("S-")

    logged = await client.post(
        f"/awards/{award['id']}/follow-ups",
        json={
            "on": today().isoformat(),
            "kind": "letter",
            "reference": "HAKI/AG/2026/17",
            "answered_on": today().isoformat(),
            "answer": "Forwarded to the accounting officer.",
        },
    )
    assert logged.status_code == 201, logged.text
    assert (await client.get("/follow-ups/due")).json() == []
    later = (await client.get("/follow-ups/due", params={"within": 30})).json()
    assert later[0]["next_due"] == (today() + timedelta(days=30)).isoformat()
    assert later[0]["escalate"] is False and later[0]["last_follow_up"] == today().isoformat()
    history = (await client.get(f"/awards/{award['id']}/follow-ups")).json()
    assert [f["reference"] for f in history] == ["HAKI/AG/2026/17"]

    other = accounts["other_lawyer"].headers
    assert (await client.get("/follow-ups/due", params={"within": 30}, headers=other)).json() == []
    advocacy = accounts["advocacy"].headers
    assert (
        len((await client.get("/follow-ups/due", params={"within": 30}, headers=advocacy)).json())
        == 1
    )


async def test_follow_ups_that_cannot_be_right_are_refused(client: Client) -> None:
    award = await award_on(client, await judged(client))
    url = f"/awards/{award['id']}/follow-ups"
    letter = {"on": "2021-05-01", "kind": "letter", "reference": "AG/1"}
    early = await client.post(url, json=letter)
    assert early.status_code == 422 and "once the award is served" in early.json()["detail"]
    await chase(client, award, *SERVED)
    before_service = await client.post(url, json=letter | {"on": "2021-03-30"})
    assert before_service.status_code == 422
    assert "before the award was served" in before_service.json()["detail"]
    future = await client.post(url, json=letter | {"on": "2999-01-01"})
    assert future.status_code == 422 and "in the future" in future.json()["detail"]
    backwards = await client.post(url, json=letter | {"answered_on": "2021-04-30"})
    assert backwards.status_code == 422 and "before the follow-up" in backwards.json()["detail"]
    assert (await client.post(url, json=letter | {"kind": "fax"})).status_code == 400
    assert (await client.get(url)).json() == []
    assert (await client.get("/follow-ups/due", params={"within": 999})).status_code == 400
