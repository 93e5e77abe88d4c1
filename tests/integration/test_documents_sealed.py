"""Documents at rest: what PostgreSQL holds is not the file, a changed chunk is refused, and a
new key takes over from the old one without a document becoming unreadable."""

import asyncio
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from domain.documents import Document, DocumentChunk, DocumentDamaged, DocumentKind, RecordKind
from service.cli import main
from service.usecases.exporting.bundle import export_everything
from service.usecases.records.documents import DocumentRules, Upload, keep_document, open_document
from service.usecases.records.sealing import CHUNK, keyring_of, new_key
from tests.factories import TEST_ACTOR, registered_case

Sessions = async_sessionmaker[AsyncSession]
SCAN = (Path(__file__).parent.parent / "fixtures" / "documents" / "p3-form.pdf").read_bytes()
OLD = f"2025:{new_key()}"
NEW = f"2026:{new_key()}"
BIG = SCAN + b"%" + bytes(range(256)) * (CHUNK // 100)
"""a P3 form padded past two chunks (PDF readers skip what follows %%EOF after a comment)"""


async def kept(
    sessions: Sessions, keys: str, body: bytes = BIG, reference: str = "HAKI/T/1"
) -> Document:
    case, _ = await registered_case(sessions, reference=reference)
    upload = Upload(DocumentKind.P3_FORM, "Wanjiku P3.pdf", body, "application/pdf")
    async with sessions() as session:
        return await keep_document(
            session, TEST_ACTOR, case.id, upload, DocumentRules(keyring_of(keys), 10 * CHUNK)
        )


async def stored(sessions: Sessions, document_id: uuid.UUID) -> list[DocumentChunk]:
    async with sessions() as session:
        rows = await session.exec(
            select(DocumentChunk)
            .where(DocumentChunk.document_id == document_id)
            .order_by(col(DocumentChunk.index))
        )
        return list(rows.all())


async def opened(sessions: Sessions, document_id: uuid.UUID, keys: str) -> bytes:
    async with sessions() as session:
        return (await open_document(session, TEST_ACTOR, document_id, keyring_of(keys)))[1]


async def test_the_database_holds_sealed_chunks_never_the_files_bytes(sessions: Sessions) -> None:
    document = await kept(sessions, OLD)
    chunks = await stored(sessions, document.id)
    assert document.chunks == len(chunks) == 3 and document.size == len(BIG)
    held = b"".join(c.sealed for c in chunks)
    assert held != BIG and SCAN[:32] not in held and b"%PDF" not in held
    async with sessions() as session:
        raw = await session.execute(text("SELECT string_agg(sealed, '') FROM document_chunks"))
        assert b"%PDF" not in bytes(raw.scalar_one())
    assert await opened(sessions, document.id, OLD) == BIG


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE document_chunks SET sealed = set_byte(sealed, 7, get_byte(sealed, 7) # 128) "
        "WHERE index = 1",
        "UPDATE document_chunks a SET sealed = b.sealed, nonce = b.nonce FROM document_chunks b "
        "WHERE b.document_id = a.document_id AND a.index + b.index = 3 AND a.index IN (1, 2)",
        "DELETE FROM document_chunks WHERE index = 2",
        "UPDATE documents SET chunks = 2",
    ],
    ids=["changed", "swapped", "cut-short", "count-changed"],
)
async def test_a_changed_chunk_is_refused_and_no_download_is_recorded(
    sessions: Sessions, damage: str
) -> None:
    document = await kept(sessions, OLD)
    async with sessions() as session, session.begin():
        await session.execute(text(damage))
    with pytest.raises(DocumentDamaged):
        await opened(sessions, document.id, OLD)
    async with sessions() as session:
        downloads = await session.exec(
            select(AuditEvent).where(AuditEvent.action == "document.download")
        )
        assert downloads.all() == []


def haki(*arguments: str) -> Any:
    return asyncio.to_thread(CliRunner().invoke, main, list(arguments))


async def test_a_new_key_reseals_every_document_and_the_old_key_can_then_go(
    sessions: Sessions, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await kept(sessions, OLD)
    second = await kept(sessions, OLD, SCAN, "HAKI/T/2")
    before = {c.sealed for c in await stored(sessions, first.id)}
    with pytest.raises(DocumentDamaged):
        await opened(sessions, first.id, NEW)

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("HAKI_DOCUMENT_KEYS", f"{NEW},{OLD}")
    assert await opened(sessions, first.id, f"{NEW},{OLD}") == BIG, "old documents stay readable"
    resealed = await haki("documents", "reseal")
    assert resealed.exit_code == 0, resealed.output
    assert "2 documents resealed under key '2026'" in resealed.output
    again = await haki("documents", "reseal")
    assert "0 documents resealed" in again.output

    async with sessions() as session:
        keys = (await session.exec(select(Document.key_id))).all()
    assert set(keys) == {"2026"}
    assert not before & {c.sealed for c in await stored(sessions, first.id)}
    assert await opened(sessions, first.id, NEW) == BIG
    assert await opened(sessions, second.id, NEW) == SCAN


async def test_the_export_holds_the_documents_only_with_personal_data(sessions: Sessions) -> None:
    document = await kept(sessions, OLD)
    keyring = keyring_of(OLD)
    pseudonymous = await export_everything(
        sessions, TEST_ACTOR, with_personal_data=False, keyring=keyring
    )
    assert not any(name.startswith("documents/") for name in pseudonymous)
    assert b"Wanjiku P3.pdf" not in b"".join(pseudonymous.values())
    whole = await export_everything(sessions, TEST_ACTOR, with_personal_data=True, keyring=keyring)
    assert whole[f"documents/{document.id}.pdf"] == BIG
    assert b"Wanjiku P3.pdf" in whole["tables/documents.csv"]
    assert "sealed" not in whole["tables/document_chunks.csv"].decode().splitlines()[0]
    assert document.record_kind is RecordKind.CASE
