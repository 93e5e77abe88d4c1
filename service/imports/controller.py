"""HTTP routes for bringing records in: POST a CSV file as the body, get the template."""

from typing import Annotated, Any

from litestar import Response, Router, get, post
from litestar.params import FromPath, QueryParameter
from litestar.plugins.problem_details import ProblemDetailsException
from msgspec import Struct

from service.auth.identity import SignedIn, actor_of
from service.errors import PROBLEM_BASE
from service.imports.layouts import ImportKind, template_csv
from service.imports.reading import CellError, FileRefused
from service.imports.rules import import_rules
from service.openapi import responses
from service.settings import Settings
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportReport, run_import


class RowOut(Struct):
    row: int
    action: str
    key: str
    changed: list[str]


class CellErrorOut(Struct):
    row: int
    column: str
    message: str


class ImportOut(Struct):
    kind: ImportKind
    file_name: str
    sha256: str
    dry_run: bool
    written: bool
    created: int
    updated: int
    unchanged: int
    rows: list[RowOut]
    errors: list[CellErrorOut]


def _errors(errors: list[CellError]) -> list[dict[str, Any]]:
    return [{"row": e.row, "column": e.column, "message": e.message} for e in errors]


def _out(report: ImportReport) -> ImportOut:
    return ImportOut(
        kind=report.kind,
        file_name=report.file_name,
        sha256=report.sha256,
        dry_run=report.dry_run,
        written=report.written,
        created=report.count("created"),
        updated=report.count("updated"),
        unchanged=report.count("unchanged"),
        rows=[RowOut(r.row, r.action, r.key, list(r.changed)) for r in report.rows],
        errors=[CellErrorOut(e.row, e.column, e.message) for e in report.errors],
    )


def _refused(detail: str, errors: list[CellError]) -> ProblemDetailsException:
    return ProblemDetailsException(
        status_code=422,
        type_=PROBLEM_BASE + "import-refused",
        title="The file was refused; nothing was written",
        detail=detail,
        extra={"errors": _errors(errors)},
    )


async def import_records(
    request: SignedIn,
    kind: FromPath[ImportKind],
    dry_run: Annotated[
        bool, QueryParameter(description="check every row and say what would change; write nothing")
    ] = False,
    file_name: Annotated[
        str, QueryParameter(max_length=200, description="recorded with each imported change")
    ] = "upload.csv",
) -> ImportOut:
    """Brings in cases, hearings, awards, payments or violation records from the CSV file sent
    as the body (`content-type: text/csv`; the columns of `GET /imports/{kind}/template.csv`).
    All rows are written or none: a real run with any refused row answers 422 listing every
    error with its row and column. A dry run answers 200 with the same report and writes nothing."""
    settings: Settings = request.app.state.settings
    try:
        report = await run_import(
            request.app.state.sessionmaker,
            actor_of(request),
            ImportRequest(kind, await request.body(), file_name, dry_run),
            rules=import_rules(settings),
        )
    except FileRefused as refused:
        raise _refused(str(refused), refused.errors) from None
    if report.errors and not dry_run:
        raise _refused(f"{len(report.errors)} errors in {file_name}", report.errors)
    return _out(report)


async def import_template(kind: FromPath[ImportKind]) -> Response[str]:
    """The column layout of one kind of import file, with an example row, to fill in."""
    return Response(
        template_csv(kind),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{kind}-template.csv"'},
    )


def imports_router(settings: Settings) -> Router:
    """The upload route takes files up to HAKI_IMPORT_MAX_BYTES, more than other bodies."""
    upload = post(
        "/{kind:str}",
        request_max_body_size=settings.import_max_bytes,
        responses=responses(400, 401, 403, 413, 422),
        summary="Import a CSV file of records (all rows or none), or check it with dry_run",
        tags=["imports"],
        status_code=200,
    )(import_records)
    template = get(
        "/{kind:str}/template.csv",
        responses=responses(400, 401, 403),
        summary="The column layout of an import file, as a CSV template",
        tags=["imports"],
        media_type="text/csv",
    )(import_template)
    return Router("/imports", route_handlers=[upload, template])
