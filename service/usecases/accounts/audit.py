"""Writing and reading the audit trail. A row is written in the transaction of what it records."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor, AuditEvent
from domain.base import utcnow
from domain.calendar import nairobi_midnight
from service.usecases.paging import equal_to, page


def audit(
    session: AsyncSession,
    actor: Actor,
    action: str,
    record_type: str | None = None,
    record_id: object = None,
    **detail: Any,
) -> None:
    session.add(AuditEvent(**audit_row(actor, action, record_type, record_id, **detail)))


def audit_row(
    actor: Actor,
    action: str,
    record_type: str | None = None,
    record_id: object = None,
    **detail: Any,
) -> dict[str, Any]:
    """The columns of an audit row, for a use case that writes it in one statement with others."""
    return {
        "at": utcnow(),
        "actor_id": actor.user_id,
        "actor": actor.username[:60],
        "address": actor.address[:64],
        "action": action,
        "record_type": record_type,
        "record_id": None if record_id is None else str(record_id),
        "detail": detail,
    }


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    record_type: str | None = None
    record_id: str | None = None
    since: date | None = None
    """first day included, in Nairobi"""
    until: date | None = None
    """last day included, in Nairobi"""


async def search_audit(
    session: AsyncSession, where: AuditFilter, *, limit: int, offset: int
) -> tuple[list[AuditEvent], int]:
    conditions = equal_to(
        (
            (AuditEvent.actor, where.actor),
            (AuditEvent.action, where.action),
            (AuditEvent.record_type, where.record_type),
            (AuditEvent.record_id, where.record_id),
        )
    )
    if where.since is not None:
        conditions.append(col(AuditEvent.at) >= nairobi_midnight(where.since, "since"))
    if where.until is not None:
        until = nairobi_midnight(where.until, "until") + timedelta(days=1)
        conditions.append(col(AuditEvent.at) < until)
    newest_first = [col(AuditEvent.id).desc()]
    return await page(session, AuditEvent, conditions, newest_first, limit=limit, offset=offset)


async def audit_vocabulary(session: AsyncSession) -> tuple[list[str], list[str]]:
    """The actions and kinds of record the trail holds, for a page's filters to offer."""
    actions = await session.exec(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    kinds = await session.exec(
        select(AuditEvent.record_type)
        .where(col(AuditEvent.record_type).is_not(None))
        .distinct()
        .order_by(AuditEvent.record_type)
    )
    return list(actions.all()), [kind for kind in kinds.all() if kind]
