"""The message catalogs: complete in every language, compilable, and in step with the code."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from notifications.i18n import CATALOGS, Language, catalog_path, translations

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def msgids(catalog: Catalog) -> set[str]:
    return {key(message) for message in catalog if message.id}


def key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


TEMPLATE = read(CATALOGS / "messages.pot")


def test_the_template_holds_every_message_in_the_code() -> None:
    """What `make catalogs` would extract now is what messages.pot holds: they cannot drift."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    in_code = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map)
    }
    assert in_code, "babel.cfg finds no messages"
    assert in_code == msgids(TEMPLATE), "the catalogs are out of date: run `make catalogs`"


@pytest.mark.parametrize("language", list(Language))
def test_every_message_is_translated_reviewed_and_keeps_its_placeholders(
    language: Language,
) -> None:
    catalog = read(catalog_path(language), language.value)
    assert msgids(catalog) == msgids(TEMPLATE), "run `make catalogs`"
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        assert all(s.strip() for s in strings), f"untranslated: {message.id!r}"
        assert not message.fuzzy, f"fuzzy (unreviewed): {message.id!r}"
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (message.id, string)


@pytest.mark.parametrize("language", list(Language))
def test_each_catalog_compiles_without_errors(language: Language) -> None:
    catalog = read(catalog_path(language), language.value)
    assert [error for _, error in catalog.check() if error] == []
    compiled = BytesIO()
    write_mo(compiled, catalog)
    assert compiled.getvalue()
    assert (
        translations(language).gettext("High Court")
        == {
            Language.EN: "High Court",
            Language.SW: "Mahakama Kuu",
        }[language]
    )
