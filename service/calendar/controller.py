"""HTTP routes for calendar feeds: make or revoke one's secret feed address, and read a feed."""

from typing import Annotated

from litestar import Controller, delete, get, post
from litestar.datastructures import CacheControlHeader
from litestar.params import PathParameter
from msgspec import Struct

from domain.base import utcnow
from domain.errors import NotFound
from service.auth.identity import SignedIn, actor_of
from service.calendar import ics
from service.dependencies import Db
from service.idempotency import SHOWN_ONCE
from service.openapi import responses
from service.usecases.hearings import calendar_feeds

FEED_ROUTE = "calendar-feed"
SUFFIX = ".ics"
FeedFile = Annotated[
    str,
    PathParameter(
        description="the token from POST /calendar/feed, then .ics; any other answers 404",
        # documented, not enforced by the framework (which would answer 400): a malformed
        # address gets the same 404 as a revoked one; feed_for_token checks the shape
        schema_extra={"pattern": rf"^{calendar_feeds.TOKEN_SHAPE.pattern}\.ics$"},
    ),
]
INSTRUCTIONS = (
    "Subscribe to this address in your calendar. Android: on calendar.google.com choose "
    "Other calendars, +, From URL, paste it, then turn the calendar on in the phone's Google "
    "Calendar app. iPhone: Settings, Calendar, Accounts, Add Account, Other, Add Subscribed "
    "Calendar, paste it, and turn Remove Alerts off. Anyone holding the address sees your "
    "hearings (never a survivor's name), so keep it to yourself; asking for a new address or "
    "DELETE /calendar/feed closes this one at once."
)


class FeedOut(Struct):
    """The token is shown only this once; Haki keeps only its hash."""

    url: str
    token: str
    instructions: str


class CalendarController(Controller):
    path = "/calendar"
    tags = ("calendar",)

    @post(
        "/feed",
        responses=responses(401),
        opt={SHOWN_ONCE: True},
        summary="A new secret calendar feed address for me; my earlier one stops working",
    )
    async def issue(self, db: Db, request: SignedIn) -> FeedOut:
        token = await calendar_feeds.issue_feed(db, actor_of(request), request.user.id)
        url = request.url_for(FEED_ROUTE, feed_file=token + SUFFIX)
        return FeedOut(url=url, token=token, instructions=INSTRUCTIONS)

    @delete("/feed", status_code=204, responses=responses(401), summary="Close my calendar feed")
    async def revoke(self, db: Db, request: SignedIn) -> None:
        await calendar_feeds.revoke_feeds(db, actor_of(request), request.user.id)

    @get(
        "/{feed_file:str}",
        name=FEED_ROUTE,
        media_type="text/calendar",
        cache_control=CacheControlHeader(no_store=True),
        responses=responses(404),
        summary="My hearings as an iCalendar (RFC 5545) feed; the address is the credential",
    )
    async def feed(self, db: Db, feed_file: FeedFile) -> bytes:
        """No Authorization header: calendar apps cannot send one. Litestar cannot match a
        suffix inside a path segment, so the segment is taken whole and `.ics` checked here."""
        token = feed_file.removesuffix(SUFFIX)
        if token == feed_file:
            raise NotFound(calendar_feeds.UNKNOWN)
        return ics.render(await calendar_feeds.feed_for_token(db, token), utcnow())
