"""Court numbers and neutral citations as Kenyan registries and law reports write them."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.court_numbers import (
    COURTS,
    SERIES,
    CitationError,
    CourtNumber,
    CourtNumberError,
    parse_court_number,
    parse_neutral_citation,
)

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Petition No. E123 of 2021", "Petition E123 of 2021"),
        ("Petition 572 of 2013", "Petition 572 of 2013"),
        ("HCCC No. 3874 of 1994", "HCCC 3874 of 1994"),
        ("CMCC No. 6783 of 2014", "CMCC 6783 of 2014"),
        ("ELRC Cause 12 of 2019", "ELRC Cause 12 of 2019"),
        ("ELC Case No 491 of 2015", "ELC Case 491 of 2015"),
        (
            "Judicial Review Miscellaneous Application E001 of 2021",
            "JR Misc. Application E001 of 2021",
        ),
        ("JR Misc. Appl. E001 of 2021", "JR Misc. Application E001 of 2021"),
        ("Misc. Application No. E001 of 2021", "Misc. Application E001 of 2021"),
        ("Civil Appeal E290 of 2023", "Civil Appeal E290 of 2023"),
        ("Constitutional Petition No. 5 of 2020", "Petition 5 of 2020"),
        ("  petition  no:  e5 of 2022. ", "Petition E5 of 2022"),
        ("Petition Number 0572 of 2013", "Petition 572 of 2013"),
        ("ELRC Cause No.12 of 2019", "ELRC Cause 12 of 2019"),
        ("Criminal Case 88 of 2019", "Criminal Case 88 of 2019"),
        ("Criminal Appeal 7 of 2020", "Criminal Appeal 7 of 2020"),
        ("Inquest No. 3 of 2017", "Inquest 3 of 2017"),
        ("Civil Suit 12 of 2018", "Civil Suit 12 of 2018"),
    ],
)
def test_registry_forms_normalise(written: str, normalised: str) -> None:
    assert str(parse_court_number(written, today=TODAY)) == normalised


def test_parts_are_kept() -> None:
    assert parse_court_number("Petition No. E123 of 2021", today=TODAY) == CourtNumber(
        "Petition", "E123", 2021
    )


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("Divorce Cause 1 of 2020", "the series is not one Haki knows"),
        ("Petition twelve of 2020", "no number after the series"),
        ("Petition 12", r'no year \("… of 2021"\)'),
        ("Petition 12 of 21", "the year must have four digits"),
        ("Petition 12 of 2027", "the year 2027 is not between 1895 and 2026"),
        ("Petition E12 of 2015", "the E prefix is the e-filing series, used since 2020"),
    ],
)
def test_refusals_say_what_is_wrong(written: str, reason: str) -> None:
    with pytest.raises(CourtNumberError, match=reason):
        parse_court_number(written, today=TODAY)


def test_a_refusal_shows_a_valid_example() -> None:
    with pytest.raises(CourtNumberError, match=r'expected something like "Petition No\. E123'):
        parse_court_number("Petition 12", today=TODAY)


@given(
    series=st.sampled_from([canonical for _, canonical in SERIES]),
    e_filed=st.booleans(),
    digits=st.integers(min_value=1, max_value=999_999),
    year=st.integers(min_value=1895, max_value=TODAY.year),
)
def test_every_normalised_form_reads_back_as_itself(
    series: str, e_filed: bool, digits: int, year: int
) -> None:
    e_filed = e_filed and year >= 2020
    number = CourtNumber(series, f"E{digits:03d}" if e_filed else str(digits), year)
    assert parse_court_number(str(number), today=TODAY) == number


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("[2022] KEHC 11609 (KLR)", "[2022] KEHC 11609 (KLR)"),
        ("[2022] kehc 11609", "[2022] KEHC 11609 (KLR)"),
        (" [ 2019 ]  KECA  12 ( klr ) ", "[2019] KECA 12 (KLR)"),
        ("[2023] KEELRC 1500 (KLR)", "[2023] KEELRC 1500 (KLR)"),
    ],
)
def test_neutral_citations_normalise(written: str, normalised: str) -> None:
    assert str(parse_neutral_citation(written, today=TODAY)) == normalised


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2022 KEHC 1", "not a neutral citation"),
        ("[2022] XYZ 1", "XYZ is not a court Haki follows"),
        ("[2031] KEHC 1", "the year 2031 is not between"),
        ("[22] KEHC 1", "four digits"),
    ],
)
def test_bad_citations_say_what_is_wrong(written: str, reason: str) -> None:
    with pytest.raises(CitationError, match=reason):
        parse_neutral_citation(written, today=TODAY)


@given(court=st.sampled_from(COURTS), year=st.integers(1895, 2026), number=st.integers(1, 99999))
def test_every_citation_reads_back_as_itself(court: str, year: int, number: int) -> None:
    citation = parse_neutral_citation(f"[{year}] {court} {number}", today=TODAY)
    assert parse_neutral_citation(str(citation), today=TODAY) == citation
