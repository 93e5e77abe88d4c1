"""My calendar on my phone: the secret feed address, made by the API's own use case."""

from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromQuery
from litestar.response import Redirect

from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.calendar.controller import FEED_ROUTE, SUFFIX
from service.dependencies import Db
from service.usecases.hearings import calendar_feeds
from service.web.render import page


class CalendarPage(Controller):
    path = "/web/calendar"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def calendar(self, request: SignedIn, closed: FromQuery[bool] = False) -> Response[str]:
        return page(request, "calendar.html", url="", closed=closed)

    @post("/feed")
    async def new_feed(self, db: Db, request: SignedIn) -> Response[Any]:
        """Shown once, on this page: Haki keeps only the token's hash."""
        token = await calendar_feeds.issue_feed(db, actor_of(request), request.user.id)
        url = request.url_for(FEED_ROUTE, feed_file=token + SUFFIX)
        return page(request, "calendar.html", url=url, closed=False)

    @post("/close")
    async def close_feed(self, db: Db, request: SignedIn) -> Redirect:
        await calendar_feeds.revoke_feeds(db, actor_of(request), request.user.id)
        return Redirect("/web/calendar?closed=true", status_code=303)
