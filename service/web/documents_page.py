"""The case page's forms for documents and medico-legal examinations.

Each is read into the API's own input (`DocumentIn`, `ExaminationIn`) and runs the same use
case; each refusal is a sentence from the catalog beside the field, naming it by its label,
and never the file's name (personal data) nor the API's words.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, Response, Router, post
from litestar.datastructures import FormMultiDict
from litestar.params import FromPath
from litestar.response import Redirect

from domain.base import utcnow
from domain.calendar import IN_THE_FUTURE
from domain.documents import FileRefused, FileTooLarge, RecordKind
from domain.errors import InvalidInput, Said
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.documents.controller import MULTIPART_ROOM, rules_of
from service.documents.schemas import DocumentIn
from service.examinations.schemas import ExaminationIn
from service.settings import Settings
from service.usecases.records import documents, examinations
from service.usecases.records.documents import Upload, in_megabytes
from service.usecases.records.file_types import A_PROGRAM
from service.web.case_page import submit
from service.web.forms import Refusal, attempt, typed
from service.web.once import FIELD, TOKEN, OnceOnly, claim, release, settle, shown_again
from service.web.render import language_of
from service.web.router import EXCEPTION_HANDLERS
from service.web.violation_page import RecordForms, record_page
from service.web.wording import Gettext, gettext, read_in_words, refuse

NO_FILE = N_("Choose the file to upload.")
NO_KIND = N_("Choose what the document is.")
NO_RECORD = N_("Choose what the document is attached to, from this case's records.")
TOO_LARGE = N_("The file is larger than Haki keeps: send a file of %(limit)s at most.")
NOT_KEPT = N_(
    "Haki keeps PDF, JPEG, PNG, Word (.docx), OpenDocument (.odt) and plain text files, and the "
    "file's contents must match the ending of its name; this file was not kept."
)
PROGRAM = N_("The file is a program, and Haki never keeps programs: send the document itself.")
NO_NAME = N_("The file needs a name of at most 200 characters, like p3-form.pdf.")
DOCUMENT_SENTENCES = {"kind": NO_KIND, "record_kind": NO_RECORD, "record_id": NO_RECORD}

EXAMINATION_SENTENCES = {
    "survivor": N_("Choose the survivor examined, from the claimants of this case."),
    "form": N_("Choose the form the examiner filled in."),
    "examined_on": N_("Give the day of the examination."),
    "examined_by": N_("Give who examined the survivor, as they signed."),
    "place": N_("Give where the examination took place."),
    "correlation": N_("Choose how the findings stand to the survivor's account."),
    "findings": N_("The findings must be at most 4,000 characters."),
}
FUTURE_EXAMINATION = N_("The day of the examination cannot be in the future.")


def _examination_refused(error: InvalidInput, _: Gettext) -> tuple[str, str | Said]:
    """The use case's refusal beside its field: a day to come, or a claimant not of the case,
    in the page's words; any other (a day before independence) in its own catalog sentence,
    which names the field by its label. Told apart by the sentence the refusal carries."""
    if error.field == "survivor":
        return "survivor", _(EXAMINATION_SENTENCES["survivor"])
    if error.said.message == IN_THE_FUTURE:
        return "examined_on", _(FUTURE_EXAMINATION)
    return "examined_on", error.said


def _attached(values: dict[str, str]) -> dict[str, str]:
    """The form's one choice, `award:<id>` or `case`, as the API's two fields."""
    kind, _, record_id = values.get("attached_to", "case").partition(":")
    return {"record_kind": kind or RecordKind.CASE.value, "record_id": record_id}


async def _kept(
    request: SignedIn,
    values: dict[str, str],
    data: DocumentIn,
    file: object,
    keep: Callable[[Upload], Awaitable[object]],
) -> str:
    """The file kept by `keep`, or refused in words beside the field it is about."""
    _ = gettext(request)
    rules = rules_of(request)
    if not getattr(file, "filename", ""):
        raise refuse(values, "file", _(NO_FILE), 400)
    try:
        await keep(await data.upload(file))
    except FileTooLarge:
        limit = in_megabytes(rules.max_bytes)
        raise refuse(values, "file", _(TOO_LARGE) % {"limit": limit}, 413) from None
    except FileRefused as refused:
        sentence = PROGRAM if refused.said.message == A_PROGRAM else NOT_KEPT
        raise refuse(values, "file", _(sentence), 415) from None
    except InvalidInput as error:
        named = error.field == "file"
        sentence = NO_NAME if named else NO_RECORD
        raise refuse(values, "file" if named else "attached_to", _(sentence), 422) from None
    return "document"


async def _once(
    request: SignedIn, form: FormMultiDict, where: str, send: Callable[[], Awaitable[Any]]
) -> Response[Any]:
    """A file is sent once however often the button is pressed: the pages' one-time token
    (service/web/once.py) is claimed here, as its middleware reads only urlencoded forms and
    never a body the size of a scan."""
    token = form.get(FIELD)
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        answer: Response[Any] = await send()
        return answer
    engine = request.app.state.engine
    if not await claim(engine, token, utcnow()):
        return Redirect(shown_again(where), status_code=303)
    try:
        answer = await send()
    except BaseException:
        await release(engine, token)
        raise
    if isinstance(answer, Redirect):
        await settle(engine, token, answer.url)
    else:
        await release(engine, token)
    return answer


async def upload_on_case_page(
    db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
) -> Response[Any]:
    _ = gettext(request)
    rules = rules_of(request)
    form = await request.form()

    async def keep(values: dict[str, str]) -> str:
        data = read_in_words(values | _attached(values), DocumentIn, DOCUMENT_SENTENCES, _)
        return await _kept(
            request, values, data, form.get("file"),
            lambda upload: documents.keep_document(db, actor_of(request), case_id, upload, rules),
        )  # fmt: skip

    return await _once(
        request, form, f"/web/cases/{case_id}#documents",
        lambda: submit(db, request, case_id, "document", keep),
    )  # fmt: skip


async def upload_on_violation_page(
    db: Db, request: SignedIn, violation_id: FromPath[uuid.UUID]
) -> Response[Any]:
    """As the case page's upload, on the violation record's page."""
    _ = gettext(request)
    rules = rules_of(request)
    form = await request.form()
    actor = actor_of(request)

    async def keep(values: dict[str, str]) -> str:
        data = read_in_words(values, DocumentIn, DOCUMENT_SENTENCES, _)
        return await _kept(
            request, values, data, form.get("file"),
            lambda upload: documents.keep_violation_document(
                db, actor, violation_id, upload, rules),
        )  # fmt: skip

    async def send() -> Response[Any]:
        done = await attempt(typed(form), keep, language_of(request))
        if isinstance(done, Refusal):
            return await record_page(db, request, violation_id, RecordForms(document=done))
        return Redirect(f"/web/violations/{violation_id}?done=document#documents", status_code=303)

    return await _once(request, form, f"/web/violations/{violation_id}#documents", send)


class ExaminationForm(Controller):
    path = "/web/cases/{case_id:uuid}/examinations"
    opt = {PAGE: True}  # noqa: RUF012

    @post()
    async def record_examination(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def record(values: dict[str, str]) -> str:
            data = read_in_words(values, ExaminationIn, EXAMINATION_SENTENCES, _)
            try:
                await examinations.record_examination(
                    db, actor_of(request), case_id, data.examination()
                )
            except InvalidInput as error:
                where, sentence = _examination_refused(error, _)
                raise refuse(values, where, sentence, 422) from None
            return "examination"

        return await submit(db, request, case_id, "examination", record)


def document_pages(settings: Settings) -> Router:
    """The upload form takes files up to HAKI_DOCUMENT_MAX_BYTES, more than other forms."""
    upload = post(
        "/web/cases/{case_id:uuid}/documents",
        request_max_body_size=settings.document_max_bytes + MULTIPART_ROOM,
        opt={PAGE: True},
    )(upload_on_case_page)
    on_violation = post(
        "/web/violations/{violation_id:uuid}/documents",
        request_max_body_size=settings.document_max_bytes + MULTIPART_ROOM,
        opt={PAGE: True},
    )(upload_on_violation_page)
    return Router(
        "/",
        route_handlers=[upload, on_violation, ExaminationForm],
        include_in_schema=False,
        middleware=[OnceOnly()],
        exception_handlers=EXCEPTION_HANDLERS,
    )
