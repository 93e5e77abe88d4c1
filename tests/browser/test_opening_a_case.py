"""A lawyer opens a case in headless Chromium, from the cases list to the new case's page."""

from datetime import date

from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.browser.conftest import shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables


async def test_a_lawyer_registers_the_survivor_and_opens_the_case(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.get_by_role("link", name="Cases", exact=True).click()
    await tab.get_by_role("link", name="New case").click()
    await expect(tab.get_by_role("heading", name="New case")).to_be_visible()
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"
    await tab.get_by_label("Survivor's full name").fill("Achieng Otieno")
    await tab.get_by_role("button", name="Register the survivor").click()
    await expect(tab.get_by_role("status")).to_contain_text("registered with the code")
    case = tab.locator("#case")
    await expect(case.get_by_label("Claimants (survivor codes)")).to_have_value(
        f"S-{date.today().year}-0001"
    )
    await case.get_by_label("Our reference").fill("HAKI/2026/014")
    await case.get_by_label("Title").fill("Otieno v Inspector-General of Police")
    await case.get_by_label("Kind").select_option("constitutional_petition")
    await case.get_by_label("Court", exact=True).select_option("high_court")
    await case.get_by_label("Station").fill("Nairobi (Milimani)")
    await case.get_by_label("Respondents").fill("The Attorney General")
    await shoot(tab, "new-case")
    await case.get_by_role("button", name="Open the case").click()
    await expect(
        tab.get_by_role("heading", name="Otieno v Inspector-General of Police")
    ).to_be_visible()
    await expect(tab.locator("#stage-title .stage")).to_have_text("Intake")
    await expect(
        tab.get_by_role("listitem").filter(has_text="S-2026-0001 — Achieng Otieno")
    ).to_be_visible()
