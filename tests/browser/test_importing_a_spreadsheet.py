"""An administrator on a 360 px phone checks a register with one bad row, reads what is wrong
with it by row, column and sentence in their language, puts it right, checks the file again
and imports it; in Kiswahili and English. The refused check is photographed for the
administrator's guide (docs/screenshots/imports-*.png)."""

from pathlib import Path

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.browser.test_in_chromium import UNLABELLED
from tests.conftest import Account, empty_tables
from tests.web.test_form_once import count
from tests.web.test_imports_page import BAD, cases_file, row

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"
WORDS = {
    "sw": {
        "page": "Ingiza kutoka kwa lahajedwali",
        "holds": "Faili lina nini",
        "cases": "Kesi",
        "file": "Faili",
        "check": "Kagua faili",
        "nothing": "Hakuna kilichoingizwa",
        "column": "Mahakama [court_level]",
        "sentence": "“kadhi_court” si mojawapo ya",
        "passed": "Kila safumlalo imepita ukaguzi.",
        "import": "Ingiza safumlalo hizi 2",
        "imported": "Faili limeingizwa: Kesi.",
    },
    "en": {
        "page": "Import from a spreadsheet",
        "holds": "What the file holds",
        "cases": "Cases",
        "file": "File",
        "check": "Check the file",
        "nothing": "Nothing was imported",
        "column": "Court [court_level]",
        "sentence": "“kadhi_court” is not one of",
        "passed": "Every row passed the check.",
        "import": "Import these 2 rows",
        "imported": "The file is imported: Cases.",
    },
}


def as_uploaded(data: bytes) -> dict[str, object]:
    return {"name": "register.csv", "mimeType": "text/csv", "buffer": data}


@pytest.mark.parametrize("lang", ["sw", "en"])
async def test_an_administrator_puts_a_refused_row_right_and_imports_the_file(
    tab: Page, engine: AsyncEngine, accounts: dict[str, Account], lang: str
) -> None:
    words = WORDS[lang]
    await empty_tables(engine)
    admin = accounts["admin"]
    await tab.set_viewport_size(PHONE)
    await sign_in(tab, admin.user.username, admin.password)
    await tab.goto(f"/web/language/{lang}?next=/web/admin")
    await tab.get_by_role("link", name=words["page"]).click()
    await expect(tab.get_by_role("heading", level=1)).to_have_text(words["page"])
    assert await tab.evaluate(UNLABELLED) == [], "form fields without a label"

    await tab.get_by_label(words["holds"]).select_option(label=words["cases"])
    await tab.get_by_label(words["file"], exact=True).set_input_files(
        as_uploaded(cases_file(row(1), BAD))  # type: ignore[arg-type]
    )
    await tab.get_by_role("button", name=words["check"]).click()
    await expect(tab.get_by_role("alert")).to_contain_text(words["nothing"])
    refused = tab.locator("table.problems tbody tr")
    await expect(refused).to_have_count(1)
    await expect(refused.locator("td").nth(0)).to_have_text("3")
    await expect(refused.locator("td").nth(1)).to_have_text(words["column"])
    await expect(refused.locator("td").nth(2)).to_contain_text(words["sentence"])
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the refused rows are wider than the phone"
    DOCS.mkdir(parents=True, exist_ok=True)
    for size in (DESKTOP, PHONE):
        await tab.set_viewport_size(size)
        shot = DOCS / f"imports-{lang}-{size['width']}.png"
        await tab.screenshot(path=str(shot), full_page=True)
    await assert_accessible(tab)
    await tab.set_viewport_size(PHONE)

    await expect(tab.get_by_label(words["holds"])).to_have_value("cases")
    await tab.get_by_label(words["file"], exact=True).set_input_files(
        as_uploaded(cases_file(row(1), row(2)))  # type: ignore[arg-type]
    )
    await tab.get_by_role("button", name=words["check"]).click()
    await expect(tab.get_by_role("status")).to_contain_text(words["passed"])
    assert await count(engine, "cases") == 0
    await tab.get_by_role("button", name=words["import"]).click()
    await expect(tab.get_by_role("status")).to_contain_text(words["imported"])
    assert await count(engine, "cases") == 2
    assert await count(engine, "import_drafts") == 0
    assert await tab.evaluate(NO_SIDEWAYS_SCROLL), "the result is wider than the phone"
    await assert_accessible(tab)
