"""The logs hold no name, phone number, code or token when things fail: a dropped connection, an
import refused mid-batch, a delivery report the database will not take, a database cut off, a
database error's message, and a document's name through its keeping, reading and refusals.
Apart from the family's journey (tests/e2e/test_logs_hold_no_personal_data.py), because these
tests break the app on purpose (triggers, an app of their own cut off from its database)."""

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from service.app import create_app
from service.database import make_engine, make_sessionmaker
from service.settings import Settings
from tests import deliveries as sms
from tests.conftest import REPORT_SECRET, Account
from tests.e2e.helpers import Client, case_body

PHONE_AT_RISK = "0733111222"
NAME_AT_RISK = "Nyambura Wairimu Test"
IMPORTED_NAME = "Kamau Otieno Test"


def at_risk(*more: str) -> set[str]:
    """The failure paths' name and numbers, the codes and tokens, as the tests write them."""
    digits = PHONE_AT_RISK[1:]
    phones = {PHONE_AT_RISK, "+254" + digits, "254" + digits, digits, sms.PHONE, sms.PHONE[1:]}
    return {NAME_AT_RISK, IMPORTED_NAME, REPORT_SECRET, *phones, *more}


async def sql(engine: AsyncEngine, *statements: str) -> None:
    async with engine.begin() as connection:
        for statement in statements:
            await connection.execute(text(statement))


@asynccontextmanager
async def trigger_on(engine: AsyncEngine, table: str, when: str, body: str) -> AsyncIterator[None]:
    """A trigger on `table` that runs `body` before each write it matches, for one test."""
    await sql(
        engine,
        f"CREATE FUNCTION haki_test_fault() RETURNS trigger AS $$ BEGIN {body}; RETURN NEW; END "
        "$$ LANGUAGE plpgsql",
        f"CREATE TRIGGER haki_test_fault BEFORE {when} ON {table} FOR EACH ROW "
        "EXECUTE FUNCTION haki_test_fault()",
    )
    try:
        yield
    finally:
        await sql(
            engine,
            f"DROP TRIGGER haki_test_fault ON {table}",
            "DROP FUNCTION haki_test_fault()",
        )


@pytest.fixture
async def own_app(database_url: str) -> AsyncIterator[Client]:
    """An app of its own, so a test may cut its database off without touching the shared one."""
    app = create_app(database_url, Settings(sms_report_secret=REPORT_SECRET))
    async with AsyncTestClient(app=app) as client:
        yield client


def cut_off(client: Client) -> AsyncEngine:
    dead = make_engine("postgresql+asyncpg://postgres@127.0.0.1:1/haki")
    client.app.state.engine, client.app.state.sessionmaker = dead, make_sessionmaker(dead)
    return dead


async def test_failure_paths_log_the_route_and_the_error_class_and_nothing_of_a_person(
    own_app: Client,
    sessions: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    accounts: dict[str, Account],
    captured: io.StringIO,
) -> None:
    """A dropped connection, an import failing mid-batch, a delivery report and a database cut
    off: each answers 5xx, and the log says which route and what kind of error, never the
    path as sent (codes, tokens, the report secret) nor a statement's parameters."""
    lawyer = accounts["lawyer"].headers
    admin = accounts["admin"].headers
    code = await own_app.post("/survivors", json={"full_name": NAME_AT_RISK}, headers=lawyer)
    code = code.json()["code"]
    case = (await own_app.post("/cases", json=case_body(code), headers=lawyer)).json()
    contact = {"name": NAME_AT_RISK, "relationship": "sister", "phone": PHONE_AT_RISK,
               "language": "sw", "channel": "log"}  # fmt: skip
    added = await own_app.post(f"/survivors/{code}/contacts", json=contact, headers=lawyer)
    contact_id = added.json()["id"]
    await own_app.post(f"/contacts/{contact_id}/consent", json={}, headers=lawyer)
    issued = await own_app.post(
        f"/cases/{case['id']}/status-codes", json={"contact_id": contact_id}, headers=lawyer
    )
    status_code = issued.json()["code"]
    feed = (await own_app.post("/calendar/feed", headers=lawyer)).json()["token"]
    await sms.sms_delivery(engine, address=sms.PHONE)

    # the connection drops in the middle of a write that carries a name and a phone number
    async with trigger_on(
        engine, "contacts", "INSERT", "PERFORM pg_terminate_backend(pg_backend_pid())"
    ):
        dropped = await own_app.post(
            f"/survivors/{code}/contacts",
            json=contact | {"relationship": "brother"},
            headers=lawyer,
        )
    assert dropped.status_code == 503, dropped.text

    # an import whose third row the database refuses, after the first two were sent
    rows = [
        f"HAKI/F/{i};{IMPORTED_NAME} v AG;civil_claim;High Court;Nyeri;HCCC {i} of 2016;"
        f"Counsel;{code};Attorney General;filed;14/03/2016"
        for i in range(1, 4)
    ]
    file = ("reference;title;kind;court_level;court_station;court_number;lead_counsel;"
            "claimants;respondents;stage;filed_on\r\n" + "\r\n".join(rows)).encode()  # fmt: skip
    async with trigger_on(
        engine, "cases", "INSERT", "IF NEW.reference = 'HAKI/F/3' THEN RAISE EXCEPTION 'no'; END IF"
    ):
        failed = await own_app.post(
            "/imports/cases", content=file, headers={**admin, "content-type": "text/csv"}
        )
    assert failed.status_code == 500, failed.text

    # a delivery report the database refuses to record
    report = {"id": "ATXid_test", "status": "Success", "phoneNumber": sms.PHONE}
    async with trigger_on(engine, "deliveries", "UPDATE", "RAISE EXCEPTION 'no'"):
        refused = await own_app.post(f"/notifications/sms-reports/{REPORT_SECRET}", data=report)
    assert refused.status_code == 500, refused.text

    # and with the database gone: every address that carries a credential or a code
    dead = cut_off(own_app)
    try:
        for path in (f"/status/{status_code}", f"/calendar/{feed}.ics", f"/survivors/{code}"):
            assert (await own_app.get(path, headers=lawyer)).status_code == 503
        gone = await own_app.post(f"/notifications/sms-reports/{REPORT_SECRET}", data=report)
        assert gone.status_code == 503
    finally:
        await dead.dispose()

    logged = captured.getvalue()
    assert "/survivors/{code}/contacts" in logged and "/imports/{kind}" in logged
    assert "/notifications/sms-reports/{secret}" in logged and "/status/{code}" in logged
    assert "ConnectionDoesNotExistError" in logged or "InterfaceError" in logged
    assert "RaiseError" in logged or "InternalError" in logged
    leaked = {
        secret
        for secret in at_risk(code, status_code, status_code.replace("-", ""), feed)
        if secret in logged
    }
    assert leaked == set()
    assert "parameters" not in logged and "INSERT INTO" not in logged


async def test_a_database_error_never_carries_the_statements_values(database_url: str) -> None:
    """SQLAlchemy writes a statement's values into its errors' messages; Haki's engine does not.
    (The database's own words may still quote a value, so no message is ever logged.)"""
    engine = make_engine(database_url)
    try:
        async with engine.connect() as connection:
            await connection.execute(
                text("SELECT CAST(:phone AS text), 1 / 0"), {"phone": PHONE_AT_RISK}
            )
    except DBAPIError as error:
        assert PHONE_AT_RISK not in str(error) and "hidden" in str(error)
    else:
        raise AssertionError("the cast should have failed")
    finally:
        await engine.dispose()


async def test_a_documents_name_never_reaches_the_logs(
    client: Client, accounts: dict[str, Account], engine: AsyncEngine, captured: io.StringIO
) -> None:
    """A document kept, listed, downloaded by the team, refused to a viewer, a program and a
    mismatch refused, a tampered one refused, an examination recorded and read: the log holds
    the routes and ids, never the file's name, the examiner, the place or the findings."""
    name = f"{NAME_AT_RISK} P3 form.pdf"
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    code = (await client.post("/survivors", json={"full_name": NAME_AT_RISK})).json()["code"]
    case = (await client.post("/cases", json=case_body(code))).json()
    examination = {"survivor": code, "form": "p3_form", "examined_on": "2024-03-04",
                   "examined_by": "Dr. Examiner At Risk", "place": "Place At Risk Hospital",
                   "findings": "Findings at risk"}  # fmt: skip
    examined = await client.post(f"/cases/{case['id']}/examinations", json=examination)
    assert examined.status_code == 201, examined.text
    await client.get(f"/examinations/{examined.json()['id']}")
    kept = await client.post(
        f"/cases/{case['id']}/documents",
        files={"file": (name, pdf, "application/pdf")},
        data={"kind": "p3_form", "record_kind": "examination", "record_id": examined.json()["id"]},
    )
    assert kept.status_code == 201, kept.text
    download = kept.json()["download"]
    assert (await client.get(download)).content == pdf
    await client.get(f"/cases/{case['id']}/documents")
    assert (await client.get(download, headers=accounts["viewer"].headers)).status_code == 403
    for body, declared in ((b"MZ\x90\x00" + b"\x00" * 60, "application/pdf"), (pdf, "image/png")):
        refused = await client.post(
            f"/cases/{case['id']}/documents",
            files={"file": (name, body, declared)},
            data={"kind": "p3_form"},
        )
        assert refused.status_code == 415
    await sql(
        engine, "UPDATE document_chunks SET sealed = set_byte(sealed, 3, get_byte(sealed, 3) # 1)"
    )
    assert (await client.get(download)).status_code == 409

    logged = captured.getvalue()
    assert "document refused: a stored chunk failed its check" in logged
    assert kept.json()["id"] in logged, "the document is named by its id"
    for personal in (NAME_AT_RISK, "P3 form.pdf", "Examiner At Risk", "Place At Risk", "at risk"):
        assert personal not in logged
