"""The import page: an administrator checks a spreadsheet's CSV file, reads every refused row
in their own language, and imports the checked file without choosing it again.

The check is the API's dry run; a file that passes is kept as a draft for an hour
(service/usecases/importing/drafts.py) and the confirm form names only the draft and its
sha256. The upload and the API's body parse into the one `ImportRequest` of the use case.
Neither the file's name nor its content ever reaches a log line.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from litestar import Response, Router, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import HTTPException

from domain.base import utcnow
from domain.errors import InvalidInput
from domain.import_drafts import ImportDraft
from notifications.i18n import N_, Language
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.documents.controller import MULTIPART_ROOM
from service.imports.controller import import_template
from service.imports.layouts import ImportKind
from service.imports.reading import CellError, FileRefused
from service.imports.rules import import_rules
from service.settings import Settings
from service.usecases.importing.drafts import import_draft, keep_draft
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportReport, run_import
from service.usecases.records.documents import clean_name, in_megabytes
from service.web.forms import GENERAL, Refusal, Refused, typed
from service.web.import_words import KINDS, column_label
from service.web.once import OnceOnly
from service.web.render import AnyRequest, language_of, page
from service.web.router import EXCEPTION_HANDLERS
from service.web.said import said
from service.web.wording import gettext

NO_KIND = N_("Choose what the file holds.")
NO_FILE = N_("Choose the file to upload.")
NOT_CSV = N_(
    "Haki imports CSV files: in the spreadsheet choose “Save as”, then “CSV UTF-8”, and choose "
    "that file here."
)
TOO_LARGE = N_(
    "The file is larger than Haki imports at once (%(limit)s): split it into smaller files and "
    "import each."
)
GONE = N_(
    "This check is no longer kept (a checked file waits an hour, and is imported once): choose "
    "the file and check it again."
)
ADDRESS = "/web/imports"


@dataclass(frozen=True)
class Problem:
    """A refused row as the page shows it: where, by the column's label, and why."""

    row: int
    label: str
    header: str
    sentence: str


def _problems(kind: ImportKind, errors: list[CellError], language: Language) -> list[Problem]:
    return [
        Problem(
            e.row,
            column_label(kind, e.column, language),
            "" if e.column.startswith("(") else e.column,
            said(e.said, language),
        )
        for e in errors
    ]


def _page(
    request: AnyRequest,
    status: int = 200,
    *,
    form: Refusal | None = None,
    kind: ImportKind | None = None,
    report: ImportReport | None = None,
    problems: list[Problem] | None = None,
    draft: ImportDraft | None = None,
) -> Response[str]:
    _ = gettext(request)
    return page(
        request,
        "imports.html",
        status,
        kinds=[(k.value, _(text)) for k, text in KINDS.items()],
        form=form or Refusal({"kind": kind.value} if kind else {}),
        kind_label=_(KINDS[kind]) if kind else "",
        report=report,
        problems=problems or [],
        draft=draft,
    )


async def import_page(request: SignedIn) -> Response[str]:
    return _page(request)


async def _upload(request: SignedIn, settings: Settings) -> ImportRequest:
    """The form as the use case's input, or refused in words beside its field."""
    _ = gettext(request)
    form = await request.form()
    values = typed(form)
    kind, file = values.get("kind", ""), form.get("file")
    if kind not in {k.value for k in ImportKind}:
        raise Refused(values, {"kind": _(NO_KIND)}, 400)
    if not isinstance(file, UploadFile) or not file.filename:
        raise Refused(values, {"file": _(NO_FILE)}, 400)
    try:
        name = clean_name(file.filename[-200:])  # the end: a long name keeps its .csv
    except InvalidInput:
        name = "upload.csv"
    if not name.lower().endswith(".csv"):
        raise Refused(values, {"file": _(NOT_CSV)}, 415)
    data = await file.read(settings.import_max_bytes + 1)
    if len(data) > settings.import_max_bytes:
        limit = in_megabytes(settings.import_max_bytes)
        raise Refused(values, {"file": _(TOO_LARGE) % {"limit": limit}}, 413)
    return ImportRequest(ImportKind(kind), data, name, dry_run=True)


async def check_import_file(request: SignedIn) -> Response[str]:
    """A dry run of the file sent; when it passes, the file waits as a draft to be imported."""
    settings: Settings = request.app.state.settings
    language = language_of(request)
    try:
        given = await _upload(request, settings)
    except Refused as refused:
        return _page(request, refused.status, form=refused.said_in(language))
    actor = actor_of(request)
    sessions = request.app.state.sessionmaker
    try:
        report = await run_import(sessions, actor, given, rules=import_rules(settings))
    except FileRefused as refused:
        problems = _problems(given.kind, refused.errors, language)
        return _page(request, 422, kind=given.kind, problems=problems)
    if report.errors:
        problems = _problems(given.kind, report.errors, language)
        return _page(request, 422, kind=given.kind, report=report, problems=problems)
    async with sessions() as session:
        draft = await keep_draft(session, request.user.id, given, len(report.rows), utcnow())
    return _page(request, kind=given.kind, report=report, draft=draft)


async def import_checked_file(request: SignedIn) -> Response[str]:
    """Writes the draft the form names, exactly the file that was checked."""
    _ = gettext(request)
    form = typed(await request.form())
    settings: Settings = request.app.state.settings
    try:
        draft_id = uuid.UUID(form.get("draft", ""))
    except ValueError:
        draft_id = None
    report = None
    if draft_id is not None:
        report = await import_draft(
            request.app.state.sessionmaker,
            actor_of(request),
            draft_id,
            form.get("sha256", ""),
            import_rules(settings),
            utcnow(),
        )
    if report is None:
        return _page(request, 404, form=Refusal({}, {GENERAL: _(GONE)}, 404))
    if not report.written:
        problems = _problems(report.kind, report.errors, language_of(request))
        return _page(request, 422, kind=report.kind, report=report, problems=problems)
    return _page(request, kind=report.kind, report=report)


def _too_large(request: AnyRequest, error: HTTPException) -> Response[Any]:
    """A body past the route's limit, refused before the form is read: said beside the file
    field like a file just over it, instead of the server's words."""
    if error.status_code != 413 or request.url.path != ADDRESS:
        return EXCEPTION_HANDLERS[HTTPException](request, error)
    settings: Settings = request.app.state.settings
    sentence = gettext(request)(TOO_LARGE) % {"limit": in_megabytes(settings.import_max_bytes)}
    return _page(request, 413, form=Refusal({}, {"file": sentence}, 413))


def import_pages(settings: Settings) -> Router:
    """The check takes files up to HAKI_IMPORT_MAX_BYTES, more than other forms."""
    return Router(
        "/",
        route_handlers=[
            get(ADDRESS, opt={PAGE: True})(import_page),
            post(
                ADDRESS,
                request_max_body_size=settings.import_max_bytes + MULTIPART_ROOM,
                opt={PAGE: True},
            )(check_import_file),
            post(f"{ADDRESS}/import", opt={PAGE: True})(import_checked_file),
            get(f"{ADDRESS}/{{kind:str}}/template.csv", opt={PAGE: True}, media_type="text/csv")(
                import_template
            ),
        ],
        include_in_schema=False,
        middleware=[OnceOnly()],
        exception_handlers={**EXCEPTION_HANDLERS, HTTPException: _too_large},
    )
