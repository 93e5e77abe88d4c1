"""Kenyan court numbers parsed as registries and law reports print them, and normalised.

A station written before the series ("Milimani CMCC No. 45 of 2019") is read into the number's
`station`; several numbers of one year ("Petition E31, E32 & E33 of 2024 (Consolidated)") are a
lead number and the matters consolidated with it. E-filing numbers lose their padding: "E019"
and "E19" are one number, stored "E19", as plain numbers have always lost theirs ("0572" is 572).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from domain.court_series import COURT_INITIALS, E_FILING_SERIES, SERIES
from domain.errors import N_, Said
from domain.stations import station_named

E_FILING_SINCE = 2020
FIRST_YEAR = 1895  # the East Africa Protectorate's courts: no Kenyan matter is older
EXAMPLE = '"Petition No. E123 of 2021", "Milimani CMCC No. 45 of 2019" or "HCCHRPET/E045/2026"'

_NUMBER_WORD = r"(?:numbers?|nos?\s*[.:]?)?"
_PATTERNS = tuple(
    (
        re.compile(
            rf"^{COURT_INITIALS}(?:{alias})s?(?![a-z])\.?\s*{_NUMBER_WORD}\s*(?P<rest>.*)$",
            re.IGNORECASE,
        ),
        canonical,
    )
    for alias, canonical in SERIES
)
_ONE = r"E?\d{1,6}(?:[A-Z](?![A-Z]))?"
_NUMBERS = re.compile(
    rf"^(?P<numbers>{_ONE}(?:\s*(?:,|&|\band\b)\s*{_ONE})*)\s*"
    r"(?:of\s*\[?\s*(?P<year>\d+)\s*\]?|/\s*(?P<slash_year>\d+))"
    r"(?P<notes>(?:\s*\([^)]*\)?)*)\s*(?P<after>.*?)\s*\.?\s*$",
    re.IGNORECASE,
)
_ONE_NUMBER = re.compile(r"(?P<e>E)?(?P<digits>\d{1,6})(?P<suffix>[A-Z])?", re.IGNORECASE)
_E_FILING = re.compile(r"^\s*(?P<code>[A-Z]{2,})\s*/\s*(?P<rest>E?\d.*)$", re.IGNORECASE)
_CONSOLIDATED = re.compile(r"consolidated", re.IGNORECASE)


class CourtNumberError(ValueError):
    """A court number that cannot be read; `why` says why as a catalog sentence."""

    def __init__(self, text: str, why: Said) -> None:
        super().__init__(
            f"Court number '{text.strip()}' cannot be read: {why}. "
            f"Write it as the registry does, e.g. {EXAMPLE}"
        )
        self.why = why


@dataclass(frozen=True)
class CourtNumber:
    series: str
    number: str
    year: int
    station: str | None = None
    """the station the registry wrote before the series, as the station list names it"""
    consolidated: tuple[str, ...] = ()
    """the other numbers of a consolidated matter, same series and year"""

    def __str__(self) -> str:
        return f"{self.series} {self.number} of {self.year}"

    @property
    def consolidated_with(self) -> list[str]:
        return [f"{self.series} {number} of {self.year}" for number in self.consolidated]


class Unread(ValueError):
    """Why what follows the series cannot be read, before it is known as a court number."""

    def __init__(self, why: Said) -> None:
        super().__init__(str(why))
        self.why = why


def check_year(
    text: str, year_text: str, today: date, error: Callable[[str, Said], ValueError]
) -> int:
    year = int(year_text)
    if len(year_text) != 4:
        raise error(text, Said(N_("the year must have four digits, e.g. 2021")))
    if not FIRST_YEAR <= year <= today.year:
        raise error(
            text,
            Said(
                N_("the year %(year)s is not between %(first)s and %(last)s"),
                {"year": year, "first": FIRST_YEAR, "last": today.year},
            ),
        )
    return year


def _series(text: str) -> tuple[str, str, str | None]:
    """The series, what follows it, and the station written before it; raises ValueError."""
    cleaned = re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()
    code = _E_FILING.match(cleaned)
    if code:
        letters = code.group("code").upper()
        found = next((s for suffix, s in E_FILING_SERIES if letters.endswith(suffix)), None)
        if found is None:
            raise Unread(
                Said(N_("the e-filing code %(code)s is not one Haki knows"), {"code": letters})
            )
        return found, code.group("rest"), None
    for station_words in _leading_words(cleaned):
        station = station_named(station_words) if station_words else None
        if station_words and station is None:
            continue
        rest = cleaned[len(station_words) :].strip()
        for pattern, canonical in _PATTERNS:
            head = pattern.match(rest)
            if head and _NUMBERS.match(head.group("rest").strip()):
                return canonical, head.group("rest").strip(), station
        for pattern, canonical in _PATTERNS:
            head = pattern.match(rest)
            if head:
                return canonical, head.group("rest").strip(), station
    known = ", ".join(dict.fromkeys(canonical for _, canonical in SERIES))
    raise Unread(Said(N_("the series is not one Haki knows (%(known)s)"), {"known": known}))


def _leading_words(text: str) -> list[str]:
    """No station first, then the first one, two and three words, for "Homa Bay CMCC …"."""
    words = text.split(" ")
    return [""] + [" ".join(words[:n]) for n in (1, 2, 3) if n < len(words)]


def _number(text: str, written: str, year: int) -> str:
    found = _ONE_NUMBER.fullmatch(written.strip())
    if found is None:
        raise CourtNumberError(
            text, Said(N_("“%(written)s” is not a number"), {"written": written})
        )
    digits = str(int(found.group("digits"))) + (found.group("suffix") or "").upper()
    if found.group("e"):
        if year < E_FILING_SINCE:
            raise CourtNumberError(
                text,
                Said(
                    N_("the E prefix is the e-filing series, used since %(since)s"),
                    {"since": E_FILING_SINCE},
                ),
            )
        return "E" + digits
    return digits


def parse_court_number(text: str, *, today: date | None = None) -> CourtNumber:
    """Reads `Petition No. E123 of 2021`, `Milimani CMCC 45/2019` and their kin; refuses why not."""
    today = today or date.today()
    if not text.strip():
        raise CourtNumberError(text, Said(N_("it is empty")))
    try:
        series, rest, station = _series(text)
    except Unread as error:
        raise CourtNumberError(text, error.why) from None
    parts = _NUMBERS.match(rest)
    if parts is None:
        raise CourtNumberError(
            text,
            Said(N_('no year ("… of 2021")'))
            if re.match(r"E?\d", rest, re.I)
            else Said(N_("no number after the series")),
        )
    after = parts.group("after")
    if after:
        station = station or station_named(after)
        if station is None or station_named(after) != station:
            raise CourtNumberError(
                text,
                Said(
                    N_("“%(after)s” after the year is not a station Haki knows"), {"after": after}
                ),
            )
    year = check_year(
        text, parts.group("year") or parts.group("slash_year"), today, CourtNumberError
    )
    numbers = [
        _number(text, n, year) for n in re.split(r"\s*(?:,|&|\band\b)\s*", parts.group("numbers"))
    ]
    if len(numbers) > 1 and not _CONSOLIDATED.search(parts.group("notes")) and "&" not in rest:
        raise CourtNumberError(
            text, Said(N_("several numbers; write one, or mark them (Consolidated)"))
        )
    return CourtNumber(series, numbers[0], year, station, tuple(dict.fromkeys(numbers[1:])))


_BARE = re.compile(
    r"^(?:no\.?\s*)?(?P<number>E?\d{1,6}[A-Z]?)\s*(?:of\s*\[?\s*|/\s*)(?P<year>\d{4})\]?$",
    re.IGNORECASE,
)


def number_of_year(text: str) -> str | None:
    """A number and year written without the series ("E45/2024", "No. E045 of 2024"), as the
    end of a normalised court number ("E45 of 2024"), for a search across every series."""
    found = _BARE.match(re.sub(r"\s+", " ", text).strip())
    if found is None:
        return None
    number = _ONE_NUMBER.fullmatch(found.group("number"))
    if number is None:
        return None
    digits = str(int(number.group("digits"))) + (number.group("suffix") or "").upper()
    return f"{'E' if number.group('e') else ''}{digits} of {found.group('year')}"
