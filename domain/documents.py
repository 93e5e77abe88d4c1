"""Documents of a case (the decree, the certificate of order, proof of service, P3 forms,
medical reports, photographs), kept sealed in PostgreSQL in chunks.

A document belongs to one record — the case itself, an award, a hearing, a medico-legal
examination or a violation record — named by `record_kind` and `record_id`. All but the
violation record are part of a case (`case_id`), whose team rule decides who may read the
document; a violation record is the survivor's, recorded at intake before any petition, so
its documents have no case and are read by the rule of the survivor's record.
"""

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.cases import value_enum
from domain.errors import DomainError


class DocumentKind(StrEnum):
    PLEADING = "pleading"
    JUDGMENT = "judgment"
    DECREE = "decree"
    CERTIFICATE_OF_ORDER = "certificate_of_order"
    PROOF_OF_SERVICE = "proof_of_service"
    P3_FORM = "p3_form"
    POST_RAPE_CARE_FORM = "post_rape_care_form"
    MEDICAL_REPORT = "medical_report"
    POST_MORTEM_REPORT = "post_mortem_report"
    PHOTOGRAPH = "photograph"
    CORRESPONDENCE = "correspondence"
    OTHER = "other"


class RecordKind(StrEnum):
    """What a document is attached to; each kind is checked to belong to the document's case."""

    CASE = "case"
    AWARD = "award"
    HEARING = "hearing"
    EXAMINATION = "examination"
    VIOLATION = "violation"


class Document(SQLModel, table=True):
    """What is known of a file without opening it. `file_name` is personal data (it may name
    the survivor); the bytes are in `document_chunks`, sealed with the key `key_id`."""

    __tablename__ = "documents"
    __table_args__ = (
        sa.Index("ix_documents_record", "record_kind", "record_id"),
        sa.CheckConstraint(
            "record_kind <> 'case' OR record_id = case_id", name="a_case_document_is_its_case"
        ),
        sa.CheckConstraint(
            "(record_kind = 'violation') = (case_id IS NULL)",
            name="only_a_violation_document_has_no_case",
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id", index=True)
    """None for a violation record's document: the survivor's record decides who reads it"""
    record_kind: RecordKind = Field(sa_type=value_enum(RecordKind, "record_kind"))
    record_id: uuid.UUID
    kind: DocumentKind = Field(sa_type=value_enum(DocumentKind, "document_kind"))
    file_name: str = Field(max_length=200)
    content_type: str = Field(max_length=100)
    size: int = Field(sa_type=sa.BigInteger)
    chunks: int
    key_id: str = Field(max_length=40)
    uploaded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    uploaded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class DocumentChunk(SQLModel, table=True):
    """One sealed piece of a document: its own nonce; its index, the document's id and the
    number of pieces are bound in as associated data, so pieces cannot be swapped, moved to
    another document, or dropped from the end."""

    __tablename__ = "document_chunks"

    document_id: uuid.UUID = Field(
        sa_column=sa.Column(
            sa.Uuid(), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
        )
    )
    index: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    nonce: bytes = Field(sa_type=sa.LargeBinary)
    sealed: bytes = Field(sa_type=sa.LargeBinary)


class FileTooLarge(DomainError):
    """Over HAKI_DOCUMENT_MAX_BYTES; says the limit, never the file's name."""


class FileRefused(DomainError):
    """An executable, a kind of file Haki does not keep, or bytes that are not what the file
    says it is."""


class DocumentDamaged(DomainError):
    """A stored piece failed its check: changed, swapped or missing. Nothing is sent."""
