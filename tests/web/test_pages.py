"""The browser interface through HTTP: signing in, the pages, their forms and refusals."""

from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import registered_case
from tests.web.conftest import Browser, sign_in


async def test_a_lawyer_signs_in_and_records_a_step(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    lawyer = accounts["lawyer"]
    case, _ = await registered_case(make_sessionmaker(engine), lead=lawyer.user.id)
    token = await sign_in(web, lawyer)
    page = await web.get(f"/web/cases/{case.id}")
    assert page.status_code == 200, page.text
    assert "Test Person" in page.text and "Intake" in page.text
    sent = await web.post(
        f"/web/cases/{case.id}/steps",
        data={
            "_form_token": token,
            "trigger": "file",
            "version": "1",
            "court_number": "Petition E5 of 2026",
        },
    )
    assert sent.status_code == 303, sent.text
    after = await web.get(sent.headers["location"])
    assert "Petition E5 of 2026" in after.text
