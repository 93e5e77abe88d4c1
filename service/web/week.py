"""My week: the cause list ahead, follow-ups with the Attorney General due, cases that moved."""

from datetime import timedelta

from litestar import Controller, Response, get

from domain.base import utcnow
from domain.calendar import nairobi_today
from service.auth.browser import PAGE
from service.auth.identity import SignedIn
from service.auth.policy import case_scope
from service.awards.follow_ups import chase_rules
from service.dependencies import Db
from service.usecases import cause_list, chase
from service.usecases.recent_cases import recently_changed
from service.web.render import page

WEEK = timedelta(days=6)


class WeekPage(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/")
    async def my_week(self, db: Db, request: SignedIn) -> Response[str]:
        today = nairobi_today(utcnow())
        member = case_scope(request.user)
        where = cause_list.CauseListFilter(first_day=today, last_day=today + WEEK, member=member)
        hearings = await cause_list.cause_list(db, where)
        due = await chase.due_by(db, today + WEEK, today, chase_rules(request), member=member)
        changed = await recently_changed(db, member=member)
        return page(
            request,
            "week.html",
            today=today,
            last_day=today + WEEK,
            hearings=hearings,
            due=due,
            changed=changed,
        )
