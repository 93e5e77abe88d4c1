"""A lawyer on a 360 px phone records what the court awarded at judgment, typing the amount as a
decree prints it, and the case takes the "Compensation awarded" step; in English and Kiswahili."""

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.browser.conftest import PHONE, shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.web.test_award_form import two_claimants_at_judgment

WORDS = {
    "en": {
        "step": "Compensation awarded",
        "claimant": "Claimant",
        "general": "General damages",
        "amount": "Amount (Ksh)",
        "court_rates": "Court rates",
        "done": "The award is recorded.",
        "stage": "Awarded",
        "shown": "Ksh2,500,000.00",
    },
    "sw": {
        "step": "Fidia imeamriwa",
        "claimant": "Mlalamikaji",
        "general": "Fidia ya jumla",
        "amount": "Kiasi (Ksh)",
        "court_rates": "Viwango vya mahakama",
        "done": "Fidia imerekodiwa.",
        "stage": "Fidia imeamriwa",
        "shown": "Ksh\u00a02,500,000.00",
    },
}
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("lang", ["en", "sw"])
async def test_a_lawyer_on_a_phone_records_the_award_and_the_case_is_awarded(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account], lang: str
) -> None:
    words = WORDS[lang]
    await empty_tables(engine)
    case_id, codes = await two_claimants_at_judgment(engine, accounts["lawyer"])
    lawyer = accounts["lawyer"]
    await tab.set_viewport_size(PHONE)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.goto(f"/web/language/{lang}?next=/web/cases/{case_id}")
    await expect(tab.locator("#stage-title .stage")).to_have_text(
        "Judgment" if lang == "en" else "Hukumu"
    )
    waiting = tab.locator("#step-award button")
    await expect(waiting).to_be_disabled()
    await expect(waiting).to_have_text(words["step"])
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"

    form = tab.locator("#award")
    await form.get_by_label(words["claimant"], exact=True).select_option(codes[1])
    general = form.get_by_role("group", name=words["general"])
    await general.get_by_label(words["amount"]).fill("Ksh 2,500,000")
    await form.get_by_label(words["court_rates"]).check()
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the award form is wider than the phone"
    await shoot(tab, f"award-form-{lang}")
    await tab.set_viewport_size(PHONE)
    await form.locator("button[type=submit]").click()

    await expect(tab.get_by_role("status")).to_contain_text(words["done"])
    await expect(tab.locator("#stage-title .stage")).to_have_text(words["stage"])
    await expect(tab.locator(".timeline").get_by_text(words["step"], exact=True)).to_be_visible()
    award = tab.locator("tbody.award")
    await expect(award).to_contain_text("Kamau Njoroge")
    await expect(award).to_contain_text(words["shown"])
    await expect(award).to_contain_text("court rates")
    await expect(tab.locator("#step-award")).to_have_count(0)
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the case page is wider than the phone"
