"""`GET /exports/full.zip`: everything Haki holds, for an organisation that leaves or backs up."""

from typing import Annotated

from litestar import Response, get
from litestar.params import QueryParameter

from domain.base import utcnow
from domain.calendar import nairobi_today
from service.auth.identity import SignedIn, actor_of
from service.openapi import responses
from service.usecases.exporting.bundle import export_everything, zipped


@get(
    "/exports/full.zip",
    responses=responses(400, 401, 403),
    summary="Every table as CSV, the register in the import layouts, and a manifest (zip)",
    tags=["exports"],
    media_type="application/zip",
)
async def full_export(
    request: SignedIn,
    with_personal_data: Annotated[
        bool,
        QueryParameter(
            description="names, contact details and notes; without it they are left empty"
        ),
    ] = False,
) -> Response[bytes]:
    """Pseudonymous unless `with_personal_data=true`, which adds the names, notes and the
    documents themselves (opened); either way the audit trail records who exported what.
    Secrets (password and token hashes) are never exported."""
    files = await export_everything(
        request.app.state.sessionmaker,
        actor_of(request),
        with_personal_data=with_personal_data,
        keyring=request.app.state.keyring,
    )
    name = f"haki-export-{nairobi_today(utcnow()).isoformat()}.zip"
    return Response(
        zipped(files),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
