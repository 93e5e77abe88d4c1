"""Small steps the HTTP tests share: register a survivor, open a case, record a step."""

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
