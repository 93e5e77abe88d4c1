"""What the case page shows, read through the API's use cases: the page adds no rule of its own.

Whether a person sees the parties or the buttons is the access table's answer for the API
route that does the same (service/auth/rules.py), never a second list of roles.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardHead, FollowUp, FollowUpKind, HeadKind
from domain.base import utcnow
from domain.calendar import NAIROBI, nairobi_today
from domain.cases import Case, CaseEvent, Survivor
from domain.hearings import HearingPurpose, HearingStatus
from domain.interest import Statement
from domain.mandamus import MotionTime
from domain.notices import NoticeToSue, suit_from
from domain.stages import CaseTrack, JudgmentOutcome
from domain.users import Principal
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import reads_free_text
from service.auth.rules import POLICY, ROLES
from service.awards.controller import rules_of
from service.usecases.awards import chase
from service.usecases.awards.case_awards import case_awards
from service.usecases.awards.compensation import LEDGER_TRIGGERS
from service.usecases.awards.demand_letter import demandable
from service.usecases.awards.orders import AWARDABLE
from service.usecases.cases import (
    court_track,
    enforcement,
    notices_to_sue,
    possible_steps,
    register,
)
from service.usecases.cases.possible_steps import LastStep
from service.usecases.families import family_messages, survivors
from service.usecases.families.family_messages import MessageView
from service.usecases.hearings import cause_list
from service.usecases.hearings.cause_list import Listed
from service.web.case_records import RecordsView, case_examinations, records_view
from service.web.forms import GENERAL, Refusal
from service.web.step_offers import StepForm, offered
from statemachines.routes import Openness

PAYMENTS = {"receive_part_payment", "receive_final_payment"}
HISTORY = 500
"""steps shown on one page: a case moves a few dozen times in its life"""


async def end_reads(db: AsyncSession) -> None:
    """Closes the transaction a read opened, so the use case that follows can begin its own
    (a session begins one on its first read, and the use cases write in `session.begin()`)."""
    if db.in_transaction():
        await db.rollback()


def may(principal: Principal, route: str) -> bool:
    """Whether the principal's role may use the API route (the case itself is already
    visible to them, or the page would have answered 404)."""
    return principal.role in ROLES[POLICY[route]]


def claimant_choices(codes: list[str], parties: list[Survivor] | None) -> list[tuple[str, str]]:
    """The award form's claimants: by name for a role that may see names, else by code."""
    if parties is None:
        return [(code, code) for code in codes]
    return [(s.code, f"{s.full_name} ({s.code})") for s in parties]


def may_record_award(case: Case, can_change: bool) -> bool:
    """The award form is offered where the use case would take an award."""
    return (
        can_change
        and case.stage in AWARDABLE
        and case.judgment_on is not None
        and case.judgment_outcome is not JudgmentOutcome.DISMISSED
    )


@dataclass(frozen=True)
class AwardView:
    award: Award
    claimant: str
    heads: list[AwardHead]
    statement: Statement
    follow_ups: list[FollowUp]
    steps: list[StepForm]
    """steps of the compensation track open now or near (payments have their own form)"""
    can_pay: bool = False
    can_follow_up: bool = False

    def days_since_service(self, today: date) -> int | None:
        served = self.award.served_on
        return (today - served).days if served and served <= today else None

    @property
    def last_follow_up(self) -> FollowUp | None:
        return max(self.follow_ups, key=lambda f: f.on, default=None)


@dataclass(frozen=True)
class Totals:
    """The case's row under its awards: what was ordered, paid and is owed today, in all."""

    awarded: Decimal
    paid: Decimal
    outstanding: Decimal

    @classmethod
    def of(cls, awards: list[AwardView]) -> "Totals":
        return cls(
            sum((a.statement.principal for a in awards), Decimal(0)),
            sum((a.statement.paid for a in awards), Decimal(0)),
            sum((a.statement.outstanding for a in awards), Decimal(0)),
        )


@dataclass(frozen=True)
class Moment:
    """One line of the timeline: a step of the case, or a court date."""

    on: date
    event: CaseEvent | None = None
    hearing: Listed | None = None


@dataclass
class CaseView:
    case: Case
    title: str
    """as the court styles it; a judicial review names the applicant only to those who may"""
    claimants: list[str]
    parties: list[Survivor] | None
    steps: list[StepForm]
    timeline: list[Moment]
    hearings: list[Listed]
    awards: list[AwardView]
    can_change: bool
    can_change_hearings: bool
    can_change_awards: bool
    today: date
    can_read_ledger: bool = False
    can_read_case_letter: bool = False
    can_record_award: bool = False
    claimant_choices: list[tuple[str, str]] = field(default_factory=list)
    head_kinds: list[HeadKind] = field(default_factory=lambda: list(HeadKind))
    can_read_free_text: bool = False
    """notes, answers, evidence references, what the court said: as the parties' names"""
    outcomes: list[JudgmentOutcome] = field(default_factory=lambda: list(JudgmentOutcome))
    purposes: list[HearingPurpose] = field(default_factory=lambda: list(HearingPurpose))
    contact_kinds: list[FollowUpKind] = field(default_factory=lambda: list(FollowUpKind))
    notices: list[NoticeToSue] = field(default_factory=list)
    """notices of intention to sue the Government served in the case (GPA s.13A)"""
    family_messages: list[MessageView] = field(default_factory=list)
    """what the families texted in: only for the roles that read free text"""
    records: RecordsView | None = None
    """the case's documents and medico-legal examinations (service/web/case_records.py)"""

    @property
    def totals(self) -> Totals:
        return Totals.of(self.awards)

    def suit_from(self, notice: NoticeToSue) -> date:
        return suit_from(notice.served_on)

    def form_ids(self) -> set[str]:
        """The step forms this page draws (as `case.html` names them)."""
        mine = {f"step-{s.trigger}" for s in self.steps if not s.blocked}
        return mine | {
            f"award-{a.award.id}-{s.trigger}" for a in self.awards for s in a.steps if not s.blocked
        }

    def in_case_letter(self) -> int:
        """The awards one demand letter for the case would cover today."""
        return sum(1 for a in self.awards if demandable(a.award) and a.statement.outstanding > 0)

    def late_motion(self, event: CaseEvent) -> MotionTime | None:
        """A notice of motion filed after the 21 days from leave: recorded, with a warning."""
        if not event.details.get("out_of_time"):
            return None
        return MotionTime(date.fromisoformat(event.details["leave_granted_on"]), event.occurred_on)

    def claimant_shown(self, code: str) -> str:
        """A claimant by name for a role that may see names, else by code."""
        return dict(self.claimant_choices).get(code, code)

    def may_record_sitting(self, listed: Listed) -> bool:
        """The court's answer can be recorded from the morning of the hearing's day."""
        day = listed.hearing.starts_at.astimezone(NAIROBI).date()
        return (
            self.can_change_hearings
            and listed.hearing.status is HearingStatus.SCHEDULED
            and day <= self.today
        )


def _timeline(events: list[CaseEvent], dates: list[Listed]) -> list[Moment]:
    moments = [Moment(e.occurred_on, event=e) for e in events] + [
        Moment(h.hearing.starts_at.astimezone(NAIROBI).date(), hearing=h) for h in dates
    ]

    def order(m: Moment) -> tuple[date, datetime, int]:
        at = m.hearing.hearing.starts_at if m.hearing else m.event.recorded_at  # type: ignore[union-attr]
        return (m.on, at, 1 if m.event else 0)

    return sorted(moments, key=order, reverse=True)


async def case_view(db: AsyncSession, request: SignedIn, case_id: uuid.UUID) -> CaseView:
    principal = request.user
    await end_reads(db)
    parties = None
    if may(principal, "CaseController.parties"):
        parties = await survivors.read_parties(db, actor_of(request), case_id)
    texted = []
    if reads_free_text(principal):  # first: its transaction would expire what is read before
        texted = await family_messages.messages_of(db, actor_of(request), case_id)
    examined = await case_examinations(db, request, case_id)
    today = nairobi_today(utcnow())
    case, chances = await possible_steps.case_chances(db, case_id, today)
    codes = await register.claimant_codes(db, [case.id])
    events, _ = await court_track.history(db, case_id, limit=HISTORY, offset=0)
    dates = await cause_list.case_hearings(db, case_id)
    found = []
    can_change_awards = may(principal, "AwardController.record_step")
    rules = rules_of(request)
    for read in await case_awards(db, case_id, today, rules):
        award, open_now = read.award, read.chances
        steps = [c for c in open_now if c.route.trigger not in LEDGER_TRIGGERS]
        paid = {c.route.trigger for c in open_now if c.openness is Openness.NOW}
        found.append(
            AwardView(
                award,
                read.claimant,
                read.heads,
                read.position,
                read.follow_ups,
                offered(steps, award, rules.certificate_wait_days) if can_change_awards else [],
                can_pay=bool(paid & PAYMENTS),
                can_follow_up=chase.may_follow_up(award),
            )
        )
    can_change = may(principal, "CaseController.record_step")
    title = case.title
    if case.track is CaseTrack.MANDAMUS:
        names = None if parties is None else {s.code: s.full_name for s in parties}
        title = await enforcement.styling(db, case, names)
    return CaseView(
        case=case,
        title=title,
        claimants=codes[case.id],
        parties=parties,
        steps=offered(chances, case) if can_change else [],
        timeline=_timeline(events, dates),
        hearings=dates,
        awards=found,
        can_change=can_change,
        can_change_hearings=may(principal, "HearingController.adjourn"),
        can_change_awards=can_change_awards,
        today=today,
        can_read_ledger=may(principal, "award_ledger"),
        can_read_case_letter=may(principal, "case_demand_letter_to_the_ag"),
        can_record_award=may_record_award(case, may(principal, "CaseAwardController.record")),
        claimant_choices=claimant_choices(codes[case.id], parties),
        can_read_free_text=reads_free_text(principal),
        notices=await notices_to_sue.notices_of(db, case_id),
        family_messages=texted,
        records=await records_view(db, request, case_id, examined),
    )


def context(view: CaseView, **extra: Any) -> dict[str, Any]:
    """The template's names: the view, and which form (if any) comes back refused."""
    plain = {
        "refused": None,
        "refused_form": "",
        "done": "",
        "stale": None,
        "kept": None,
        "unshown": None,
        "opened": None,
    }
    return {"v": view} | plain | extra


def refused(form_id: str, refusal: Refusal) -> dict[str, Any]:
    return {"refused": refusal, "refused_form": form_id}


def stale(last: LastStep | None, refusal: Refusal) -> dict[str, Any]:
    """A form sent from a page older than the record: the page names the step that came
    between (who, what, when) instead of the version numbers the API speaks of."""
    refusal.errors.pop(GENERAL, None)
    return {"stale": last or True}
