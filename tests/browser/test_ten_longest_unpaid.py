"""An advocacy officer picks the ten awards unpaid longest since judgment for a campaign and
downloads them, in Chromium at 1366 px and on a 360 px phone: twelve awards, judged a year
apart, come oldest first on the page and in the CSV, by survivor code and never by name."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.awards import HeadKind
from domain.stages import JudgmentOutcome
from service.database import make_sessionmaker
from service.usecases.awards.orders import AwardOrder, HeadIn, record_award
from service.usecases.cases.court_track import Step, record_step
from tests.browser.conftest import DESKTOP, PHONE, shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.factories import RULES, TEST_ACTOR, registered_case

AWARDS = 12
WIDTHS = {"1366px": DESKTOP, "360px": PHONE}


async def twelve_awards(engine: AsyncEngine) -> list[str]:
    """One award per case, judged in 2012, 2013, …; their case references, oldest first."""
    sessions = make_sessionmaker(engine)
    references = []
    for n in range(AWARDS):
        year = 2012 + n
        reference = f"HAKI/U/{n:02d}"
        case, code = await registered_case(
            sessions, reference=reference, opened_on=date(year - 1, 1, 10)
        )
        steps = [
            ("file", date(year - 1, 2, 1), {"court_number": f"Petition No. {n + 1} of {year - 1}"}),
            ("exchange_pleadings", date(year - 1, 3, 1), {}),
            ("set_down_for_hearing", date(year - 1, 6, 1), {}),
            ("reserve_judgment", date(year - 1, 10, 1), {}),
            ("deliver_judgment", date(year, 1, 15), {"outcome": JudgmentOutcome.ALLOWED}),
        ]
        for version, (trigger, on, facts) in enumerate(steps, start=1):
            async with sessions() as session:
                step = Step(trigger=trigger, version=version, occurred_on=on, **facts)  # type: ignore[arg-type]
                case, _ = await record_step(session, TEST_ACTOR, case.id, step)
        async with sessions() as session:
            heads = [HeadIn(HeadKind.GENERAL, Decimal(100_000 * (n + 1)), "judgment")]
            order = AwardOrder(code, "Attorney General", heads, "court rates", Decimal("12"))
            await record_award(session, TEST_ACTOR, case.id, order, RULES)
        references.append(reference)
    return references


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_an_officer_finds_the_ten_longest_unpaid_and_downloads_them(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account], width: str
) -> None:
    await empty_tables(engine)
    oldest_first = await twelve_awards(engine)
    advocacy = accounts["advocacy"]
    await tab.set_viewport_size(WIDTHS[width])
    await sign_in(tab, advocacy.user.username, advocacy.password)
    await tab.get_by_role("link", name="Unpaid awards").click()
    await tab.get_by_role("link", name="The unpaid awards one by one").click()
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"
    await tab.get_by_label("Sort by").select_option("since_judgment")
    await tab.get_by_role("button", name="Show").click()
    await tab.wait_for_url("**/web/unpaid/awards?*sort=since_judgment*")
    rows = tab.locator("tbody tr")
    await expect(rows).to_have_count(AWARDS)
    ten = [await rows.nth(n).locator("td").nth(0).inner_text() for n in range(10)]
    shown = " ".join([await rows.nth(n).inner_text() for n in range(10)])
    for reference in oldest_first[:10]:
        assert reference in shown, f"{reference} is not among the ten longest unpaid"
    assert oldest_first[0] in await rows.first.inner_text(), "the oldest judgment comes first"
    assert all(code.strip().startswith("S-") for code in ten), "by survivor code"
    await expect(tab.locator("body")).not_to_contain_text("Test Person")
    await shoot(tab, f"ten-longest-unpaid-{width}")
    await tab.set_viewport_size(WIDTHS[width])

    async with tab.expect_download() as download:
        await tab.get_by_role("link", name="Download this list (CSV)").click()
    got = await download.value
    assert got.suggested_filename.startswith("unpaid-awards-list-")
    table = list(csv.DictReader(io.StringIO((await got.path()).read_text())))
    assert [row["case_reference"] for row in table[:10]] == oldest_first[:10]
    assert "Test Person" not in (await got.path()).read_text()
