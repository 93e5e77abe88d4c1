"""A family's text on the case page, for the team in either language: read, marked read by a
click, and gone from My week's call-backs; never shown to a role that may not read free text."""

from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import REPORT_SECRET, Account
from tests.e2e.helpers import open_case
from tests.e2e.test_families_by_phone import NUMBER, family
from tests.loopback_gateway import Phone
from tests.web.conftest import FORM_TOKEN, Browser, sign_in

WORDS = "Tafadhali nipigie kesho asubuhi"


async def test_the_team_reads_marks_read_and_my_week_follows(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    web.headers.update(accounts["lawyer"].headers)
    case = await open_case(web)
    await family(web, case)
    assert (await Phone(web, REPORT_SECRET, NUMBER).text(WORDS)).json() == {"handled": "reply"}
    web.headers.pop("Authorization")
    await sign_in(web, accounts["lawyer"])

    week = await web.get("/web/")
    assert "Families waiting for a call back" in week.text and case["reference"] in week.text
    page = await web.get(f"/web/cases/{case['id']}")
    assert WORDS in page.text and "Mark as read" in page.text
    await web.get("/web/language/sw")
    swahili = await web.get(f"/web/cases/{case['id']}")
    assert "Ujumbe kutoka kwa familia" in swahili.text and WORDS in swahili.text
    token = FORM_TOKEN.search(swahili.text)
    assert token
    marked = await web.post(
        f"/web/cases/{case['id']}/family-messages/{_message_id(swahili.text)}/read",
        data={"_form_token": token.group(1)},
    )
    assert marked.status_code == 303, marked.text
    assert marked.headers["location"].endswith("#family-messages")
    after = await web.get(f"/web/cases/{case['id']}")
    assert "Weka alama kuwa umesomwa" not in after.text and "Ulisomwa" in after.text
    assert "Hakuna familia inayosubiri kupigiwa simu." in (await web.get("/web/")).text


async def test_a_role_that_may_not_read_free_text_sees_no_message(
    web: Browser, accounts: dict[str, Account]
) -> None:
    web.headers.update(accounts["lawyer"].headers)
    case = await open_case(web)
    await family(web, case)
    await Phone(web, REPORT_SECRET, NUMBER).text(WORDS)
    web.headers.pop("Authorization")
    await sign_in(web, accounts["advocacy"])
    page = await web.get(f"/web/cases/{case['id']}")
    assert page.status_code == 200
    assert WORDS not in page.text and "Messages from the family" not in page.text


def _message_id(html: str) -> str:
    start = html.index("/family-messages/") + len("/family-messages/")
    return html[start : html.index("/read", start)]
