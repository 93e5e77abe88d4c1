"""Gettext catalogs for English and Swahili, compiled in memory from the .po files at start."""

from enum import StrEnum
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

CATALOGS = Path(__file__).parent / "catalogs"
DOMAIN = "haki"


class Language(StrEnum):
    EN = "en"
    SW = "sw"

    @property
    def locale(self) -> str:
        """Babel's locale for the language as it is written in Kenya."""
        return f"{self.value}_KE"


def N_(message: str) -> str:
    """Marks a message for extraction where it is only translated later, when it is shown."""
    return message


def catalog_path(language: Language) -> Path:
    return CATALOGS / language.value / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: Language) -> Translations:
    """Compiled once per process from the .po file, so no .mo binary lives in the repository.

    Fuzzy entries are left out, as `pybabel compile` leaves them out: an unreviewed
    translation falls back to the English message rather than reaching a reader.
    """
    with catalog_path(language).open("rb") as source:
        catalog = read_po(source, locale=language.value, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def load_catalogs() -> None:
    """Compiles every catalog now, so a broken .po file stops the start, not a letter."""
    for language in Language:
        translations(language)
