"""The steps the ledger-correction tests take over HTTP: an award served on the Attorney General,
money received and passed on, and an entry reversed. Shared by tests/e2e/test_corrections.py
(what a reversal changes) and tests/e2e/test_corrections_refused.py (what it may not do)."""

from typing import Any

from tests.e2e.helpers import SERVED, Client, award_on, judged, pay


async def chased(client: Client) -> tuple[dict[str, Any], dict[str, Any]]:
    """KES 1,000,000 at 12% from judgment on 1 March 2021, served on the AG on 1 April 2021."""
    case = await judged(client)
    award = await award_on(client, case)
    for trigger, day in SERVED:
        answer = await client.post(
            f"/awards/{award['id']}/transitions",
            json={"trigger": trigger, "version": award["version"], "occurred_on": day},
        )
        award["version"] = answer.json()["version"]
    return case, award


async def paid(client: Client, award: dict[str, Any], on: str, amount: str) -> int:
    answer = await pay(client, award, on, amount)
    assert answer.status_code == 201, answer.text
    entry: int = answer.json()["id"]
    return entry


async def disbursed(client: Client, award: dict[str, Any], on: str, amount: str) -> Any:
    return await client.post(
        f"/awards/{award['id']}/disbursements",
        json={
            "paid_on": on,
            "amount": amount,
            "method": "mpesa",
            "beneficiary": "the survivor",
            "reference": f"MP/{on}",
        },
    )


async def reverse(
    client: Client, award: dict[str, Any], kind: str, entry: int, on: str, **extra: Any
) -> Any:
    return await client.post(
        f"/awards/{award['id']}/{kind}/{entry}/reversal",
        json={"reversed_on": on, "reason": "cheque returned unpaid"} | extra,
    )
