"""A demand letter once worded: translated lines and tables, ready for `notifications.rendering`
to lay out as plain text, HTML or PDF. Nothing here is a fact to compute; it is all words."""

from dataclasses import dataclass

from notifications.i18n import Language


@dataclass(frozen=True)
class Row:
    label: str
    amount: str
    total: bool = False


@dataclass(frozen=True)
class InterestLine:
    """One row of the interest schedule, every cell already written in the reader's language."""

    head: str
    principal: str
    rate: str
    since: str
    until: str
    days: str
    interest: str
    described: str
    """the row as one sentence, for the plain-text letter"""


@dataclass(frozen=True)
class Schedule:
    """One decree holder's statement: the sums, then the interest head by head and period."""

    heading: str
    certified: str | None
    """the certificate this claim rests on, in a letter for several decree holders"""
    rows: tuple[Row, ...]
    interest_heading: str | None
    interest_columns: tuple[str, ...]
    interest_lines: tuple[InterestLine, ...]


@dataclass(frozen=True)
class Letterhead:
    name: str
    lines: tuple[str, ...]
    """postal address lines, then telephone and e-mail as the reader's language writes them"""
    logo: str | None
    """a data: URI, so the HTML page and the PDF carry the image themselves"""


@dataclass(frozen=True)
class ComposedLetter:
    language: Language
    letterhead: Letterhead
    reference: str
    dated: str
    addressee: tuple[str, ...]
    copy_heading: str
    copy_to: tuple[str, ...]
    salutation: str
    subject: tuple[str, ...]
    facts: tuple[str, ...]
    follow_ups_intro: str | None
    follow_ups: tuple[str, ...]
    schedules: tuple[Schedule, ...]
    totals_heading: str | None
    totals: tuple[Row, ...]
    """the case's totals, in a letter for several decree holders"""
    demand: tuple[str, ...]
    closing: str
    signature: str
    """the caption of the line the advocate signs on"""
    sign_off: tuple[str, ...]
    page_words: tuple[str, str]
    """"Page" and "of", for the PDF's page numbers ("Page 1 of 2")"""
