"""Liveness (the process answers) and readiness (it can reach its database)."""

from litestar import Response, get
from litestar.datastructures import State
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from service.openapi import responses


@get("/health/live", tags=["health"], summary="The process is up")
async def live() -> dict[str, str]:
    return {"status": "live"}


@get("/health/ready", tags=["health"], responses=responses(503), summary="The database answers")
async def ready(state: State) -> Response[dict[str, str]]:
    try:
        async with state.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except (OSError, SQLAlchemyError):
        return Response(
            {"status": "unavailable", "detail": "the database cannot be reached"},
            status_code=HTTP_503_SERVICE_UNAVAILABLE,
            media_type="application/problem+json",
        )
    return Response({"status": "ready"}, status_code=HTTP_200_OK)
