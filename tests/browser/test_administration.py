"""An administrator adds a lawyer, puts her on a case as lead counsel, and reads the audit trail
of that case, in headless Chromium at desktop width (1366 px) and on a 360 px phone."""

import uuid

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.browser.conftest import PHONE, shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.browser.test_recording_an_award import NO_SIDEWAYS_SCROLL
from tests.conftest import Account, empty_tables
from tests.factories import registered_case

WIDTHS = {"1366px": {"width": 1366, "height": 900}, "360px": PHONE}


async def fits(tab: Page) -> None:
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the page scrolls sideways"
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_an_administrator_adds_a_lawyer_puts_her_on_a_case_and_reads_its_trail(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account], width: str
) -> None:
    await empty_tables(engine)
    case, _ = await registered_case(make_sessionmaker(engine))
    username = f"amina.{uuid.uuid4().hex[:6]}"
    admin = accounts["admin"]
    await tab.set_viewport_size(WIDTHS[width])
    await sign_in(tab, admin.user.username, admin.password)

    await tab.get_by_role("link", name="Administration").click()
    await tab.get_by_role("link", name="Users", exact=True).click()
    await expect(tab.get_by_role("heading", name="Users", exact=True)).to_be_visible()
    await fits(tab)
    add = tab.locator("#add")
    await add.get_by_label("Username").fill(username)
    await add.get_by_label("Full name").fill("Amina Wekesa")
    await add.get_by_label("Role").select_option(label="Lawyer")
    await add.get_by_label("First password").fill("short")
    await add.get_by_role("button", name="Add the account").click()
    await expect(add.get_by_text("A password needs at least 10 characters.")).to_be_visible()
    await expect(add.get_by_label("Username")).to_have_value(username)
    await add.get_by_label("First password").fill("amina-first-password")
    await add.get_by_role("button", name="Add the account").click()
    await expect(tab.get_by_role("status")).to_contain_text("The account is added.")
    await expect(tab.get_by_text(f"({username})")).to_be_visible()
    await fits(tab)
    await shoot(tab, f"users-{width}")

    await tab.goto(f"/web/cases/{case.id}")
    await tab.get_by_role("link", name="The case's team").click()
    await expect(tab.get_by_text("No lawyer is on this case's team yet.")).to_be_visible()
    await tab.get_by_label("Lawyer", exact=True).select_option(label=f"Amina Wekesa ({username})")
    await tab.get_by_label("Lead counsel").check()
    await tab.get_by_role("button", name="Put on the team").click()
    await expect(tab.get_by_role("status")).to_have_text("The team is changed.")
    members = tab.get_by_role("list", name="Lawyers on the team")
    await expect(members).to_contain_text("Amina Wekesa")
    await expect(members).to_contain_text("Lead counsel")
    await fits(tab)

    await tab.get_by_role("link", name="The audit trail of this case").click()
    trail = tab.get_by_role("region", name="Audit trail")
    await expect(trail).to_be_visible()
    await expect(trail.locator("tbody tr").first).to_contain_text("Put on the case team")
    await expect(trail.locator("tbody tr").first).to_contain_text(username)
    await expect(trail).to_contain_text("Case opened")
    await fits(tab)
    await shoot(tab, f"audit-trail-{width}")
