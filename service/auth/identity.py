"""Who is asking: the signed-in principal and the actor recorded in the audit trail."""

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection

from domain.audit import Actor
from domain.users import Principal

SignedIn = Request[Principal, str, Any]
"""A request the policy guard has authenticated: `request.user` is its Principal."""


def address_of(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The connection's own address. No header a client sends (X-Forwarded-For, Forwarded)
    is read here: only the server may take one, from a proxy it was told to trust."""
    return connection.client.host if connection.client else "unknown"


def actor_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Actor:
    principal: Principal = connection.user
    return Actor(principal.username, address_of(connection), principal.id)
