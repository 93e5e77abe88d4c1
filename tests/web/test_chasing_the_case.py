"""Chasing the Attorney General per case on the pages: My week, the case's follow-up form."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.awards import HeadKind
from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.cases import Case
from domain.stages import CaseKind, CourtLevel, JudgmentOutcome
from service.database import make_sessionmaker
from service.usecases.awards.compensation import AwardStep, record_award_step
from service.usecases.awards.orders import AwardOrder, HeadIn, record_award
from service.usecases.cases.court_track import Step, record_step
from service.usecases.cases.register import open_case
from service.usecases.families.survivors import register_survivor
from tests.conftest import Account
from tests.factories import RULES, TEST_ACTOR
from tests.web.conftest import Browser, sign_in

COURT = (
    ("file", date(2023, 1, 9), {"court_number": "Petition E9 of 2023"}),
    ("exchange_pleadings", date(2023, 2, 1), {}),
    ("set_down_for_hearing", date(2023, 6, 1), {}),
    ("reserve_judgment", date(2023, 10, 2), {}),
    ("deliver_judgment", date(2024, 1, 10), {"outcome": JudgmentOutcome.ALLOWED}),
)
SERVICE = (
    ("extract_decree", date(2024, 1, 20)),
    ("issue_certificate", date(2024, 2, 1)),
    ("serve_on_ag", date(2024, 2, 5)),
)


async def petition(engine: AsyncEngine, lead: uuid.UUID, served: int) -> Case:
    """A petition of two claimants judged in January 2024, an award each, `served` of them
    served on the Attorney General."""
    sessions = make_sessionmaker(engine)
    codes = []
    for name in ("Otieno Demo", "Njeri Demo"):
        async with sessions() as session:
            codes.append((await register_survivor(session, TEST_ACTOR, full_name=name)).code)
    async with sessions() as session:
        case = await open_case(
            session,
            TEST_ACTOR,
            reference="HAKI/P/4",
            title="O & N v Attorney General",
            kind=CaseKind.CONSTITUTIONAL_PETITION,
            court_level=CourtLevel.HIGH_COURT,
            court_station="Nyeri",
            lead_counsel="Counsel",
            claimants=codes,
            respondents=["Attorney General"],
            lead=lead,
        )
    for version, (trigger, on, facts) in enumerate(COURT, start=1):
        async with sessions() as session:
            step = Step(trigger=trigger, version=version, occurred_on=on, **facts)  # type: ignore[arg-type]
            case, _ = await record_step(session, TEST_ACTOR, case.id, step)
    for n, code in enumerate(codes):
        async with sessions() as session:
            heads = [HeadIn(HeadKind.GENERAL, Decimal("100000"), "judgment")]
            order = AwardOrder(code, "Attorney General", heads, "12% p.a.", Decimal("12"))
            award = await record_award(session, TEST_ACTOR, case.id, order, RULES)
        for version, (trigger, on) in enumerate(SERVICE if n < served else (), start=1):
            async with sessions() as session:
                taken = AwardStep(trigger, version, on)
                award, _ = await record_award_step(session, TEST_ACTOR, award.id, taken, RULES)
    return case


async def test_my_week_shows_one_line_per_case_and_the_case_is_chased_at_once(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case = await petition(engine, accounts["lawyer"].user.id, served=2)
    token = await sign_in(web, accounts["lawyer"])
    week = await web.get("/web/")
    due = week.text.split('id="follow-ups"')[1].split("</section>")[0]
    assert due.count("HAKI/P/4") == 1 and "2 awards" in due
    assert f"/web/cases/{case.id}#chase-case" in due
    page = await web.get(f"/web/cases/{case.id}")
    assert f'action="/web/cases/{case.id}/follow-ups"' in page.text
    today = nairobi_today(utcnow()).isoformat()
    logged = await web.post(
        f"/web/cases/{case.id}/follow-ups",
        data={"on": today, "kind": "letter", "reference": "AG/CASE/1", "_form_token": token},
    )
    assert logged.status_code == 303, logged.text
    after = await web.get(logged.headers["location"].split("#")[0])
    assert after.text.count("AG/CASE/1") == 2 and "each award of the case" in after.text
    quiet = await web.get("/web/")
    assert "HAKI/P/4" not in quiet.text.split('id="follow-ups"')[1].split("</section>")[0]


async def test_the_case_follow_up_is_refused_in_words_before_service(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case = await petition(engine, accounts["lawyer"].user.id, served=0)
    token = await sign_in(web, accounts["lawyer"])
    refused = await web.post(
        f"/web/cases/{case.id}/follow-ups",
        data={"on": "2024-05-01", "kind": "call", "reference": "AG/2", "_form_token": token},
    )
    assert refused.status_code == 422
    assert "No award of this case has been served on the Attorney General" in refused.text


async def test_my_week_moves_to_the_next_week_or_any_day_in_both_languages(
    web: Browser, accounts: dict[str, Account]
) -> None:
    await sign_in(web, accounts["lawyer"])
    today = nairobi_today(utcnow())
    week = await web.get("/web/")
    next_week = (today + timedelta(days=7)).isoformat()
    assert f'href="/web/?start={next_week}"' in week.text and "Next week" in week.text
    later = await web.get("/web/", params={"start": "2027-03-01"})
    assert (
        later.status_code == 200 and "1 March 2027" in later.text and "7 March 2027" in later.text
    )
    assert 'href="/web/?start=2027-03-08"' in later.text
    await web.get("/web/language/sw", params={"next": "/web/"})
    kiswahili = await web.get("/web/", params={"start": date(2027, 3, 1).isoformat()})
    assert "Wiki ijayo" in kiswahili.text and "Machi 2027" in kiswahili.text
