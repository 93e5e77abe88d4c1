"""Issue 18 item 7 in Chromium on a 360 px phone: the case open in two tabs, a step recorded in
one, then another sent from the other, which names the step between and keeps the note."""

import re

from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.browser.conftest import PHONE, shoot, sign_in
from tests.browser.test_recording_an_award import NO_SIDEWAYS_SCROLL
from tests.conftest import Account, empty_tables
from tests.web.test_stale_tab import case_at_hearing

NOTE = "The AG offered Ksh 400,000 on the telephone"


async def test_a_step_sent_from_a_stale_tab_names_the_step_between_and_keeps_the_note(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    case = await case_at_hearing(engine, lawyer.user.id)
    await tab.set_viewport_size(PHONE)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    other = await tab.context.new_page()
    for page in (tab, other):
        await page.goto(f"/web/cases/{case.id}")

    first = tab.locator("#step-reserve_judgment")
    await first.locator("summary").click()
    await first.get_by_role("button", name="Record: Judgment reserved").click()
    await expect(tab.locator("#stage-title .stage")).to_have_text("Judgment reserved")

    second = other.locator("#step-settle")
    await second.locator("summary").click()
    await second.get_by_label("Note").fill(NOTE)
    await second.get_by_role("button", name=re.compile("^Record: ")).click()
    said = other.locator("#stale")
    await expect(said).to_contain_text(
        re.compile(rf"{lawyer.user.full_name} recorded “Judgment reserved” at \d\d:\d\d; here is")
    )
    await expect(other.locator("#stage-title .stage")).to_have_text("Judgment reserved")
    await expect(other.locator("#step-settle").get_by_label("Note")).to_have_value(NOTE)
    assert await other.evaluate(NO_SIDEWAYS_SCROLL)
    await shoot(other, "stale-tab")
