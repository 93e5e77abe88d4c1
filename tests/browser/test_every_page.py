"""Every page of the route table in Chromium: axe at 1366 and 360 px, and the main pages
photographed in both languages and widths for the docs (docs/screenshots, rewritten each run)."""

from datetime import date
from pathlib import Path

from litestar import Litestar
from playwright.async_api import Browser
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from notifications.i18n import Language
from service.database import make_sessionmaker
from service.demo import load_demo_cases
from tests.browser.axe import WIDTHS, violations
from tests.browser.conftest import sign_in
from tests.conftest import Account, empty_tables
from tests.pages import addresses

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MAIN = """SELECT a.case_id, a.id FROM awards a WHERE a.stage = 'partially_paid' LIMIT 1"""
SPOKEN_FOR = """SELECT s.code FROM survivors s JOIN case_claimants cc ON cc.survivor_id = s.id
    JOIN case_team t ON t.case_id = cc.case_id
    WHERE t.user_id = :lawyer AND EXISTS (SELECT 1 FROM contacts c WHERE c.survivor_id = s.id)
    ORDER BY s.code LIMIT 1"""
"""a survivor of the lawyer's cases with contacts, for the contacts page's photograph"""


async def test_every_page_passes_axe_and_the_main_ones_are_photographed(
    chromium: Browser,
    served: str,
    app: Litestar,
    engine: AsyncEngine,
    accounts: dict[str, Account],
) -> None:
    await empty_tables(engine)
    leads = {
        "Grace Muthoni (administrator)": accounts["admin"].user.id,
        "Achieng Odhiambo": accounts["lawyer"].user.id,
    }
    await load_demo_cases(make_sessionmaker(engine), date.today(), leads)
    async with engine.connect() as db:
        case_id, award_id = (await db.execute(text(MAIN))).one()
        lawyer_id = accounts["lawyer"].user.id
        spoken_for = (await db.execute(text(SPOKEN_FOR), {"lawyer": lawyer_id})).scalar_one()
    main = {
        "week": "/web/",
        "cases": "/web/cases",
        "case": f"/web/cases/{case_id}",
        "unpaid": "/web/unpaid",
        "ledger": f"/web/awards/{award_id}/ledger",
        "contacts": f"/web/survivors/{spoken_for}/contacts",
    }
    walked = await addresses(app, engine, per_id=1)
    found: list[str] = []
    for role, language in (
        ("lawyer", Language.SW),
        ("admin", Language.EN),
        ("advocacy", Language.EN),
    ):
        context = await chromium.new_context(base_url=served, locale="en-KE")
        page = await context.new_page()
        account = accounts[role]
        await sign_in(page, account.user.username, account.password)
        await context.add_cookies([{"name": "haki_lang", "value": language.value, "url": served}])
        for address in walked:
            answer = await page.goto(address)
            if answer and answer.headers.get("content-type", "").startswith("text/html"):
                found += [f"{address}: {v}" for v in await violations(page)]
        await context.close()
    assert not found, "\n".join(found)
    lawyer = accounts["lawyer"]
    DOCS.mkdir(parents=True, exist_ok=True)
    for language in Language:
        context = await chromium.new_context(base_url=served, locale="en-KE")
        page = await context.new_page()
        await sign_in(page, lawyer.user.username, lawyer.password)
        await context.add_cookies([{"name": "haki_lang", "value": language.value, "url": served}])
        for name, address in main.items():
            await page.goto(address)
            for size in WIDTHS:
                await page.set_viewport_size(size)
                shot = DOCS / f"{name}-{language.value}-{size['width']}.png"
                await page.screenshot(path=str(shot))
        await context.close()
