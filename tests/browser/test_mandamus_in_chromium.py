"""A lawyer on a 360 px phone takes the judicial review that enforces an award along Order 53:
leave sought and granted, then a notice of motion a day too late, recorded with the warning in
words; in English and Kiswahili, the applicant named in the title as the court styles it."""

from datetime import date

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from service.usecases.awards.compensation import AwardStep, record_award_step
from tests.browser.conftest import PHONE, shoot, sign_in
from tests.browser.test_recording_an_award import NO_SIDEWAYS_SCROLL
from tests.conftest import Account, empty_tables
from tests.factories import RULES, TEST_ACTOR, awarded_and_part_paid

WORDS = {
    "en": {
        "intake": "Intake",
        "seek": "Leave sought (chamber summons ex parte)",
        "sought": "Leave sought",
        "grant": "Leave granted",
        "motion": "Notice of motion filed",
        "ended": "The 21 days from the leave granted on 15 July 2024 ended on 5 August 2024",
        "late": "Recorded out of time: the notice of motion came 22 days after leave",
    },
    "sw": {
        "intake": "Mapokezi",
        "seek": "Ruhusa imeombwa (wito wa chemba, upande mmoja)",
        "sought": "Ruhusa imeombwa",
        "grant": "Ruhusa imetolewa",
        "motion": "Notisi ya hoja imewasilishwa",
        "ended": (
            "Siku 21 tangu ruhusa iliyotolewa tarehe 15 Julai 2024 ziliisha tarehe 5 Agosti 2024"
        ),
        "late": "Imerekodiwa nje ya muda: notisi ya hoja ilikuja siku 22 baada ya ruhusa",
    },
}


async def review_of_an_enforced_award(engine: AsyncEngine, lawyer: Account) -> str:
    """The award served on the Attorney General in February 2024, enforced on 1 July 2024."""
    sessions = make_sessionmaker(engine)
    award = await awarded_and_part_paid(sessions, lead=lawyer.user.id)
    async with sessions() as session:
        step = AwardStep("enforce", award.version, date(2024, 7, 1))
        award, _ = await record_award_step(session, TEST_ACTOR, award.id, step, RULES)
    return str(award.enforcement_case_id)


async def take(tab: Page, trigger: str, on: str, **fields: str) -> None:
    step = tab.locator(f"#step-{trigger}")
    if not await step.evaluate("details => details.open"):
        await step.locator("summary").click()
    for name, value in {"occurred_on": on, **fields}.items():
        await tab.locator(f"#step-{trigger}-{name}").fill(value)
    await step.locator("button[type=submit]").click()


@pytest.mark.parametrize("lang", ["en", "sw"])
async def test_a_lawyer_on_a_phone_takes_the_review_from_leave_to_a_late_motion(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account], lang: str
) -> None:
    words = WORDS[lang]
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    review = await review_of_an_enforced_award(engine, lawyer)
    await tab.set_viewport_size(PHONE)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.goto(f"/web/language/{lang}?next=/web/cases/{review}")
    await expect(tab.locator("h1")).to_have_text(
        "Republic v Accounting Officer, Attorney General ex parte Test Person"
    )
    await expect(tab.locator("#stage-title .stage")).to_have_text(words["intake"])
    await expect(tab.locator("#step-seek_leave summary")).to_contain_text(words["seek"])
    await expect(tab.locator("#step-file")).to_have_count(0)

    await take(
        tab, "seek_leave", "2024-07-08", court_number="JR Misc. Application No. E101 of 2024"
    )
    await expect(tab.locator("#stage-title .stage")).to_have_text(words["sought"])
    await take(tab, "grant_leave", "2024-07-15")
    await expect(tab.locator("#stage-title .stage")).to_have_text(words["grant"])
    motion = tab.locator("#step-file_notice_of_motion")
    await motion.locator("summary").click()
    await expect(motion.locator(".warning")).to_contain_text(words["ended"])
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the step form is wider than the phone"
    await shoot(tab, f"mandamus-motion-{lang}")
    await tab.set_viewport_size(PHONE)

    await take(tab, "file_notice_of_motion", "2024-08-06")
    await expect(tab.locator("#stage-title .stage")).to_have_text(words["motion"])
    await expect(tab.get_by_role("alert")).to_contain_text(words["late"])
    await expect(tab.locator(".timeline .warning")).to_contain_text("22")
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the case page is wider than the phone"
    await shoot(tab, f"mandamus-late-{lang}")
