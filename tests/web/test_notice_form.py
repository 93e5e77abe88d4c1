"""The case page's form for a notice of intention to sue (GPA s.13A): recorded, listed, and a
blank field refused in words beside it."""

from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import registered_case
from tests.web.conftest import Browser, sign_in


async def test_a_notice_is_recorded_from_the_case_page(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, _ = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    page = await web.get(f"/web/cases/{case.id}")
    assert "Record a notice of intention to sue" in page.text
    blank = await web.post(
        f"/web/cases/{case.id}/notices-to-sue",
        data={"served_on": "2024-03-01", "served_on_whom": " ", "_form_token": token},
    )
    assert blank.status_code == 400
    assert "Say on whom the notice was served, e.g. the Attorney General." in blank.text
    done = await web.post(
        f"/web/cases/{case.id}/notices-to-sue",
        data={
            "served_on": "2024-03-01",
            "served_on_whom": "the Attorney General",
            "_form_token": token,
        },
    )
    assert done.status_code == 303, done.text
    after = await web.get(done.headers["location"].split("#")[0])
    assert "Served on the Attorney General on 2024-03-01; suit may be filed from 2024-04-01." in (
        after.text
    )
