"""Keeping a document on a case's record or on a violation record, listing them, and opening
one.

The bytes are checked (size, then type from the bytes) before anything is written, sealed
(service/usecases/records/sealing.py) and written with their description in one transaction.
Opening a document checks every chunk before the first byte is handed over, and is audited;
a chunk that fails its check is refused and logged by the document's id alone.
"""

import logging
import unicodedata
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award
from domain.base import utcnow
from domain.documents import (
    Document,
    DocumentChunk,
    DocumentDamaged,
    DocumentKind,
    FileTooLarge,
    RecordKind,
)
from domain.errors import N_, InvalidInput, NotFound
from domain.examinations import Examination
from domain.hearings import Hearing
from domain.violations import Violation
from service.usecases.accounts.audit import audit
from service.usecases.cases.register import get_case
from service.usecases.records.file_types import file_type
from service.usecases.records.sealing import Keyring, seal, unseal

log = logging.getLogger("haki.documents")
NAME_LENGTH = 200


@dataclass(frozen=True)
class Upload:
    """One file to keep: the use case's one input, built alike by the API's multipart route
    and the case page's upload form from `DocumentIn` and the file sent."""

    kind: DocumentKind
    file_name: str
    body: bytes
    declared_type: str | None = None
    record_kind: RecordKind = RecordKind.CASE
    record_id: uuid.UUID | None = None
    """the award, hearing, examination or violation record; None (or the case's id) for the
    case itself"""


@dataclass(frozen=True)
class DocumentRules:
    keyring: Keyring
    max_bytes: int


def _owned_by(table: type[Award] | type[Hearing] | type[Examination]) -> Callable[
    [AsyncSession, uuid.UUID, uuid.UUID], Awaitable[bool]
]:  # fmt: skip
    async def belongs(session: AsyncSession, case_id: uuid.UUID, record_id: uuid.UUID) -> bool:
        record = await session.get(table, record_id)
        return record is not None and getattr(record, "case_id", None) == case_id

    return belongs


BELONGS = {
    RecordKind.AWARD: _owned_by(Award),
    RecordKind.HEARING: _owned_by(Hearing),
    RecordKind.EXAMINATION: _owned_by(Examination),
}
"""for each kind of record of a case but the case itself, whether a record of that kind is the
case's (a violation record is the survivor's: `keep_violation_document`). An id that is not
the case's is answered as an id that does not exist, so the answer tells nothing of other
cases."""


def in_megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def clean_name(given: str) -> str:
    """The file's own name without any folder, and without control characters."""
    name = given.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    if not name:
        raise InvalidInput(N_("The file has no name: give it one, like p3-form.pdf."), "file")
    if len(name) > NAME_LENGTH:
        raise InvalidInput(
            N_("The file's name is longer than %(most)s characters."), "file", most=NAME_LENGTH
        )
    return name


async def _record_id(session: AsyncSession, case_id: uuid.UUID, upload: Upload) -> uuid.UUID:
    if upload.record_kind is RecordKind.CASE:
        if upload.record_id not in (None, case_id):
            raise InvalidInput(
                N_("A document of the case is attached to the case itself."), "record_id"
            )
        return case_id
    belongs = BELONGS.get(upload.record_kind)
    if (
        upload.record_id is None
        or belongs is None
        or not await belongs(session, case_id, upload.record_id)
    ):
        raise InvalidInput(
            N_("This case has no such record (%(kind)s)."), "record_id", kind=upload.record_kind
        )
    return upload.record_id


Where = Callable[[], Awaitable[tuple[uuid.UUID | None, uuid.UUID]]]
"""inside the write's transaction: the document's case (None for a violation record's) and
the record it is attached to, each checked to exist"""


def _checked(upload: Upload, rules: DocumentRules) -> tuple[str, str]:
    """The file's clean name and its content type from its bytes, or the file refused."""
    if len(upload.body) > rules.max_bytes:
        raise FileTooLarge(
            N_(
                "The file is %(size)s; Haki keeps documents of up to %(most)s: send a smaller "
                "scan or split it."
            ),
            size=in_megabytes(len(upload.body)),
            most=in_megabytes(rules.max_bytes),
        )
    name = clean_name(upload.file_name)
    return name, file_type(upload.body, name, upload.declared_type).content_type


async def _keep(
    session: AsyncSession,
    actor: Actor,
    upload: Upload,
    rules: DocumentRules,
    where: Where,
    now: datetime | None,
) -> Document:
    name, content_type = _checked(upload, rules)
    async with session.begin():
        case_id, record_id = await where()
        document = Document(
            case_id=case_id,
            record_kind=upload.record_kind,
            record_id=record_id,
            kind=upload.kind,
            file_name=name,
            content_type=content_type,
            size=len(upload.body),
            chunks=0,
            key_id=rules.keyring.current,
            uploaded_at=now or utcnow(),
            uploaded_by=actor.user_id,
        )
        sealed = seal(rules.keyring, document.id, upload.body)
        document.chunks = len(sealed)
        session.add(document)
        await session.flush()
        session.add_all(
            DocumentChunk(document_id=document.id, index=i, nonce=nonce, sealed=body)
            for i, (nonce, body) in enumerate(sealed)
        )
        audit(
            session, actor, "document.upload", "document", document.id, case=str(case_id),
            kind=upload.kind.value, attached_to=upload.record_kind.value,
        )  # fmt: skip
    return document


async def keep_document(
    session: AsyncSession,
    actor: Actor,
    case_id: uuid.UUID,
    upload: Upload,
    rules: DocumentRules,
    now: datetime | None = None,
) -> Document:
    """Checks, seals and writes the file; refuses (writing nothing) one too large, of a kind
    Haki does not keep, or whose bytes are not what its name or type says."""

    async def on_the_case() -> tuple[uuid.UUID | None, uuid.UUID]:
        await get_case(session, case_id)
        return case_id, await _record_id(session, case_id, upload)

    return await _keep(session, actor, upload, rules, on_the_case, now)


async def keep_violation_document(
    session: AsyncSession,
    actor: Actor,
    violation_id: uuid.UUID,
    upload: Upload,
    rules: DocumentRules,
    now: datetime | None = None,
) -> Document:
    """As `keep_document`, for a violation record: the document has no case, and is read by
    the rule of the survivor's record (the guard has already checked the record's)."""
    upload = replace(upload, record_kind=RecordKind.VIOLATION, record_id=violation_id)

    async def on_the_record() -> tuple[uuid.UUID | None, uuid.UUID]:
        if await session.get(Violation, violation_id) is None:
            raise NotFound(N_("No violation record has the id %(id)s."), id=violation_id)
        return None, violation_id

    return await _keep(session, actor, upload, rules, on_the_record, now)


async def documents_of_violation(session: AsyncSession, violation_id: uuid.UUID) -> list[Document]:
    query = select(Document).where(
        Document.record_kind == RecordKind.VIOLATION, Document.record_id == violation_id
    )
    rows = await session.exec(query.order_by(col(Document.uploaded_at), col(Document.id)))
    return list(rows.all())


async def documents_of_case(
    session: AsyncSession, case_id: uuid.UUID, with_examinations: bool
) -> list[Document]:
    """The case's documents, oldest first; those of examinations only for the roles that read
    medico-legal evidence (a P3 form's mere presence says what was done)."""
    await get_case(session, case_id)
    query = select(Document).where(Document.case_id == case_id)
    if not with_examinations:
        query = query.where(Document.record_kind != RecordKind.EXAMINATION)
    rows = await session.exec(query.order_by(col(Document.uploaded_at), col(Document.id)))
    return list(rows.all())


async def get_document(session: AsyncSession, document_id: uuid.UUID) -> Document:
    document = await session.get(Document, document_id)
    if document is None:
        raise NotFound(N_("No document has the id %(id)s."), id=document_id)
    return document


async def opened_bytes(session: AsyncSession, document: Document, keyring: Keyring) -> bytes:
    rows = await session.exec(
        select(DocumentChunk.index, DocumentChunk.nonce, DocumentChunk.sealed)
        .where(DocumentChunk.document_id == document.id)
        .order_by(col(DocumentChunk.index))
    )
    chunks = [(index, nonce, sealed) for index, nonce, sealed in rows.all()]
    try:
        return b"".join(unseal(keyring, document.key_id, document.id, document.chunks, chunks))
    except DocumentDamaged:
        log.warning("document refused: a stored chunk failed its check", extra={
            "document_id": str(document.id), "case_id": str(document.case_id)})  # fmt: skip
        raise


async def open_document(
    session: AsyncSession, actor: Actor, document_id: uuid.UUID, keyring: Keyring
) -> tuple[Document, bytes]:
    """The document and its bytes, every chunk checked; the reading is in the audit trail."""
    async with session.begin():
        document = await get_document(session, document_id)
        if document.case_id is not None:
            await get_case(session, document.case_id)
        body = await opened_bytes(session, document, keyring)
        audit(
            session, actor, "document.download", "document", document.id,
            case=str(document.case_id), attached_to=document.record_kind.value,
        )  # fmt: skip
    return document, body
