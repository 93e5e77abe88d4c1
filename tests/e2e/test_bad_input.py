"""Every refusal is a 4xx problem-details answer that says what was wrong and writes nothing."""

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.e2e.helpers import Client, case_body, open_case, step, survivor

PROBLEM = "application/problem+json"


async def snapshot(engine: AsyncEngine) -> tuple[Any, ...]:
    async with engine.connect() as connection:
        counts = await connection.execute(
            text(
                "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM case_events),"
                " (SELECT count(*) FROM case_claimants), (SELECT count(*) FROM survivors),"
                " (SELECT string_agg(stage || version, ',' ORDER BY id) FROM cases)"
            )
        )
        return tuple(counts.one())


@pytest.fixture
async def hearing_case(client: Client) -> dict[str, Any]:
    case = await open_case(client, court_number="Petition E7 of 2022")
    for trigger in ("file", "exchange_pleadings", "set_down_for_hearing"):
        assert (await step(client, case, trigger, occurred_on="2022-05-05")).status_code == 201
    return case


def assert_problem(response: Any, status: int, *phrases: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    for phrase in phrases:
        assert phrase in problem["detail"], problem
    return problem


@pytest.mark.parametrize(
    ("facts", "status", "phrases"),
    [
        ({"trigger": "win_case"}, 422, ["“win_case” is not a step", "Judgment reserved"]),
        (
            {"trigger": "deliver_judgment", "occurred_on": "2023-01-01", "outcome": "allowed"},
            409,
            ["at the stage Hearing", "now possible: Judgment reserved, Settled, Withdrawn"],
        ),
        (
            {"trigger": "deliver_judgment", "occurred_on": "2020-01-01", "outcome": "allowed"},
            409,
            ["at the stage Hearing"],
        ),
        ({"trigger": "reserve_judgment", "occurred_on": "2999-01-01"}, 422, ["in the future"]),
        (
            {"trigger": "reserve_judgment", "occurred_on": "2022-05-04"},
            422,
            ["before the case reached the stage Hearing on 5 May 2022"],
        ),
        ({"trigger": "reserve_judgment", "version": 1}, 409, ["you sent version 1", "reload"]),
        (
            {"trigger": "settle", "court_number": "Petition twelve"},
            422,
            ["“Petition twelve” cannot be read as a court number"],
        ),
        ({"trigger": "settle", "neutral_citation": "[2022] XYZ 1"}, 422, ["XYZ is not a court"]),
        ({"trigger": "reserve_judgment", "version": "four"}, 400, ["version"]),
        ({"trigger": "reserve_judgment", "occurred_on": "28/09/2023"}, 400, ["occurred_on"]),
        ({"trigger": "reserve_judgment", "outcome": "won"}, 400, ["outcome"]),
        ({"trigger": "reserve_judgment", "colour": "red"}, 400, ["colour"]),
    ],
)
async def test_refused_steps_change_nothing(
    client: Client,
    engine: AsyncEngine,
    hearing_case: dict[str, Any],
    facts: dict[str, Any],
    status: int,
    phrases: list[str],
) -> None:
    before = await snapshot(engine)
    body = {"version": hearing_case["version"]} | facts
    response = await client.post(f"/cases/{hearing_case['id']}/transitions", json=body)
    assert_problem(response, status, *phrases)
    assert await snapshot(engine) == before


async def test_not_allowed_lists_stage_and_triggers_as_fields(
    client: Client, hearing_case: dict[str, Any]
) -> None:
    response = await step(client, hearing_case, "award")
    problem = assert_problem(response, 409)
    assert problem["stage"] == "hearing"
    assert problem["allowed"] == ["reserve_judgment", "settle", "withdraw"]


async def test_a_guard_names_the_missing_fact(client: Client, hearing_case: dict[str, Any]) -> None:
    assert (await step(client, hearing_case, "reserve_judgment")).status_code == 201
    response = await step(client, hearing_case, "deliver_judgment", outcome="allowed")
    assert_problem(
        response,
        422,
        "“Judgment delivered” cannot be recorded",
        "the date the judgment was delivered is needed",
    )


async def test_unknown_or_malformed_case_ids_are_404(client: Client) -> None:
    for path in (
        "/cases/7f9c2b1e-0000-4000-8000-000000000000",
        "/cases/not-a-uuid",
        "/cases/7f9c2b1e-0000-4000-8000-000000000000/events",
    ):
        assert_problem(await client.get(path), 404)
    response = await client.post(
        "/cases/7f9c2b1e-0000-4000-8000-000000000000/transitions",
        json={"trigger": "file", "version": 1},
    )
    assert_problem(response, 404, "No case has the id")


async def test_malformed_json_is_400(client: Client, engine: AsyncEngine) -> None:
    before = await snapshot(engine)
    response = await client.post(
        "/cases", content=b'{"reference": "HAKI/1",', headers={"content-type": "application/json"}
    )
    assert_problem(response, 400)
    assert await snapshot(engine) == before


async def test_oversize_body_is_413(client: Client, engine: AsyncEngine) -> None:
    before = await snapshot(engine)
    code = await survivor(client)
    before = await snapshot(engine)
    response = await client.post("/cases", json=case_body(code, title="x" * 200_000))
    assert_problem(response, 413)
    assert await snapshot(engine) == before


@pytest.mark.parametrize(
    ("overrides", "status", "phrase"),
    [
        ({"court_number": "Petition No. E12 of 2015"}, 422, "since 2020"),
        ({"court_number": "Petition 12"}, 422, "no year"),
        (
            {"claimants": ["S-1999-9999"]},
            422,
            "No survivor is registered with the code S-1999-9999",
        ),
        ({"opened_on": "2999-01-01"}, 422, "in the future"),
        ({"kind": "divorce"}, 400, "kind"),
        ({"claimants": []}, 400, "claimants"),
        ({"title": "   "}, 400, "title"),
        ({"respondents": "Attorney General"}, 400, "respondents"),
    ],
)
async def test_refused_cases_are_not_opened(
    client: Client, engine: AsyncEngine, overrides: dict[str, Any], status: int, phrase: str
) -> None:
    code = await survivor(client)
    before = await snapshot(engine)
    response = await client.post("/cases", json=case_body(code, **overrides))
    assert_problem(response, status, phrase)
    assert await snapshot(engine) == before


async def test_the_same_reference_or_court_number_twice_is_409(client: Client) -> None:
    await open_case(client, court_number="HCCC No. 45 of 2015")
    code = await survivor(client)
    again = await client.post(
        "/cases", json=case_body(code, reference="HAKI/OTHER", court_number="HCCC 45 of 2015")
    )
    assert_problem(again, 409, "HCCC 45 of 2015 at Nairobi (Milimani) is already registered")
    same_reference = await client.post("/cases", json=case_body(code))
    assert_problem(same_reference, 409, "reference HAKI/LIT/2021/001 already exists")
    assert (await client.get("/cases")).json()["total"] == 1


async def test_bad_query_parameters_are_400(client: Client) -> None:
    assert_problem(await client.get("/cases", params={"limit": 0}), 400)
    assert_problem(await client.get("/cases", params={"stage": "limbo"}), 400)
    assert_problem(await client.get("/cases", params={"court_number": "nonsense"}), 422)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/survivors", {"full_name": "Wan\u0000jiku"}),
        ("/survivors", {"full_name": "Wanjiku\u0007"}),
        ("/cases", {"title": "A v AG\u0000"}),
        ("/cases", {"note": "line one\nline two\u0000"}),
    ],
)
async def test_control_characters_are_refused_before_the_database(
    client: Client, engine: AsyncEngine, path: str, body: dict[str, Any]
) -> None:
    """PostgreSQL cannot store NUL: without this the answer was a 500 (found by schemathesis)."""
    code = await survivor(client)
    before = await snapshot(engine)
    payload = case_body(code, **body) if path == "/cases" else body
    problem = assert_problem(await client.post(path, json=payload), 400)
    assert "pattern" in problem["detail"] or "regex" in problem["detail"]
    assert await snapshot(engine) == before


async def test_notes_keep_their_line_breaks(client: Client) -> None:
    case = await open_case(client, note="Client seen at Kamiti.\n\tFollow up with family.")
    events = (await client.get(f"/cases/{case['id']}/events")).json()["items"]
    assert events[0]["note"] == "Client seen at Kamiti.\n\tFollow up with family."


async def test_control_characters_in_filters_are_refused(client: Client) -> None:
    assert_problem(await client.get("/cases", params={"station": "Nai\u0000robi"}), 400)
    assert_problem(await client.get("/cases", params={"counsel": "A\u0000"}), 400)


@pytest.mark.parametrize("path", ["/cases", "/survivors", "/auth/login"])
async def test_deeply_nested_json_is_400_in_words(
    client: Client, engine: AsyncEngine, path: str
) -> None:
    """20 KB of brackets inside brackets: a malformed body the reader is told about, not an
    error of ours with a traceback."""
    before = await snapshot(engine)
    for nested in ("[" * 10_000 + "]" * 10_000, '{"a":' * 4_000 + "1" + "}" * 4_000):
        response = await client.post(
            path, content=nested, headers={"content-type": "application/json"}
        )
        problem = assert_problem(response, 400, "nested")
        assert "Traceback" not in response.text and "Recursion" not in problem["detail"]
    assert await snapshot(engine) == before
