"""The case page's document and examination forms: a file sent twice is kept once, a file over
the limit is refused beside the file field in words, and a viewer sees what the case holds but
no file name, no examination and no download."""

from collections.abc import AsyncIterator
from datetime import date
from html import unescape

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.documents import DocumentKind, RecordKind
from domain.examinations import ExaminationForm
from service.app import create_app
from service.database import make_sessionmaker
from service.settings import Settings
from service.usecases.records.documents import DocumentRules, Upload, keep_document
from service.usecases.records.examinations import NewExamination, record_examination
from service.usecases.records.sealing import keyring_of
from tests.conftest import TEST_DOCUMENT_KEYS, Account, empty_tables
from tests.factories import TEST_ACTOR, registered_case
from tests.web.conftest import Browser, sign_in
from tests.web.test_form_once import AGAIN, count, once_of

DECREE = b"%PDF-1.7\n% the decree\n%%EOF\n"
NAME = "Decree Wanjiku Kamau.pdf"


async def test_a_document_sent_twice_is_kept_once_and_shown_to_the_team(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, _ = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    page = (await web.get(f"/web/cases/{case.id}")).text
    action = f"/web/cases/{case.id}/documents"
    form = {"kind": "decree", "attached_to": "case", "_form_token": token,
            "_once": once_of(page, action)}  # fmt: skip
    answers = [
        await web.post(action, data=form, files={"file": (NAME, DECREE, "application/pdf")})
        for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [303] * 3, answers[0].text
    assert answers[0].headers["location"].startswith(f"/web/cases/{case.id}?done=document")
    assert "again=1" in answers[1].headers["location"]
    assert await count(engine, "documents") == 1
    again = await web.get(answers[1].headers["location"].split("#")[0])
    assert AGAIN in unescape(again.text)
    shown = unescape((await web.get(f"/web/cases/{case.id}")).text)
    assert NAME in shown and "Download" in shown and "Decree" in shown


@pytest.fixture
async def small(database_url: str, engine: AsyncEngine) -> AsyncIterator[Browser]:
    """A browser on an app keeping documents of up to 1 MB."""
    await empty_tables(engine)
    app = create_app(database_url, Settings(document_max_bytes=1024 * 1024))
    async with AsyncTestClient(app=app) as client:
        client.follow_redirects = False
        yield client


@pytest.mark.parametrize("lang", ["en", "sw"])
async def test_a_file_over_the_limit_is_refused_beside_the_file_field(
    small: Browser, engine: AsyncEngine, accounts: dict[str, Account], lang: str
) -> None:
    case, _ = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(small, accounts["lawyer"])
    await small.get(f"/web/language/{lang}")
    refused = await small.post(
        f"/web/cases/{case.id}/documents",
        data={"kind": "p3_form", "_form_token": token},
        files={"file": (NAME, b"%PDF-1.7\n" + b"0" * (1024 * 1024), "application/pdf")},
    )
    assert refused.status_code == 413, refused.text
    said = unescape(refused.text)
    sentence = {
        "en": "The file is larger than Haki keeps: send a file of 1.0 MB at most.",
        "sw": "Faili ni kubwa kuliko Haki inavyohifadhi: tuma faili la 1.0 MB au chini ya hapo.",
    }[lang]
    assert f'<span class="error" id="document-file-error">{sentence}</span>' in said
    assert NAME not in said
    assert await count(engine, "documents") == 0


async def test_a_viewer_sees_the_kind_of_each_document_and_nothing_more(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    case, code = await registered_case(sessions, lead=accounts["lawyer"].user.id)
    given = NewExamination(
        code, ExaminationForm.POST_RAPE_CARE_FORM, date(2024, 3, 4), "Dr. Examiner", "Clinic"
    )
    async with sessions() as session:
        examined = await record_examination(session, TEST_ACTOR, case.id, given)
    rules = DocumentRules(keyring_of(TEST_DOCUMENT_KEYS), 1024 * 1024)
    for kind, record in (
        (DocumentKind.DECREE, None),
        (DocumentKind.POST_RAPE_CARE_FORM, examined.id),
    ):
        where = RecordKind.EXAMINATION if record else RecordKind.CASE
        async with sessions() as session:
            upload = Upload(kind, NAME, DECREE, None, where, record)
            await keep_document(session, TEST_ACTOR, case.id, upload, rules)
    await sign_in(web, accounts["viewer"])
    shown = unescape((await web.get(f"/web/cases/{case.id}")).text)
    assert "Decree" in shown and "File names are shown only to the case's lawyers." in shown
    for hidden in (NAME, "Download", "Upload a document", "Post-rape care form",
                   "Medico-legal examinations", "Dr. Examiner"):  # fmt: skip
        assert hidden not in shown, hidden
