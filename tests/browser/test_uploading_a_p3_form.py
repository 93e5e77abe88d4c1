"""A lawyer on a 360 px phone records a survivor's P3 examination on the case page and uploads
the P3 form to it; a program renamed as a PDF is refused in words beside the file field; in
English and Kiswahili."""

from pathlib import Path

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.browser.conftest import PHONE, shoot, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.factories import registered_case

P3 = Path(__file__).parent.parent / "fixtures" / "documents" / "p3-form.pdf"
WORDS = {
    "en": {
        "record": "Record an examination",
        "form": "Form filled in",
        "p3": "P3 form (police medical examination)",
        "day": "Day of the examination",
        "by": "Examined by (as the examiner signed)",
        "where": "Where (hospital, police surgery, mortuary)",
        "stands": "How the findings stand to the account",
        "highly": "Highly consistent with the account",
        "recorded": "The examination is recorded.",
        "upload": "Upload a document",
        "file": "File",
        "what": "What the document is",
        "kind": "P3 form",
        "attached": "Attached to",
        "kept": "The document is sealed and kept with the case.",
        "program": "The file is a program",
        "download": "Download",
    },
    "sw": {
        "record": "Rekodi uchunguzi",
        "form": "Fomu iliyojazwa",
        "p3": "Fomu ya P3 (uchunguzi wa kitabibu wa polisi)",
        "day": "Siku ya uchunguzi",
        "by": "Alichunguzwa na (kama mchunguzi alivyotia sahihi)",
        "where": "Mahali (hospitali, kliniki ya daktari wa polisi, chumba cha maiti)",
        "stands": "Jinsi matokeo yanavyohusiana na maelezo",
        "highly": "Vinaendana sana na maelezo ya manusura",
        "recorded": "Uchunguzi umerekodiwa.",
        "upload": "Pakia hati",
        "file": "Faili",
        "what": "Aina ya hati",
        "kind": "Fomu ya P3",
        "attached": "Inahusu",
        "kept": "Hati imefungwa kwa usimbaji fiche na kuhifadhiwa pamoja na kesi.",
        "program": "Faili hili ni programu",
        "download": "Pakua",
    },
}
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("lang", ["en", "sw"])
async def test_a_lawyer_on_a_phone_uploads_a_p3_form_to_an_examination(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account], lang: str, tmp_path: Path
) -> None:
    words = WORDS[lang]
    await empty_tables(engine)
    lawyer = accounts["lawyer"]
    case, _ = await registered_case(make_sessionmaker(engine), lead=lawyer.user.id)
    await tab.set_viewport_size(PHONE)
    await sign_in(tab, lawyer.user.username, lawyer.password)
    await tab.goto(f"/web/language/{lang}?next=/web/cases/{case.id}")

    examination = tab.locator("details#examination")
    await examination.locator("summary").click()
    await expect(examination.locator("summary")).to_have_text(words["record"])
    await examination.get_by_label(words["form"]).select_option(label=words["p3"])
    await examination.get_by_label(words["day"]).fill("2024-03-04")
    await examination.get_by_label(words["by"]).fill("Dr. A. Njoroge, police surgeon")
    await examination.get_by_label(words["where"]).fill("Nairobi Police Surgery")
    await examination.get_by_label(words["stands"]).select_option(label=words["highly"])
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"
    await examination.locator("button[type=submit]").click()
    await expect(tab.get_by_role("status")).to_contain_text(words["recorded"])
    await expect(tab.locator("article.examination h3")).to_contain_text(words["p3"])

    program = tmp_path / "p3-form.pdf"
    program.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64)
    upload = tab.locator("details#document")
    await upload.locator("summary").click()
    await expect(upload.locator("summary")).to_have_text(words["upload"])
    await upload.get_by_label(words["file"], exact=True).set_input_files(str(program))
    await upload.get_by_label(words["what"]).select_option(label=words["kind"])
    await upload.get_by_label(words["attached"]).select_option(index=1)
    await upload.locator("button[type=submit]").click()
    await expect(tab.locator("#document-file-error")).to_contain_text(words["program"])

    upload = tab.locator("details#document")
    await upload.get_by_label(words["file"], exact=True).set_input_files(str(P3))
    await upload.get_by_label(words["what"]).select_option(label=words["kind"])
    await upload.get_by_label(words["attached"]).select_option(index=1)
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the upload form is wider than the phone"
    await shoot(tab, f"p3-upload-{lang}")
    await tab.set_viewport_size(PHONE)
    await upload.locator("button[type=submit]").click()

    await expect(tab.get_by_role("status")).to_contain_text(words["kept"])
    filed = tab.locator("article.examination ul.documents li")
    await expect(filed).to_contain_text(words["kind"])
    await expect(filed).to_contain_text("p3-form.pdf")
    await expect(filed.get_by_role("link", name=words["download"])).to_be_visible()
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the case page is wider than the phone"
