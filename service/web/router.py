"""The browser interface's routes under /web, and its refusals as pages rather than JSON."""

from typing import Any
from urllib.parse import quote

from litestar import Request, Response, Router
from litestar.exceptions import HTTPException, NotAuthorizedException
from litestar.response import Redirect

from domain.errors import DomainError
from service.errors import http_problem
from service.web.advocacy import UnpaidPage
from service.web.award_forms import AwardForms
from service.web.award_order import AwardOrderForm
from service.web.calendar_page import CalendarPage
from service.web.case_chase import CaseChaseForm
from service.web.case_list import CaseList
from service.web.case_page import CasePage
from service.web.forms import status_of
from service.web.ledger_page import AwardLedger
from service.web.new_case import NewCase
from service.web.once import OnceOnly
from service.web.render import here, page
from service.web.session_pages import SessionPages
from service.web.unpaid_list_page import UnpaidListPage
from service.web.week import WeekPage

AnyRequest = Request[Any, Any, Any]


def _sign_in_first(request: AnyRequest, _: NotAuthorizedException) -> Response[Any]:
    """Not signed in, or the session ended: to the sign-in page, and back here after it."""
    target = here(request) if request.method == "GET" else "/web/"
    return Redirect(f"/web/login?next={quote(target, safe='/')}", status_code=303)


def _refused(request: AnyRequest, error: Exception) -> Response[Any]:
    if isinstance(error, DomainError):
        status, detail = status_of(error), str(error)
    elif isinstance(error, HTTPException):
        status, detail = error.status_code, error.detail
    else:
        raise error
    return page(request, "refused.html", status, status=status, detail=detail)


def no_such_address(request: AnyRequest, error: HTTPException) -> Response[Any]:
    """An address no route answers (404) or a method it does not take (405): under /web a
    page a person can read and leave by a link, elsewhere the API's problem details."""
    if request.url.path == "/web" or request.url.path.startswith("/web/"):
        return page(request, "refused.html", error.status_code, status=error.status_code, detail="")
    return http_problem(error).to_response(request)


web_router = Router(
    "/",
    route_handlers=[
        SessionPages,
        WeekPage,
        CaseList,
        CasePage,
        AwardOrderForm,
        AwardForms,
        CaseChaseForm,
        UnpaidPage,
        UnpaidListPage,
        CalendarPage,
        NewCase,
        AwardLedger,
    ],
    include_in_schema=False,
    middleware=[OnceOnly()],
    exception_handlers={
        NotAuthorizedException: _sign_in_first,
        DomainError: _refused,
        HTTPException: _refused,
    },
)
