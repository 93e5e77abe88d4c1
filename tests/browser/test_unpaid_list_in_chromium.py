"""An advocacy officer picks the longest unpaid awards for a campaign, on a 360 px phone."""

from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.browser.conftest import PHONE, shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.factories import awarded_and_part_paid

WIDER_THAN_THE_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"


async def test_an_officer_sorts_by_age_since_service_and_downloads_the_list_at_360px(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await empty_tables(engine)
    await awarded_and_part_paid(make_sessionmaker(engine))
    advocacy = accounts["advocacy"]
    await tab.set_viewport_size(PHONE)
    await sign_in(tab, advocacy.user.username, advocacy.password)
    await tab.goto("/web/unpaid")
    assert not await tab.evaluate(WIDER_THAN_THE_SCREEN), "the unpaid page is wider than a phone"
    await tab.get_by_role("link", name="The unpaid awards one by one").click()
    await expect(tab.get_by_role("heading", name="Unpaid awards one by one")).to_be_visible()
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"
    await tab.get_by_label("Sort by").select_option("since_service")
    await tab.get_by_role("button", name="Show").click()
    await tab.wait_for_url("**/web/unpaid/awards?*sort=since_service*")
    row = tab.locator("tbody tr").first
    await expect(row).to_contain_text("HAKI/T/1")
    since_service = row.locator("td").nth(3)
    label = "td => getComputedStyle(td, '::before').content"
    assert "Days since service" in await since_service.evaluate(label), "unlabelled on a phone"
    assert (await since_service.inner_text()).strip().isdigit()
    await expect(tab.locator("body")).not_to_contain_text("Test Person")
    assert not await tab.evaluate(WIDER_THAN_THE_SCREEN), "the list is wider than a phone"
    async with tab.expect_download() as download:
        await tab.get_by_role("link", name="Download this list (CSV)").click()
    got = await download.value
    assert got.suggested_filename.startswith("unpaid-awards-list-")
    text = (await got.path()).read_text()
    assert text.startswith("survivor_code,case_reference,respondent,court_station")
    assert "HAKI/T/1" in text and "Test Person" not in text
    await shoot(tab, "unpaid-list")
