"""The letter for several decree holders, whom it is copied to, its letterhead, its interest
schedule and its PDF, without a database; figures worked by hand."""

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from domain.awards import AwardHead, HeadKind
from notifications.demand_letter import compose
from notifications.i18n import Language
from notifications.letter_facts import Office
from notifications.rendering import LetterFormat, render, render_pdf
from tests.unit.test_demand_letter import AWARD, make_claim, make_letter, text_of

EN, SW = Language.EN, Language.SW
OFFICER = "Inspector-General of the National Police Service"


def two_claimants() -> object:
    first = make_claim(accounting_officer=OFFICER, department="National Police Service")
    exemplary = AwardHead(
        award_id=AWARD, kind=HeadKind.EXEMPLARY, amount=Decimal("200000"),
        interest_from=date(2021, 3, 1),
    )  # fmt: skip
    aggravated = AwardHead(
        award_id=AWARD, kind=HeadKind.AGGRAVATED, amount=Decimal("100000"),
        interest_from=date(2021, 3, 1),
    )  # fmt: skip
    second = replace(
        make_claim(exemplary, aggravated),
        decree_holder="Baraka Example",
        accounting_officer="Principal Secretary, State Department for Internal Security",
    )
    return make_letter(claims=(first, second))


def test_one_letter_names_every_decree_holder_with_a_schedule_each_and_the_case_total() -> None:
    text = text_of(two_claimants())  # type: ignore[arg-type]
    assert "We act for Amani Example and Baraka Example, the decree holders" in text
    assert "Statement of the sums due to Amani Example as at 1 March 2022" in text
    assert "Statement of the sums due to Baraka Example as at 1 March 2022" in text
    # exemplary and aggravated damages are heads of their own, each with its interest:
    # 200,000 x 12% x 365/365 = 24,000.00 and 100,000 x 12% = 12,000.00; owed 336,000.00
    assert "Exemplary damages (interest from 1 March 2021) Ksh200,000.00" in text
    assert "Aggravated damages (interest from 1 March 2021) Ksh100,000.00" in text
    assert (
        "Exemplary damages: Ksh200,000.00 at 12% from 1 March 2021 to 1 March 2022, "
        "365 days Ksh24,000.00" in text
    )
    # 1,120,000.00 (Amani) + 336,000.00 (Baraka) = 1,456,000.00
    assert "Amani Example Ksh1,120,000.00 Baraka Example Ksh336,000.00" in text
    assert "Total outstanding in this matter Ksh1,456,000.00" in text
    assert "We therefore demand payment of Ksh1,456,000.00, with further interest at 12%" in text
    assert "Advocate for the decree holders" in text


def test_the_letter_is_copied_to_each_accounting_officer_once() -> None:
    letter = compose(two_claimants(), EN)  # type: ignore[arg-type]
    assert letter.copy_to == (
        OFFICER,
        "Principal Secretary, State Department for Internal Security",
    )
    county = make_claim(department="County Government of Nakuru")
    assert compose(make_letter(claims=(county,)), SW).copy_to == (
        "Afisa Masuhuli, County Government of Nakuru",
    )
    assert compose(make_letter(), EN).copy_to == ()


def test_the_letterhead_carries_the_office_from_the_settings() -> None:
    office = Office(
        "Haki Legal Aid Centre",
        ("P.O. Box 12345-00100", "Nairobi"),
        "+254 20 123 4567",
        "legal@haki.example",
        "data:image/png;base64,iVBORw0KGgo=",
    )
    letter = make_letter(office=office)
    text = render(compose(letter, SW), LetterFormat.TEXT)
    assert text.splitlines()[:5] == [
        "Haki Legal Aid Centre",
        "P.O. Box 12345-00100",
        "Nairobi",
        "Simu: +254 20 123 4567",
        "Barua pepe: legal@haki.example",
    ]
    html = render(compose(letter, EN), LetterFormat.HTML)
    assert '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">' in html
    assert "Tel.: +254 20 123 4567 · E-mail: legal@haki.example" in html
    assert "@media print" in html and "size: A4" in html


def pdf_text(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_pdf_holds_the_sums_and_numbers_its_pages_in_both_languages() -> None:
    pages = pdf_text(render_pdf(compose(two_claimants(), EN)))  # type: ignore[arg-type]
    assert pdf_text_has(pages, "Ksh1,456,000.00")
    assert pdf_text_has(pages, "Ksh1,120,000.00") and pdf_text_has(pages, "Ksh336,000.00")
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1))
    swahili = pdf_text(render_pdf(compose(two_claimants(), SW)))  # type: ignore[arg-type]
    assert pdf_text_has(swahili, "Ksh 1,456,000.00") and "Ukurasa 1 kati ya" in swahili[0]
    assert pdf_text_has(swahili, "Sahihi")


def pdf_text_has(pages: list[str], phrase: str) -> bool:
    return any(phrase.replace("\xa0", " ") in page.replace("\xa0", " ") for page in pages)
