"""Kenyan court numbers and neutral citations, parsed as registries write them and normalised."""

import re
from dataclasses import dataclass
from datetime import date

E_FILING_SINCE = 2020
FIRST_YEAR = 1895  # the East Africa Protectorate's courts: no Kenyan matter is older
EXAMPLE = '"Petition No. E123 of 2021"'

# (how registries write the series, the canonical name Haki stores), most specific first
SERIES: tuple[tuple[str, str], ...] = (
    (
        r"(?:judicial\s+review|jr)\s+misc(?:ellaneous|\.)?\s*(?:application|appl\.?|app\.?)",
        "JR Misc. Application",
    ),
    (r"misc(?:ellaneous|\.)?\s*(?:civil\s+)?(?:application|appl\.?|app\.?)", "Misc. Application"),
    (r"(?:constitutional\s+)?petition", "Petition"),
    (r"hccc|h\.c\.c\.c\.?|high\s+court\s+civil\s+case", "HCCC"),
    (r"cmcc|c\.m\.c\.c\.?|chief\s+magistrates?'?\s+civil\s+case", "CMCC"),
    (r"elrc\s+(?:cause|claim)|(?:industrial\s+)?cause", "ELRC Cause"),
    (r"elc\s+(?:case|suit)|environment\s+and\s+land\s+case", "ELC Case"),
    (r"civil\s+appeal", "Civil Appeal"),
    (r"criminal\s+appeal", "Criminal Appeal"),
    (r"(?:hc\s+)?civil\s+suit", "Civil Suit"),
    (r"criminal\s+case", "Criminal Case"),
    (r"inquest", "Inquest"),
)

_NUMBER_WORD = r"(?:number|no\s*[.:]?)?"
_PATTERNS = tuple(
    (re.compile(rf"^\s*({alias})\s*{_NUMBER_WORD}\s*(?P<rest>.*)$", re.IGNORECASE), canonical)
    for alias, canonical in SERIES
)
_NUMBER = re.compile(r"^(?P<e>e)?(?P<digits>\d{1,6})\b", re.IGNORECASE)
_YEAR = re.compile(r"^of\s+(?P<year>\d+)\s*\.?\s*$", re.IGNORECASE)


class CourtNumberError(ValueError):
    pass


@dataclass(frozen=True)
class CourtNumber:
    series: str
    number: str
    year: int

    def __str__(self) -> str:
        return f"{self.series} {self.number} of {self.year}"


def _refuse(text: str, why: str) -> CourtNumberError:
    return CourtNumberError(
        f"'{text.strip()}' is not a court number: {why}; expected something like {EXAMPLE}"
    )


def _check_year(text: str, year_text: str, today: date, error: type[ValueError]) -> int:
    year = int(year_text)
    if len(year_text) != 4:
        raise error(f"'{text.strip()}': the year must have four digits, e.g. 2021")
    if not FIRST_YEAR <= year <= today.year:
        raise error(
            f"'{text.strip()}': the year {year} is not between {FIRST_YEAR} and {today.year}"
        )
    return year


def parse_court_number(text: str, *, today: date | None = None) -> CourtNumber:
    """Reads `Petition No. E123 of 2021`, `HCCC 45 of 2015` and their kin; refuses with a reason."""
    today = today or date.today()
    if not text.strip():
        raise _refuse(text, "it is empty")
    matches = ((pattern.match(text), series) for pattern, series in _PATTERNS)
    head, series = next(((m, series) for m, series in matches if m), (None, ""))
    if head is None:
        known = ", ".join(canonical for _, canonical in SERIES)
        raise _refuse(text, f"the series is not one Haki knows ({known})")
    rest = head.group("rest").strip()
    number = _NUMBER.match(rest)
    if number is None:
        raise _refuse(text, "no number after the series")
    year = _YEAR.match(rest[number.end() :].strip())
    if year is None:
        raise _refuse(text, 'no year ("… of 2021")')
    year_value = _check_year(text, year.group("year"), today, CourtNumberError)
    digits = number.group("digits")
    if number.group("e"):
        if year_value < E_FILING_SINCE:
            raise _refuse(text, f"the E prefix is the e-filing series, used since {E_FILING_SINCE}")
        return CourtNumber(series, "E" + digits, year_value)
    return CourtNumber(series, str(int(digits)), year_value)


COURTS = ("KESC", "KECA", "KEHC", "KEELRC", "KEELC", "KEMC")
_CITATION = re.compile(
    r"^\s*\[\s*(?P<year>\d+)\s*\]\s*(?P<court>[a-z]+)\s+(?P<number>\d{1,6})\s*(?:\(\s*klr\s*\))?\s*$",
    re.IGNORECASE,
)


class CitationError(ValueError):
    pass


@dataclass(frozen=True)
class NeutralCitation:
    year: int
    court: str
    number: int

    def __str__(self) -> str:
        return f"[{self.year}] {self.court} {self.number} (KLR)"


def parse_neutral_citation(text: str, *, today: date | None = None) -> NeutralCitation:
    """Reads `[2022] KEHC 11609 (KLR)`, with or without `(KLR)`, for the courts Haki follows."""
    today = today or date.today()
    found = _CITATION.match(text)
    if found is None:
        raise CitationError(
            f"'{text.strip()}' is not a neutral citation; expected something like "
            '"[2022] KEHC 11609 (KLR)"'
        )
    court = found.group("court").upper()
    if court not in COURTS:
        raise CitationError(
            f"'{text.strip()}': {court} is not a court Haki follows ({', '.join(COURTS)})"
        )
    year = _check_year(text, found.group("year"), today, CitationError)
    return NeutralCitation(year, court, int(found.group("number")))
