"""Imports and the full export through HTTP: a dry run, a refusal that names row and column,
the file written whole, bad files refused as problem details, and the zip an admin takes away."""

import io
import json
import zipfile
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.imports.layouts import LAYOUTS, ImportKind
from service.settings import Settings
from tests.conftest import Account
from tests.e2e.helpers import Client

PROBLEM = "application/problem+json"
HEADER = (
    "reference;title;kind;court_level;court_station;court_number;lead_counsel;claimants;"
    "respondents;stage;filed_on"
)
GOOD = (
    "HAKI/7;G v AG;civil_claim;High Court;  nyeri ;HCCC No. 7 of 2016;Counsel;S-2016-0007;"
    "Attorney General | Inspector General;filed;14/03/2016"
)
BAD = (
    "HAKI/8;H v AG;inquest;magistrates_court;Nairobi (Kibera);Inquest 8 of 2019;Counsel;"
    "S-2019-0008;National Police Service;judgment;2019-01-01"
)


def csv_file(*rows: str) -> bytes:
    return ("\ufeff" + "\r\n".join([HEADER, *rows, ""])).encode()


async def cases_in(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(text("SELECT count(*) FROM cases"))).scalar_one())


async def post(client: Client, admin: Account, kind: str, body: bytes, **params: Any) -> Any:
    return await client.post(
        f"/imports/{kind}",
        content=body,
        params=params,
        headers={**admin.headers, "content-type": "text/csv"},
    )


async def test_dry_run_refusal_and_import(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    admin = accounts["admin"]
    file = csv_file(GOOD, "", BAD)
    dry = await post(client, admin, "cases", file, dry_run="true", file_name="register.csv")
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert (report["created"], report["written"]) == (1, False)
    assert [(e["row"], e["column"]) for e in report["errors"]] == [
        (4, "judgment_on"),
        (4, "judgment_outcome"),
    ]
    assert await cases_in(engine) == 0

    refused = await post(client, admin, "cases", file, file_name="register.csv")
    assert refused.status_code == 422 and refused.headers["content-type"].startswith(PROBLEM)
    assert refused.json()["errors"][0] == {
        "row": 4,
        "column": "judgment_on",
        "message": "The stage judgment needs the day judgment was delivered.",
    }
    assert await cases_in(engine) == 0

    done = await post(client, admin, "cases", csv_file(GOOD), file_name="register.csv")
    assert done.status_code == 200 and done.json()["written"] and done.json()["created"] == 1
    again = await post(client, admin, "cases", csv_file(GOOD))
    assert (again.json()["unchanged"], again.json()["created"]) == (1, 0)
    case = (await client.get("/cases", headers=admin.headers)).json()["items"][0]
    assert (case["court_number"], case["court_station"], case["stage"]) == (
        "HCCC 45 of 2015".replace("45", "7").replace("2015", "2016"),
        "Nyeri",
        "filed",
    )


@pytest.mark.parametrize("kind", list(ImportKind))
async def test_the_template_is_the_layout(
    client: Client, accounts: dict[str, Account], kind: ImportKind
) -> None:
    response = await client.get(f"/imports/{kind}/template.csv", headers=accounts["admin"].headers)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    header = response.text.splitlines()[0].split(",")
    assert header == [c.name for c in LAYOUTS[kind]]


async def test_the_cases_template_imports_as_it_stands(
    client: Client, accounts: dict[str, Account]
) -> None:
    template = (
        await client.get("/imports/cases/template.csv", headers=accounts["admin"].headers)
    ).content
    report = (await post(client, accounts["admin"], "cases", template, dry_run="true")).json()
    assert (report["created"], report["errors"]) == (1, [])


@pytest.mark.parametrize(
    ("body", "status", "column", "words"),
    [
        (b"reference,title,colour\nA,B,red\n", 422, "colour", "Haki does not know this column"),
        (b"reference,title\nA,B\n", 422, "kind", "This column is required and missing"),
        (
            HEADER.encode()
            + b"\r\n"
            + GOOD.replace("Counsel", "Ng\u00e9ndo").encode("latin-1")
            + b"\r\n",
            422,
            "(file)",
            "not UTF-8",
        ),
    ],
    ids=["unknown-column", "missing-column", "latin-1"],
)
async def test_a_file_that_cannot_be_read_is_refused_whole(
    client: Client,
    engine: AsyncEngine,
    accounts: dict[str, Account],
    body: bytes,
    status: int,
    column: str,
    words: str,
) -> None:
    response = await post(client, accounts["admin"], "cases", body)
    assert response.status_code == status and response.headers["content-type"].startswith(PROBLEM)
    errors = response.json()["errors"]
    assert any(e["column"] == column and words in e["message"] for e in errors), errors
    assert await cases_in(engine) == 0


async def test_an_unknown_kind_is_a_bad_request(
    client: Client, accounts: dict[str, Account]
) -> None:
    response = await post(client, accounts["admin"], "survivors", csv_file(GOOD))
    assert response.status_code == 400 and response.headers["content-type"].startswith(PROBLEM)


@pytest.fixture
async def small(database_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """An app of its own that takes import files of at most 200 bytes."""
    async with AsyncTestClient(
        app=create_app(database_url, Settings(import_max_bytes=200))
    ) as small_client:
        yield small_client


async def test_a_file_over_the_limit_is_refused(
    client: Client,
    small: AsyncTestClient[Litestar],
    engine: AsyncEngine,
    accounts: dict[str, Account],
) -> None:
    response = await post(small, accounts["admin"], "cases", csv_file(GOOD, GOOD.replace("7", "9")))
    assert response.status_code == 413 and response.headers["content-type"].startswith(PROBLEM)
    assert await cases_in(engine) == 0


async def test_the_full_export_is_a_zip_with_a_manifest_and_audited(
    client: Client, accounts: dict[str, Account]
) -> None:
    admin = accounts["admin"]
    await post(client, admin, "cases", csv_file(GOOD))
    response = await client.get(
        "/exports/full.zip", headers=admin.headers, params={"with_personal_data": "true"}
    )
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["with_personal_data"] is True and manifest["tables"]["cases"]["rows"] == 1
    assert b"HAKI/7" in archive.read("import/cases.csv")
    audit = (
        await client.get("/audit", headers=admin.headers, params={"action": "export.full"})
    ).json()
    assert audit["items"][0]["detail"]["with_personal_data"] is True
