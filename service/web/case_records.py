"""What the case page shows of the case's documents and medico-legal examinations.

Who sees what is the access table's answer for the API routes that do the same: file names
and examinations for the roles that read names (their reading audited), downloads for the
roles of `download_document`, the forms for those who may change the case.
"""

import uuid
from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.documents import Document, DocumentKind, RecordKind
from domain.examinations import Correlation, Examination, ExaminationForm
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import reads_free_text
from service.auth.rules import POLICY, ROLES
from service.usecases.records import documents, examinations

Examined = list[tuple[Examination, str]] | None


@dataclass
class RecordsView:
    documents: list[Document]
    examinations: Examined
    """None: the role may not read examinations (they are personal data)"""
    can_upload: bool
    can_download: bool
    can_record_examination: bool
    document_kinds: list[DocumentKind] = field(default_factory=lambda: list(DocumentKind))
    forms: list[ExaminationForm] = field(default_factory=lambda: list(ExaminationForm))
    correlations: list[Correlation] = field(default_factory=lambda: list(Correlation))

    def attached_to(self, kind: RecordKind, record_id: uuid.UUID) -> list[Document]:
        return [d for d in self.documents if d.record_kind == kind and d.record_id == record_id]


async def case_examinations(db: AsyncSession, request: SignedIn, case_id: uuid.UUID) -> Examined:
    """Read first, as the parties' names are: the reading writes its audit row in a transaction
    of its own, before the page's other reads begin theirs."""
    if request.user.role not in ROLES[POLICY["CaseExaminationController.of_case"]]:
        return None
    return await examinations.examinations_of_case(db, actor_of(request), case_id)


async def records_view(
    db: AsyncSession, request: SignedIn, case_id: uuid.UUID, examined: Examined
) -> RecordsView:
    role = request.user.role
    free_text = reads_free_text(request.user)
    found = await documents.documents_of_case(db, case_id, with_examinations=free_text)
    return RecordsView(
        documents=found,
        examinations=examined,
        can_upload=role in ROLES[POLICY["upload_on_case_page"]],
        can_download=role in ROLES[POLICY["download_document"]],
        can_record_examination=role in ROLES[POLICY["ExaminationForm.record_examination"]],
    )
