"""HTTP routes of documents: upload to a case's record, the case's list, the file itself."""

import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from litestar import Response, Router, get, post
from litestar.params import FromPath

from service.auth.identity import SignedIn, actor_of
from service.auth.policy import reads_free_text
from service.dependencies import Db
from service.documents.schemas import DocumentOut, document_in
from service.openapi import responses
from service.settings import Settings
from service.usecases.records import documents
from service.usecases.records.documents import DocumentRules

MULTIPART_ROOM = 64 * 1024
"""bytes a multipart body carries beyond the file: its boundaries and the other fields"""


def rules_of(request: SignedIn) -> DocumentRules:
    return DocumentRules(request.app.state.keyring, request.app.state.settings.document_max_bytes)


async def upload_document(db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]) -> DocumentOut:
    """A file for the case, sent as `multipart/form-data`: the field `file`, its `kind`
    (decree, certificate_of_order, p3_form, medical_report, photograph …) and, to attach it to
    an award, a hearing or an examination of the case, `record_kind` and `record_id`. PDF,
    JPEG, PNG, .docx, .odt and plain text, checked from the bytes; up to
    HAKI_DOCUMENT_MAX_BYTES (413 over it, 415 for another kind of file or bytes that do not
    match the name or type)."""
    form = await request.form()
    upload = await document_in(form).upload(form.get("file"))
    document = await documents.keep_document(
        db, actor_of(request), case_id, upload, rules_of(request)
    )
    return DocumentOut.of(document, reads_free_text(request.user))


async def upload_violation_document(
    db: Db, request: SignedIn, violation_id: FromPath[uuid.UUID]
) -> DocumentOut:
    """A file for the violation record (a photograph of the injuries, a medical report), sent
    as `multipart/form-data`: the field `file` and its `kind`; the record is the one in the
    address (`record_kind` and `record_id`, if sent, are ignored). Checked as a case's
    documents are (413, 415)."""
    form = await request.form()
    upload = await document_in(form).upload(form.get("file"))
    document = await documents.keep_violation_document(
        db, actor_of(request), violation_id, upload, rules_of(request)
    )
    return DocumentOut.of(document, reads_free_text(request.user))


@get(
    "/violations/{violation_id:uuid}/documents",
    responses=responses(401, 403, 404),
    summary="The violation record's documents (personal data, as the record)",
    tags=["documents"],
)
async def violation_documents(
    db: Db, request: SignedIn, violation_id: FromPath[uuid.UUID]
) -> list[DocumentOut]:
    async with db.begin():
        found = await documents.documents_of_violation(db, violation_id)
    return [DocumentOut.of(document, True) for document in found]


@get(
    "/cases/{case_id:uuid}/documents",
    responses=responses(401, 404),
    summary="The case's documents (file names for the roles that read names)",
    tags=["documents"],
)
async def case_documents(
    db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
) -> list[DocumentOut]:
    free_text = reads_free_text(request.user)
    found = await documents.documents_of_case(db, case_id, with_examinations=free_text)
    return [DocumentOut.of(document, free_text) for document in found]


def disposition(file_name: str) -> str:
    """Always a download, never shown in place; the name as RFC 6266 carries any script."""
    ascii_name = file_name.encode("ascii", "replace").decode().replace('"', "'").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name)}"


@get(
    "/documents/{document_id:uuid}/file",
    responses=responses(401, 403, 404, 409),
    summary="The document's file (audited; 409 if its stored bytes fail their check)",
    tags=["documents"],
    media_type="application/octet-stream",
)
async def download_document(
    db: Db, request: SignedIn, document_id: FromPath[uuid.UUID]
) -> Response[bytes]:
    document, body = await documents.open_document(
        db, actor_of(request), document_id, request.app.state.keyring
    )
    return Response(
        body,
        media_type=document.content_type,
        headers={
            "Content-Disposition": disposition(document.file_name),
            "Cache-Control": "no-store",
        },
    )


def documents_router(settings: Settings) -> Router:
    """The upload routes take files up to HAKI_DOCUMENT_MAX_BYTES, more than other bodies."""

    def upload(path: str, summary: str) -> Callable[[Any], Any]:
        return post(
            path,
            request_max_body_size=settings.document_max_bytes + MULTIPART_ROOM,
            responses=responses(400, 401, 403, 404, 413, 415, 422),
            summary=summary,
            tags=["documents"],
        )

    on_case = upload(
        "/cases/{case_id:uuid}/documents",
        "Keep a document on the case, or on its award, hearing or examination",
    )(upload_document)
    on_violation = upload(
        "/violations/{violation_id:uuid}/documents", "Keep a document on a violation record"
    )(upload_violation_document)
    handlers = [on_case, on_violation, case_documents, violation_documents, download_document]
    return Router("/", route_handlers=handlers)
