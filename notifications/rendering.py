"""Lays a composed letter out as plain text, HTML or a PDF, from the templates beside this
module.

The templates hold layout only; every word in them comes from the catalogs. HTML is
autoescaped, so a value typed into a record (a case title, a name) is never markup. The PDF is
the HTML letter printed by WeasyPrint on A4, with its print stylesheet (page numbers in the
footer, the letterhead at the top): what the browser prints is what the PDF holds.
"""

import textwrap
from enum import StrEnum
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from notifications.composed_letter import ComposedLetter, InterestLine, Row

WIDTH = 76
"""Plain-text letters are wrapped to fit an e-mail or a terminal."""


class LetterFormat(StrEnum):
    TEXT = "text"
    HTML = "html"
    PDF = "pdf"


def wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=" " * len(indent),
        break_long_words=False,
        break_on_hyphens=False,
    )


def amount_row(row: Row) -> str:
    """The label wrapped on the left, the amount on its last line, flush right."""
    room = WIDTH - len(row.amount) - 2
    lines = textwrap.wrap(row.label, room, break_long_words=False) or [""]
    last = f"{lines[-1]:<{room}}  {row.amount}"
    rule = [" " * (WIDTH - len(row.amount)) + "-" * len(row.amount)] if row.total else []
    return "\n".join([*rule, *lines[:-1], last])


def interest_row(line: InterestLine) -> str:
    return amount_row(Row(line.described, line.interest))


def css_string(text: str) -> Markup:
    """A catalog word as a CSS string in the stylesheet, where HTML escaping does not apply."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{escaped}"')


TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
TEMPLATES.filters.update(
    wrap=wrap, amount_row=amount_row, interest_row=interest_row, css_string=css_string
)


def render(letter: ComposedLetter, form: LetterFormat) -> str:
    """The letter as text or HTML; a PDF is bytes: `render_pdf`."""
    suffix = "txt" if form is LetterFormat.TEXT else "html"
    return TEMPLATES.get_template(f"demand_letter.{suffix}").render(letter=letter)


def render_pdf(letter: ComposedLetter) -> bytes:
    """The HTML letter printed on A4. WeasyPrint is imported here: it loads Pango from the
    system when imported, and only this call needs it."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=render(letter, LetterFormat.HTML)).write_pdf()
    return pdf
