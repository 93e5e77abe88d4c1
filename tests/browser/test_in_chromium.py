"""What staff do in a real browser (headless Chromium): the issue's scenarios, end to end."""

import re
from datetime import UTC, date, datetime, timedelta

from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.cases import Case
from domain.hearings import HearingPurpose
from service.database import make_sessionmaker
from service.usecases.cases.court_track import Step, record_step
from service.usecases.hearings.court_dates import schedule
from service.usecases.hearings.dates_in import HearingIn
from tests.browser.conftest import shoot, sign_in
from tests.conftest import Account, empty_tables
from tests.factories import TEST_ACTOR, awarded_and_part_paid, registered_case

UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(field => field.labels.length === 0).map(field => field.name)"""
TO_RESERVED = ("file", "exchange_pleadings", "set_down_for_hearing", "reserve_judgment")


async def reserved_with_a_sitting_yesterday(engine: AsyncEngine, lead: Account) -> Case:
    """A petition whose judgment is reserved, with yesterday's mention not yet recorded."""
    await empty_tables(engine)
    sessions = make_sessionmaker(engine)
    case, _ = await registered_case(sessions, lead=lead.user.id, opened_on=date(2024, 1, 8))
    for version, trigger in enumerate(TO_RESERVED, start=1):
        facts = {"court_number": "Petition E77 of 2024"} if trigger == "file" else {}
        async with sessions() as session:
            on = date(2024, 1, 8) + timedelta(days=30 * version)
            case, _ = await record_step(
                session, TEST_ACTOR, case.id, Step(trigger, version, on, **facts)
            )
    async with sessions() as session:
        await schedule(
            session,
            TEST_ACTOR,
            case.id,
            HearingIn(
                starts_at=datetime.now(UTC) - timedelta(days=1),
                purpose=HearingPurpose.JUDGMENT_DELIVERY,
                recorded_after_the_fact=True,
            ),
        )
    return case


async def test_a_lawyer_records_an_adjournment_and_the_judgment(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    lawyer = accounts["lawyer"]
    case = await reserved_with_a_sitting_yesterday(engine, lawyer)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await expect(tab.get_by_role("heading", name="My week")).to_be_visible()
    await shoot(tab, "week")
    await tab.get_by_role("link", name="Cases", exact=True).click()
    await tab.get_by_role("searchbox", name="Find").fill("petition no. e77 of 2024")
    await tab.get_by_role("button", name="Find").click()
    await expect(tab.get_by_role("status")).to_have_text("1 case")
    await shoot(tab, "cases")
    await tab.get_by_role("link", name=case.reference).first.click()
    await expect(tab.get_by_role("heading", name=case.title)).to_be_visible()
    await shoot(tab, "case")

    await tab.get_by_text("Record an adjournment").click()
    await tab.get_by_label("Why the court adjourned").fill("The judgment was not ready")
    next_week = (date.today() + timedelta(days=7)).isoformat()
    await tab.get_by_label("Next date and time (Nairobi)").fill(f"{next_week}T09:30")
    await tab.get_by_role("button", name="Record the adjournment").click()
    await expect(tab.get_by_role("status")).to_contain_text("Recorded")
    hearings = tab.locator("#hearings")
    await expect(hearings.get_by_text("Adjourned: The judgment was not ready")).to_be_visible()
    await expect(hearings.get_by_text("after 1 adjournment")).to_be_visible()

    await tab.get_by_text("Judgment delivered").first.click()
    form = tab.locator("#step-deliver_judgment")
    await form.get_by_label("Date it happened").fill(date.today().isoformat())
    await form.get_by_label("Outcome").select_option("allowed")
    await form.get_by_label("Note").fill("Kshs 2,000,000 general damages")
    await form.get_by_role("button").click()
    await expect(tab.locator("#stage-title .stage")).to_have_text("Judgment")
    timeline = tab.locator("#timeline")
    await expect(timeline.get_by_text("Kshs 2,000,000 general damages")).to_be_visible()
    await expect(timeline.get_by_text(re.compile("Judgment delivery — Adjourned"))).to_be_visible()
    await shoot(tab, "case-judged")


async def test_a_refused_form_keeps_what_was_typed(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    lawyer = accounts["lawyer"]
    case = await reserved_with_a_sitting_yesterday(engine, lawyer)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.goto(f"/web/cases/{case.id}")
    unlabelled = await tab.evaluate(UNLABELLED)
    assert unlabelled == [], "form fields without a label"
    await tab.keyboard.press("Tab")
    await expect(tab.get_by_role("link", name="Skip to the content")).to_be_focused()
    await tab.get_by_text("Judgment delivered").first.click()
    form = tab.locator("#step-deliver_judgment")
    future = (date.today() + timedelta(days=3)).isoformat()
    await form.get_by_label("Date it happened").fill(future)
    await form.get_by_label("Outcome").select_option("partly_allowed")
    await form.get_by_label("Note").fill("typed with care, not to be lost")
    await form.get_by_role("button").click()
    form = tab.locator("#step-deliver_judgment")
    await expect(form.locator(".error")).to_contain_text("The date of judgment")
    await expect(form.locator(".error")).not_to_contain_text("occurred_on")
    await expect(form.get_by_label("Date it happened")).to_have_value(future)
    await expect(form.get_by_label("Outcome")).to_have_value("partly_allowed")
    await expect(form.get_by_label("Note")).to_have_value("typed with care, not to be lost")
    await expect(tab.locator("#stage-title .stage")).to_have_text("Judgment reserved")
    await shoot(tab, "case-refused")


async def test_an_advocacy_officer_reads_unpaid_awards_and_downloads_the_csv(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await empty_tables(engine)
    await awarded_and_part_paid(make_sessionmaker(engine))
    advocacy = accounts["advocacy"]
    await tab.goto("/web/login")
    await shoot(tab, "login")
    await sign_in(tab, advocacy.user.username, advocacy.password)
    await tab.get_by_role("link", name="Unpaid awards").click()
    await expect(
        tab.get_by_role("heading", name="Court awards the State has not paid")
    ).to_be_visible()
    await expect(tab.locator(".figures")).to_contain_text("Ksh100,000.00")
    charts = tab.locator("img.chart")
    await expect(charts).to_have_count(2)
    for chart in await charts.all():
        await chart.scroll_into_view_if_needed()
        await expect(chart).to_have_js_property("complete", True)
        assert await chart.evaluate("img => img.naturalWidth") > 0
    await shoot(tab, "unpaid")
    section = tab.locator("section", has=tab.get_by_role("heading", name="By respondent"))
    async with tab.expect_download() as download:
        await section.get_by_role("link", name=re.compile("Download this table")).click()
    saved = await (await download.value).path()
    text = saved.read_text()
    assert text.startswith("respondent,awards,survivors,awarded")
    assert "Attorney General" in text or "other (fewer than 3 survivors)" in text


async def test_a_viewer_sees_no_personal_data(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await empty_tables(engine)
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    viewer = accounts["viewer"]
    await sign_in(tab, viewer.user.username, viewer.password)
    await tab.goto(f"/web/cases/{award.case_id}")
    await expect(tab.get_by_text("(names are shown only to the case's lawyers)")).to_be_visible()
    body = await tab.locator("body").inner_text()
    assert "Test Person" not in body
    assert await tab.locator("form[action$='/steps']").count() == 0
    await shoot(tab, "case-viewer")
    await tab.get_by_role("link", name="Kiswahili").click()
    await expect(tab.get_by_role("heading", name=re.compile("^Hatua"))).to_be_visible()
    await shoot(tab, "case-viewer-sw")


async def test_a_lawyer_makes_her_calendar_address(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.get_by_role("link", name="Calendar").click()
    await tab.get_by_role("button", name="Make a new calendar address").click()
    address = await tab.get_by_label("Calendar address").input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/calendar/[\w-]+\.ics", address), address
    feed = await tab.request.get(address)
    assert feed.ok and (await feed.text()).startswith("BEGIN:VCALENDAR")
    await shoot(tab, "calendar")
