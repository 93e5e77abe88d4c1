"""HTTP routes of status codes: issued to a consenting contact, renewed, listed with their expiry,
revoked, and asked by a family without signing in, rate limited per client address."""

import uuid
from datetime import datetime
from typing import Annotated

from litestar import Controller, Router, delete, get, post
from litestar.datastructures import CacheControlHeader, State
from litestar.params import FromPath, JSONBody, PathParameter, QueryParameter
from msgspec import Struct

from domain.base import utcnow
from domain.family_codes import ALPHABET, LENGTH
from notifications.formatting import long_date
from notifications.i18n import Language
from notifications.status_words import stage_in_words
from service.auth.identity import SignedIn, actor_of
from service.contacts.rate_limit import per_client
from service.dependencies import Db
from service.idempotency import SHOWN_ONCE
from service.openapi import record_action, responses
from service.settings import Settings
from service.usecases.families import status_codes

STATUS_ROUTE = "family-status"
StatusCodeText = Annotated[
    str,
    PathParameter(
        description="the code the office gave the family, e.g. K7QX-92MD; any other answers 404",
        # documented, not enforced by the framework (which would answer 400): a malformed
        # code gets the same 404 as a revoked one
        schema_extra={"pattern": rf"^[{ALPHABET}]{{4}}-?[{ALPHABET}]{{{LENGTH - 4}}}$"},
    ),
]


class IssueIn(Struct, forbid_unknown_fields=True):
    contact_id: uuid.UUID
    """a consenting contact of a survivor who is a claimant in the case"""


class IssuedOut(Struct):
    """The code is shown only this once; Haki keeps only its keyed hash."""

    code: str
    url: str
    """where the family asks, without signing in"""
    contact_id: uuid.UUID
    expires_at: datetime
    """after this the code answers as an unknown one, unless renewed first"""


class CodeOut(Struct):
    """A contact's code for the case, never the code itself (Haki does not keep it)."""

    contact_id: uuid.UUID
    issued_at: datetime
    expires_at: datetime
    expired: bool
    """an expired code answers as an unknown one: renew it, and the family's code works again"""


class RenewedOut(Struct):
    contact_id: uuid.UUID
    expires_at: datetime


def code_rules(state: State) -> status_codes.CodeRules:
    """Built once by create_app from the settings, with the server's secret."""
    rules: status_codes.CodeRules = state.status_codes
    return rules


class FamilyStatusOut(Struct):
    """Everything a status code opens."""

    survivor: str
    """the pseudonymous code, S-2024-0042"""
    stage: str
    next_court_date: str | None
    """the next scheduled court date, in words, in Nairobi"""
    language: Language


class StatusCodeController(Controller):
    path = "/cases/{case_id:uuid}/status-codes"
    tags = ("contacts",)

    @post(
        responses=responses(400, 401, 403, 404, 413, 422),
        summary="A status code for a consenting contact; their earlier one stops working",
        opt={SHOWN_ONCE: True},
    )
    async def issue(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID], data: JSONBody[IssueIn]
    ) -> IssuedOut:
        issued = await status_codes.issue_code(
            db, actor_of(request), code_rules(request.app.state), case_id, data.contact_id
        )
        url = request.url_for(STATUS_ROUTE, code=issued.code)
        return IssuedOut(
            code=issued.code, url=url, contact_id=data.contact_id, expires_at=issued.expires_at
        )

    @get(
        responses=responses(401, 403, 404),
        summary="The case's status codes not revoked, each with its expiry, soonest first",
    )
    async def codes(self, db: Db, case_id: FromPath[uuid.UUID]) -> list[CodeOut]:
        now = utcnow()
        return [
            CodeOut(c.contact_id, c.issued_at, c.expires_at, expired=c.expires_at <= now)
            for c in await status_codes.live_codes(db, case_id)
        ]

    @record_action(
        "/{contact_id:uuid}/renew",
        "The contact's code works for another full term from now, even once expired",
    )
    async def renew(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        contact_id: FromPath[uuid.UUID],
    ) -> RenewedOut:
        expires_at = await status_codes.renew_code(
            db, actor_of(request), code_rules(request.app.state), case_id, contact_id
        )
        return RenewedOut(contact_id=contact_id, expires_at=expires_at)

    @delete(
        "/{contact_id:uuid}",
        responses=responses(401, 403, 404),
        summary="Revoke the contact's status codes for the case",
    )
    async def revoke(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        contact_id: FromPath[uuid.UUID],
    ) -> None:
        await status_codes.revoke_codes(db, actor_of(request), case_id, contact_id)


@get(
    "/{code:str}",
    name=STATUS_ROUTE,
    tags=["contacts"],
    cache_control=CacheControlHeader(no_store=True),
    responses=responses(400, 404, 429),
    summary="Where is my case? Its stage and next court date, in the family's language",
)
async def family_status(
    db: Db,
    state: State,
    code: StatusCodeText,
    lang: Annotated[
        Language | None, QueryParameter(description="en or sw; default: the contact's")
    ] = None,
) -> FamilyStatusOut:
    """No sign-in: the code is the credential. Nothing else is answered: no name, no sum, no
    word of the violation or the court."""
    found = await status_codes.family_status(db, code_rules(state), code, lang)
    day = found.next_court_day
    return FamilyStatusOut(
        survivor=found.survivor_code,
        stage=stage_in_words(found.stage, found.language),
        next_court_date=long_date(day, found.language) if day else None,
        language=found.language,
    )


def status_router(settings: Settings) -> Router:
    """`GET /status/{code}` alone behind its rate limit, so no other route shares it."""
    return Router(
        "/status",
        route_handlers=[family_status],
        middleware=[per_client(settings.status_lookups_per_minute).middleware],
    )
