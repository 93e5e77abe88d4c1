"""Free text (notes, evidence references, the Attorney General's answers, what the court did)
may name a survivor or an officer: only the roles that read the parties' names read it; the
others are told that there is text they may not read."""

from typing import Any

import pytest

from tests.conftest import Account
from tests.e2e.helpers import SERVED, Client, award_on, chase, judged

SECRET = "Kiprono"
"""a name someone typed into every kind of free text"""


async def a_case_full_of_free_text(client: Client) -> tuple[dict[str, Any], dict[str, Any]]:
    case = await judged(client, note=f"referred by {SECRET}'s neighbour")
    award = await award_on(client, case)
    extracted = await client.post(
        f"/awards/{award['id']}/transitions",
        json={
            "trigger": "extract_decree",
            "version": award["version"],
            "occurred_on": "2021-03-08",
            "note": f"decree extracted after {SECRET} signed",
            "evidence_ref": f"{SECRET} affidavit.pdf",
        },
    )
    assert extracted.status_code == 201, extracted.text
    award["version"] = extracted.json()["version"]
    await chase(client, award, *SERVED[1:])
    logged = await client.post(
        f"/awards/{award['id']}/follow-ups",
        json={
            "on": "2021-05-01",
            "kind": "letter",
            "reference": "AG/FU/1",
            "answered_on": "2021-05-20",
            "answer": f"the AG says {SECRET} was never served",
        },
    )
    assert logged.status_code == 201, logged.text
    held = await client.post(
        f"/cases/{case['id']}/hearings",
        json={
            "starts_at": "2021-04-01T09:00:00+03:00",
            "purpose": "mention",
            "recorded_after_the_fact": True,
        },
    )
    assert held.status_code == 201, held.text
    sat = await client.post(
        f"/hearings/{held.json()['id']}/held",
        json={"version": held.json()["version"], "outcome": f"{SECRET} testified"},
    )
    assert sat.status_code == 201, sat.text
    return case, award


def reads(case: dict[str, Any], award: dict[str, Any]) -> list[str]:
    return [
        f"/cases/{case['id']}/events",
        f"/cases/{case['id']}/hearings",
        f"/awards/{award['id']}/events",
        f"/awards/{award['id']}/follow-ups",
        "/hearings?from=2021-01-01&to=2021-12-31",
        f"/web/cases/{case['id']}",
    ]


@pytest.mark.parametrize("role", ["advocacy", "viewer"])
async def test_free_text_is_withheld_from_roles_that_may_not_read_names(
    client: Client, accounts: dict[str, Account], role: str
) -> None:
    case, award = await a_case_full_of_free_text(client)
    headers = accounts[role].headers
    for path in reads(case, award):
        answer = await client.get(path, headers=headers)
        assert answer.status_code == 200, (path, answer.text)
        assert SECRET not in answer.text, path
    events = (await client.get(f"/cases/{case['id']}/events", headers=headers)).json()
    assert events["items"][0]["note"] is None and events["items"][0]["withheld"] == ["note"]
    award_events = (await client.get(f"/awards/{award['id']}/events", headers=headers)).json()
    decree = next(e for e in award_events if e["trigger"] == "extract_decree")
    assert decree["withheld"] == ["note", "evidence_ref"] and decree["evidence_ref"] is None
    answers = (await client.get(f"/awards/{award['id']}/follow-ups", headers=headers)).json()
    assert answers[0]["answer"] is None and answers[0]["withheld"] == ["answer"]
    dates = (await client.get(f"/cases/{case['id']}/hearings", headers=headers)).json()
    assert dates[0]["outcome"] is None and dates[0]["withheld"] == ["outcome"]
    page = (await client.get(f"/web/cases/{case['id']}", headers=headers)).text
    assert "withheld: shown only to the case team" in page


@pytest.mark.parametrize("role", ["lawyer", "admin"])
async def test_the_team_and_administrators_read_free_text(
    client: Client, accounts: dict[str, Account], role: str
) -> None:
    case, award = await a_case_full_of_free_text(client)
    headers = accounts[role].headers
    for path in reads(case, award):
        answer = await client.get(path, headers=headers)
        assert answer.status_code == 200, (path, answer.text)
        assert SECRET in answer.text, path
        assert "withheld: shown only" not in answer.text
    events = (await client.get(f"/cases/{case['id']}/events", headers=headers)).json()
    assert all(e["withheld"] == [] for e in events["items"])
