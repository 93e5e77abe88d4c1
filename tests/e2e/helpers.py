"""Small steps the HTTP tests share: register a survivor, open a case, record a step."""

import re
from typing import Any

from httpx import Response
from litestar import Litestar
from litestar.testing import AsyncTestClient

Client = AsyncTestClient[Litestar]


async def survivor(client: Client, name: str = "Wanjiku Demo") -> str:
    response = await client.post("/survivors", json={"full_name": name})
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


def case_body(code: str, **overrides: Any) -> dict[str, Any]:
    body = {
        "reference": "HAKI/LIT/2021/001",
        "title": "W.D. v Attorney General & 2 others",
        "kind": "constitutional_petition",
        "court_level": "high_court",
        "court_station": "Nairobi (Milimani)",
        "lead_counsel": "Achieng Odhiambo",
        "claimants": [code],
        "respondents": ["Attorney General", "Inspector General", "National Police Service"],
        "opened_on": "2021-02-01",
    }
    return body | overrides


async def open_case(
    client: Client, survivor_name: str = "Wanjiku Demo", **overrides: Any
) -> dict[str, Any]:
    code = await survivor(client, survivor_name)
    response = await client.post("/cases", json=case_body(code, **overrides))
    assert response.status_code == 201, response.text
    case: dict[str, Any] = response.json()
    return case


async def step(client: Client, case: dict[str, Any], trigger: str, **facts: Any) -> Response:
    """Fires `trigger` with the case's current version and updates `case` on success."""
    response = await client.post(
        f"/cases/{case['id']}/transitions",
        json={"trigger": trigger, "version": case["version"], **facts},
    )
    if response.status_code == 201:
        case["version"] = response.json()["version"]
        case["stage"] = response.json()["stage"]
    return response


async def through_court(client: Client, case: dict[str, Any]) -> None:
    """Filed in February 2020, judgment reserved in November."""
    for trigger, day in (
        ("file", "2020-02-03"),
        ("exchange_pleadings", "2020-03-02"),
        ("set_down_for_hearing", "2020-06-01"),
        ("reserve_judgment", "2020-11-02"),
    ):
        assert (await step(client, case, trigger, occurred_on=day)).status_code == 201


async def reserved(client: Client, **overrides: Any) -> dict[str, Any]:
    """`overrides` go to open_case: the survivor's name or fields of the case."""
    case = await open_case(client, **({"court_number": "Petition E31 of 2020"} | overrides))
    await through_court(client, case)
    return case


async def judged(client: Client, on: str = "2021-03-01", **overrides: Any) -> dict[str, Any]:
    case = await reserved(client, **overrides)
    done = await step(client, case, "deliver_judgment", occurred_on=on, outcome="allowed")
    assert done.status_code == 201, done.text
    return case


async def award_on(client: Client, case: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    body = {
        "claimant": case["claimants"][0],
        "respondent": "Attorney General",
        "rate_as_ordered": "12% p.a. from judgment",
        "rate_percent": "12",
        "heads": [{"kind": "general", "amount": "1000000.00", "interest_from": "judgment"}],
    } | overrides
    response = await client.post(f"/cases/{case['id']}/awards", json=body)
    assert response.status_code == 201, response.text
    award: dict[str, Any] = response.json()
    return award


async def chase(client: Client, award: dict[str, Any], *steps: tuple[str, str]) -> None:
    for trigger, day in steps:
        response = await client.post(
            f"/awards/{award['id']}/transitions",
            json={"trigger": trigger, "version": award["version"], "occurred_on": day},
        )
        assert response.status_code == 201, response.text
        award["version"], award["stage"] = response.json()["version"], response.json()["stage"]


async def pay(client: Client, award: dict[str, Any], on: str, amount: str) -> Any:
    return await client.post(
        f"/awards/{award['id']}/payments",
        json={
            "received_on": on,
            "amount": amount,
            "payer": "National Treasury",
            "reference": f"TR/{on}",
        },
    )


SERVED = (
    ("extract_decree", "2021-03-08"),
    ("issue_certificate", "2021-03-23"),
    ("serve_on_ag", "2021-04-01"),
)


def without_form_tokens(html: str) -> str:
    """A page without its forms' one-time tokens, which are new each time a page is drawn."""
    return re.sub(r'name="_once" value="[^"]*"', 'name="_once"', html)
