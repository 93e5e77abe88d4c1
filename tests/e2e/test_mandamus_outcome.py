"""The judicial review that enforces an award: its judgment is logged on the award's history,
and the award shows where the review stands in court."""

from typing import Any

import pytest

from tests.e2e.helpers import SERVED, Client, award_on, chase, judged, open_case, pay, step


async def enforced(client: Client) -> tuple[dict[str, Any], dict[str, Any]]:
    """An award served on the AG, enforced on 1 September 2021; its judicial review at intake."""
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED, ("enforce", "2021-09-01"))
    review_id = (await client.get(f"/awards/{award['id']}")).json()["enforcement_case_id"]
    review: dict[str, Any] = (await client.get(f"/cases/{review_id}")).json()
    return award, review


ORDER_53 = (
    ("seek_leave", "2021-09-06"),
    ("grant_leave", "2021-09-20"),
    ("file_notice_of_motion", "2021-10-04"),
    ("set_down_for_hearing", "2021-11-01"),
    ("reserve_judgment", "2022-01-17"),
)
PETITION = (
    ("file", "2021-09-06"),
    ("exchange_pleadings", "2021-10-04"),
    ("set_down_for_hearing", "2021-11-01"),
    ("reserve_judgment", "2022-01-17"),
)


async def heard(
    client: Client,
    case: dict[str, Any],
    number: str = "JR Misc. Application No. E88 of 2021",
    route: tuple[tuple[str, str], ...] = ORDER_53,
) -> None:
    """Filed (leave sought, for a review), heard and judgment reserved on 17 January 2022."""
    for n, (trigger, day) in enumerate(route):
        facts = {"court_number": number} if n == 0 else {}
        answer = await step(client, case, trigger, occurred_on=day, **facts)
        assert answer.status_code == 201, answer.text


@pytest.mark.parametrize(
    ("outcome", "trigger"),
    [
        ("allowed", "mandamus_granted"),
        ("partly_allowed", "mandamus_granted"),
        ("dismissed", "mandamus_refused"),
    ],
)
async def test_the_judgment_on_the_review_is_logged_against_the_award(
    client: Client, outcome: str, trigger: str
) -> None:
    award, review = await enforced(client)
    await heard(client, review)
    before = (await client.get(f"/awards/{award['id']}")).json()
    judgment = await step(
        client, review, "deliver_judgment", occurred_on="2022-03-14", outcome=outcome
    )
    assert judgment.status_code == 201, judgment.text
    events = (await client.get(f"/awards/{award['id']}/events")).json()
    assert events[-1] | {"id": None, "recorded_at": None} == {
        "id": None,
        "trigger": trigger,
        "from_stage": "enforcement",
        "to_stage": "enforcement",
        "occurred_on": "2022-03-14",
        "recorded_at": None,
        "note": None,
        "evidence_ref": None,
        "details": {
            "case_id": review["id"],
            "court_number": "JR Misc. Application E88 of 2021",
            "outcome": outcome,
        },
        "withheld": [],
    }
    after = (await client.get(f"/awards/{award['id']}")).json()
    assert (after["stage"], after["version"]) == (before["stage"], before["version"])
    assert after["enforcement_case"] == {
        "id": review["id"],
        "reference": review["reference"],
        "court_number": "JR Misc. Application E88 of 2021",
        "stage": "judgment",
    }


async def test_a_judgment_on_any_other_case_logs_nothing_on_awards(client: Client) -> None:
    award, review = await enforced(client)
    assert (await client.get(f"/awards/{award['id']}")).json()["enforcement_case"] == {
        "id": review["id"],
        "reference": review["reference"],
        "court_number": None,
        "stage": "intake",
    }
    count = len((await client.get(f"/awards/{award['id']}/events")).json())
    other = await open_case(client, "Another Survivor", reference="HAKI/LIT/2021/002")
    await heard(client, other, "Petition E90 of 2021", PETITION)
    judgment = await step(
        client, other, "deliver_judgment", occurred_on="2022-03-14", outcome="allowed"
    )
    assert judgment.status_code == 201, judgment.text
    assert len((await client.get(f"/awards/{award['id']}/events")).json()) == count


async def test_the_outcome_lands_on_the_award_wherever_it_has_moved_since(client: Client) -> None:
    award, review = await enforced(client)
    assert (await pay(client, award, "2021-10-01", "1000.00")).json()["stage"] == "partially_paid"
    await heard(client, review)
    await step(client, review, "deliver_judgment", occurred_on="2022-03-14", outcome="allowed")
    last = (await client.get(f"/awards/{award['id']}/events")).json()[-1]
    assert (last["trigger"], last["from_stage"], last["to_stage"]) == (
        "mandamus_granted",
        "partially_paid",
        "partially_paid",
    )
