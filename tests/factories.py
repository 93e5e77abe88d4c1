"""Records made through the real use cases, for tests that need a case to work on."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, HeadKind
from domain.cases import Case
from domain.stages import CaseKind, CourtLevel, JudgmentOutcome
from domain.users import Role, User
from service.amounts import Shillings
from service.usecases.accounts.team import assign
from service.usecases.accounts.users import add_user
from service.usecases.awards.compensation import AwardStep, record_award_step
from service.usecases.awards.entries import PaymentIn
from service.usecases.awards.orders import AwardOrder, CompensationRules, HeadIn, record_award
from service.usecases.awards.payments import receive_payment
from service.usecases.cases.court_track import Step, record_step
from service.usecases.cases.register import open_case
from service.usecases.families.survivors import register_survivor

TEST_ACTOR = Actor("tests", "local")
RULES = CompensationRules()


async def registered_case(
    sessions: async_sessionmaker[AsyncSession],
    *,
    lead: uuid.UUID | None = None,
    reference: str = "HAKI/T/1",
    opened_on: date | None = None,
    now: datetime | None = None,
) -> tuple[Case, str]:
    """A civil claim at intake with one newly registered claimant; returns it and their code."""
    async with sessions() as session:
        survivor = await register_survivor(session, TEST_ACTOR, full_name="Test Person", now=now)
    async with sessions() as session:
        case = await open_case(
            session,
            TEST_ACTOR,
            reference=reference,
            title="T v Attorney General",
            kind=CaseKind.CIVIL_CLAIM,
            court_level=CourtLevel.HIGH_COURT,
            court_station="Nyeri",
            lead_counsel="Counsel",
            claimants=[survivor.code],
            respondents=["Attorney General"],
            opened_on=opened_on,
            lead=lead,
            now=now,
        )
    return case, survivor.code


async def judged_case(
    sessions: async_sessionmaker[AsyncSession], *, lead: uuid.UUID | None = None
) -> tuple[Case, str]:
    """A case taken through court to a judgment in the claimant's favour on 10 January 2024."""
    case, code = await registered_case(sessions, lead=lead)
    steps = [
        ("file", date(2023, 1, 9), {"court_number": "Petition E9 of 2023"}),
        ("exchange_pleadings", date(2023, 2, 1), {}),
        ("set_down_for_hearing", date(2023, 6, 1), {}),
        ("reserve_judgment", date(2023, 10, 2), {}),
        ("deliver_judgment", date(2024, 1, 10), {"outcome": JudgmentOutcome.ALLOWED}),
    ]
    for version, (trigger, on, facts) in enumerate(steps, start=1):
        async with sessions() as session:
            case, _ = await record_step(
                session,
                TEST_ACTOR,
                case.id,
                Step(trigger=trigger, version=version, occurred_on=on, **facts),  # type: ignore[arg-type]
            )
    return case, code


async def awarded_and_part_paid(
    sessions: async_sessionmaker[AsyncSession], *, lead: uuid.UUID | None = None
) -> Award:
    """KES 100,000 at 12% from judgment (10 January 2024), served on the Attorney General on
    5 February 2024, with KES 1,000 received on 1 June 2024: partially paid, version 5."""
    case, code = await judged_case(sessions, lead=lead)
    async with sessions() as session:
        award = await record_award(
            session,
            TEST_ACTOR,
            case.id,
            AwardOrder(
                claimant=code,
                respondent="Attorney General",
                heads=[HeadIn(HeadKind.GENERAL, Decimal("100000"), "judgment")],
                rate_as_ordered="12% p.a. from judgment",
                rate_percent=Decimal("12"),
            ),
            RULES,
        )
    chase = [
        ("extract_decree", date(2024, 1, 20)),
        ("issue_certificate", date(2024, 2, 1)),
        ("serve_on_ag", date(2024, 2, 5)),
    ]
    for version, (trigger, on) in enumerate(chase, start=1):
        async with sessions() as session:
            award, _ = await record_award_step(
                session, TEST_ACTOR, award.id, AwardStep(trigger, version, on), RULES
            )
    async with sessions() as session:
        paid = PaymentIn(date(2024, 6, 1), Shillings("1000"), "National Treasury", "TR/2024/1")
        award, _ = await receive_payment(session, TEST_ACTOR, award.id, paid, RULES)
    return award


async def lawyer_on_team(
    sessions: async_sessionmaker[AsyncSession], case_id: uuid.UUID, username: str
) -> User:
    """A new lawyer leading the case's team, for tests of who hears of it."""
    async with sessions() as session:
        lawyer = await add_user(
            session,
            TEST_ACTOR,
            username=username,
            full_name="Wakili wa Majaribio",
            role=Role.LAWYER,
            password="a-long-test-password",
        )
    async with sessions() as session:
        await assign(session, TEST_ACTOR, case_id, lawyer.id, lead=True)
    return lawyer
