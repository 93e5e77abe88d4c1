"""Documents opened in bulk: sealed again under a new key (`haki documents reseal`), and
opened for the full export, each one's chunks checked as a download checks them."""

import uuid

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.documents import Document, DocumentChunk, DocumentDamaged
from service.usecases.accounts.audit import audit
from service.usecases.records.documents import opened_bytes
from service.usecases.records.file_types import KEPT
from service.usecases.records.sealing import Keyring, seal


async def reseal(
    session: AsyncSession, actor: Actor, document_id: uuid.UUID, keyring: Keyring
) -> bool:
    """Opens one document and seals it again under the current key, in one transaction; False
    when it already was."""
    async with session.begin():
        found = await session.exec(
            select(Document).where(Document.id == document_id).with_for_update()
        )
        document = found.one()
        if document.key_id == keyring.current:
            return False
        body = await opened_bytes(session, document, keyring)
        await session.exec(
            delete(DocumentChunk).where(col(DocumentChunk.document_id) == document.id)
        )
        sealed = seal(keyring, document.id, body)
        session.add_all(
            DocumentChunk(document_id=document.id, index=i, nonce=nonce, sealed=part)
            for i, (nonce, part) in enumerate(sealed)
        )
        document.key_id, document.chunks = keyring.current, len(sealed)
        audit(session, actor, "document.reseal", "document", document.id, key=keyring.current)
    return True


async def sealed_with_old_keys(session: AsyncSession, keyring: Keyring) -> list[uuid.UUID]:
    rows = await session.exec(select(Document.id).where(Document.key_id != keyring.current))
    return list(rows.all())


ENDINGS = {kind: endings[0] for kind, endings in KEPT.items()}


async def opened_documents(
    session: AsyncSession, keyring: Keyring, warnings: list[str]
) -> dict[str, bytes]:
    """Every document opened, as `documents/ID.EXT` (never the file's own name as a path: it is
    personal data, and could climb out of the folder); one that fails its check is left out,
    with a warning naming its id."""
    rows = await session.exec(select(Document).order_by(col(Document.uploaded_at)))
    opened = {}
    for document in rows.all():
        try:
            body = await opened_bytes(session, document, keyring)
        except DocumentDamaged:
            warnings.append(f"document {document.id} failed its check and is not in the export")
            continue
        opened[f"documents/{document.id}{ENDINGS.get(document.content_type, '')}"] = body
    return opened
