"""The case page and its forms: a step of the court track, an adjournment, a court date.

Each form posts to a page route that calls the same use case as the API route beside it, with
the same input class; a refusal comes back as the page again, the form open and filled in as
it was sent, the API's message beside the field it is about.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Redirect

from domain.errors import GuardFailed
from notifications.i18n import N_, translations
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.cases.notices_controller import NoticeIn
from service.dependencies import Db
from service.usecases.cases import court_track, notices_to_sue, possible_steps
from service.usecases.cases.steps_in import StepIn
from service.usecases.families import family_messages
from service.usecases.hearings import court_dates
from service.usecases.hearings.dates_in import AdjournIn, HearingIn, HeldIn
from service.web.case_view import case_view, context, end_reads, refused, stale
from service.web.forms import Refusal, Refused, attempt, read, status_of, typed
from service.web.render import language_of, page
from service.web.step_offers import MISSING_FACT

ANCHORS = {
    "adjourned": "#hearings",
    "scheduled": "#hearings",
    "held": "#hearings",
    "award_recorded": "#awards",
    "award_step": "#awards",
    "payment": "#awards",
    "follow_up": "#awards",
    "notice_to_sue": "#notices",
    "case_follow_up": "#awards",
    "family_message_read": "#family-messages",
    "document": "#documents",
    "examination": "#examinations",
}
"""where on the case page the person returns to after a form other than a court step"""
NOTICE_FIELDS = {
    "served_on": N_("Give the day the notice of intention to sue was served."),
    "served_on_whom": N_("Say on whom the notice was served, e.g. the Attorney General."),
}
"""the notice form's refusals of a blank field, in the reader's language"""
Done = Annotated[str, QueryParameter(max_length=40, pattern=r"^[a-z_]*$")]


STEP_FORMS = ("step-", "award-")
"""the forms of a step, drawn only while the step is possible (case_view.form_ids)"""


async def submit(
    db: Db,
    request: SignedIn,
    case_id: uuid.UUID,
    form_id: str,
    act: Callable[[dict[str, str]], Awaitable[str]],
    award_id: uuid.UUID | None = None,
) -> Response[Any]:
    """Runs the form's use case; on to the case page when done (`act` says what was done), at
    the award changed if one was, or the case page again with the form refused, as it was
    typed. Sent from a page drawn before someone else's step, the case is shown as it is now,
    with who recorded what."""
    done = await attempt(typed(await request.form()), act, language_of(request))
    if not isinstance(done, Refusal):
        if award_id:  # back at the award, its row opened
            to = f"?done={done}&award={award_id}#award-{award_id}"
        else:
            to = f"?done={done}{ANCHORS.get(done, '#stage')}"
        return Redirect(f"/web/cases/{case_id}{to}", status_code=303)
    extra = refused(form_id, done)
    if done.stale:
        await end_reads(db)
        extra |= stale(await possible_steps.last_step(db, case_id, award_id), done)
    view = await case_view(db, request, case_id)
    if done.stale and form_id not in view.form_ids():
        extra["kept"] = done.values  # the form is gone with the step taken: keep what was typed
    elif form_id.startswith(STEP_FORMS) and form_id not in view.form_ids():
        extra["unshown"] = list(done.errors.values())  # a step this page does not offer now
    return page(request, "case.html", done.status_code, **context(view, **extra))


class CasePage(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/cases/{case_id:uuid}")
    async def case_page(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        done: Done = "",
        award: FromQuery[uuid.UUID | None] = None,
    ) -> Response[str]:
        """`award`: the award just changed, whose row comes opened."""
        view = await case_view(db, request, case_id)
        return page(request, "case.html", **context(view, done=done, opened=award))

    @post("/cases/{case_id:uuid}/steps")
    async def record_step(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        async def step(values: dict[str, str]) -> str:
            data = read(values, StepIn)
            try:
                await court_track.record_step(db, actor_of(request), case_id, data.step())
            except GuardFailed as error:
                if error.guard not in MISSING_FACT:
                    raise
                field, sentence = MISSING_FACT[error.guard]
                _ = translations(language_of(request)).gettext
                raise Refused(dict(values), {field: _(sentence)}, status_of(error)) from None
            return data.trigger

        trigger = (await request.form()).get("trigger", "")
        return await submit(db, request, case_id, f"step-{trigger}", step)

    @post("/cases/{case_id:uuid}/hearings")
    async def schedule(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        async def set_date(values: dict[str, str]) -> str:
            await court_dates.schedule(db, actor_of(request), case_id, read(values, HearingIn))
            return "scheduled"

        return await submit(db, request, case_id, "schedule", set_date)

    @post("/cases/{case_id:uuid}/notices-to-sue")
    async def give_notice(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = translations(language_of(request)).gettext

        async def served(values: dict[str, str]) -> str:
            blank = {k: _(NOTICE_FIELDS[k]) for k in NOTICE_FIELDS if not values.get(k, "").strip()}
            if blank:
                raise Refused(dict(values), blank, 400)
            data = read(values, NoticeIn)
            await notices_to_sue.record_notice(db, actor_of(request), case_id, data.notice())
            return "notice_to_sue"

        return await submit(db, request, case_id, "notice", served)

    @post("/hearings/{hearing_id:uuid}/adjourn")
    async def adjourn(
        self, db: Db, request: SignedIn, hearing_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        case_id = (await court_dates.get_hearing(db, hearing_id)).case_id
        await end_reads(db)

        async def put_off(values: dict[str, str]) -> str:
            await court_dates.adjourn(db, actor_of(request), hearing_id, read(values, AdjournIn))
            return "adjourned"

        return await submit(db, request, case_id, f"adjourn-{hearing_id}", put_off)

    @post("/hearings/{hearing_id:uuid}/held")
    async def held(
        self, db: Db, request: SignedIn, hearing_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        """The court sat and the matter goes on; a step it took (judgment) has its own button."""
        case_id = (await court_dates.get_hearing(db, hearing_id)).case_id
        await end_reads(db)

        async def sat(values: dict[str, str]) -> str:
            await court_dates.record_held(db, actor_of(request), hearing_id, read(values, HeldIn))
            return "held"

        return await submit(db, request, case_id, f"held-{hearing_id}", sat)

    @post("/cases/{case_id:uuid}/family-messages/{message_id:uuid}/read")
    async def mark_family_message_read(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        message_id: FromPath[uuid.UUID],
    ) -> Response[Any]:
        """The call back is done: the message leaves My week's list."""

        async def read_it(_: dict[str, str]) -> str:
            await family_messages.mark_read(db, actor_of(request), case_id, message_id)
            return "family_message_read"

        return await submit(db, request, case_id, "family-messages", read_it)
