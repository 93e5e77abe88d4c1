"""A lawyer passes money on to the survivor from an award's ledger, in headless Chromium."""

from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.browser.conftest import shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.factories import awarded_and_part_paid


async def test_a_lawyer_records_a_disbursement_from_the_case_page(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=lawyer.user.id)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.goto(f"/web/cases/{award.case_id}")
    await tab.get_by_text("Heads, ledger and forms").click()  # the award's row opens
    await tab.get_by_role("link", name="Ledger: payments").click()
    await expect(tab.get_by_role("heading", name="Money received and passed on")).to_be_visible()
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"
    form = tab.locator("#disburse")
    await form.get_by_label("Paid on").fill("2024-06-03")
    await form.get_by_label("Amount (Ksh)").fill("800.00")
    await form.get_by_label("How").select_option("mpesa")
    await form.get_by_label("Paid to").fill("Achieng Otieno")
    await form.get_by_label("Payment reference").fill("QGH12XYZ")
    await form.get_by_role("button", name="Record the disbursement").click()
    await expect(tab.get_by_role("status")).to_contain_text("Recorded")
    await expect(tab.locator("#entries")).to_contain_text("Achieng Otieno (M-Pesa)")
    await expect(tab.locator("#entries")).to_contain_text("Reverse this entry")
    await shoot(tab, "ledger")


async def test_a_lawyer_records_a_settlement_by_consent_on_the_ledger(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    """100,000 at 12% from 10 January 2024, 1,000 paid 1 June: compromised for 50,000 on
    1 July 2024, which is what is owed from then (docs/money-rules.md)."""
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=lawyer.user.id)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.goto(f"/web/awards/{award.id}/ledger")
    form = tab.locator("#settlement")
    await form.get_by_label("Agreed on").fill("2024-07-01")
    await form.get_by_label("The sum agreed (Ksh)").fill("50,000")
    await form.get_by_label("Terms of the consent").fill("Consent before the Deputy Registrar")
    await form.get_by_role("button", name="Record the settlement").click()
    await expect(tab.get_by_role("status")).to_contain_text("Recorded")
    await expect(tab.locator("#settlement")).to_contain_text("Settled by consent on 1 July 2024")
    await expect(tab.locator(".facts")).to_contain_text("Ksh50,000.00")
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"
