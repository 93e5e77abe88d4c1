"""A lawyer on a 360 px phone finds a case by its court number as a colleague wrote it on a
note ("E45/2024"), sees its row without scrolling sideways, and opens it."""

from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.browser.conftest import PHONE, shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.web.test_finding_cases import numbered_case


async def test_a_lawyer_finds_a_case_by_its_slash_number_on_a_phone_and_opens_it(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    for n, number in enumerate(("Petition No. E045 of 2024", "Petition E46 of 2024"), start=1):
        await numbered_case(
            make_sessionmaker(engine),
            lead=lawyer.user.id,
            reference=f"HAKI/F/{n}",
            title=f"Case {n} v Inspector General of Police",
            counsel="Achieng Odhiambo",
            number=number,
        )
    await tab.set_viewport_size(PHONE)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.get_by_role("link", name="Cases", exact=True).click()
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"
    await tab.get_by_role("searchbox", name="Find").fill("E45/2024")
    await tab.get_by_role("button", name="Find").click()
    await expect(tab.get_by_role("status")).to_have_text("1 case")
    wide = await tab.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, "the cases list is wider than the phone"
    await shoot(tab, "cases-found")
    await tab.get_by_role("link", name="HAKI/F/1").click()
    await expect(
        tab.get_by_role("heading", name="Case 1 v Inspector General of Police")
    ).to_be_visible()
