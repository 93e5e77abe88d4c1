"""Issue 18 item 2: the case page offers only the steps possible now; a near one is shown
disabled with its reason and the day it becomes possible; the demand letter is never a link
to raw JSON. The API's step listings give the same answer."""

import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.awards import Award, HeadKind
from domain.stages import JudgmentOutcome
from service.awards import controller as award_api
from service.database import make_sessionmaker
from service.usecases.awards.compensation import AwardStep, record_award_step
from service.usecases.awards.orders import AwardOrder, HeadIn, record_award
from service.usecases.cases.court_track import Step, record_step
from service.web import case_view
from tests.conftest import Account
from tests.factories import RULES, TEST_ACTOR, awarded_and_part_paid, registered_case
from tests.web.conftest import Browser, sign_in
from tests.web.test_award_form import in_swahili

TODAY = datetime(2027, 1, 2, 9, 0, tzinfo=UTC)
"""a Saturday between the judgment of 17 December 2026 and the first day of its certificate"""
TO_JUDGMENT = [
    ("file", date(2026, 1, 9), {"court_number": "Petition E9 of 2026"}),
    ("exchange_pleadings", date(2026, 2, 1), {}),
    ("set_down_for_hearing", date(2026, 6, 1), {}),
    ("reserve_judgment", date(2026, 10, 2), {}),
    ("deliver_judgment", date(2026, 12, 17), {"outcome": JudgmentOutcome.ALLOWED}),
]


async def decree_of_17_december_2026(engine: AsyncEngine, lead: uuid.UUID) -> Award:
    """An award of a judgment of 17 December 2026, its decree extracted on 21 December."""
    sessions = make_sessionmaker(engine)
    case, code = await registered_case(sessions, lead=lead, opened_on=date(2026, 1, 5), now=TODAY)
    for version, (trigger, on, facts) in enumerate(TO_JUDGMENT, start=1):
        async with sessions() as session:
            step = Step(trigger=trigger, version=version, occurred_on=on, **facts)  # type: ignore[arg-type]
            await record_step(session, TEST_ACTOR, case.id, step, now=TODAY)
    async with sessions() as session:
        order = AwardOrder(
            claimant=code,
            respondent="Attorney General",
            heads=[HeadIn(HeadKind.GENERAL, Decimal("300000"), "judgment")],
            rate_as_ordered="court rates",
        )
        award = await record_award(session, TEST_ACTOR, case.id, order, RULES, now=TODAY)
    async with sessions() as session:
        step = AwardStep("extract_decree", award.version, date(2026, 12, 21))
        award, _ = await record_award_step(session, TEST_ACTOR, award.id, step, RULES, now=TODAY)
    return award


@pytest.fixture
def on_2_january_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(case_view, "utcnow", lambda: TODAY)
    monkeypatch.setattr(award_api, "utcnow", lambda: TODAY)


def offered(page: str, trigger: str) -> bool:
    return f'name="trigger" value="{trigger}"' in page


async def test_case_closed_is_not_offered_while_money_is_owed(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{award.case_id}")).text
    assert '<span class="stage">Compensation</span>' in page
    assert not offered(page, "close") and ">Case closed<" not in page
    # served and part paid: the follow-up and the payment are offered
    assert "Log a follow-up with the Attorney General" in page
    assert "Record a payment received" in page


async def test_before_its_certificate_an_award_offers_no_follow_up_and_no_demand_letter(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account], on_2_january_2027: None
) -> None:
    award = await decree_of_17_december_2026(engine, accounts["lawyer"].user.id)
    await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{award.case_id}")).text
    assert "Log a follow-up with the Attorney General" not in page
    assert f'action="/web/awards/{award.id}/follow-ups"' not in page
    # the certificate is near: disabled, with the day it becomes possible and why
    fid = f"award-{award.id}-issue_certificate"
    assert re.search(
        rf'<div class="action blocked" id="{fid}">\s*<button type="button" disabled '
        rf'aria-describedby="{fid}-why">Certificate of order issued</button>',
        page,
    )
    why = re.search(rf'<small id="{fid}-why">([^<]+)</small>', page)
    assert why and why.group(1).startswith("Possible from 8 January 2027: "), page
    assert "judgment of 17 December 2026" in why.group(1)
    assert not offered(page, "issue_certificate")
    # what is possible now stays a button: a stay, setting aside, writing off
    assert offered(page, "stay")

    ledger = (await web.get(f"/web/awards/{award.id}/ledger")).text
    assert "demand-letter" not in ledger
    letter = await web.get(
        f"/web/awards/{award.id}/demand-letter",
        params={"format": "html"},
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    assert letter.status_code == 422
    assert letter.headers["content-type"].startswith("text/html")
    assert "A demand letter can be written once the certificate of order" in letter.text
    assert "{" not in letter.text.split("<main")[-1].split("</main>")[0]

    await in_swahili(web)
    page = (await web.get(f"/web/cases/{award.case_id}")).text
    why = re.search(rf'<small id="{fid}-why">([^<]+)</small>', page)
    assert why and "kuanzia 8 Januari 2027" in why.group(1), page
    assert "17 Desemba 2026" in why.group(1)
    letter = await web.get(f"/web/awards/{award.id}/demand-letter", headers={"Accept": "text/html"})
    assert letter.headers["content-type"].startswith("text/html")
    assert "Barua ya madai" in letter.text


async def test_the_api_lists_each_step_with_whether_and_from_when_it_is_possible(
    client: AsyncTestClient,
    engine: AsyncEngine,
    accounts: dict[str, Account],
    on_2_january_2027: None,
) -> None:
    award = await decree_of_17_december_2026(engine, accounts["lawyer"].user.id)
    options = (await client.get(f"/awards/{award.id}/transitions")).json()
    steps = {s["trigger"]: s for s in options["steps"]}
    assert steps["issue_certificate"]["possible"] == "later"
    assert steps["issue_certificate"]["possible_from"] == "2027-01-08"
    assert "from 8 January 2027" in steps["issue_certificate"]["reason"]
    assert steps["stay"] == {
        "trigger": "stay",
        "to": "stayed",
        "possible": "now",
        "possible_from": None,
        "reason": None,
        "requires": [],
    }
    assert "issue_certificate" in {s["trigger"] for s in options["allowed"]}  # as before
    case = (await client.get(f"/cases/{award.case_id}/transitions")).json()
    closing = {s["trigger"]: s for s in case["steps"]}["close"]
    assert closing["possible"] == "no" and "every award must be disbursed" in closing["reason"]


async def test_a_demand_letter_asked_for_by_a_program_before_the_certificate_is_still_a_problem(
    client: AsyncTestClient,
    engine: AsyncEngine,
    accounts: dict[str, Account],
    on_2_january_2027: None,
) -> None:
    award = await decree_of_17_december_2026(engine, accounts["lawyer"].user.id)
    letter = await client.get(f"/awards/{award.id}/demand-letter")
    assert letter.status_code == 422
    assert letter.headers["content-type"].startswith("application/problem+json")
