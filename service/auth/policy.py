"""Who may do what, enforced by one guard over the table in service/auth/rules.py.

A route missing from POLICY is refused, and the authorisation matrix test fails. A case a
user may not see answers 404, exactly as a case that does not exist.
"""

import hmac
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from litestar.connection import ASGIConnection, Request
from litestar.datastructures import State
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.awards import Award
from domain.errors import N_, NotFound, Said
from domain.examinations import Examination
from domain.hearings import Hearing
from domain.referrals import Referral
from domain.users import Principal, Role
from domain.violations import Violation
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


Reach = Callable[[Connection, AsyncConnection, Principal], Awaitable[None]]
T = TypeVar("T")
Check = Callable[[AsyncConnection, Any, uuid.UUID], Awaitable[bool]]


def _reachable(param: str, may_reach: Check, refusal: str) -> Reach:
    """A lawyer's scope check on the record the path parameter `param` names: one they may not
    reach answers 404 in the words of `refusal`, exactly as one that does not exist."""
    named = "code" if param == "code" else "id"

    async def scope(connection: Connection, db: AsyncConnection, principal: Principal) -> None:
        key = connection.path_params[param]
        if not await may_reach(db, key, principal.id):
            raise NotFound(refusal, **{named: key})

    return scope


def _in(table: T, check: Callable[[AsyncConnection, T, Any, uuid.UUID], Awaitable[bool]]) -> Check:
    """`check` (is the user on its case's team, do they keep its survivor's record) for the
    records of `table`."""

    async def bound(db: AsyncConnection, record_id: uuid.UUID, user_id: uuid.UUID) -> bool:
        return await check(db, table, record_id, user_id)

    return bound


# which records a lawyer may reach under a rule (only a lawyer is kept to their own cases, so
# the guard opens a connection for these only when a lawyer asks)
_case = _reachable("case_id", access.on_team, N_("No case has the id %(id)s."))
_award = _reachable("award_id", _in(Award, access.on_team_of), N_("No award has the id %(id)s."))
_hearing = _reachable(
    "hearing_id", _in(Hearing, access.on_team_of), N_("No court date has the id %(id)s.")
)
SCOPES: dict[Rule, Reach] = {
    Rule.CASE_READ: _case,
    Rule.CASE_CHANGE: _case,
    Rule.CASE_PERSONAL: _case,
    Rule.SURVIVOR_PERSONAL: _reachable(
        "code", access.represents, N_("No survivor has the code %(code)s.")
    ),
    Rule.CONTACT_PERSONAL: _reachable(
        "contact_id", access.represents_contact, N_("No contact has the id %(id)s.")
    ),
    Rule.AWARD_READ: _award,
    Rule.AWARD_CHANGE: _award,
    Rule.AWARD_PERSONAL: _award,
    Rule.HEARING_READ: _hearing,
    Rule.HEARING_CHANGE: _hearing,
    Rule.DOCUMENT_PERSONAL: _reachable(
        "document_id", access.on_document_team, N_("No document has the id %(id)s.")
    ),
    Rule.EXAMINATION_PERSONAL: _reachable(
        "examination_id",
        _in(Examination, access.on_team_of),
        N_("No examination has the id %(id)s."),
    ),
    Rule.SURVIVOR_RECORD: _reachable(
        "code", access.keeps_record_of, N_("No survivor has the code %(code)s.")
    ),
    Rule.VIOLATION_PERSONAL: _reachable(
        "violation_id",
        _in(Violation, access.keeps_record_in),
        N_("No violation record has the id %(id)s."),
    ),
    Rule.REFERRAL_CHANGE: _reachable(
        "referral_id", _in(Referral, access.keeps_record_in), N_("No referral has the id %(id)s.")
    ),
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


async def guard(request: Request[Any, Any, Any]) -> None:
    """The check on every route of ours: sign-in, then role, then the case or survivor.

    It is the before-request hook of the router that holds every route, so it runs where the
    routes' guards would, after every middleware, before the arguments are read. As a Litestar
    guard it was handed a copy of the route handler each request (`copy` of an object of some
    seventy attributes, a fiftieth of the server's CPU a step in a profile of
    bench/transitions.py); here it reads the handler the router put in the scope. A handler or
    controller of its own `before_request` would replace it: none has one (and the
    authorisation matrix test would fail)."""
    handler: BaseRouteHandler = request.scope["route_handler"]
    rule = POLICY.get(route_key(handler))
    if rule is None:
        raise PermissionDeniedException("this route has no access rule, so nobody may use it")
    if rule is Rule.PUBLIC or (rule is Rule.METRICS and _scraper(request)):
        return
    principal = await _authenticate(request, handler)
    request.scope["user"] = principal
    if principal.role not in ROLES[rule]:
        raise RoleRefused(principal.role)
    scope = SCOPES.get(rule)
    if scope is not None and principal.role is Role.LAWYER:
        async with request.app.state.engine.connect() as db:
            await scope(request, db, principal)
