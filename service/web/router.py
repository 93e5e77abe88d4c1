"""The browser interface's routes under /web, and its refusals as pages rather than JSON."""

from typing import Any
from urllib.parse import quote

from litestar import Request, Response, Router
from litestar.exceptions import HTTPException, NotAuthorizedException
from litestar.response import Redirect
from litestar.status_codes import HTTP_503_SERVICE_UNAVAILABLE
from litestar.types import ExceptionHandlersMap

from domain.errors import DomainError, NotFound
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.policy import RoleRefused
from service.awards.demand_letter import case_demand_letter_to_the_ag, demand_letter_to_the_ag
from service.documents.controller import download_document
from service.errors import RETRY_AFTER, http_problem, logged_fault
from service.records.reports import ViolationReportController
from service.reports.controller import ReportController
from service.reports.unpaid import unpaid_report
from service.reports.unpaid_list import unpaid_award_list
from service.web.admin_home import AdminHome
from service.web.advocacy import UnpaidPage
from service.web.audit_page import AuditPage
from service.web.award_forms import AwardForms
from service.web.award_order import AwardOrderForm
from service.web.calendar_page import CalendarPage
from service.web.case_chase import CaseChaseForm
from service.web.case_details_page import CaseDetailsPage
from service.web.case_list import CaseList
from service.web.case_page import CasePage
from service.web.contacts_page import ContactsPage
from service.web.forms import status_of
from service.web.ledger_page import AwardLedger
from service.web.new_case import NewCase
from service.web.once import OnceOnly
from service.web.partners_page import PartnersPage
from service.web.referral_pages import ReferralPages
from service.web.reminder_rules_page import ReminderRulesPage
from service.web.render import here, language_of, page
from service.web.said import said
from service.web.session_pages import SessionPages
from service.web.team_page import TeamPage
from service.web.unpaid_list_page import UnpaidListPage
from service.web.users_page import UsersPage
from service.web.violation_figures import ViolationFiguresPage
from service.web.violation_page import ViolationPage
from service.web.violations_page import ViolationPages
from service.web.vocabulary_page import VocabularyPage
from service.web.week import WeekPage
from service.web.wording import gettext

AnyRequest = Request[Any, Any, Any]


def _sign_in_first(request: AnyRequest, _: NotAuthorizedException) -> Response[Any]:
    """Not signed in, or the session ended: to the sign-in page, and back here after it."""
    target = here(request) if request.method == "GET" else "/web/"
    return Redirect(f"/web/login?next={quote(target, safe='/')}", status_code=303)


def _refused(request: AnyRequest, error: Exception) -> Response[Any]:
    if isinstance(error, NotFound):
        # its words name the id asked for: the page says it in the reader's language instead
        return page(request, "refused.html", 404, status=404, detail="", reason=404)
    if isinstance(error, RoleRefused):
        status, detail = 403, said(error.said, language_of(request))
    elif isinstance(error, DomainError):
        status, detail = status_of(error), said(error, language_of(request))
    elif isinstance(error, HTTPException):
        status, detail = error.status_code, error.detail
    else:
        raise error
    return page(request, "refused.html", status, status=status, detail=detail, reason=0)


UNREACHABLE = N_(
    "Haki cannot reach its database just now, so nothing was changed. Wait a moment and try again."
)
FAILED = N_(
    "Haki could not finish this, so nothing was changed. Try again; if it happens again, tell "
    "the administrator the time it happened."
)


def _failed(request: AnyRequest, error: Exception) -> Response[Any]:
    """A fault of ours or an unreachable database on a page: logged as the API logs it
    (`logged_fault`, without the error's message), and said in the reader's language rather
    than as the API's JSON."""
    status = logged_fault(request, error)
    unreachable = status == HTTP_503_SERVICE_UNAVAILABLE
    detail = gettext(request)(UNREACHABLE if unreachable else FAILED)
    shown = page(request, "refused.html", status, status=status, reason=0, detail=detail)
    shown.headers.update(RETRY_AFTER if unreachable else {})
    return shown


def no_such_address(request: AnyRequest, error: HTTPException) -> Response[Any]:
    """An address no route answers (404) or a method it does not take (405): under /web a
    page a person can read and leave by a link, elsewhere the API's problem details."""
    if request.url.path == "/web" or request.url.path.startswith("/web/"):
        status = error.status_code
        return page(request, "refused.html", status, status=status, detail="", reason=0)
    return http_problem(error).to_response(request)


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    NotAuthorizedException: _sign_in_first,
    DomainError: _refused,
    HTTPException: _refused,
    Exception: _failed,
}

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
        AdminHome,
        UsersPage,
        TeamPage,
        CaseDetailsPage,
        AuditPage,
        ReminderRulesPage,
        ViolationPages,
        ViolationPage,
        VocabularyPage,
        ViolationFiguresPage,
        ReferralPages,
        PartnersPage,
        ContactsPage,
    ],
    include_in_schema=False,
    middleware=[OnceOnly()],
    exception_handlers=EXCEPTION_HANDLERS,
)

web_downloads = Router(
    "/web",
    route_handlers=[
        demand_letter_to_the_ag,
        case_demand_letter_to_the_ag,
        unpaid_report,
        unpaid_award_list,
        ReportController,
        download_document,
        ViolationReportController,
    ],
    opt={PAGE: True},
    include_in_schema=False,
    exception_handlers=EXCEPTION_HANDLERS,
)
"""The API's letter, CSVs and charts that pages link to, again under /web, where the session
cookie signs them in (service/auth/browser.py): the same handlers, access rules and audit."""
