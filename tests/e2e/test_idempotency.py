"""`Idempotency-Key`: a retried POST replays the first answer, a reused key with another body is
422, and a duplicate arriving while the first still runs — on another replica — is 409."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.cases import Case
from domain.idempotency import IdempotentRequest
from service.app import create_app
from service.idempotency import SHOWN_ONCE
from tests.conftest import Account
from tests.e2e.helpers import Client, case_body, survivor
from tests.e2e.test_imports import GOOD, csv_file


def keyed(key: str) -> dict[str, str]:
    return {"Idempotency-Key": key}


async def cases_in(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int(
            (await connection.execute(sa.select(sa.func.count()).select_from(Case))).one()[0]
        )


async def test_a_retry_with_the_same_key_and_body_gets_the_first_answer(
    client: Client, engine: AsyncEngine
) -> None:
    body = case_body(await survivor(client))
    key = str(uuid.uuid4())
    first = await client.post("/cases", json=body, headers=keyed(key))
    assert first.status_code == 201 and "idempotent-replayed" not in first.headers
    # the same fields in another order are the same request
    again = await client.post("/cases", json=dict(reversed(body.items())), headers=keyed(key))
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"].startswith("application/json")
    assert await cases_in(engine) == 1, "one case written, not two"


async def test_the_same_key_with_another_body_is_refused(
    client: Client, engine: AsyncEngine
) -> None:
    code = await survivor(client)
    key = str(uuid.uuid4())
    assert (
        await client.post("/cases", json=case_body(code), headers=keyed(key))
    ).status_code == 201
    other = case_body(code, reference="HAKI/LIT/2021/002")
    refused = await client.post("/cases", json=other, headers=keyed(key))
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert "another request" in refused.json()["detail"]
    assert await cases_in(engine) == 1


async def test_keys_are_per_user(client: Client, accounts: dict[str, Account]) -> None:
    key = "shared-key-0001"
    first = await client.post("/survivors", json={"full_name": "Amina One"}, headers=keyed(key))
    admin = accounts["admin"].headers | keyed(key)
    second = await client.post("/survivors", json={"full_name": "Amina Two"}, headers=admin)
    assert first.status_code == second.status_code == 201
    assert first.json()["code"] != second.json()["code"]


async def test_a_refusal_is_replayed_too_but_a_bad_key_is_a_400(client: Client) -> None:
    key = str(uuid.uuid4())
    body = case_body("S-1999-9999")  # no such survivor
    first = await client.post("/cases", json=body, headers=keyed(key))
    again = await client.post("/cases", json=body, headers=keyed(key))
    assert first.status_code == again.status_code == 422
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    bad = await client.post("/cases", json=body, headers=keyed("has spaces in it"))
    assert bad.status_code == 400 and "Idempotency-Key" in bad.json()["detail"]


async def test_without_sign_in_the_key_changes_nothing(client: Client) -> None:
    answer = await client.post(
        "/survivors",
        json={"full_name": "X"},
        headers={"Authorization": "Bearer not-a-token"} | keyed("k1"),
    )
    assert answer.status_code == 401


@pytest.fixture
async def replicas(database_url: str) -> AsyncIterator[list[str]]:
    """Two API servers on the same database, as behind a load balancer, in this event loop."""
    servers = []
    for _ in range(2):
        config = uvicorn.Config(create_app(database_url), port=0, log_level="warning")
        servers.append(uvicorn.Server(config))
    running = [asyncio.create_task(server.serve()) for server in servers]
    async with asyncio.timeout(30):
        while True:
            if all(server.started for server in servers):
                break
            await asyncio.sleep(0.05)
    ports = [server.servers[0].sockets[0].getsockname()[1] for server in servers]
    yield [f"http://127.0.0.1:{port}" for port in ports]
    for server in servers:
        server.should_exit = True
    await asyncio.gather(*running)


async def test_a_concurrent_duplicate_on_another_replica_is_a_409(
    client: Client, replicas: list[str], engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    body = case_body(await survivor(client))
    headers = accounts["lawyer"].headers | keyed(str(uuid.uuid4()))
    one, other = (httpx.AsyncClient(base_url=url, headers=headers) for url in replicas)
    async with one, other, engine.connect() as blocker:
        # the first request claims its key, then waits on this lock inside its handler
        await blocker.execute(sa.text("LOCK TABLE cases IN EXCLUSIVE MODE"))
        first = asyncio.create_task(one.post("/cases", json=body))
        async with asyncio.timeout(30):
            while True:
                if await claimed(engine, headers["Idempotency-Key"]):
                    break
                await asyncio.sleep(0.02)
        duplicate = await other.post("/cases", json=body)
        assert not first.done()
        await blocker.rollback()
        assert duplicate.status_code == 409
        assert "still being processed" in duplicate.json()["detail"]
        created = await first
        assert created.status_code == 201
        retried = await other.post("/cases", json=body)
    assert retried.status_code == 201 and retried.json() == created.json()
    assert await cases_in(engine) == 1


async def claimed(engine: AsyncEngine, key: str) -> bool:
    async with engine.connect() as connection:
        found = await connection.execute(
            sa.select(IdempotentRequest.key).where(IdempotentRequest.key == key)
        )
        return found.first() is not None


def test_the_openapi_schema_documents_the_header_on_every_post(app: Litestar) -> None:
    paths = app.openapi_schema.to_schema()["paths"]
    posts = [item["post"] for item in paths.values() if "post" in item]
    assert posts
    for operation in posts:
        names = [p["name"] for p in operation.get("parameters", [])]
        assert "Idempotency-Key" in names
        assert {"409", "422"} <= set(operation["responses"])


async def test_a_body_past_the_limit_is_refused_by_the_app_and_its_key_not_kept(
    client: Client, engine: AsyncEngine
) -> None:
    huge = {"full_name": "x" * 70_000}
    answer = await client.post("/survivors", json=huge, headers=keyed("too-large-1"))
    assert answer.status_code == 413
    assert not await claimed(engine, "too-large-1")


async def test_a_real_import_is_not_answered_with_its_dry_runs_report(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    """The query string is part of the request: `?dry_run=true` and without are two requests."""
    headers = accounts["admin"].headers | keyed(str(uuid.uuid4())) | {"content-type": "text/csv"}

    async def send(path: str) -> httpx.Response:
        return await client.post(path, content=csv_file(GOOD), headers=headers)

    dry = await send("/imports/cases?dry_run=true")
    assert dry.status_code == 200 and dry.json()["written"] is False
    real = await send("/imports/cases")
    assert real.status_code == 422 and "another request" in real.json()["detail"]
    assert "idempotent-replayed" not in real.headers
    assert await cases_in(engine) == 0
    again = await send("/imports/cases?dry_run=true")
    assert again.headers["idempotent-replayed"] == "true" and again.json() == dry.json()


async def stored_bodies(engine: AsyncEngine) -> list[bytes | None]:
    async with engine.connect() as connection:
        found = await connection.execute(sa.select(IdempotentRequest.body))
        return [row.body for row in found]


async def test_an_answer_holding_a_secret_is_never_kept_and_its_replay_is_refused(
    client: Client, engine: AsyncEngine
) -> None:
    """A calendar address, a family's status code or a session token is shown once: Haki keeps
    only its hash, so the stored answer of a retried request must not keep it either."""
    key = keyed(str(uuid.uuid4()))
    issued = await client.post("/calendar/feed", headers=key)
    assert issued.status_code == 201
    token = issued.json()["token"]
    assert all(body is None or token.encode() not in body for body in await stored_bodies(engine))
    again = await client.post("/calendar/feed", headers=key)
    assert again.status_code == 409 and "idempotent-replayed" not in again.headers
    assert token not in again.text
    assert again.json()["detail"] == (
        "this request was done, but its answer held something shown only once (a calendar "
        "address, a status code or a sign-in token), which Haki does not keep; send the request "
        "again with a new Idempotency-Key to get a new one, which replaces the first"
    )
    feed = await client.get(issued.json()["url"].removeprefix("http://testserver.local"))
    assert feed.status_code == 200, "the retry issued nothing: the first address still works"


def test_every_route_that_shows_a_secret_once_is_marked_so(app: Litestar) -> None:
    marked = {
        route.path
        for route in app.routes
        for handler in getattr(route, "route_handlers", [])
        if handler.opt.get(SHOWN_ONCE)
    }
    assert marked == {"/auth/login", "/calendar/feed", "/cases/{case_id:uuid}/status-codes"}
