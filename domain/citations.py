"""Citations of a judgment: the neutral citation Kenya Law gives since 2021 (and back-fills),
and the older eKLR citation, which names no number and so is kept as written, without a link."""

import re
from dataclasses import dataclass
from datetime import date

from domain.court_numbers import check_year
from domain.errors import N_, Said

COURTS = ("KESC", "KECA", "KEHC", "KEELRC", "KEELC", "KEMC")
KENYA_LAW = "https://new.kenyalaw.org/akn/ke/judgment"
_NEUTRAL = re.compile(
    r"^\s*\[\s*(?P<year>\d+)\s*\]\s*(?P<court>[a-z]+)\s+(?P<number>\d{1,6})\s*(?:\(\s*klr\s*\))?\s*$",
    re.IGNORECASE,
)
_EKLR = re.compile(r"^\s*(?P<parties>.*?)\s*[\[(]\s*(?P<year>\d+)\s*[\])]\s*eKLR\s*\.?\s*$", re.I)


class CitationError(ValueError):
    """A neutral citation that cannot be read; `why` says why as a catalog sentence."""

    def __init__(self, text: str, why: Said) -> None:
        super().__init__(f"'{text.strip()}': {why}")
        self.why = why


@dataclass(frozen=True)
class NeutralCitation:
    year: int
    court: str
    number: int | None
    """None for an eKLR citation, which Kenya Law numbered by no court series"""
    parties: str = ""
    """the parties as an eKLR citation names them: without them "[2017] eKLR" is ambiguous"""

    def __str__(self) -> str:
        if self.number is None:
            return f"{self.parties} [{self.year}] eKLR".strip()
        return f"[{self.year}] {self.court} {self.number} (KLR)"

    @property
    def url(self) -> str | None:
        """The judgment's page at Kenya Law; an eKLR citation does not say which page."""
        if self.number is None:
            return None
        return f"{KENYA_LAW}/{self.court.lower()}/{self.year}/{self.number}"


def parse_neutral_citation(text: str, *, today: date | None = None) -> NeutralCitation:
    """Reads `[2022] KEHC 11609 (KLR)`, with or without `(KLR)`, or `Osire v AG [2017] eKLR`."""
    today = today or date.today()
    older = _EKLR.match(text)
    if older is not None:
        year = check_year(text, older.group("year"), today, CitationError)
        return NeutralCitation(year, "eKLR", None, re.sub(r"\s+", " ", older.group("parties")))
    found = _NEUTRAL.match(text)
    if found is None:
        raise CitationError(
            text,
            Said(
                N_(
                    "it is not a neutral citation; expected something like "
                    "[2022] KEHC 11609 (KLR) or, for older judgments, [2017] eKLR"
                )
            ),
        )
    court = found.group("court").upper()
    if court not in COURTS:
        raise CitationError(
            text,
            Said(
                N_("%(court)s is not a court Haki follows (%(courts)s)"),
                {"court": court, "courts": ", ".join(COURTS)},
            ),
        )
    year = check_year(text, found.group("year"), today, CitationError)
    return NeutralCitation(year, court, int(found.group("number")))


def citation_url(text: str | None) -> str | None:
    """The Kenya Law page of a stored citation, for a link; None when there is none to give."""
    if not text:
        return None
    try:
        return parse_neutral_citation(text).url
    except CitationError:
        return None
