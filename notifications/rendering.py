"""Lays a composed letter out as plain text or HTML, from the templates beside this module.

The templates hold layout only; every word in them comes from the catalogs. HTML is
autoescaped, so a value typed into a record (a case title, a name) is never markup.
"""

import textwrap
from enum import StrEnum
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from notifications.demand_letter import ComposedLetter, Row

WIDTH = 76
"""Plain-text letters are wrapped to fit an e-mail or a terminal."""


class LetterFormat(StrEnum):
    TEXT = "text"
    HTML = "html"


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


TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
TEMPLATES.filters.update(wrap=wrap, amount_row=amount_row)


SUFFIX = {LetterFormat.TEXT: "txt", LetterFormat.HTML: "html"}


def render(letter: ComposedLetter, form: LetterFormat) -> str:
    return TEMPLATES.get_template(f"demand_letter.{SUFFIX[form]}").render(letter=letter)
