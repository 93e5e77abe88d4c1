"""Who may do what, enforced by one guard over the table in service/auth/rules.py.

A route missing from POLICY is refused, and the authorisation matrix test fails. A case a
user may not see answers 404, exactly as a case that does not exist.
"""

import hmac
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.errors import N_, NotFound, Said
from domain.users import Principal, Role
from notifications.i18n import Language
from service.auth.browser import presented_token
from service.auth.rules import POLICY, ROLES, Rule
from service.usecases.accounts import access
from service.usecases.accounts.session_cache import SessionCache
from service.usecases.accounts.users import live_session, token_hash
from service.web.said import said

Connection = ASGIConnection[Any, Any, Any, Any]


def refusals(rule: Rule) -> tuple[int, ...]:
    """What the guard may answer for a rule: 401 unless public, 403 unless every role may."""
    if rule is Rule.PUBLIC:
        return ()
    return (401,) if ROLES[rule] == set(Role) else (401, 403)


def route_key(handler: BaseRouteHandler) -> str:
    return str(handler.fn.__qualname__)


def case_scope(principal: Principal) -> uuid.UUID | None:
    """Whose team a listing is limited to, and whose survivors a new case may name: a lawyer's
    own; everyone else sees every case (and an administrator may name any survivor)."""
    return principal.id if principal.role is Role.LAWYER else None


def reads_free_text(principal: Principal) -> bool:
    """Notes, answers and file names may name a survivor or an officer: only the roles that
    read a case's parties see them (the guard has already kept a lawyer to their own cases)."""
    return principal.role in ROLES[Rule.CASE_PERSONAL]


def opening_lead(principal: Principal) -> uuid.UUID | None:
    """A lawyer who opens a case becomes its lead counsel on the team; an admin assigns one."""
    return principal.id if principal.role is Role.LAWYER else None


async def _authenticate(connection: Connection, handler: BaseRouteHandler) -> Principal:
    token = await presented_token(connection, handler)
    if not token:
        raise NotAuthorizedException(
            "sign in first: send 'Authorization: Bearer <token>' from POST /auth/login",
            headers={"WWW-Authenticate": "Bearer"},
        )
    principal = await _principal(connection.app.state, token_hash(token))
    if principal is None:
        raise NotAuthorizedException(
            "the token is unknown, expired or revoked, or the account is disabled: sign in again",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    connection.scope["auth"] = token
    return principal


async def _principal(state: State, hashed: str) -> Principal | None:
    """From the process's session cache, else PostgreSQL (and then remembered)."""
    cache: SessionCache = state.session_cache
    principal = cache.get(hashed)
    if principal is not None:
        return principal
    read = cache.forgotten
    async with state.engine.connect() as db:
        found = await live_session(db, hashed)
    if found is None:
        return None
    cache.keep(hashed, *found, read)
    return found[0]


async def _case_visible(connection: Connection, db: AsyncConnection, principal: Principal) -> None:
    case_id = connection.path_params["case_id"]
    if not await access.on_team(db, case_id, principal.id):
        raise NotFound(N_("No case has the id %(id)s."), id=case_id)


async def _represents(connection: Connection, db: AsyncConnection, principal: Principal) -> None:
    code = connection.path_params["code"]
    if not await access.represents(db, code, principal.id):
        raise NotFound(N_("No survivor has the code %(code)s."), code=code)


async def _contact_visible(connection: Connection, db: AsyncConnection, p: Principal) -> None:
    contact_id = connection.path_params["contact_id"]
    if not await access.represents_contact(db, contact_id, p.id):
        raise NotFound(N_("No contact has the id %(id)s."), id=contact_id)


async def _award_visible(connection: Connection, db: AsyncConnection, p: Principal) -> None:
    award_id = connection.path_params["award_id"]
    if not await access.on_award_team(db, award_id, p.id):
        raise NotFound(N_("No award has the id %(id)s."), id=award_id)


async def _hearing_visible(connection: Connection, db: AsyncConnection, p: Principal) -> None:
    hearing_id = connection.path_params["hearing_id"]
    if not await access.on_hearing_team(db, hearing_id, p.id):
        raise NotFound(N_("No court date has the id %(id)s."), id=hearing_id)


# which records a lawyer may reach under a rule (only a lawyer is kept to their own cases, so
# the guard opens a connection for these only when a lawyer asks)
async def _document_visible(connection: Connection, db: AsyncConnection, p: Principal) -> None:
    document_id = connection.path_params["document_id"]
    if p.role is Role.LAWYER and not await access.on_document_team(db, document_id, p.id):
        raise NotFound(N_("No document has the id %(id)s."), id=document_id)


async def _examination_visible(connection: Connection, db: AsyncConnection, p: Principal) -> None:
    examination_id = connection.path_params["examination_id"]
    if p.role is Role.LAWYER and not await access.on_examination_team(db, examination_id, p.id):
        raise NotFound(N_("No examination has the id %(id)s."), id=examination_id)


async def _documents(connection: Connection, db: AsyncConnection, p: Principal) -> None:
    code = connection.path_params["code"]
    if p.role is Role.LAWYER and not await access.documents(db, code, p.id):
        raise NotFound(N_("No survivor has the code %(code)s."), code=code)


async def _violation_visible(connection: Connection, db: AsyncConnection, p: Principal) -> None:
    violation_id = connection.path_params["violation_id"]
    if p.role is Role.LAWYER and not await access.documents_violation(db, violation_id, p.id):
        raise NotFound(N_("No violation record has the id %(id)s."), id=violation_id)


async def _referral_visible(connection: Connection, db: AsyncConnection, p: Principal) -> None:
    referral_id = connection.path_params["referral_id"]
    if p.role is Role.LAWYER and not await access.documents_referral(db, referral_id, p.id):
        raise NotFound(N_("No referral has the id %(id)s."), id=referral_id)


SCOPES: dict[Rule, Callable[[Connection, AsyncConnection, Principal], Awaitable[None]]] = {
    Rule.CASE_READ: _case_visible,
    Rule.CASE_CHANGE: _case_visible,
    Rule.CASE_PERSONAL: _case_visible,
    Rule.SURVIVOR_PERSONAL: _represents,
    Rule.CONTACT_PERSONAL: _contact_visible,
    Rule.AWARD_READ: _award_visible,
    Rule.AWARD_CHANGE: _award_visible,
    Rule.AWARD_PERSONAL: _award_visible,
    Rule.HEARING_READ: _hearing_visible,
    Rule.HEARING_CHANGE: _hearing_visible,
    Rule.DOCUMENT_PERSONAL: _document_visible,
    Rule.EXAMINATION_PERSONAL: _examination_visible,
    Rule.SURVIVOR_RECORD: _documents,
    Rule.VIOLATION_PERSONAL: _violation_visible,
    Rule.REFERRAL_CHANGE: _referral_visible,
}


def _scraper(connection: Connection) -> bool:
    expected = connection.app.state.settings.metrics_token
    given = connection.headers.get("authorization", "").removeprefix("Bearer ").strip()
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


NOT_FOR_THE_ROLE = N_("This is not open to an account whose role is “%(role)s”.")


class RoleRefused(PermissionDeniedException):
    """The route is not for the signed-in person's role: a catalog sentence naming the role by
    its words, that the pages say in the reader's language and the API's problem details carry
    in English as their detail."""

    def __init__(self, role: Role) -> None:
        self.said = Said(NOT_FOR_THE_ROLE, {"role": role})
        super().__init__(said(self.said, Language.EN))


async def enforce(connection: Connection, handler: BaseRouteHandler) -> None:
    """The guard on every route of ours: sign-in, then role, then the case or survivor."""
    rule = POLICY.get(route_key(handler))
    if rule is None:
        raise PermissionDeniedException("this route has no access rule, so nobody may use it")
    if rule is Rule.PUBLIC or (rule is Rule.METRICS and _scraper(connection)):
        return
    principal = await _authenticate(connection, handler)
    connection.scope["user"] = principal
    if principal.role not in ROLES[rule]:
        raise RoleRefused(principal.role)
    scope = SCOPES.get(rule)
    if scope is not None and principal.role is Role.LAWYER:
        async with connection.app.state.engine.connect() as db:
            await scope(connection, db, principal)
