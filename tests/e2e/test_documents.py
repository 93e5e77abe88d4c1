"""Documents and medico-legal examinations through the API: kept sealed, read by the case's
lawyers and administrators only (audited), and every bad file refused in words with nothing
written."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.audit import AuditEvent
from domain.documents import Document
from service.app import create_app
from service.settings import Settings
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case

P3 = (Path(__file__).parent.parent / "fixtures" / "documents" / "p3-form.pdf").read_bytes()
FILE_NAME = "Wanjiku Kamau P3 form.pdf"
EXAMINATION = {
    "form": "p3_form",
    "examined_on": "2024-03-04",
    "examined_by": "Dr. A. Njoroge, police surgeon",
    "place": "Nairobi Police Surgery",
    "correlation": "highly_consistent",
    "findings": "Bruising on both forearms consistent with baton blows.",
}


async def upload(
    client: Client, case_id: str, body: bytes = P3, name: str = FILE_NAME, **fields: str
) -> Any:
    declared = fields.pop("declared", "application/pdf")
    return await client.post(
        f"/cases/{case_id}/documents",
        files={"file": (name, body, declared)},
        data={"kind": "p3_form"} | fields,
    )


async def count(engine: AsyncEngine, what: Any) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(select(func.count()).select_from(what))).scalar())


async def test_a_p3_form_kept_on_an_examination_is_read_back_by_the_team_only(
    client: Client, accounts: dict[str, Account], engine: AsyncEngine
) -> None:
    case = await open_case(client, "Wanjiku Kamau")
    code = case["claimants"][0]
    examined = await client.post(
        f"/cases/{case['id']}/examinations", json=EXAMINATION | {"survivor": code}
    )
    assert examined.status_code == 201, examined.text
    exam_id = examined.json()["id"]
    kept = await upload(client, case["id"], record_kind="examination", record_id=exam_id)
    assert kept.status_code == 201, kept.text
    document = kept.json()
    assert document["file_name"] == FILE_NAME and document["content_type"] == "application/pdf"

    got = await client.get(document["download"])
    assert got.status_code == 200 and got.content == P3
    assert got.headers["content-disposition"].startswith("attachment;")
    assert FILE_NAME not in str(got.url)
    for role, status in (("viewer", 403), ("advocacy", 403), ("other_lawyer", 404)):
        refused = await client.get(document["download"], headers=accounts[role].headers)
        assert refused.status_code == status, (role, refused.text)
        assert P3[:100] not in refused.content
    as_admin = await client.get(document["download"], headers=accounts["admin"].headers)
    assert as_admin.content == P3

    listed = await client.get(f"/cases/{case['id']}/documents", headers=accounts["viewer"].headers)
    assert listed.status_code == 200 and listed.json() == []  # an examination's: not for viewers
    on_case = await upload(client, case["id"], name="decree.pdf", kind="decree")
    assert on_case.status_code == 201
    [shown] = (
        await client.get(f"/cases/{case['id']}/documents", headers=accounts["viewer"].headers)
    ).json()
    assert shown["kind"] == "decree" and shown["file_name"] is None

    for role in ("viewer", "advocacy"):
        headers = accounts[role].headers
        assert (await client.get(f"/examinations/{exam_id}", headers=headers)).status_code == 403
    read = await client.get(f"/examinations/{exam_id}")
    assert read.json()["examined_by"] == EXAMINATION["examined_by"]
    async with engine.connect() as connection:
        actions = (
            await connection.execute(select(AuditEvent.action).order_by(AuditEvent.id))
        ).scalars()
        done = list(actions)
    assert done.count("document.download") == 2 and "examination.read" in done
    assert "document.upload" in done and "examination.record" in done


async def test_a_document_of_another_case_or_no_record_is_refused_as_unknown(
    client: Client, engine: AsyncEngine
) -> None:
    mine = await open_case(client, "Wanjiku Kamau")
    other = await open_case(client, "Otieno Baraka", reference="HAKI/LIT/2021/002")
    examined = await client.post(
        f"/cases/{other['id']}/examinations",
        json=EXAMINATION | {"survivor": other["claimants"][0]},
    )
    theirs = await upload(
        client, mine["id"], record_kind="examination", record_id=examined.json()["id"]
    )
    unknown = await upload(client, mine["id"], record_kind="examination", record_id=mine["id"])
    assert theirs.status_code == unknown.status_code == 422
    assert theirs.json()["detail"] == unknown.json()["detail"]
    assert await count(engine, Document) == 0
    not_theirs = await client.post(
        f"/cases/{mine['id']}/examinations", json=EXAMINATION | {"survivor": other["claimants"][0]}
    )
    assert not_theirs.status_code == 422 and "not a claimant" in not_theirs.json()["detail"]


WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


@pytest.mark.parametrize(
    ("body", "name", "declared", "status", "words"),
    [
        (WINDOWS_PROGRAM, "p3.pdf", "application/pdf", 415, "program"),
        (P3, "p3.jpg", "image/jpeg", 415, "do not match"),
        (P3, "p3.pdf", "image/png", 415, "do not match"),
        (b"PK\x03\x04" + b"\x00" * 40, "p3.zip", "application/zip", 415, "none of them"),
    ],
)
async def test_a_program_or_a_mismatch_is_refused_in_words_and_nothing_is_written(
    client: Client,
    engine: AsyncEngine,
    body: bytes,
    name: str,
    declared: str,
    status: int,
    words: str,
) -> None:
    case = await open_case(client)
    refused = await upload(client, case["id"], body, name, declared=declared)
    assert refused.status_code == status, refused.text
    assert words in refused.json()["detail"] and name not in refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert await count(engine, Document) == 0


@pytest.fixture
async def small_limit(database_url: str, accounts: dict[str, Account]) -> AsyncIterator[Client]:
    """An app keeping documents of up to 4 KB."""
    app: Litestar = create_app(database_url, Settings(document_max_bytes=4096))
    async with AsyncTestClient(app=app) as client:
        client.headers.update(accounts["lawyer"].headers)
        yield client


@pytest.mark.parametrize("size", [4097, 200_000])
async def test_a_file_over_the_limit_is_refused_and_nothing_is_written(
    client: Client, small_limit: Client, engine: AsyncEngine, size: int
) -> None:
    case = await open_case(client)
    refused = await upload(small_limit, case["id"], b"%PDF-1.7\n" + b"0" * size)
    assert refused.status_code == 413, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert await count(engine, Document) == 0


async def test_a_tampered_chunk_is_refused_and_the_refusal_not_audited_as_a_download(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    kept = (await upload(client, case["id"])).json()
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE document_chunks SET sealed = set_byte(sealed, 20, get_byte(sealed, 20) # 1)"
            )
        )
    refused = await client.get(kept["download"])
    assert refused.status_code == 409, refused.text
    assert "integrity check" in refused.json()["detail"] and P3[:50] not in refused.content
    async with engine.connect() as connection:
        downloads = await connection.execute(
            select(func.count()).where(AuditEvent.action == "document.download")
        )
        assert downloads.scalar() == 0
