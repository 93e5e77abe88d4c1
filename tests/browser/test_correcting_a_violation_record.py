"""A lawyer on a 360 px phone opens a survivor's violation record, keeps a medical report on it,
corrects it (and, sent after a colleague's correction, is refused in words with what they typed
kept), and links it to the survivor's case; in English and Kiswahili."""

from pathlib import Path

import msgspec
import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from service.usecases.records.violation_changes import ViolationChange, change_violation
from service.usecases.records.violations import ViolationIn, record_violation
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE, shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.factories import TEST_ACTOR, registered_case

P3 = Path(__file__).parent.parent / "fixtures" / "documents" / "p3-form.pdf"
BEATEN = {"year": 2024, "month": 6, "county": "Nairobi", "types": ["torture"], "agency": "gsu"}
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"
WORDS = {
    "en": {
        "open": "Open the record",
        "upload": "Upload a document",
        "file": "File",
        "what": "What the document is",
        "kind": "Medical report",
        "kept": "The document is sealed and kept with the record.",
        "download": "Download",
        "correct": "Correct the record",
        "unit": "Unit or station",
        "corrected": "The record is corrected.",
        "stale": "Someone corrected this record since the page was drawn",
        "link": "Link to a case",
        "linked": "The record is linked to the case.",
    },
    "sw": {
        "open": "Fungua rekodi",
        "upload": "Pakia hati",
        "file": "Faili",
        "what": "Aina ya hati",
        "kind": "Ripoti ya daktari",
        "kept": "Hati imefungwa kwa usimbaji fiche na kuhifadhiwa pamoja na rekodi.",
        "download": "Pakua",
        "correct": "Sahihisha rekodi",
        "unit": "Kikosi au kituo",
        "corrected": "Rekodi imesahihishwa.",
        "stale": "Mtu mwingine amesahihisha rekodi hii",
        "link": "Unganisha na kesi",
        "linked": "Rekodi imeunganishwa na kesi.",
    },
}


@pytest.mark.parametrize("lang", ["en", "sw"])
async def test_a_lawyer_keeps_a_report_on_a_violation_corrects_it_and_links_its_case(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account], lang: str
) -> None:
    words = WORDS[lang]
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    sessions = make_sessionmaker(engine)
    case, code = await registered_case(sessions, lead=lawyer.user.id)
    async with sessions() as session:
        entry = msgspec.convert(BEATEN, ViolationIn)
        violation = await record_violation(session, TEST_ACTOR, code, entry, None)
    await tab.set_viewport_size(PHONE)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.goto(f"/web/language/{lang}?next=/web/survivors/{code}/violations")
    await tab.get_by_role("link", name=words["open"]).click()
    await expect(tab.locator("h1")).to_contain_text(code)
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"

    upload = tab.locator("details#document")
    await upload.locator("summary").click()
    await expect(upload.locator("summary")).to_have_text(words["upload"])
    await upload.get_by_label(words["file"], exact=True).set_input_files(str(P3))
    await upload.get_by_label(words["what"]).select_option(label=words["kind"])
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the upload form is wider than the phone"
    await upload.locator("button[type=submit]").click()
    await expect(tab.get_by_role("status")).to_contain_text(words["kept"])
    kept = tab.locator("#documents ul.documents li")
    await expect(kept).to_contain_text("p3-form.pdf")
    await expect(kept.get_by_role("link", name=words["download"])).to_be_visible()

    correction = tab.locator("#correct details")
    await correction.locator("summary").click()
    await correction.locator("#v-day").fill("25")
    await correction.get_by_label(words["unit"]).fill("Kilimani Police Station")
    await shoot(tab, f"violation-correction-{lang}")
    await tab.set_viewport_size(PHONE)
    await correction.locator("button[type=submit]").click()
    await expect(tab.get_by_role("status")).to_contain_text(words["corrected"])
    await expect(tab.locator("#facts")).to_contain_text("Kilimani Police Station")

    async with sessions() as session:  # a colleague corrects it while the page is open
        given = msgspec.convert(BEATEN | {"version": 2, "unit": "Capitol Hill"}, ViolationChange)
        await change_violation(session, TEST_ACTOR, violation.id, given)
    correction = tab.locator("#correct details")
    await correction.locator("summary").click()
    await correction.get_by_label(words["unit"]).fill("Muthaiga Police Station")
    await correction.locator("button[type=submit]").click()
    await expect(tab.locator("#correct")).to_contain_text(words["stale"])
    await expect(correction.get_by_label(words["unit"])).to_have_value("Muthaiga Police Station")
    await expect(tab.locator("#facts")).to_contain_text("Capitol Hill")

    await tab.locator("#cases").get_by_label(words["link"]).select_option(label=case.reference)
    await tab.locator("#cases form button[type=submit]").last.click()
    await expect(tab.get_by_role("status")).to_contain_text(words["linked"])
    await expect(tab.locator("#cases").get_by_role("link", name=case.reference)).to_be_visible()
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the record's page is wider than the phone"
    await assert_accessible(tab)
