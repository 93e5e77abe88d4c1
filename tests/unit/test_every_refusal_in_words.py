"""Every refusal the domain, the tracks and the use cases can raise is a catalog sentence with an
English and a Kiswahili translation, so a page says it in the reader's language.

The code is read, not run: each place a refusal is made (a `DomainError` raised or built, a
`Said`, a guard's refusal) is found in the syntax tree, and its message followed to the
sentences it can be: an `N_("…")` literal, a module's constant or table of them, a local
variable's values, a helper's return values, or, for a parameter, whatever every caller passes.
A message that is an f-string, a plain string or `str(error)` cannot be followed, and fails.
"""

import ast

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from notifications.i18n import Language, catalog_path
from tests.refusal_sentences import sentences
from tests.refusal_sites import REFUSALS, SITES, Site, Unfollowed


def _catalog(language: Language) -> Catalog:
    with catalog_path(language).open("rb") as source:
        return read_po(source, locale=language.value)


CATALOGS = {language: _catalog(language) for language in Language}


def untranslated(sentence: str) -> list[Language]:
    missing = []
    for language, catalog in CATALOGS.items():
        found = catalog.get(sentence)
        if found is None or not found.string or found.fuzzy:
            missing.append(language)
    return missing


def test_the_walk_finds_the_refusals_of_every_layer() -> None:
    """A walk that found nothing would pass: it finds the domain's, the tracks', the use cases'."""
    where = {site.module.__name__.split(".")[0] for site, _ in SITES}
    assert where >= {"domain", "statemachines", "service"}
    assert {"InvalidInput", "NotFound", "NotNow", "Conflict"} <= REFUSALS
    assert len(SITES) > 100


@pytest.mark.parametrize(("site", "message"), SITES, ids=[site.where for site, _ in SITES])
def test_every_refusal_is_a_sentence_in_english_and_kiswahili(
    site: Site, message: ast.expr
) -> None:
    try:
        said = sentences(site, message)
    except Unfollowed as error:
        pytest.fail(
            f"{site.where}: the refusal's message is not a catalog sentence ({error}): write "
            'it as N_("…") with its values named, %(day)s, and pass them as keywords'
        )
    assert said, f"{site.where}: no sentence found"
    for sentence in said:
        missing = untranslated(sentence)
        assert not missing, f"{site.where}: {sentence!r} has no sentence in {missing}"
