"""A dozen fictional Kenyan cases at different stages, entered through the real use cases."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import HeadKind
from domain.calendar import NAIROBI
from domain.cases import Case
from domain.hearings import HearingPurpose
from domain.stages import CaseKind as K
from domain.stages import CourtLevel as L
from domain.stages import JudgmentOutcome as O
from domain.stages import Stage
from domain.users import Role
from service.amounts import Shillings
from service.demo_records import demo_contacts, demo_violations
from service.usecases.accounts.users import add_user
from service.usecases.awards.compensation import AwardStep, record_award_step
from service.usecases.awards.entries import PaymentIn
from service.usecases.awards.orders import AwardOrder, CompensationRules, HeadIn, record_award
from service.usecases.awards.payments import receive_payment
from service.usecases.cases.court_track import record_step
from service.usecases.cases.register import open_case
from service.usecases.cases.step_facts import Step
from service.usecases.families.survivors import register_survivor
from service.usecases.hearings import court_dates
from service.usecases.hearings.dates_in import AdjournIn, HearingIn

AG = "Attorney General"
IG = "Inspector General of the National Police Service"
NPS = "National Police Service"
DPP = "Director of Public Prosecutions"

DemoStep = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class DemoCase:
    reference: str
    title: str
    kind: K
    level: L
    station: str
    number: str
    counsel: str
    claimants: tuple[str, ...]
    respondents: tuple[str, ...]
    opened_years_ago: float
    steps: tuple[DemoStep, ...] = field(default=())
    damages: int = 0
    """general damages per claimant, in shillings, when the judgment awarded any"""
    chased: bool = False
    """the awards went to decree, certificate and service on the AG, and one was part paid"""


FILE: DemoStep = ("file", {})
PLEAD: DemoStep = ("exchange_pleadings", {})
HEAR: DemoStep = ("set_down_for_hearing", {})
RESERVE: DemoStep = ("reserve_judgment", {})


def judgment(outcome: O, citation: str | None = None) -> DemoStep:
    return ("deliver_judgment", {"outcome": outcome, "neutral_citation": citation})


CASES = (
    DemoCase("HAKI/LIT/2014/003", "J.K.M. & 3 others v Attorney General & 2 others", K.CONSTITUTIONAL_PETITION, L.HIGH_COURT, "Nairobi (Milimani)", "Petition 572 of 2013", "Achieng Odhiambo", ("Juma Kiprono Mwangi", "Halima Abdi Noor", "Otieno Were", "Nasimiyu Wafula"), (AG, IG, NPS), 12, (FILE, PLEAD, HEAR, RESERVE, judgment(O.ALLOWED, "[2019] KEHC 4417 (KLR)")), damages=2_000_000, chased=True),
    DemoCase("HAKI/LIT/2015/011", "Estate of P.N.K. v Attorney General", K.CIVIL_CLAIM, L.HIGH_COURT, "Nairobi (Milimani)", "HCCC No. 45 of 2015", "Achieng Odhiambo", ("Peter Njoroge Kariuki",), (AG, NPS), 11, (FILE, PLEAD, HEAR, RESERVE, judgment(O.PARTLY_ALLOWED, "[2021] KEHC 9932 (KLR)")), damages=850_000),
    DemoCase("HAKI/LIT/2016/021", "A.O.O. v Attorney General & another", K.CONSTITUTIONAL_PETITION, L.HIGH_COURT, "Kisumu", "Petition No. 18 of 2016", "Kiprotich Langat", ("Akinyi Ouma Owino",), (AG, IG), 10, (FILE, PLEAD, HEAR, RESERVE, judgment(O.DISMISSED, "[2020] KEHC 2210 (KLR)"), ("appeal", {"stay_of_execution": False}))),
    DemoCase("HAKI/LIT/2018/007", "M.W. v Attorney General & 2 others", K.CONSTITUTIONAL_PETITION, L.HIGH_COURT, "Mombasa", "Petition 77 of 2018", "Fatuma Said", ("Mwanajuma Wekesa",), (AG, IG, NPS), 8, (FILE, PLEAD, HEAR, RESERVE, judgment(O.ALLOWED)), damages=1_200_000),
    DemoCase("HAKI/LIT/2019/002", "Estate of B.K. v Inspector General & another", K.CONSTITUTIONAL_PETITION, L.HIGH_COURT, "Nakuru", "Petition 9 of 2019", "Kiprotich Langat", ("Brian Kipchumba",), (IG, AG), 7, (FILE, PLEAD, HEAR, RESERVE)),
    DemoCase("HAKI/LIT/2019/014", "Inquest into the death of S.O.", K.INQUEST, L.MAGISTRATES_COURT, "Kibera", "Inquest No. 3 of 2019", "Fatuma Said", ("Samuel Otieno",), (NPS,), 7, (FILE, PLEAD, HEAR)),
    DemoCase("HAKI/LIT/2020/005", "R v Cpl. J.N. & another (watching brief)", K.CRIMINAL_PROSECUTION, L.HIGH_COURT, "Machakos", "Criminal Case 88 of 2019", "Achieng Odhiambo", ("Mutua Kioko",), (DPP,), 6, (FILE, PLEAD)),
    DemoCase("HAKI/LIT/2021/019", "K.A. & 6 others v Attorney General & 3 others", K.CONSTITUTIONAL_PETITION, L.HIGH_COURT, "Garissa", "Petition No. E004 of 2021", "Kiprotich Langat", ("Khadija Ali", "Abdullahi Hassan", "Mohamed Adan"), (AG, IG, NPS), 5, (FILE, PLEAD, HEAR)),
    DemoCase("HAKI/LIT/2022/008", "G.W. v Attorney General", K.JUDICIAL_REVIEW, L.HIGH_COURT, "Nairobi (Milimani)", "Judicial Review Miscellaneous Application E001 of 2022", "Fatuma Said", ("Grace Wambui",), (AG,), 4, (FILE, ("settle", {}))),
    DemoCase("HAKI/LIT/2023/013", "E.K. v Attorney General & another", K.CIVIL_CLAIM, L.MAGISTRATES_COURT, "Eldoret", "CMCC No. 6783 of 2023", "Kiprotich Langat", ("Emmanuel Kibet",), (AG, NPS), 3, (FILE, ("withdraw", {}), ("close", {}))),
    DemoCase("HAKI/LIT/2024/022", "L.N. v Attorney General & 2 others", K.CONSTITUTIONAL_PETITION, L.HIGH_COURT, "Kakamega", "Petition E019 of 2024", "Achieng Odhiambo", ("Lilian Nekesa",), (AG, IG, NPS), 2, (FILE,)),
    DemoCase("HAKI/LIT/2026/004", "Estate of D.M. v Attorney General & another", K.CONSTITUTIONAL_PETITION, L.HIGH_COURT, "Meru", "", "Fatuma Said", ("Daniel Mutwiri",), (AG, IG), 0.2),
)  # fmt: skip


# One account per role; README lists them. Achieng Odhiambo leads her demo cases; the other
# counsel named in the cases are network advocates without a Haki account.
DEMO_USERS = (
    ("admin", "Grace Muthoni (administrator)", Role.ADMIN),
    ("lawyer", "Achieng Odhiambo", Role.LAWYER),
    ("advocacy", "Brian Otieno (advocacy)", Role.ADVOCACY),
    ("viewer", "Mercy Chebet (viewer)", Role.VIEWER),
)
DEMO_ACTOR = Actor("demo-data", "local")
DEMO_RATE = "12% p.a. from the date of judgment"
DEMO_RULES = CompensationRules()


def demo_password(username: str) -> str:
    return f"haki-demo-{username}"


async def load_demo_data(sessions: async_sessionmaker[AsyncSession], today: date) -> int:
    """Loads demo accounts and cases into an empty register; returns how many cases it loaded."""
    async with sessions() as session:
        if (await session.exec(select(func.count()).select_from(Case))).one():
            return 0
    users = {}
    for username, full_name, role in DEMO_USERS:
        async with sessions() as session:
            users[full_name] = await add_user(
                session,
                DEMO_ACTOR,
                username=username,
                full_name=full_name,
                role=role,
                password=demo_password(username),
            )
    return await load_demo_cases(sessions, today, {name: user.id for name, user in users.items()})


async def load_demo_cases(
    sessions: async_sessionmaker[AsyncSession], today: date, users: Mapping[str, uuid.UUID]
) -> int:
    """The demo cases, led by the accounts `users` names after DEMO_USERS' full names: the
    tests that walk every page load them with their own accounts."""
    survivors: dict[str, str] = {}
    for demo in CASES:
        codes = await _load(sessions, demo, today, users.get(demo.counsel))
        survivors.update(zip(demo.claimants, codes, strict=True))
    admin = users["Grace Muthoni (administrator)"]
    await demo_contacts(sessions, survivors, admin)
    await demo_violations(sessions, survivors, today, admin)
    return len(CASES)


async def _load(
    sessions: async_sessionmaker[AsyncSession],
    demo: DemoCase,
    today: date,
    lead: uuid.UUID | None,
) -> list[str]:
    """Returns the codes of the case's claimants."""
    opened = today - timedelta(days=round(demo.opened_years_ago * 365))
    async with sessions() as session:
        at_intake = datetime.combine(opened, time(9), tzinfo=NAIROBI)
        codes = [
            (await register_survivor(session, DEMO_ACTOR, full_name=name, now=at_intake)).code
            for name in demo.claimants
        ]
        case = await open_case(
            session,
            DEMO_ACTOR,
            reference=demo.reference,
            title=demo.title,
            kind=demo.kind,
            court_level=demo.level,
            court_station=demo.station,
            lead_counsel=demo.counsel,
            claimants=codes,
            respondents=demo.respondents,
            court_number=None,
            opened_on=opened,
            lead=lead,
        )
    gap = (today - opened) / (len(demo.steps) + 1)
    for index, (trigger, facts) in enumerate(demo.steps, start=1):
        extra = {"court_number": demo.number} if trigger == "file" else facts
        async with sessions() as session:
            case, _ = await record_step(
                session,
                DEMO_ACTOR,
                case.id,
                Step(trigger=trigger, version=index, occurred_on=opened + gap * index, **extra),
            )
    if case.stage in NEXT_SITTING:
        await _hearings(sessions, case, CASES.index(demo), today)
    if demo.damages:
        await _award(sessions, demo, case.id, codes, judged_on=opened + gap * len(demo.steps))
    return codes


NEXT_SITTING = {
    Stage.FILED: HearingPurpose.MENTION,
    Stage.PLEADINGS: HearingPurpose.DIRECTIONS,
    Stage.HEARING: HearingPurpose.HEARING,
    Stage.JUDGMENT_RESERVED: HearingPurpose.JUDGMENT_DELIVERY,
    Stage.APPEALED: HearingPurpose.MENTION,
}
JUDGES = ("Hon. Lady Justice R. Wanjiru", "Hon. Justice K. Mutai", "Hon. Justice A. Omondi")


async def _hearings(
    sessions: async_sessionmaker[AsyncSession], case: Case, index: int, today: date
) -> None:
    """A sitting three weeks ago that was adjourned, to a date in the coming fortnight."""
    now = datetime.combine(today, time(8), tzinfo=NAIROBI)
    past = datetime.combine(today - timedelta(days=21 + index), time(9), tzinfo=NAIROBI)
    async with sessions() as session:
        set_date = HearingIn(
            starts_at=past,
            purpose=NEXT_SITTING[case.stage],
            court_room=f"Court {index % 5 + 1}",
            judicial_officer=JUDGES[index % len(JUDGES)],
            recorded_after_the_fact=True,
        )
        first = await court_dates.schedule(session, DEMO_ACTOR, case.id, set_date, now=now)
    coming = datetime.combine(today + timedelta(days=1 + index % 6), time(9 + index % 3), NAIROBI)
    async with sessions() as session:
        reason = ADJOURNMENT_REASONS[index % len(ADJOURNMENT_REASONS)]
        put_off = AdjournIn(version=first.version, reason=reason, next_starts_at=coming)
        await court_dates.adjourn(session, DEMO_ACTOR, first.id, put_off, now=now)


ADJOURNMENT_REASONS = (
    "the State counsel sought time to file a replying affidavit",
    "the court file was not placed before the judge",
    "the trial judge was away on official duty",
)


async def _award(
    sessions: async_sessionmaker[AsyncSession],
    demo: DemoCase,
    case_id: uuid.UUID,
    codes: list[str],
    judged_on: date,
) -> None:
    heads = [
        HeadIn(HeadKind.GENERAL, Decimal(demo.damages), "judgment"),
        HeadIn(HeadKind.COSTS, Decimal(150_000), None),
    ]
    awards = []
    for code in codes:
        async with sessions() as session:
            awards.append(
                await record_award(
                    session,
                    DEMO_ACTOR,
                    case_id,
                    AwardOrder(
                        claimant=code,
                        respondent=demo.respondents[0],
                        heads=heads,
                        rate_as_ordered=DEMO_RATE,
                        rate_percent=Decimal(12),
                    ),
                    DEMO_RULES,
                )
            )
    if not demo.chased:
        return
    chase = (("extract_decree", 14), ("issue_certificate", 30), ("serve_on_ag", 60))
    for award in awards:
        for version, (trigger, days) in enumerate(chase, start=1):
            async with sessions() as session:
                step = AwardStep(trigger, version, judged_on + timedelta(days=days))
                await record_award_step(session, DEMO_ACTOR, award.id, step, DEMO_RULES)
    async with sessions() as session:
        paid = PaymentIn(
            judged_on + timedelta(days=400),
            Shillings(500_000),
            "National Treasury",
            "GPA/PAY/0142",
        )
        await receive_payment(session, DEMO_ACTOR, awards[0].id, paid, DEMO_RULES)
