"""The judicial review an award's enforcement opens follows Order 53, through the API: leave
sought ex parte, granted or refused, the notice of motion within 21 days of leave (a later one
recorded with a warning), hearing, judgment granting or refusing mandamus."""

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import Account
from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, step
from tests.e2e.test_mandamus_outcome import enforced

NUMBER = "JR Misc. Application No. E88 of 2021"
LEAVE_ON = "2021-09-20"
"""leave granted on 20 September 2021: day 1 is the 21st, day 21 is 11 October 2021, Utamaduni
Day's Monday off, so the period runs to Tuesday 12 October (IGPA s.57(b))"""


async def with_leave(client: Client, review: dict[str, Any]) -> None:
    for trigger, day, facts in (
        ("seek_leave", "2021-09-06", {"court_number": NUMBER}),
        ("grant_leave", LEAVE_ON, {}),
    ):
        answer = await step(client, review, trigger, occurred_on=day, **facts)
        assert answer.status_code == 201, answer.text


async def steps_offered(client: Client, review: dict[str, Any]) -> list[str]:
    listed = (await client.get(f"/cases/{review['id']}/transitions")).json()
    return [s["trigger"] for s in listed["steps"] if s["possible"] == "now"]


async def test_the_whole_route_from_leave_to_mandamus_granted(client: Client) -> None:
    award, review = await enforced(client)
    assert (review["track"], review["stage"], review["kind"]) == (
        "mandamus",
        "intake",
        "judicial_review",
    )
    assert review["title"] == (
        f"Republic v Accounting Officer, {award['respondent']} ex parte {review['claimants'][0]}"
    )
    assert await steps_offered(client, review) == ["seek_leave", "withdraw"]
    await with_leave(client, review)
    assert review["stage"] == "leave_granted"
    assert await steps_offered(client, review) == ["file_notice_of_motion", "withdraw"]
    for trigger, day, facts in (
        ("file_notice_of_motion", "2021-10-04", {}),
        ("set_down_for_hearing", "2021-11-01", {}),
        ("reserve_judgment", "2022-01-17", {}),
        ("deliver_judgment", "2022-03-14", {"outcome": "allowed"}),
    ):
        answer = await step(client, review, trigger, occurred_on=day, **facts)
        assert answer.status_code == 201, answer.text
        assert answer.json()["warnings"] == []
    events = (await client.get(f"/cases/{review['id']}/events")).json()["items"]
    assert [(e["trigger"], e["to_stage"]) for e in events] == [
        ("open", "intake"),
        ("seek_leave", "leave_sought"),
        ("grant_leave", "leave_granted"),
        ("file_notice_of_motion", "motion_filed"),
        ("set_down_for_hearing", "hearing"),
        ("reserve_judgment", "judgment_reserved"),
        ("deliver_judgment", "judgment"),
    ]
    assert events[3]["details"] == {
        "leave_granted_on": LEAVE_ON,
        "last_day": "2021-10-12",
        "days_after_leave": 14,
        "out_of_time": False,
    }
    on_award = (await client.get(f"/awards/{award['id']}/events")).json()[-1]
    assert on_award["trigger"] == "mandamus_granted"
    closed = await step(client, review, "close", occurred_on="2022-04-01")
    assert closed.json()["stage"] == "closed", closed.text


@pytest.mark.parametrize(
    ("filed_on", "late"),
    [("2021-10-11", False), ("2021-10-12", False), ("2021-10-13", True)],
)
async def test_the_notice_of_motion_on_its_last_day_is_in_time_and_after_it_recorded_with_a_warning(
    client: Client, filed_on: str, late: bool
) -> None:
    _, review = await enforced(client)
    await with_leave(client, review)
    filed = await step(client, review, "file_notice_of_motion", occurred_on=filed_on)
    assert filed.status_code == 201, "late is for the court to excuse, not for Haki to refuse"
    assert filed.json()["stage"] == "motion_filed"
    assert filed.json()["event"]["details"]["out_of_time"] is late
    if late:
        assert filed.json()["warnings"] == [
            "The notice of motion was filed 23 days after the leave granted on 20 September "
            "2021; Civil Procedure Rules Order 53 r.3(1) allows 21 days, to 12 October 2021. "
            "It is recorded: unless the court enlarges the time, the leave may have lapsed."
        ]
    else:
        assert filed.json()["warnings"] == []


async def test_leave_refused_ends_the_review_and_no_motion_follows(client: Client) -> None:
    _, review = await enforced(client)
    await step(client, review, "seek_leave", occurred_on="2021-09-06", court_number=NUMBER)
    refused = await step(client, review, "refuse_leave", occurred_on=LEAVE_ON)
    assert refused.json()["stage"] == "leave_refused", refused.text
    motion = await step(client, review, "file_notice_of_motion", occurred_on="2021-09-22")
    assert motion.status_code == 409
    assert motion.json()["stage"] == "leave_refused" and motion.json()["allowed"] == ["close"]
    assert "at the stage Leave refused; now possible: Case closed." in motion.json()["detail"]
    assert await steps_offered(client, review) == ["close"]


async def test_the_petition_route_and_a_missing_number_are_refused_in_words(
    client: Client,
) -> None:
    _, review = await enforced(client)
    petition = await step(client, review, "file", occurred_on="2021-09-06", court_number=NUMBER)
    assert petition.status_code in (400, 409, 422)
    assert "Leave sought (chamber summons ex parte)" in petition.json()["detail"]
    no_number = await step(client, review, "seek_leave", occurred_on="2021-09-06")
    assert no_number.status_code in (400, 409, 422)
    assert "number of the application for leave" in no_number.json()["detail"]
    assert (await client.get(f"/cases/{review['id']}")).json()["stage"] == "intake"


async def test_lead_counsel_are_reminded_before_the_21_days_run_out_and_no_more_once_filed(
    client: Client, engine: AsyncEngine
) -> None:
    """Leave on 20 September 2021 was recorded long after: its last day is past, so nothing
    is reminded; leave recorded today is reminded 7 days and 1 day before its last day."""
    _, review = await enforced(client)
    await with_leave(client, review)

    async def reminders(of: dict[str, Any]) -> list[tuple[str, str]]:
        async with engine.connect() as db:
            rows = await db.execute(
                text("SELECT kind, status FROM reminders WHERE case_id = :id ORDER BY due_at"),
                {"id": of["id"]},
            )
            return [(kind, status) for kind, status in rows.all()]

    assert await reminders(review) == [], "a last day already gone is not reminded"
    _, today = await enforced_today(client)
    await step(client, today, "seek_leave", court_number="JR Misc. Application No. E89 of 2021")
    await step(client, today, "grant_leave")
    assert await reminders(today) == [
        ("motion_deadline", "pending"),
        ("motion_deadline", "pending"),
    ]
    await step(client, today, "file_notice_of_motion")
    assert await reminders(today) == [
        ("motion_deadline", "cancelled"),
        ("motion_deadline", "cancelled"),
    ]


async def enforced_today(client: Client) -> tuple[dict[str, Any], dict[str, Any]]:
    """A second award, on its own case, enforced: its review taken step by step today."""
    award = await award_on(
        client,
        await judged(client, reference="HAKI/LIT/2021/077", court_number="Petition E77 of 2020"),
    )
    await chase(client, award, *SERVED, ("enforce", "2021-09-01"))
    review_id = (await client.get(f"/awards/{award['id']}")).json()["enforcement_case_id"]
    review: dict[str, Any] = (await client.get(f"/cases/{review_id}")).json()
    return award, review


async def test_the_title_names_the_applicant_by_code_to_every_role(
    client: Client, accounts: dict[str, Account]
) -> None:
    _, review = await enforced(client)
    code = review["claimants"][0]
    for role in ("lawyer", "advocacy", "viewer", "admin"):
        seen = await client.get(f"/cases/{review['id']}", headers=accounts[role].headers)
        if seen.status_code == 200:
            assert seen.json()["title"].endswith(f"ex parte {code}")
            assert "Wanjiku" not in seen.text
