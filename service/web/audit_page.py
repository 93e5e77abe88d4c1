"""The audit trail for administrators: who did what, when, to which record, newest first,
filtered by person, action, kind of record and record, and days in Nairobi; 50 rows a page.

The rows come from the use case behind `GET /audit`, with the same `AuditFilter`. Their details
may hold personal data (a username, a survivor's code), so the page is for administrators only.
"""

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from litestar import Controller, Response, get
from litestar.params import QueryParameter

from domain.audit import AuditEvent
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn
from service.dependencies import Db
from service.text import LINE
from service.usecases.accounts import users
from service.usecases.accounts.audit import AuditFilter, audit_vocabulary, search_audit
from service.web.audit_words import ACTIONS, KINDS
from service.web.forms import Refusal
from service.web.render import page
from service.web.wording import gettext

ROWS = 50
NOT_A_DAY = N_("Give the day as a date, e.g. 2026-12-06.")
Filter = Annotated[str, QueryParameter(max_length=64, pattern=LINE)]


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


class AuditPage(Controller):
    path = "/web/audit"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def audit_trail(
        self,
        db: Db,
        request: SignedIn,
        actor: Filter = "",
        action: Filter = "",
        record_type: Filter = "",
        record_id: Filter = "",
        since: Filter = "",
        until: Filter = "",
        page_number: Annotated[int, QueryParameter(name="page", ge=1, le=100_000)] = 1,
    ) -> Response[str]:
        _ = gettext(request)
        typed = {
            "actor": actor,
            "action": action,
            "record_type": record_type,
            "record_id": record_id,
            "since": since,
            "until": until,
        }
        errors: dict[str, str] = {}
        days: dict[str, date | None] = {}
        for name in ("since", "until"):
            try:
                days[name] = _day(typed[name].strip())
            except ValueError:
                errors[name], days[name] = _(NOT_A_DAY), None
        where = AuditFilter(
            actor.strip() or None,
            action.strip() or None,
            record_type.strip() or None,
            record_id.strip() or None,
            days["since"],
            days["until"],
        )
        rows: list[AuditEvent] = []
        total = 0
        if not errors:
            offset = (page_number - 1) * ROWS
            rows, total = await search_audit(db, where, limit=ROWS, offset=offset)
        actions, kinds = await audit_vocabulary(db)
        people = [u.username for u in await users.list_users(db)]
        query = urlencode({k: v for k, v in typed.items() if v})
        return page(
            request,
            "audit.html",
            400 if errors else 200,
            rows=rows,
            total=total,
            page_number=page_number,
            pages=max(1, -(-total // ROWS)),
            form=Refusal(typed, errors, 400),
            people=[(p, p) for p in people],
            actions=[(a, _(ACTIONS.get(a, a))) for a in actions],
            kinds=[(k, _(KINDS.get(k, k))) for k in kinds],
            action_words=ACTIONS,
            kind_words=KINDS,
            query=query,
        )
