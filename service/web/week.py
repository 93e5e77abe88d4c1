"""My week: the cause list ahead, follow-ups with the Attorney General due, referrals of
survivors due a follow-up with the partner, cases that moved.

Follow-ups are shown one line per case: a petition of four claimants is one file at the
Attorney General's office, chased with one letter (the case page logs it on every award).
The week starts today, or on any day asked (the next week, or a date picked).
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from litestar import Controller, Response, get
from litestar.params import QueryParameter

from domain.base import utcnow
from domain.calendar import nairobi_today, on_record
from domain.errors import InvalidInput, Said
from notifications.i18n import N_
from notifications.violation_words import PARTNER_KINDS, REFERRAL_STATUSES
from service.auth.browser import PAGE
from service.auth.identity import SignedIn
from service.auth.policy import case_scope, reads_free_text
from service.awards.follow_ups import chase_rules
from service.dependencies import Db
from service.usecases.awards import chase
from service.usecases.cases.recent_cases import recently_changed
from service.usecases.families.family_messages import call_backs_due
from service.usecases.hearings import cause_list
from service.usecases.records.referrals import referrals_due
from service.web.render import language_of, page
from service.web.said import said

WEEK = timedelta(days=6)
THE_WEEK_FROM = N_("The week from")
Start = Annotated[str, QueryParameter(max_length=40, description="the week's first day")]


@dataclass(frozen=True)
class CaseDue:
    """A case's awards due a follow-up, as one line: the earliest due, the longest silence."""

    case_id: uuid.UUID
    case_reference: str
    awards: list[chase.Due]

    @property
    def first(self) -> chase.Due:
        return min(self.awards, key=lambda d: d.state.next_due)

    @property
    def escalate(self) -> bool:
        return any(d.state.escalate for d in self.awards)

    @property
    def silent_days(self) -> int:
        return max(d.state.silent_days for d in self.awards)

    @property
    def respondents(self) -> list[str]:
        return list(dict.fromkeys(d.award.respondent for d in self.awards))


def by_case(due: Sequence[chase.Due]) -> list[CaseDue]:
    cases: dict[uuid.UUID, list[chase.Due]] = {}
    for d in due:
        cases.setdefault(d.award.case_id, []).append(d)
    lines = [CaseDue(case_id, found[0].case_reference, found) for case_id, found in cases.items()]
    return sorted(lines, key=lambda c: (c.first.state.next_due, c.case_reference))


NOT_A_DAY = N_(
    "The week from: that is not a day. Pick one in the calendar, or write it as 2026-12-31; "
    "here is the week from today."
)


def first_day(start: str, today: date) -> tuple[date, Said | None]:
    """The day asked, or today when none is; a mistyped day is today with the reason, so the
    page answers and says why it shows this week instead."""
    if not start.strip():
        return today, None
    try:
        return on_record(date.fromisoformat(start.strip()), "start", THE_WEEK_FROM), None
    except ValueError:
        return today, Said(NOT_A_DAY)
    except InvalidInput as error:
        return today, error.said


class WeekPage(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/")
    async def my_week(self, db: Db, request: SignedIn, start: Start = "") -> Response[str]:
        today = nairobi_today(utcnow())
        first, refused = first_day(start, today)
        member = case_scope(request.user)
        where = cause_list.CauseListFilter(first_day=first, last_day=first + WEEK, member=member)
        hearings = await cause_list.cause_list(db, where)
        due = await chase.due_by(
            db, max(first + WEEK, today), today, chase_rules(request), member=member
        )
        changed = await recently_changed(db, member=member)
        call_backs = await call_backs_due(db, member)
        referred = None
        if reads_free_text(request.user):  # that a survivor needs care is a medical fact
            referred = await referrals_due(db, max(first + WEEK, today), member)
        return page(
            request,
            "week.html",
            400 if refused else 200,
            refused=refused and said(refused, language_of(request)),
            today=today,
            first_day=first,
            last_day=first + WEEK,
            next_week=(first + WEEK + timedelta(days=1)).isoformat(),
            previous_week=(first - WEEK - timedelta(days=1)).isoformat(),
            hearings=hearings,
            due=by_case(due),
            changed=changed,
            call_backs=call_backs,
            referrals=referred,
            partner_kinds=PARTNER_KINDS,
            referral_statuses=REFERRAL_STATUSES,
        )
