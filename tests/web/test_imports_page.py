"""The import page: an administrator checks a CSV file, reads every refused cell by its row,
its column's label and a sentence in their language, and imports the checked file without
sending it again; a draft is its administrator's alone and is imported once."""

import io
import re
import uuid
from collections.abc import AsyncIterator
from html import unescape

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.users import Role
from service.app import create_app
from service.database import make_sessionmaker
from service.imports.layouts import ImportKind
from service.settings import Settings
from service.usecases.accounts.users import add_user
from service.usecases.importing.drafts import KEEP, keep_draft, purge_expired
from service.usecases.importing.request import ImportRequest
from tests.conftest import TEST_ACTOR, Account, empty_tables
from tests.e2e.helpers import without_form_tokens
from tests.web.conftest import Browser, sign_in
from tests.web.test_form_once import count, once_of

HEADER = "reference,title,kind,court_level,court_station,lead_counsel,claimants,respondents\n"


def row(n: int, court: str = "high_court") -> str:
    """A case of the register; a court level Haki does not know makes it a refused row."""
    return f"HAKI/IMP/{n},W v AG,civil_claim,{court},Nyeri,Counsel,S-2021-00{n}2,AG\n"


BAD = row(9, "kadhi_court")
DRAFT = re.compile(r'name="draft" value="([^"]+)"')
FROM_THE_PAGE = {"referer": "http://testserver.local/web/imports"}
"""where the browser says the form was sent from: a second click is sent back there"""
SHA = re.compile(r'name="sha256" value="([0-9a-f]{64})"')


def cases_file(*rows: str) -> bytes:
    return (HEADER + "".join(rows)).encode()


async def check(
    web: Browser, token: str, data: bytes, name: str = "register.csv", kind: str = "cases"
) -> str:
    answer = await web.post(
        "/web/imports",
        data={"kind": kind, "_form_token": token},
        files={"file": (name, data, "text/csv")},
    )
    return answer


def confirm_form(page: str) -> dict[str, str]:
    draft, sha = DRAFT.search(page), SHA.search(page)
    assert draft and sha, page
    return {"draft": draft.group(1), "sha256": sha.group(1)}


async def test_a_checked_file_is_imported_without_being_sent_again(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["admin"])
    shown = await web.get("/web/imports")
    assert shown.status_code == 200
    assert 'href="/web/imports/cases/template.csv"' in shown.text
    template = await web.get("/web/imports/cases/template.csv")
    assert template.status_code == 200 and template.text.startswith("reference,title")

    checked = await check(web, token, cases_file(row(1), row(2)))
    assert checked.status_code == 200, checked.text
    page = unescape(checked.text)
    assert "Every row passed the check." in page and "Import these 2 rows" in page
    assert await count(engine, "cases") == 0 and await count(engine, "import_drafts") == 1

    imported = await web.post(
        "/web/imports/import", data=confirm_form(page) | {"_form_token": token}
    )
    assert imported.status_code == 200, imported.text
    done = unescape(imported.text)
    assert "The file is imported: Cases." in done
    assert re.search(r"<dt>Created</dt><dd>2</dd>", done)
    assert await count(engine, "cases") == 2 and await count(engine, "import_drafts") == 0
    async with engine.connect() as db:
        audited = (
            await db.execute(text("SELECT detail FROM audit_events WHERE action = 'import'"))
        ).scalar_one()
    assert audited["file"] == "register.csv" and audited["created"] == 2


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ("Row", "Court", "[court_level]", "Nothing was imported")),
        ("sw", ("Safumlalo", "Mahakama", "[court_level]", "Hakuna kilichoingizwa")),
    ],
)
async def test_a_refused_row_is_named_by_its_row_its_label_and_a_sentence_in_the_readers_language(
    web: Browser,
    engine: AsyncEngine,
    accounts: dict[str, Account],
    lang: str,
    words: tuple[str, ...],
) -> None:
    token = await sign_in(web, accounts["admin"])
    await web.get(f"/web/language/{lang}")
    checked = await check(web, token, cases_file(row(1), BAD))
    assert checked.status_code == 422, checked.text
    page = unescape(checked.text)
    for word in words:
        assert word in page
    refused = re.search(
        r"<tr>\s*<td[^>]*>3</td>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>", page, re.S
    )
    assert refused, page
    assert 'name="draft"' not in page and "{" not in refused.group(2)
    assert await count(engine, "cases") == 0 and await count(engine, "import_drafts") == 0


async def test_a_draft_is_its_administrators_alone_and_imported_once(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    async with sessions() as session:
        colleague = await add_user(
            session, TEST_ACTOR, username="second.admin", full_name="Second Admin",
            role=Role.ADMIN, password="second-admin-password",
        )  # fmt: skip
    theirs = ImportRequest(ImportKind.CASES, cases_file(row(5)), "theirs.csv", True)
    async with sessions() as session:
        draft = await keep_draft(session, colleague.id, theirs, 1, utcnow())
    token = await sign_in(web, accounts["admin"])
    form = {"draft": str(draft.id), "sha256": theirs.sha256, "_form_token": token}
    refused = await web.post("/web/imports/import", data=form)
    assert refused.status_code == 404, refused.text
    assert "choose the file and check it again" in unescape(refused.text)
    unknown = await web.post("/web/imports/import", data=form | {"draft": str(uuid.uuid4())})
    assert without_form_tokens(unknown.text) == without_form_tokens(refused.text)
    assert await count(engine, "cases") == 0 and await count(engine, "import_drafts") == 1

    page = unescape((await check(web, token, cases_file(row(1)))).text)
    mine = confirm_form(page) | {"_form_token": token}
    wrong_file = await web.post("/web/imports/import", data=mine | {"sha256": "0" * 64})
    assert wrong_file.status_code == 404
    clicked = mine | {"_once": once_of(page, "/web/imports/import")}
    first = await web.post("/web/imports/import", data=clicked, headers=FROM_THE_PAGE)
    double_click = await web.post("/web/imports/import", data=clicked, headers=FROM_THE_PAGE)
    assert (first.status_code, double_click.status_code) == (200, 303), double_click.text
    assert double_click.headers["location"] == "/web/imports?again=1"
    another_tab = await web.post("/web/imports/import", data=mine)
    assert another_tab.status_code == 404, another_tab.text
    assert "choose the file and check it again" in unescape(another_tab.text)
    assert await count(engine, "cases") == 1


async def test_an_expired_draft_is_checked_again_and_purged(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["admin"])
    page = unescape((await check(web, token, cases_file(row(1)))).text)
    async with engine.begin() as db:
        await db.execute(text("UPDATE import_drafts SET expires_at = now() - interval '1 minute'"))
    late = await web.post("/web/imports/import", data=confirm_form(page) | {"_form_token": token})
    assert late.status_code == 404 and "check it again" in unescape(late.text)
    await check(web, token, cases_file(row(2)))  # a new check purges the old draft
    assert await count(engine, "import_drafts") == 1 and await count(engine, "cases") == 0


@pytest.fixture
async def small(database_url: str, engine: AsyncEngine) -> AsyncIterator[Browser]:
    """A browser on an app importing files of up to 1 KiB."""
    await empty_tables(engine)
    app = create_app(database_url, Settings(import_max_bytes=1024))
    async with AsyncTestClient(app=app) as client:
        client.follow_redirects = False
        yield client


@pytest.mark.parametrize("extra", [1, 200 * 1024], ids=["just-over", "far-over"])
async def test_a_file_over_the_limit_is_refused_in_words_and_nothing_is_kept(
    small: Browser, engine: AsyncEngine, accounts: dict[str, Account], extra: int
) -> None:
    token = await sign_in(small, accounts["admin"])
    data = cases_file(row(1))
    data += b"#" * (1024 + extra - len(data))
    refused = await check(small, token, data)
    assert refused.status_code == 413, refused.text
    assert "The file is larger than Haki imports at once (0.0 MB)" in unescape(refused.text)
    assert await count(engine, "import_drafts") == 0


@pytest.mark.parametrize(
    ("name", "data", "status", "sentence"),
    [
        ("register.xlsx", b"PK\x03\x04", 415, "Haki imports CSV files"),
        ("register.csv", b"reference,title\n\xff\xfe", 422, "The file is not UTF-8"),
        ("register.csv", b"colour,title\n", 422, "A column Haki does not know"),
    ],
)
async def test_a_file_that_is_not_a_csv_of_the_kind_is_refused_in_words(
    web: Browser,
    engine: AsyncEngine,
    accounts: dict[str, Account],
    name: str,
    data: bytes,
    status: int,
    sentence: str,
) -> None:
    token = await sign_in(web, accounts["admin"])
    refused = await check(web, token, data, name)
    assert refused.status_code == status, refused.text
    assert sentence in unescape(refused.text)
    assert await count(engine, "import_drafts") == 0


@pytest.mark.parametrize("role", ["lawyer", "advocacy", "viewer"])
async def test_only_administrators_import(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account], role: str
) -> None:
    token = await sign_in(web, accounts[role])
    assert (await web.get("/web/imports")).status_code == 403
    assert (await check(web, token, cases_file(row(1)))).status_code == 403
    form = {"draft": "00000000-0000-0000-0000-000000000000", "sha256": "0" * 64}
    assert (
        await web.post("/web/imports/import", data=form | {"_form_token": token})
    ).status_code == 403
    assert "/web/imports" not in (await web.get("/web/")).text
    assert await count(engine, "import_drafts") == 0


async def test_neither_the_files_name_nor_its_rows_reach_the_logs(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account], captured: io.StringIO
) -> None:
    name = "Wanjiku Kamau register.csv"
    named = HEADER.replace("respondents", "respondents,claimant_names").encode()
    at_risk = "Wanjiku Muthoni Kamau"
    token = await sign_in(web, accounts["admin"])
    bad = named + f"{BAD.rstrip()},{at_risk}\n".encode()
    assert (await check(web, token, bad, name)).status_code == 422
    good = named + f"{row(1).rstrip()},{at_risk}\n".encode()
    page = unescape((await check(web, token, good, name)).text)
    form = confirm_form(page) | {"_form_token": token}
    assert (await web.post("/web/imports/import", data=form)).status_code == 200
    assert (await web.post("/web/imports/import", data=form)).status_code == 404
    text_logged = captured.getvalue()
    assert "/web/imports" in text_logged
    assert "Wanjiku" not in text_logged and "HAKI/IMP" not in text_logged


async def test_the_clock_purges_the_drafts_past_their_hour(
    engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await empty_tables(engine)
    checked = ImportRequest(ImportKind.CASES, cases_file(row(1)), "register.csv", True)
    now = utcnow()
    async with make_sessionmaker(engine)() as session:
        await keep_draft(session, accounts["admin"].user.id, checked, 1, now - KEEP / 2)
    async with make_sessionmaker(engine)() as session:
        await keep_draft(session, accounts["admin"].user.id, checked, 1, now - 2 * KEEP)
    assert await count(engine, "import_drafts") == 2  # kept in the past, it purged none
    await purge_expired(engine, now)
    assert await count(engine, "import_drafts") == 1
