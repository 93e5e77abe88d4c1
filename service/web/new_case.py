"""Opening a case from the browser: registering a survivor, then the case at intake.

Two forms, as the API has two routes (POST /survivors, POST /cases): registering a survivor is
complete on its own, and the code Haki gives comes back filled into the case form's claimants.
Each form is read into the API's input class and calls the API's use case.
"""

import re
from typing import Annotated, Any

from litestar import Controller, Response, get, post
from litestar.params import QueryParameter
from litestar.response import Redirect

from domain.stages import CaseKind, CourtLevel
from domain.stations import STATIONS
from domain.users import Role
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import case_scope, opening_lead
from service.dependencies import Db
from service.survivors.controller import SurvivorIn
from service.usecases.cases import register
from service.usecases.cases.cases_in import CaseIn
from service.usecases.families import survivors
from service.web.forms import Refusal, attempt, read, typed
from service.web.render import language_of, page

Registered = Annotated[
    str, QueryParameter(name="claimant", pattern=r"^(S-\d{4}-\d{4,})?$", max_length=20)
]
_CODES = re.compile(r"[\s,;]+")


def codes(text: str) -> list[str]:
    """Survivor codes as a person types them: separated by commas, spaces or lines."""
    return [code for code in _CODES.split(text.strip().upper()) if code]


def lines(text: str) -> list[str]:
    """One respondent a line, blank lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _new_case_page(
    request: SignedIn,
    status: int = 200,
    case_form: Refusal | None = None,
    survivor_form: Refusal | None = None,
    registered: str = "",
) -> Response[str]:
    """The page with both forms; a new lawyer's own name is offered as lead counsel."""
    user = request.user
    lead = user.full_name if user.role is Role.LAWYER else ""
    offered = {"lead_counsel": lead, "claimants": registered}
    return page(
        request,
        "new_case.html",
        status,
        case_form=case_form or Refusal(offered),
        survivor_form=survivor_form,
        registered=registered,
        kinds=list(CaseKind),
        courts=list(CourtLevel),
        stations=STATIONS,
    )


class NewCase(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/cases/new")
    async def new_case_form(self, request: SignedIn, claimant: Registered = "") -> Response[str]:
        return _new_case_page(request, registered=claimant)

    @post("/survivors")
    async def register_survivor(self, db: Db, request: SignedIn) -> Response[Any]:
        async def register(values: dict[str, str]) -> str:
            data = read(values, SurvivorIn)
            survivor = await survivors.register_survivor(
                db, actor_of(request), full_name=data.full_name
            )
            return survivor.code

        code = await attempt(typed(await request.form()), register, language_of(request))
        if isinstance(code, Refusal):
            return _new_case_page(request, code.status_code, survivor_form=code)
        return Redirect(f"/web/cases/new?claimant={code}#case", status_code=303)

    @post("/cases/new")
    async def open_case(self, db: Db, request: SignedIn) -> Response[Any]:
        async def open_at_intake(values: dict[str, str]) -> str:
            data = read(
                values,
                CaseIn,
                claimants=codes(values.get("claimants", "")),
                respondents=lines(values.get("respondents", "")),
            )
            lead, named_by = opening_lead(request.user), case_scope(request.user)
            case = await register.open_at_intake(
                db, actor_of(request), data, lead=lead, named_by=named_by
            )
            return str(case.id)

        opened = await attempt(typed(await request.form()), open_at_intake, language_of(request))
        if isinstance(opened, Refusal):
            return _new_case_page(request, opened.status_code, case_form=opened)
        return Redirect(f"/web/cases/{opened}?done=open#stage", status_code=303)
