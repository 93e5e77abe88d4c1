"""The soak's clients: each a lawyer taking cases from intake to payment through the HTTP API,
with hearings scheduled and moved on the way; every answer timed and kept in the ledger."""

import asyncio
import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx

from domain.calendar import NAIROBI

COURT = (
    ("file", "2023-01-10"),
    ("exchange_pleadings", "2023-02-01"),
    ("set_down_for_hearing", "2023-03-01"),
    ("reserve_judgment", "2023-04-03"),
    ("deliver_judgment", "2023-05-02"),
)
AWARD = (
    ("extract_decree", "2023-05-10"),
    ("issue_certificate", "2023-06-01"),
    ("serve_on_ag", "2023-06-05"),
)
PAYMENTS = ("2024-01-15", "2024-03-15", "2024-06-14")
RETRIES = 6


@dataclass
class Ledger:
    """What the clients saw: every answer, and every step they were told was taken."""

    requests: int = 0
    answers: list[tuple[float, str, int]] = field(default_factory=list)
    """(monotonic instant it ended, route, status); status 0 for a connection that failed"""
    latency: dict[str, list[float]] = field(default_factory=dict)
    acknowledged: list[tuple[str, str, str]] = field(default_factory=list)
    """(case|award, id, trigger) answered 201"""
    payments: int = 0
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(text, flush=True)


class Client:
    def __init__(
        self, base: str, username: str, password: str, ledger: Ledger, rng: random.Random
    ) -> None:
        self.http = httpx.AsyncClient(base_url=base, timeout=30)
        self.username, self.password = username, password
        self.ledger, self.rng = ledger, rng
        self.headers: dict[str, str] = {}
        self.cases = 0

    async def sign_in(self) -> None:
        answer = await self.call(
            "POST",
            "/auth/login",
            "/auth/login",
            {"username": self.username, "password": self.password},
        )
        assert answer is not None and answer.status_code == 200, answer
        self.headers = {"Authorization": f"Bearer {answer.json()['token']}"}

    async def call(
        self, method: str, route: str, path: str, body: Any = None
    ) -> httpx.Response | None:
        """Retries a 5xx or a dropped connection with the same Idempotency-Key, and a 409
        saying the first try is still running; None when every try failed."""
        key = {"Idempotency-Key": str(uuid.uuid4())} if method == "POST" else {}
        for attempt in range(RETRIES):
            self.ledger.requests += 1
            began = time.monotonic()
            try:
                answer = await self.http.request(
                    method, path, json=body, headers=self.headers | key
                )
            except httpx.TransportError:
                self.ledger.answers.append((time.monotonic(), route, 0))
                await asyncio.sleep(0.5 * (attempt + 1))
                continue
            self.ledger.latency.setdefault(f"{method} {route}", []).append(time.monotonic() - began)
            self.ledger.answers.append((time.monotonic(), route, answer.status_code))
            in_use = answer.status_code == 409 and "still being processed" in answer.text
            if answer.status_code < 500 and not in_use:
                return answer
            await asyncio.sleep(0.5 * (attempt + 1))
        return None

    async def refreshed(self, kind: str, record: str) -> dict[str, Any] | None:
        answer = await self.call("GET", f"/{kind}s/{{id}}", f"/{kind}s/{record}")
        return answer.json() if answer is not None and answer.status_code == 200 else None


async def reminder_rules(admin: Client, began: datetime, minutes: float) -> None:
    """A reminder each minute of the soak, on the day of the hearing, to the team and (every
    other minute) the family: so reminders fall due all along, as hearings are set and moved."""
    rules = []
    for m in range(1, int(minutes) + 2):
        at = (began + timedelta(minutes=m)).astimezone(NAIROBI).strftime("%H:%M")
        rules.append({"audience": "team", "days_before": 0, "at": at})
        if m % 2:
            rules.append({"audience": "family", "days_before": 0, "at": at})
    answer = await admin.call("PUT", "/reminder-rules", "/reminder-rules", rules)
    assert answer is not None and answer.status_code == 200, answer and answer.text


def hearing_time(began: datetime, minutes: float, rng: random.Random) -> str:
    """Later today, after every reminder time of the soak."""
    at = began + timedelta(minutes=minutes + 5 + rng.randrange(60))
    return at.astimezone(NAIROBI).replace(second=0, microsecond=0).isoformat()


async def new_case(c: Client, number: int, began: datetime) -> dict[str, Any] | None:
    """A survivor, their consenting contact by SMS (quiet hours far from now), a case."""
    answer = await c.call(
        "POST", "/survivors", "/survivors", {"full_name": f"Soak Survivor {number}"}
    )
    if answer is None or answer.status_code != 201:
        return None
    code = answer.json()["code"]
    quiet = (began + timedelta(hours=8)).astimezone(NAIROBI)
    contact = await c.call(
        "POST",
        "/survivors/{code}/contacts",
        f"/survivors/{code}/contacts",
        {
            "name": f"Soak Contact {number}",
            "relationship": "mother",
            "language": "sw",
            "phone": f"+2547110{number:05d}",
            "channel": "sms",
            "quiet_from": quiet.strftime("%H:%M"),
            "quiet_until": (quiet + timedelta(minutes=1)).strftime("%H:%M"),
        },
    )
    if contact is not None and contact.status_code == 201:
        path = f"/contacts/{contact.json()['id']}/consent"
        await c.call("POST", "/contacts/{contact_id}/consent", path, {})
    body = {
        "reference": f"HAKI/SOAK/2026/{number}",
        "title": f"S.S. {number} v Attorney General",
        "kind": "constitutional_petition",
        "court_level": "high_court",
        "court_station": "Nairobi (Milimani)",
        "lead_counsel": c.username,
        "claimants": [code],
        "respondents": ["Attorney General"],
        "opened_on": "2022-12-01",
    }
    answer = await c.call("POST", "/cases", "/cases", body)
    if answer is None or answer.status_code != 201:
        return None
    return answer.json() | {"code": code}


async def step(
    c: Client, kind: str, record: dict[str, Any], trigger: str, on: str, **facts: Any
) -> bool:
    body = {"trigger": trigger, "version": record["version"], "occurred_on": on, **facts}
    path = f"/{kind}s/{record['id']}/transitions"
    answer = await c.call("POST", f"/{kind}s/{{id}}/transitions", path, body)
    if answer is not None and answer.status_code == 201:
        record["version"] = answer.json()["version"]
        c.ledger.acknowledged.append((kind, str(record["id"]), trigger))
        return True
    fresh = await c.refreshed(kind, record["id"])  # moved by a try whose answer was lost?
    if fresh is not None:
        record["version"] = fresh["version"]
    return False


async def hearings(
    c: Client, case: dict[str, Any], held: list[dict[str, Any]], began: datetime, minutes: float
) -> None:
    """Sets a hearing, or moves one already set."""
    if held and c.rng.random() < 0.4:
        hearing = c.rng.choice(held)
        body = {
            "version": hearing["version"],
            "starts_at": hearing_time(began, minutes, c.rng),
            "reason": "the judge is on leave",
        }
        path = f"/hearings/{hearing['id']}/reschedule"
        answer = await c.call("POST", "/hearings/{hearing_id}/reschedule", path, body)
        if answer is not None and answer.status_code == 201:
            hearing["version"] = answer.json()["version"]
        return
    body = {"starts_at": hearing_time(began, minutes, c.rng), "purpose": "mention"}
    path = f"/cases/{case['id']}/hearings"
    answer = await c.call("POST", "/cases/{case_id}/hearings", path, body)
    if answer is not None and answer.status_code == 201:
        held.append(answer.json())


async def compensation(c: Client, case: dict[str, Any], ends: float) -> None:
    """The award, its chase to service on the AG, and payments in part."""
    body = {
        "claimant": case["code"],
        "respondent": "Attorney General",
        "rate_as_ordered": "12% p.a.",
        "rate_percent": "12",
        "heads": [{"kind": "general", "amount": "500000.00", "interest_from": "judgment"}],
    }
    path = f"/cases/{case['id']}/awards"
    answer = await c.call("POST", "/cases/{case_id}/awards", path, body)
    if answer is None or answer.status_code != 201:
        return
    award = answer.json()
    for trigger, on in AWARD:
        if time.monotonic() > ends or not await step(c, "award", award, trigger, on):
            return
    for n, on in enumerate(PAYMENTS):
        if time.monotonic() > ends:
            return
        body = {
            "received_on": on,
            "amount": "1000.00",
            "payer": "National Treasury",
            "reference": f"TR/{award['id'][:8]}/{n}",
        }
        path = f"/awards/{award['id']}/payments"
        answer = await c.call("POST", "/awards/{award_id}/payments", path, body)
        if answer is not None and answer.status_code == 201:
            c.ledger.payments += 1


async def client_loop(c: Client, ends: float, began: datetime, minutes: float) -> None:
    try:
        await c.sign_in()
        await cases(c, ends, began, minutes)
    finally:
        await c.http.aclose()


async def cases(c: Client, ends: float, began: datetime, minutes: float) -> None:
    index = int(c.username.rsplit("-", 1)[1])
    while time.monotonic() < ends:
        c.cases += 1
        number = index * 1000 + c.cases
        case = await new_case(c, number, began)
        if case is None:
            continue
        held: list[dict[str, Any]] = []
        for trigger, on in COURT:
            if time.monotonic() > ends:
                return
            facts: dict[str, Any] = (
                {"court_number": f"Petition E{number} of 2023"} if trigger == "file" else {}
            )
            if trigger == "deliver_judgment":
                facts = {"outcome": "allowed"}
            if not await step(c, "case", case, trigger, on, **facts):
                break
            await hearings(c, case, held, began, minutes)
        else:
            await compensation(c, case, ends)
