"""Issue 20 in Chromium: a lawyer on a 360 px phone records what was done to a survivor from
the case page, refers them for psychosocial care and closes the referral, in English and
Kiswahili; an advocacy officer downloads last year's violations by county and agency, and the
file names no one."""

from datetime import date
from pathlib import Path

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.referrals import PartnerKind
from service.database import make_sessionmaker
from service.usecases.records.referrals import PartnerIn, add_partner
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE, shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.factories import TEST_ACTOR
from tests.web.test_award_form import two_claimants_at_judgment

PARTNER = {
    "en": "Mathare counselling centre — Psychosocial care",
    "sw": "Mathare counselling centre — Huduma ya ushauri nasaha na kisaikolojia",
}
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"
LAST_YEAR = date.today().year - 1
WORDS = {
    "en": {
        "what": "What was done",
        "year": "Year",
        "county": "County",
        "torture": "Torture",
        "agency": "Agency of the perpetrators",
        "police": "Kenya Police Service",
        "officers": "Officers' names",
        "done": "The violation is recorded.",
        "partner": "Partner",
        "referred": "The survivor is referred.",
        "record": "Record what happened",
        "happened": "What happened",
        "close": "Close the referral",
        "ended": "How it ended (to close)",
        "updated": "The referral is updated.",
        "closed": "Closed",
    },
    "sw": {
        "what": "Kilichofanyika",
        "year": "Mwaka",
        "county": "Kaunti",
        "torture": "Mateso",
        "agency": "Idara ya wahusika",
        "police": "Huduma ya Polisi ya Kenya",
        "officers": "Majina ya maafisa",
        "done": "Ukiukaji umeandikwa.",
        "partner": "Mshirika",
        "referred": "Mwathiriwa amepelekwa.",
        "record": "Andika kilichotokea",
        "happened": "Kilichotokea",
        "close": "Funga rufaa",
        "ended": "Jinsi ilivyoisha (kufunga)",
        "updated": "Rufaa imesasishwa.",
        "closed": "Imefungwa",
    },
}


@pytest.mark.parametrize("lang", ["en", "sw"])
async def test_a_lawyer_records_a_violation_refers_and_advocacy_downloads_the_figures(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account], lang: str
) -> None:
    words = WORDS[lang]
    await empty_tables(engine)
    case_id, codes = await two_claimants_at_judgment(engine, accounts["lawyer"])
    async with make_sessionmaker(engine)() as session:
        centre = PartnerIn(name="Mathare counselling centre", kind=PartnerKind.PSYCHOSOCIAL)
        await add_partner(session, TEST_ACTOR, centre)
    lawyer = accounts["lawyer"]
    await tab.set_viewport_size(PHONE)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.goto(f"/web/language/{lang}?next=/web/cases/{case_id}")
    await tab.get_by_role("link", name=words["what"]).first.click()
    await expect(tab.locator("h1")).to_contain_text(codes[0])
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"

    form = tab.locator("#record form")
    await form.get_by_label(words["year"], exact=True).fill(str(LAST_YEAR))
    await form.get_by_label(words["county"], exact=True).fill("Kisumu")
    await form.get_by_label(words["torture"]).check()
    await form.get_by_label(words["agency"]).select_option("kenya_police_service")
    await form.get_by_label(words["officers"]).fill("Sgt. Kiprono")
    await form.get_by_label("HAKI/T/18").check()
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the violation form is wider than the phone"
    await shoot(tab, f"violation-form-{lang}")
    await form.locator("button[type=submit]").click()
    await expect(tab.get_by_role("status")).to_contain_text(words["done"])
    record = tab.locator("#records article").first
    await expect(record).to_contain_text(words["police"])
    await expect(record).to_contain_text("Sgt. Kiprono")
    await expect(record.get_by_role("link", name="HAKI/T/18")).to_be_visible()
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the violations page is wider than the phone"

    referrals = tab.locator("#referrals")
    await referrals.get_by_label(words["partner"]).select_option(label=PARTNER[lang])
    await referrals.locator("form button[type=submit]").last.click()
    await expect(tab.get_by_role("status")).to_contain_text(words["referred"])
    await referrals.get_by_text(words["record"]).click()
    await referrals.get_by_label(words["happened"]).select_option(label=words["close"])
    await referrals.get_by_label(words["ended"]).select_option("completed")
    await referrals.locator("details form button[type=submit]").click()
    await expect(tab.get_by_role("status")).to_contain_text(words["updated"])
    await expect(tab.locator("#referrals article .stage")).to_have_text(words["closed"])
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the referrals are wider than the phone"
    await assert_accessible(tab)
    await tab.set_viewport_size(PHONE)

    await tab.context.clear_cookies()
    advocacy = accounts["advocacy"]
    await sign_in(tab, advocacy.user.username, advocacy.password)
    await tab.goto(f"/web/language/{lang}?next=/web/violations/figures")
    await tab.get_by_role("link", name=str(LAST_YEAR)).click()
    section = tab.locator("section", has=tab.locator("#t-county_agency"))
    async with tab.expect_download() as downloading:
        await section.get_by_role("link").click()
    download = await downloading.value
    assert download.suggested_filename == "violations-by-county_agency.csv"
    text = Path(await download.path()).read_text(encoding="utf-8")  # noqa: ASYNC240
    assert text.splitlines()[0] == "county,agency,violations,survivors"
    assert "other (fewer than 3 survivors)" in text
    for secret in ("Kiprono", "Achieng", "Otieno", codes[0]):
        assert secret not in text
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the figures page is wider than the phone"
    await assert_accessible(tab)
