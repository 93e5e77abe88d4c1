"""How a browser signs in: the session token in a cookie, and the form token that guards it.

The JSON API takes its token from `Authorization: Bearer`, which a browser never attaches on
its own, so the API needs no protection against cross-site requests. A cookie is attached by
the browser, so Haki accepts the session cookie only on the pages of the browser interface
(under /web, marked `PAGE`): never on the JSON API, where a page of another site that a signed-in
administrator opens could otherwise have the browser fetch, say, the full export. On a page the
cookie is taken for safe methods (GET, HEAD: reading, and the cookie is SameSite=Lax, so another
site cannot make a browser send it with a sub-request), and on the pages' own forms, whose every
POST must carry the form token. That token is an HMAC of the session token: another site cannot
read the HttpOnly cookie, so it cannot compute it; it needs no secret shared by the API
processes (any replica checks it), and it dies with the session on sign-out.
"""

import hashlib
import hmac
from typing import Any

from litestar.connection import ASGIConnection, Request
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

SESSION_COOKIE = "haki_session"
FORM_TOKEN_FIELD = "_form_token"
PAGE = "page"
"""the `opt` key that marks a route as a page of the browser interface"""
SAFE_METHODS = frozenset({"GET", "HEAD"})

Connection = ASGIConnection[Any, Any, Any, Any]


def form_token(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"haki form", hashlib.sha256).hexdigest()


def is_page(handler: BaseRouteHandler) -> bool:
    return bool(handler.opt.get(PAGE))


async def _form_token_matches(connection: Connection, session_token: str) -> bool:
    if not isinstance(connection, Request):
        return False
    sent = (await connection.form()).get(FORM_TOKEN_FIELD) or connection.headers.get(
        "x-haki-form-token", ""
    )
    return isinstance(sent, str) and hmac.compare_digest(sent, form_token(session_token))


async def presented_token(connection: Connection, handler: BaseRouteHandler) -> str:
    """The session token this request carries, or '' when it carries none Haki may accept."""
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return token.strip()
    cookie = connection.cookies.get(SESSION_COOKIE, "")
    if not cookie or not is_page(handler):
        return ""
    if connection.scope.get("method", "GET") in SAFE_METHODS:
        return cookie
    if not await _form_token_matches(connection, cookie):
        raise PermissionDeniedException(
            "this form is out of date or did not come from Haki: reload the page and try again"
        )
    return cookie
