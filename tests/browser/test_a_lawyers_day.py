"""A lawyer's whole day in Chromium, as the issue tells it: she opens a case for two survivors,
files it, sets a hearing and records its adjournment, records the judgment and each claimant's
award, the decree, the certificate of order and its service on the Attorney General, a payment
typed "Ksh 250,000", money passed on to the survivor, one follow-up for every award of the case,
and prints the demand letter; then opens a claimant's contacts and records consent.

In English at 1366 px, and in Kiswahili on a 360 px phone, where no page of the journey shows
an English string of the catalogs. The forms are found by their ids, the same in both
languages; axe runs on the main pages at both widths (`shoot`)."""

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.async_api import Locator, Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.calendar import nairobi_today
from notifications.i18n import Language, translations
from tests.browser.conftest import DESKTOP, PHONE, shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.pages import read
from tests.web.test_kiswahili_pages import ENGLISH_WORDS, english_only

SURVIVORS = ("Wanjiku Kamau", "Otieno Ouma")
REASONS = {"en": "The respondent's counsel was bereaved", "sw": "Wakili wa serikali alifiwa"}
TYPED = {
    *SURVIVORS,
    "HAKI/2026/DAY",
    "Kamau & Ouma v Inspector-General of Police",
    "Nairobi (Milimani)",
    "The Attorney General",
    "Attorney General",
    "Achieng Odhiambo",
    "National Treasury",
    "Mama Wanjiku",
    "English",
    "Kiswahili",
    "Haki",
    *REASONS.values(),
}
"""what the lawyer types: shown as written in either language"""
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


class Journey:
    """The tab, the day, and in Kiswahili every English string met on the way."""

    def __init__(self, tab: Page, lang: str, signed_in: str) -> None:
        self.tab = tab
        self.typed = TYPED | {signed_in}
        self.lang = lang
        self.today = nairobi_today(utcnow())
        self.english: dict[str, str] = {}
        self.untranslated = english_only()

    def day(self, days_ago: int) -> str:
        return (self.today - timedelta(days=days_ago)).isoformat()

    async def look(self) -> None:
        """Fails later on an English string on a Kiswahili page, and on a page wider than
        the phone or a field without a label in either language."""
        assert await self.tab.evaluate(NO_SIDEWAYS_SCROLL), f"{self.tab.url} scrolls sideways"
        assert await self.tab.evaluate(UNLABELLED) == [], f"unlabelled fields on {self.tab.url}"
        if self.lang != "sw":
            return
        for words in read(await self.tab.content()).texts:
            if words in self.typed:
                continue
            ours = words
            for typed in self.typed:
                ours = ours.replace(typed, "")
            if words in self.untranslated or ENGLISH_WORDS.search(ours):
                self.english.setdefault(words, self.tab.url)

    async def send(self, form: Locator) -> None:
        """Submits the form and waits for the page it leads to."""
        async with self.tab.expect_navigation():
            await form.locator("button[type=submit]").last.click()
        await expect(self.tab.locator("p.error")).to_have_count(0)
        await self.look()

    async def open(self, details: Locator) -> None:
        if not await details.evaluate("d => d.open"):
            await details.locator(":scope > summary").click()

    async def court_step(self, trigger: str, days_ago: int, **fields: str) -> None:
        form = self.tab.locator(f"#step-{trigger}")
        await self.open(form)
        await form.locator("[name=occurred_on]").fill(self.day(days_ago))
        for name, value in fields.items():
            field = form.locator(f"[name={name}]")
            if await field.evaluate("f => f.tagName") == "SELECT":
                await field.select_option(value)
            else:
                await field.fill(value)
        await self.send(form)

    async def award_form(self, award_id: str, form_id: str) -> Locator:
        """An award's row opened, its forms opened, and the one asked for opened."""
        row = self.tab.locator(f"#award-{award_id}")
        await self.open(row.locator("details.award-more"))
        await self.open(row.locator("details.actions"))
        form = row.locator(f"#{form_id}")
        await self.open(form)
        return form

    async def award_step(self, award_id: str, trigger: str, days_ago: int) -> None:
        form = await self.award_form(award_id, f"award-{award_id}-{trigger}")
        await form.locator("[name=occurred_on]").fill(self.day(days_ago))
        await self.send(form)


@pytest.mark.parametrize(("lang", "size"), [("en", DESKTOP), ("sw", PHONE)], ids=["en", "sw"])
async def test_a_lawyers_day_from_a_new_case_to_the_demand_letter(
    tab: Page,
    engine: AsyncEngine,
    accounts: dict[str, Account],
    lang: str,
    size: dict[str, int],
    tmp_path: Path,
) -> None:
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    await tab.set_viewport_size(size)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.goto(f"/web/language/{lang}?next=/web/cases/new")
    day = Journey(tab, lang, lawyer.user.full_name)
    await day.look()

    codes = []
    for name in SURVIVORS:
        survivor = tab.locator("#survivor form")
        await survivor.locator("[name=full_name]").fill(name)
        await day.send(survivor)
        codes.append(await tab.locator("#case-claimants").input_value())
    case = tab.locator("#case form")
    await case.locator("[name=reference]").fill("HAKI/2026/DAY")
    await case.locator("[name=title]").fill("Kamau & Ouma v Inspector-General of Police")
    await case.locator("[name=kind]").select_option("constitutional_petition")
    await case.locator("[name=court_level]").select_option("high_court")
    await case.locator("[name=court_station]").fill("Nairobi (Milimani)")
    await case.locator("[name=claimants]").fill(", ".join(codes))
    await case.locator("[name=respondents]").fill("The Attorney General")
    await case.locator("[name=lead_counsel]").fill("Achieng Odhiambo")
    await case.locator("[name=opened_on]").fill(day.day(400))
    await day.send(case)
    intake = translations(Language(lang)).gettext("Intake")
    await expect(tab.locator("#stage-title .stage")).to_have_text(intake)
    case_url = tab.url.split("?")[0]

    await day.court_step("file", 380, court_number=f"Petition E{day.today.year % 100}7 of 2025")
    await day.court_step("exchange_pleadings", 300)
    await day.court_step("set_down_for_hearing", 200)

    schedule = tab.locator("#schedule")
    await day.open(schedule)
    hearing_day = datetime.combine(day.today - timedelta(days=150), datetime.min.time())
    await schedule.locator("[name=starts_at]").fill(f"{hearing_day:%Y-%m-%d}T09:30")
    await schedule.locator("[name=purpose]").select_option("hearing")
    await schedule.locator("[name=recorded_after_the_fact]").check()
    await day.send(schedule)
    adjourn = tab.locator("details[id^=adjourn-]").first
    await day.open(adjourn)
    await adjourn.locator("[name=reason]").fill(REASONS[lang])
    next_week = day.today + timedelta(days=7)
    await adjourn.locator("[name=next_starts_at]").fill(f"{next_week:%Y-%m-%d}T09:00")
    await day.send(adjourn)
    await expect(tab.locator("#hearings .status-adjourned")).to_have_count(1)

    await day.court_step("reserve_judgment", 100)
    await day.court_step("deliver_judgment", 90, outcome="allowed")

    for code in codes:
        award = tab.locator("#award")
        await day.open(award)
        await award.locator("[name=claimant]").select_option(code)
        await award.locator("[name=general_amount]").fill("Ksh 1,500,000")
        await award.locator("[name=rate][value=court]").check()
        await day.send(award)
    rows = tab.locator("tbody.award")
    await expect(rows).to_have_count(2)
    awards = [
        (await row.get_attribute("id") or "").removeprefix("award-") for row in await rows.all()
    ]
    await expect(tab.locator("table.awards tfoot")).to_contain_text("3,000,000.00")

    for award_id in awards:
        await day.award_step(award_id, "extract_decree", 80)
        await day.award_step(award_id, "issue_certificate", 50)
        await day.award_step(award_id, "serve_on_ag", 40)
    await expect(tab.locator("#award-" + awards[0] + " td").nth(4)).to_have_text("40")

    first = awards[0]
    pay = await day.award_form(first, f"pay-{first}")
    await pay.locator("[name=received_on]").fill(day.day(10))
    await pay.locator("[name=amount]").fill("Ksh 250,000")
    await pay.locator("[name=payer]").fill("National Treasury")
    await pay.locator("[name=reference]").fill("TRS/2026/118")
    await day.send(pay)
    assert tab.url.endswith(f"#award-{first}"), "back at the award paid"
    await expect(tab.locator(f"#award-{first} details.award-more")).to_have_attribute("open", "")
    await expect(tab.locator(f"#award-{first} td").nth(2)).to_contain_text("250,000.00")

    chase = tab.locator("#chase-case")
    await day.open(chase)
    await chase.locator("[name=on]").fill(day.day(3))
    await chase.locator("[name=kind]").select_option("letter")
    await chase.locator("[name=reference]").fill("HAKI/AG/2026/31")
    await day.send(chase)
    for award_id in awards:
        await expect(tab.locator(f"#award-{award_id} td").last).not_to_have_text(
            re.compile("^(none|hakuna)$", re.I)
        )
    await shoot(tab, f"day-case-{lang}")
    await tab.set_viewport_size(size)

    await day.open(tab.locator(f"#award-{first} details.award-more"))
    await tab.locator(f"#award-{first} a[href$='/ledger']").click()
    disburse = tab.locator("#disburse form")
    await disburse.locator("[name=paid_on]").fill(day.day(2))
    await disburse.locator("[name=amount]").fill("200,000")
    await disburse.locator("[name=method]").select_option("mpesa")
    await disburse.locator("[name=beneficiary]").fill(SURVIVORS[0])
    await disburse.locator("[name=reference]").fill("QGH12XYZ")
    await day.send(disburse)
    await expect(tab.locator("#entries")).to_contain_text(SURVIVORS[0])
    await shoot(tab, f"day-ledger-{lang}")
    await tab.set_viewport_size(size)

    await tab.locator(f"a[href*='demand-letter?format=html&lang={lang}']").click()
    await expect(tab.locator("body")).to_contain_text("Ksh")
    await day.look()
    printed = tmp_path / "demand-letter.pdf"
    await tab.pdf(path=str(printed))
    assert printed.read_bytes().startswith(b"%PDF")

    await tab.goto(case_url)
    await tab.locator(f"a[href='/web/survivors/{codes[0]}/contacts']").click()
    await day.look()
    add = tab.locator("#add form")
    await add.locator("[name=name]").fill("Mama Wanjiku")
    await add.locator("[name=relationship]").fill("mother" if lang == "en" else "mama")
    await add.locator("[name=language]").select_option("sw")
    await add.locator("[name=channel]").select_option("sms")
    await add.locator("[name=phone]").fill("0712 345 678")
    await day.send(add)
    consent = tab.locator("details[id^=consent-]").first
    await day.open(consent)
    await consent.locator("[name=way]").select_option("in_person")
    await day.send(consent)
    await expect(tab.locator(".contact dd strong").first).to_contain_text(lawyer.user.username)
    await shoot(tab, f"day-contacts-{lang}")
    assert not day.english, "English on Kiswahili pages:\n" + "\n".join(
        f"{words!r} on {url}" for words, url in day.english.items()
    )
