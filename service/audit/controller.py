"""Administrators read the audit trail; nobody can change it through Haki."""

from datetime import date, datetime
from typing import Annotated, Any

from litestar import Controller, get
from litestar.pagination import OffsetPagination
from litestar.params import QueryParameter
from msgspec import Struct

from domain.audit import AuditEvent
from service.dependencies import Db, Limit, Offset
from service.openapi import responses
from service.text import LINE
from service.usecases.accounts.audit import AuditFilter, search_audit

Filter = Annotated[str | None, QueryParameter(max_length=64, pattern=LINE)]
Day = Annotated[date | None, QueryParameter(description="a day in Nairobi, included")]


class AuditOut(Struct):
    id: int
    at: datetime
    actor: str
    address: str
    action: str
    record_type: str | None
    record_id: str | None
    detail: dict[str, Any]

    @classmethod
    def of(cls, row: AuditEvent) -> "AuditOut":
        assert row.id is not None  # read back from the table, so it has one
        return cls(
            id=row.id,
            at=row.at,
            actor=row.actor,
            address=row.address,
            action=row.action,
            record_type=row.record_type,
            record_id=row.record_id,
            detail=row.detail,
        )


class AuditController(Controller):
    path = "/audit"
    tags = ("audit",)

    @get(responses=responses(400, 401, 403, 422), summary="Who did what, newest first")
    async def search(
        self,
        db: Db,
        limit: Limit = 50,
        offset: Offset = 0,
        actor: Filter = None,
        action: Filter = None,
        record_type: Filter = None,
        record_id: Filter = None,
        since: Day = None,
        until: Day = None,
    ) -> OffsetPagination[AuditOut]:
        where = AuditFilter(actor, action, record_type, record_id, since, until)
        rows, total = await search_audit(db, where, limit=limit, offset=offset)
        return OffsetPagination(
            items=[AuditOut.of(row) for row in rows], limit=limit, offset=offset, total=total
        )
