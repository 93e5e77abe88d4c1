"""The administrators' start page: where users, the audit trail and the reminder rules are kept."""

from litestar import Controller, Response, get

from service.auth.browser import PAGE
from service.auth.identity import SignedIn
from service.web.render import page


class AdminHome(Controller):
    path = "/web/admin"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def admin_home(self, request: SignedIn) -> Response[str]:
        return page(request, "admin.html")
