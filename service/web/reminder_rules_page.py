"""The reminder rules for administrators: when the team and consenting families are reminded of
a court date. A rule is added or removed here; the page sends the whole new list to the use case
behind `PUT /reminder-rules`, each rule read into the API's `RuleIO`. New rules apply to court
dates set or moved from now on; reminders already planned stay.
"""

from typing import Any

from litestar import Controller, Response, get, post
from litestar.response import Redirect

from domain.hearings import HearingPurpose
from domain.reminders import Audience
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.hearings.schemas import RuleIO
from service.usecases.hearings import reminders
from service.web.case_view import end_reads
from service.web.forms import Refusal, attempt, typed
from service.web.labels import PURPOSES
from service.web.render import language_of, page
from service.web.wording import Done, gettext, read_in_words

AUDIENCES = {Audience.TEAM: N_("The case's team"), Audience.FAMILY: N_("Families who consented")}
SENTENCES = {
    "audience": N_("Choose who is reminded."),
    "days_before": N_("Give the days before the court date, from 0 (the day itself) to 60."),
    "at": N_("Give the time as hours and minutes, e.g. 07:00, or leave it empty."),
    "purpose": N_("Choose the kind of court date, or leave it empty for every kind."),
}
DONE = {"saved": N_("The reminder rules are saved; they apply to court dates set from now on.")}


async def rules_page(
    db: Db, request: SignedIn, done: str = "", form: Refusal | None = None
) -> Response[str]:
    await end_reads(db)
    _ = gettext(request)
    return page(
        request,
        "reminder_rules.html",
        form.status_code if form else 200,
        rules=list(await reminders.current_rules(db)),
        audiences=[(a.value, _(words)) for a, words in AUDIENCES.items()],
        audience_words={a.value: words for a, words in AUDIENCES.items()},
        purposes=[(p.value, _(PURPOSES[p])) for p in HearingPurpose],
        done=DONE.get(done, ""),
        refused=form,
    )


class ReminderRulesPage(Controller):
    path = "/web/reminder-rules"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def reminder_rules(self, db: Db, request: SignedIn, done: Done = "") -> Response[str]:
        return await rules_page(db, request, done)

    @post()
    async def add_rule(self, db: Db, request: SignedIn) -> Response[Any]:
        _ = gettext(request)

        async def add(values: dict[str, str]) -> str:
            rule = read_in_words(values, RuleIO, SENTENCES, _).rule()
            current = list(await reminders.current_rules(db))
            await end_reads(db)
            await reminders.replace_rules(db, actor_of(request), [*current, rule])
            return "saved"

        done = await attempt(typed(await request.form()), add, language_of(request))
        if isinstance(done, Refusal):
            return await rules_page(db, request, form=done)
        return Redirect(f"/web/reminder-rules?done={done}", status_code=303)

    @post("/remove")
    async def remove_rule(self, db: Db, request: SignedIn) -> Response[Any]:
        """Removes the rule at the place the page showed it; the list is read again first."""
        form = await request.form()
        current = list(await reminders.current_rules(db))
        await end_reads(db)
        place = str(form.get("place", ""))
        if place.isdigit() and int(place) < len(current):
            del current[int(place)]
            await reminders.replace_rules(db, actor_of(request), current)
        return Redirect("/web/reminder-rules?done=saved", status_code=303)
