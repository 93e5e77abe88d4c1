"""Court numbers and neutral citations as Kenyan registries and law reports write them."""

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.citations import COURTS, CitationError, parse_neutral_citation
from domain.court_numbers import CourtNumber, CourtNumberError, parse_court_number
from domain.court_series import SERIES

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
            "JR Misc. Application E1 of 2021",
        ),
        ("JR Misc. Appl. E001 of 2021", "JR Misc. Application E1 of 2021"),
        ("Misc. Application No. E001 of 2021", "Misc. Application E1 of 2021"),
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


def test_a_refusal_names_the_field_and_shows_a_valid_example() -> None:
    with pytest.raises(CourtNumberError, match=r'^Court number .* e\.g\. "Petition No\. E123'):
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
    number = CourtNumber(series, f"E{digits}" if e_filed else str(digits), year)
    assert parse_court_number(str(number), today=TODAY) == number


PRINTED = Path(__file__).parent.parent / "fixtures" / "printed_court_numbers.csv"
with PRINTED.open(newline="", encoding="utf-8") as rows:
    FIXTURE = list(csv.DictReader(rows))


def test_the_fixture_holds_a_hundred_printed_forms_each_with_its_source() -> None:
    assert len(FIXTURE) >= 100
    assert all(row["source"].startswith("http") for row in FIXTURE)


@pytest.mark.parametrize(
    "row", [r for r in FIXTURE if r["kind"] == "number"], ids=lambda r: r["as_printed"]
)
def test_numbers_as_judgments_print_them_normalise(row: dict[str, str]) -> None:
    number = parse_court_number(row["as_printed"], today=TODAY)
    assert str(number) == row["normal_form"]
    assert (number.station or "") == row["station"]
    assert "; ".join(number.consolidated_with) == row["consolidated_with"]


@pytest.mark.parametrize(
    "row", [r for r in FIXTURE if r["kind"] == "citation"], ids=lambda r: r["as_printed"]
)
def test_citations_as_judgments_print_them_normalise(row: dict[str, str]) -> None:
    assert str(parse_neutral_citation(row["as_printed"], today=TODAY)) == row["normal_form"]


@pytest.mark.parametrize(
    ("written", "normalised", "station"),
    [  # the forms issue 19 reports refused (their numbers illustrative), beside the fixture
        ("Milimani CMCC No 1234 of 2019", "CMCC 1234 of 2019", "Nairobi (Milimani)"),
        ("Kakamega Civil Suit No. 12 of 2018", "Civil Suit 12 of 2018", "Kakamega"),
        ("Judicial Review Application E12 of 2023", "Judicial Review E12 of 2023", ""),
        ("Environment & Land Court Case 5 of 2020", "ELC Case 5 of 2020", ""),
        ("High Court Commercial Case 88 of 2019", "Commercial Case 88 of 2019", ""),
        ("Misc. Appln. No. 52 of 2016", "Misc. Application 52 of 2016", ""),
        ("Petition 29B of 2015", "Petition 29B of 2015", ""),
        ("Petition E45/2024", "Petition E45 of 2024", ""),
        ("Civil Suit 123/2015", "Civil Suit 123 of 2015", ""),
        ("Pet. No. 7 of 2019", "Petition 7 of 2019", ""),
        ("Const. Petition 3 of 2018", "Petition 3 of 2018", ""),
        ("ELRC Petition E7 of 2023", "Petition E7 of 2023", ""),
        ("Constitutional Reference 4 of 2009", "Constitutional Reference 4 of 2009", ""),
        ("HCCHRPET/E045/2026", "Petition E45 of 2026", ""),
    ],
)
def test_forms_refused_before_are_read(written: str, normalised: str, station: str) -> None:
    number = parse_court_number(written, today=TODAY)
    assert (str(number), number.station or "") == (normalised, station)


def test_zero_padded_e_filing_numbers_are_one_number() -> None:
    assert parse_court_number("Petition E019 of 2024", today=TODAY) == parse_court_number(
        "Petition E19 of 2024", today=TODAY
    )


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("Divorce Cause 1 of 2020", "the series is not one Haki knows"),
        ("Petition 1, 2 of 2020", "several numbers; write one, or mark them"),
        ("Petition 1 of 2020 Atlantis", "“Atlantis” after the year is not a station"),
        ("HCXYZ/E1/2024", "the e-filing code HCXYZ is not one Haki knows"),
    ],
)
def test_what_is_still_refused_names_the_field_and_shows_examples(
    written: str, reason: str
) -> None:
    with pytest.raises(CourtNumberError) as refused:
        parse_court_number(written, today=TODAY)
    assert str(refused.value).startswith(f"Court number '{written}' cannot be read: {reason}")
    assert 'e.g. "Petition No. E123 of 2021"' in str(refused.value)


def test_an_ekrl_citation_is_kept_without_a_link_and_a_neutral_one_links_to_kenya_law() -> None:
    older = parse_neutral_citation("[2017] eKLR", today=TODAY)
    assert (str(older), older.url) == ("[2017] eKLR", None)
    newer = parse_neutral_citation("[2022] KEHC 289 (KLR)", today=TODAY)
    assert newer.url == "https://new.kenyalaw.org/akn/ke/judgment/kehc/2022/289"


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
