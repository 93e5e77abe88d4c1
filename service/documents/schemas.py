"""What the document routes accept and answer: never the table classes, never a file name to a
role that may not read names."""

import uuid
from collections.abc import Mapping
from datetime import datetime

import msgspec
from litestar.datastructures import UploadFile
from msgspec import Struct

from domain.calendar import NAIROBI
from domain.documents import Document, DocumentKind, RecordKind
from domain.errors import N_, InvalidInput
from service.usecases.records.documents import Upload
from service.web.decoding import decode_refusal


class DocumentIn(Struct, forbid_unknown_fields=True):
    """The fields sent beside the file, alike by the API's multipart body and the page's form:
    what the document is, and the record of the case it is attached to."""

    kind: DocumentKind
    record_kind: RecordKind = RecordKind.CASE
    record_id: uuid.UUID | None = None
    """the award, hearing or examination of this case; none for the case itself"""

    async def upload(self, file: object) -> Upload:
        if not isinstance(file, UploadFile):
            raise InvalidInput(N_("Send the document as the multipart field “file”."), "file")
        return Upload(
            self.kind,
            file.filename or "",
            await file.read(),
            file.content_type,
            self.record_kind,
            self.record_id,
        )


def document_in(values: Mapping[str, object]) -> DocumentIn:
    """The multipart fields (all but the file) as `DocumentIn`, or the field refused."""
    fields = {k: v for k, v in values.items() if k in DocumentIn.__struct_fields__ and v != ""}
    try:
        return msgspec.convert(fields, DocumentIn, strict=False)
    except msgspec.ValidationError as error:
        field, sentence = decode_refusal(str(error))
        raise InvalidInput(
            N_("The document's details were refused: %(reason)s"), field, reason=sentence
        ) from None


class DocumentOut(Struct):
    id: uuid.UUID
    case_id: uuid.UUID | None
    """null for a violation record's document: the record is the survivor's, not a case's"""
    record_kind: RecordKind
    record_id: uuid.UUID
    kind: DocumentKind
    content_type: str
    size: int
    uploaded_at: datetime
    file_name: str | None
    """personal data: for the roles that read names, else null"""
    download: str
    """the address of the file: administrators and the case's lawyers, audited"""

    @classmethod
    def of(cls, document: Document, free_text: bool) -> "DocumentOut":
        return cls(
            document.id,
            document.case_id,
            document.record_kind,
            document.record_id,
            document.kind,
            document.content_type,
            document.size,
            document.uploaded_at.astimezone(NAIROBI),
            document.file_name if free_text else None,
            f"/documents/{document.id}/file",
        )
