"""A case's team: who works on it, putting a lawyer on it or taking one off, and lead counsel.

The forms call the API's use cases (`PUT` and `DELETE /cases/{id}/team/{user}`) with the
API's `MemberIn`; a lawyer on the team sees the case, one taken off no longer does.
"""

import uuid
from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from domain.errors import InvalidInput
from domain.users import Role
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.cases.team_controller import MemberIn
from service.dependencies import Db
from service.usecases.accounts import team, users
from service.usecases.cases import register
from service.web.case_view import end_reads
from service.web.forms import Refusal, attempt, status_of, typed
from service.web.render import language_of, page
from service.web.wording import Done, gettext, read_in_words, refuse

CHOOSE = N_("Choose the lawyer to put on the team.")
NOT_A_LAWYER = N_("Only lawyers join a case's team: choose a lawyer.")
DONE = {
    "added": N_("The team is changed."),
    "removed": N_("The lawyer is taken off the team and no longer sees the case."),
}


async def team_page(
    db: Db, request: SignedIn, case_id: uuid.UUID, done: str = "", form: Refusal | None = None
) -> Response[str]:
    await end_reads(db)
    case = await register.get_case(db, case_id)
    members = await team.team_of(db, case_id)
    on_team = {user.id for _, user in members}
    lawyers = [
        u
        for u in await users.list_users(db)
        if u.role is Role.LAWYER and u.disabled_at is None and u.id not in on_team
    ]
    return page(
        request,
        "team.html",
        form.status_code if form else 200,
        case=case,
        members=members,
        lawyers=[(str(u.id), f"{u.full_name} ({u.username})") for u in lawyers],
        done=DONE.get(done, ""),
        refused=form,
    )


def _chosen(values: dict[str, str], _: Any) -> uuid.UUID:
    try:
        return uuid.UUID(values.get("user_id", "").strip())
    except ValueError:
        raise refuse(values, "user_id", _(CHOOSE), 400) from None


class TeamPage(Controller):
    path = "/web/cases/{case_id:uuid}/team"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def team_page(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID], done: Done = ""
    ) -> Response[str]:
        return await team_page(db, request, case_id, done)

    @post()
    async def add_member(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        """A lawyer onto the team, or a member made (or no longer) lead counsel."""
        _ = gettext(request)

        async def put_on(values: dict[str, str]) -> str:
            user_id = _chosen(values, _)
            data = read_in_words(values, MemberIn, {}, _, lead=values.get("lead") == "yes")
            try:
                await team.assign(db, actor_of(request), case_id, user_id, data.lead)
            except InvalidInput as error:
                raise refuse(values, "user_id", _(NOT_A_LAWYER), status_of(error)) from None
            return "added"

        done = await attempt(typed(await request.form()), put_on, language_of(request))
        if isinstance(done, Refusal):
            return await team_page(db, request, case_id, form=done)
        return Redirect(f"/web/cases/{case_id}/team?done={done}", status_code=303)

    @post("/{user_id:uuid}/remove")
    async def remove_member(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        user_id: FromPath[uuid.UUID],
    ) -> Response[Any]:
        await team.unassign(db, actor_of(request), case_id, user_id)
        return Redirect(f"/web/cases/{case_id}/team?done=removed", status_code=303)
