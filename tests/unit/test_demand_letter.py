"""The demand letter's wording and layout without a database: Babel's formats, the variants a
record calls for, the plain-text table and HTML escaping."""

import re
import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from domain.awards import AwardHead, FollowUp, FollowUpKind, HeadKind
from domain.interest import Head, statement
from domain.interest_schedule import interest_schedule
from domain.stages import CourtLevel
from notifications.demand_letter import compose
from notifications.formatting import long_date, shillings, yearly_rate
from notifications.i18n import Language
from notifications.letter_facts import Claim, DemandLetter, Office
from notifications.rendering import WIDTH, LetterFormat, render

EN, SW = Language.EN, Language.SW
AWARD = uuid.uuid4()
GENERAL = AwardHead(
    award_id=AWARD, kind=HeadKind.GENERAL, amount=Decimal("1000000"), interest_from=date(2021, 3, 1)
)


def make_claim(*heads: AwardHead, rate: str = "12", **changes: object) -> Claim:
    heads = heads or (GENERAL,)
    ordered = tuple(Head(h.kind, h.amount, h.interest_from) for h in heads)
    claim = Claim(
        decree_holder="Amani Example",
        respondent="National Police Service",
        department="",
        accounting_officer="",
        certificate_on=date(2021, 3, 22),
        served_on=date(2021, 4, 1),
        rate_percent=Decimal(rate),
        rate_as_ordered=f"{rate}% p.a. from judgment",
        heads=heads,
        statement=statement(ordered, Decimal(rate), (), date(2022, 3, 1)),
        schedule=interest_schedule(ordered, Decimal(rate), (), date(2022, 3, 1)),
        follow_ups=(),
        in_enforcement=False,
    )
    return replace(claim, **changes)  # type: ignore[arg-type]


def make_letter(*heads: AwardHead, rate: str = "12", **changes: object) -> DemandLetter:
    letter_fields = {k: v for k, v in changes.items() if k in DemandLetter.__dataclass_fields__}
    claim = make_claim(
        *heads, rate=rate, **{k: v for k, v in changes.items() if k not in letter_fields}
    )
    letter = DemandLetter(
        dated=date(2022, 3, 1),
        our_reference="HAKI/LIT/2021/001",
        court_level=CourtLevel.HIGH_COURT,
        court_station="Nyeri",
        court_number="HCCC 45 of 2015",
        title="A.B. v Attorney General",
        judgment_on=date(2021, 3, 1),
        claims=(claim,),
        pay_within_days=30,
        office=Office("Haki"),
        organisation="Haki",
        lead_counsel="Achieng Odhiambo",
    )
    return replace(letter, **letter_fields)  # type: ignore[arg-type]


def text_of(letter: DemandLetter, language: Language = EN) -> str:
    """The plain-text letter with its line breaks undone (no-break spaces stay as they are)."""
    return re.sub(r"[ \n]+", " ", render(compose(letter, language), LetterFormat.TEXT))


@pytest.mark.parametrize(
    ("language", "money", "day", "rate"),
    [
        (EN, "Ksh1,234,567.89", "2 February 2026", "12.5%"),
        (SW, "Ksh\xa01,234,567.89", "2 Februari 2026", "12.5%"),
    ],
)
def test_babel_formats_for_kenya(language: Language, money: str, day: str, rate: str) -> None:
    assert shillings(Decimal("1234567.891"), language) == money
    assert long_date(date(2026, 2, 2), language) == day
    assert yearly_rate(Decimal("12.50"), language) == rate
    assert yearly_rate(Decimal("12.00"), language) == "12%"


def test_amounts_stand_flush_right_under_a_rule_before_the_total() -> None:
    lines = render(compose(make_letter(), EN), LetterFormat.TEXT).splitlines()
    statement = lines[: lines.index("Interest, head by head and period by period")]
    table = [line for line in statement if "Ksh" in line and not line.startswith("We ")]
    # 1,000,000 x 12% for the 365 days from 1 March 2021 to 1 March 2022
    assert [line.split("  ")[-1].strip() for line in table] == [
        "Ksh1,000,000.00",
        "Ksh120,000.00",
        "Ksh0.00",
        "Ksh1,120,000.00",
    ]
    assert all(len(line) == WIDTH for line in table)
    rule = lines[lines.index(table[-1]) - 1]
    assert rule.strip() == "-" * len("Ksh1,120,000.00") and len(rule) == WIDTH
    assert all(len(line) <= WIDTH for line in lines)


def test_one_day_to_pay_is_singular_in_english() -> None:
    assert "within 1 day of the date" in text_of(make_letter(pay_within_days=1))
    assert "ndani ya siku 1 tangu" in text_of(make_letter(pay_within_days=1), SW)


def test_an_award_bearing_no_interest_claims_none() -> None:
    costs = AwardHead(award_id=AWARD, kind=HeadKind.COSTS, amount=Decimal("75000"))
    text = text_of(make_letter(costs))
    assert "The court awarded the sums set out below." in text
    assert "Interest at" not in text and "further interest" not in text
    assert "We therefore demand payment of Ksh75,000.00 within 30 days" in text


def test_several_heads_are_totalled_and_only_those_bearing_interest_say_from_when() -> None:
    general = AwardHead(
        award_id=AWARD,
        kind=HeadKind.GENERAL,
        amount=Decimal("500000"),
        interest_from=date(2021, 3, 1),
    )
    costs = AwardHead(award_id=AWARD, kind=HeadKind.COSTS, amount=Decimal("75000"))
    text = text_of(make_letter(general, costs), SW)
    assert "Fidia ya jumla (riba kuanzia tarehe 1 Machi 2021) Ksh\xa0500,000.00" in text
    assert "Gharama za kesi kama zilivyokadiriwa Ksh\xa075,000.00" in text
    assert "Jumla iliyoamriwa Ksh\xa0575,000.00" in text
    # 500,000 x 12% x 365/365; the costs bear none
    assert "Riba ya 12% kwa mwaka hadi tarehe 1 Machi 2022 Ksh\xa060,000.00" in text


def test_in_enforcement_the_letter_points_to_the_proceedings_under_way() -> None:
    text = text_of(make_letter(in_enforcement=True))
    assert "are already before the court" in text
    assert "will, without further notice, apply" not in text


def test_html_escapes_every_value() -> None:
    hostile = '<i>x</i> & "y"'
    letter = make_letter(
        our_reference=hostile,
        court_station=hostile,
        court_number=hostile,
        title=hostile,
        decree_holder=hostile,
        respondent=hostile,
        rate_as_ordered=hostile,
        organisation=hostile,
        office=Office(hostile),
        lead_counsel=hostile,
        follow_ups=(
            FollowUp(
                award_id=AWARD, on=date(2021, 5, 3), kind=FollowUpKind.EMAIL, reference=hostile
            ),
        ),
    )
    html = render(compose(letter, SW), LetterFormat.HTML)
    assert "<i>" not in html
    escaped = "&lt;i&gt;x&lt;/i&gt; &amp; &#34;y&#34;"
    assert html.count(escaped) >= 11, "each value, each time it appears"
    assert "3 Mei 2021: barua pepe, kumb. yetu " + escaped in html


def test_the_rate_is_written_as_the_decree_gives_it() -> None:
    # 1,000,000 x 12.5% for 365 days
    assert "Interest at 12.5% a year to 1 March 2022 Ksh125,000.00" in text_of(
        make_letter(rate="12.5")
    )
    no_rate = text_of(make_letter(rate="0"))
    assert "Interest at" not in no_rate and "further interest" not in no_rate
    assert "General damages Ksh1,000,000.00" in no_rate
