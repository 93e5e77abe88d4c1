"""Issue 18: a page that says a use case's refusal in its own words tells the refusal apart by
the catalog sentence (msgid) it carries, never by looking for English words in its text.

Each case here was said wrongly while the pages looked for words: a day typed that is no day
("filing" is in "Interest runs from the judgment, from filing, or …") was told "the case has no
filing date"; a day before independence was told it is in the future, or asked for again
as "a year of four figures".
"""

from datetime import timedelta
from html import unescape

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.calendar import nairobi_today
from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import registered_case
from tests.web.conftest import Browser, sign_in
from tests.web.test_award_form import in_swahili, two_claimants_at_judgment
from tests.web.test_violation_pages import TYPED, registered_by

AWARD = {"respondent": "Attorney General", "rate": "court", "general_amount": "Ksh 100,000"}
EXAMINATION = {
    "form": "p3_form",
    "examined_by": "Dr. A. Njoroge, police surgeon",
    "place": "Nairobi Police Surgery",
    "correlation": "highly_consistent",
}


async def test_a_day_of_interest_that_is_no_day_is_not_called_a_missing_filing_date(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case_id, codes = await two_claimants_at_judgment(engine, accounts["lawyer"])
    token = await sign_in(web, accounts["lawyer"])
    sent = AWARD | {"_form_token": token, "claimant": codes[0]}
    no_day = sent | {"general_interest_from": "date", "general_interest_on": "2023-02-30"}
    refused = unescape((await web.post(f"/web/cases/{case_id}/awards", data=no_day)).text)
    assert "Interest runs from the judgment, from filing, or from a date the court named" in refused
    assert "no filing date on record" not in refused

    long_ago = sent | {"general_interest_from": "date", "general_interest_on": "1950-01-01"}
    refused = unescape((await web.post(f"/web/cases/{case_id}/awards", data=long_ago)).text)
    assert "Kenya's independence" in refused
    assert "cannot be in the future" not in refused

    await in_swahili(web)
    refused = unescape((await web.post(f"/web/cases/{case_id}/awards", data=no_day)).text)
    assert "Interest runs from" not in refused and "filing date on record" not in refused


async def test_an_examination_day_before_independence_is_said_as_such(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    case, code = await registered_case(sessions, lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    form = EXAMINATION | {"_form_token": token, "survivor": code}
    to = f"/web/cases/{case.id}/examinations"
    refused = unescape((await web.post(to, data=form | {"examined_on": "1950-01-01"})).text)
    assert "The day of the examination cannot be before 12 December 1963" in refused
    assert "Give the day of the examination." not in refused

    tomorrow = nairobi_today(utcnow()) + timedelta(days=1)
    refused = unescape((await web.post(to, data=form | {"examined_on": str(tomorrow)})).text)
    assert "The day of the examination cannot be in the future." in refused


async def test_a_violation_before_independence_is_not_asked_for_as_a_year_of_four_figures(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    code = await registered_by(engine, accounts["lawyer"], "Juma Long Ago")
    token = await sign_in(web, accounts["lawyer"])
    to = f"/web/survivors/{code}/violations"
    refused = unescape(
        (await web.post(to, data=TYPED | {"year": "1950", "_form_token": token})).text
    )
    assert "cannot be before 12 December 1963, Kenya's independence" in refused
    assert "a year of four figures" not in refused
    future = unescape(
        (await web.post(to, data=TYPED | {"year": "2999", "_form_token": token})).text
    )
    assert "The date it happened cannot be in the future." in future
