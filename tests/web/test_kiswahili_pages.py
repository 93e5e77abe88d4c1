"""Every page, as every role, in Kiswahili: no English string of the catalogs on it.

The pages are found in the route table (tests/pages.py) and filled from the demo register,
so a page another change adds is walked too. A text node that is the English of a catalog
message whose Kiswahili differs is a string someone forgot to translate or to mark.
"""

import re
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select

from domain.awards import Award, DisbursementMethod
from notifications.i18n import Language, catalog_path
from service.amounts import Shillings
from service.database import make_sessionmaker
from service.demo import ADJOURNMENT_REASONS, CASES, DEMO_RATE, JUDGES, load_demo_cases
from service.usecases.awards.disbursements import disburse
from service.usecases.awards.entries import DisbursementIn
from tests.conftest import Account
from tests.factories import TEST_ACTOR
from tests.pages import addresses, read
from tests.web.conftest import Browser, sign_in

ENGLISH_WORDS = re.compile(
    r"\b(cases?|awards?|hearings?|next|previous|save|sign out|sign in|find|outstanding|paid"
    r"|download|judgment|payments?|received|interest|reversal|stage|claimant|respondent"
    r"|no \w+ with id|account may not|mpesa|bank|cheque"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)
"""English words that never belong to a Kiswahili page's own text."""
TWELVE_HOUR = re.compile(r"\d:\d\d\s*(am|pm|a\.m\.|p\.m\.|asubuhi|mchana|jioni|usiku)\b", re.I)
"""A time of day told any way but the 24-hour clock the forms use."""


BENEFICIARY = "Juma Kiprono Mwangi"


def _catalog(language: Language) -> Catalog:
    with catalog_path(language).open("rb") as source:
        return read_po(source, locale=language.value)


def _messages(catalog: Catalog) -> Iterator[tuple[str, str, bool]]:
    """Each msgid (each form of a plural), its translation and whether it is fuzzy."""
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid, msgstr in zip(ids, strings, strict=False):
            yield msgid, msgstr, message.fuzzy


def english_only(english: Catalog | None = None, swahili: Catalog | None = None) -> set[str]:
    """The English of each message whose Kiswahili differs or is missing: an empty or fuzzy
    translation is left out when pages are drawn (notifications/i18n.py), so a Kiswahili page
    shows that message in English."""
    en = {
        msgid: msgstr or msgid for msgid, msgstr, _ in _messages(english or _catalog(Language.EN))
    }
    sw = {
        msgid: msgstr
        for msgid, msgstr, fuzzy in _messages(swahili or _catalog(Language.SW))
        if msgstr and not fuzzy
    }
    return {text for msgid, text in en.items() if sw.get(msgid) != text}


def test_a_message_without_kiswahili_counts_as_english() -> None:
    """Left empty, marked fuzzy or missing from the Kiswahili catalog, a message is English on a
    Kiswahili page; one whose Kiswahili is the same word (M-Pesa) is not."""
    english, swahili = Catalog(locale="en"), Catalog(locale="sw")
    for msgid, sw, fuzzy in (
        ("Cases", "Kesi", False),
        ("M-Pesa", "M-Pesa", False),
        ("Reminder rules", "", False),
        ("Audit trail", "Kumbukumbu", True),
        ("Users", None, False),
    ):
        english.add(msgid, msgid)
        if sw is not None:
            swahili.add(msgid, sw, flags=["fuzzy"] if fuzzy else [])
    assert english_only(english, swahili) == {"Cases", "Reminder rules", "Audit trail", "Users"}


def data_of_the_register() -> set[str]:
    """What people typed (titles, respondents, stations, counsel): shown as written."""
    typed = {"Haki", "Kiswahili", "English", BENEFICIARY, DEMO_RATE, *ADJOURNMENT_REASONS, *JUDGES}
    for demo in CASES:
        typed |= {demo.title, demo.station, demo.counsel, demo.number, *demo.respondents}
    return typed | {f"Court {room}" for room in range(1, 6)}


def leads(accounts: dict[str, Account]) -> dict[str, uuid.UUID]:
    """The tests' own accounts lead the demo cases, in place of the demo's accounts."""
    return {
        "Grace Muthoni (administrator)": accounts["admin"].user.id,
        "Achieng Odhiambo": accounts["lawyer"].user.id,
    }


@pytest.fixture
async def register(engine: AsyncEngine, web: Browser, accounts: dict[str, Account]) -> None:
    """The demo register (web's fixture has emptied the tables), with money passed on."""
    sessions = make_sessionmaker(engine)
    await load_demo_cases(sessions, date.today(), leads(accounts))
    async with sessions() as session:
        paid = (await session.exec(select(Award).where(Award.stage == "partially_paid"))).one()
    async with sessions() as session:
        sent = DisbursementIn(
            date.today(), Shillings(100_000), DisbursementMethod.MPESA, BENEFICIARY, "QGH12XYZ"
        )
        await disburse(session, TEST_ACTOR, paid.id, sent)


@pytest.mark.parametrize("role", ["admin", "lawyer", "advocacy", "viewer"])
async def test_no_english_on_a_kiswahili_page(
    role: str,
    register: None,
    web: Browser,
    app: Litestar,
    engine: AsyncEngine,
    accounts: dict[str, Account],
) -> None:
    untranslated = english_only()
    typed = data_of_the_register() | {account.user.full_name for account in accounts.values()}
    await sign_in(web, accounts[role])
    web.cookies.set("haki_lang", Language.SW.value)
    found: dict[str, set[str]] = {}
    walked = 0
    for address in await addresses(app, engine):
        answer = await web.get(address)
        if not answer.headers.get("content-type", "").startswith("text/html"):
            continue
        walked += 1
        page = read(answer.text)
        texts = list(page.texts)
        for image in page.images:
            texts += read((await web.get(image)).text).texts
        for words in texts:
            if words in typed:
                continue
            ours = words
            for datum in typed:
                ours = ours.replace(datum, "")
            english = words in untranslated or ENGLISH_WORDS.search(ours)
            if english or TWELVE_HOUR.search(words):
                found.setdefault(words, set()).add(address)
    assert walked >= 10, "the walk found too few pages"
    assert not found, "\n".join(
        f"{words!r} on {sorted(pages)[:3]}" for words, pages in found.items()
    )
