"""The case page's awards as a table: one row per award with what a lawyer scans for, the case's
totals under them, each row opening to its heads, ledger and forms, and back at the row after a
form on the award is saved."""

import re
from datetime import date

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.calendar import nairobi_today
from service.database import make_sessionmaker
from service.usecases.awards.orders import awards_of_case
from tests.conftest import Account
from tests.web.conftest import Browser, sign_in
from tests.web.test_chasing_the_case import petition

OPENED = re.compile(r'<details class="award-more" open>')


def row_of(html: str, award_id: object) -> str:
    start = html.index(f'id="award-{award_id}"')
    return html[start : html.index("</tr>", start)]


async def test_each_award_is_a_row_with_the_case_totals_and_opens_after_a_form(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case = await petition(engine, accounts["lawyer"].user.id, served=1)
    async with make_sessionmaker(engine)() as session:
        waiting, served = sorted(await awards_of_case(session, case.id), key=lambda a: a.stage)
    token = await sign_in(web, accounts["lawyer"])
    html = (await web.get(f"/web/cases/{case.id}")).text
    assert not OPENED.search(html), "rows start closed"
    since = (nairobi_today(utcnow()) - date(2024, 2, 5)).days
    first = row_of(html, served.id)
    assert "Otieno Demo" in first or "Njeri Demo" in first, "by name for a lawyer on the case"
    assert '<span class="stage">Served on the Attorney General</span>' in first
    assert f'data-label="Days since service">{since}<' in first
    assert 'data-label="Last follow-up">none<' in first
    assert 'data-label="Days since service">not served<' in row_of(html, waiting.id)
    totals = html[html.index("<tfoot>") : html.index("</tfoot>")]
    assert "The case: 2 awards" in totals
    assert 'data-label="Awarded">Ksh200,000.00<' in totals
    assert 'data-label="Paid">Ksh0.00<' in totals

    sent = await web.post(
        f"/web/awards/{served.id}/follow-ups",
        data={"on": "2024-03-05", "kind": "letter", "reference": "HAKI/AG/1", "_form_token": token},
    )
    assert sent.status_code == 303
    location = sent.headers["location"]
    assert location.endswith(f"&award={served.id}#award-{served.id}")
    html = (await web.get(location.split("#")[0])).text
    assert len(OPENED.findall(html)) == 1, "the award changed comes opened, and only it"
    opened = html.index('<details class="award-more" open>')
    assert html.rindex('id="award-', 0, opened) == html.index(f'id="award-{served.id}"')
    assert 'data-label="Last follow-up">5 March 2024, Letter<' in row_of(html, served.id)


async def test_a_viewer_sees_the_table_by_codes_only(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case = await petition(engine, accounts["lawyer"].user.id, served=2)
    await sign_in(web, accounts["viewer"])
    html = (await web.get(f"/web/cases/{case.id}")).text
    assert "The case: 2 awards" in html
    assert "Otieno Demo" not in html and "Njeri Demo" not in html
    assert "<form" not in html[html.index('id="awards"') : html.index('id="timeline"')]
