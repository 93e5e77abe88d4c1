"""The records each cell of the authorisation matrix works on (a case the lawyer is on, or
not), and how a request's body is sent."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.contacts import Channel
from domain.hearings import HearingPurpose
from domain.users import Role
from notifications.i18n import Language
from service.database import make_sessionmaker
from service.usecases.accounts.team import assign
from service.usecases.accounts.users import add_user, open_session
from service.usecases.awards.orders import claimant_code
from service.usecases.families.consent import record_consent
from service.usecases.families.contacts import add_contact
from service.usecases.families.contacts_in import NewContact
from service.usecases.hearings.court_dates import schedule
from service.usecases.hearings.dates_in import HearingIn
from tests.conftest import Account, empty_tables
from tests.factories import TEST_ACTOR, awarded_and_part_paid, registered_case

MENTION = HearingPurpose.MENTION
ROLES = ("anonymous", "admin", "lawyer", "advocacy", "viewer")
OK = "2xx"
NEXT_MONTH = (datetime.now(UTC) + timedelta(days=30)).isoformat()
"""a day for a court date that is still to come"""


@dataclass
class World:
    """Fresh records for one request: a case the lawyer is on (`mine`) or not."""

    case_id: uuid.UUID
    code: str
    teammate: uuid.UUID
    award_id: uuid.UUID
    fresh_case_id: uuid.UUID
    """a second case of the same team, still at intake, for a court step that must succeed"""
    engine: AsyncEngine
    hearing_id: uuid.UUID
    """a hearing next week on the case"""
    past_hearing_id: uuid.UUID
    """a hearing of yesterday on the case, its outcome not yet recorded"""
    contact_id: uuid.UUID
    """a consenting contact of the case's claimant (version 2: added, then consent recorded)"""

    async def throwaway_user(self) -> uuid.UUID:
        async with make_sessionmaker(self.engine)() as session:
            user = await add_user(
                session,
                TEST_ACTOR,
                username=f"victim-{uuid.uuid4().hex[:8]}",
                full_name="Throwaway",
                role=Role.VIEWER,
                password="throwaway-password",
            )
        return user.id


Build = Callable[[World], Awaitable[tuple[str, str, Any]]]


def route(method: str, path: str, body: dict[str, Any] | None = None) -> Build:
    async def build(w: World) -> tuple[str, str, dict[str, Any] | None]:
        where = path.format(
            case=w.case_id,
            fresh=w.fresh_case_id,
            code=w.code,
            teammate=w.teammate,
            award=w.award_id,
            hearing=w.hearing_id,
            past=w.past_hearing_id,
            contact=w.contact_id,
        )
        return method, where, body

    return build


class Form(dict[str, str]):
    """A body the route takes form-encoded, as the SMS gateway posts it."""


class CsvUpload(dict[str, str]):
    """A body sent as multipart/form-data, as the import page sends it: these fields, and the
    text of `csv` as the file `register.csv` in the field `file`."""


class Multipart(dict[str, str]):
    """A body sent as multipart/form-data: these fields and a P3 form as the field `file`."""


P3_FORM = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def sent(body: Any) -> dict[str, Any]:
    """How the test client sends a body: a form, a multipart upload, raw bytes or JSON."""
    if isinstance(body, CsvUpload):
        fields = dict(body)
        upload = ("register.csv", fields.pop("csv").encode(), "text/csv")
        return {"data": fields, "files": {"file": upload}}
    if isinstance(body, Multipart):
        return {"data": dict(body), "files": {"file": ("p3-form.pdf", P3_FORM, "application/pdf")}}
    if isinstance(body, Form):
        return {"data": body}
    return {"content": body} if isinstance(body, bytes) else {"json": body}


async def make_world(engine: AsyncEngine, accounts: dict[str, Account], mine: bool) -> World:
    await empty_tables(engine)
    lawyer, other = accounts["lawyer"].user, accounts["other_lawyer"].user
    sessions = make_sessionmaker(engine)
    award = await awarded_and_part_paid(sessions, lead=lawyer.id if mine else other.id)
    case_id = award.case_id
    if mine:
        async with sessions() as session:
            await assign(session, TEST_ACTOR, case_id, other.id, lead=False)
    async with sessions() as session:
        code = await claimant_code(session, award)
    fresh, _ = await registered_case(
        sessions, lead=lawyer.id if mine else other.id, reference="HAKI/T/2"
    )
    now = datetime.now(UTC)
    async with sessions() as session:
        coming = await schedule(
            session,
            TEST_ACTOR,
            case_id,
            HearingIn(starts_at=now + timedelta(days=7), purpose=MENTION),
        )
    async with sessions() as session:
        past = await schedule(
            session,
            TEST_ACTOR,
            case_id,
            HearingIn(
                starts_at=now - timedelta(days=1), purpose=MENTION, recorded_after_the_fact=True
            ),
        )
    mama = NewContact("Mama", "mother", Language.SW, Channel.SMS, phone="0712345678")
    contact_id = await a_consenting_contact(sessions, code, mama)
    return World(
        case_id, code, other.id, award.id, fresh.id, engine, coming.id, past.id, contact_id
    )


async def a_consenting_contact(
    sessions: async_sessionmaker[AsyncSession], code: str, contact: NewContact
) -> uuid.UUID:
    """A contact of the survivor who has consented (version 2: added, then consent recorded)."""
    async with sessions() as session:
        added = await add_contact(session, TEST_ACTOR, code, contact)
    async with sessions() as session:
        await record_consent(session, TEST_ACTOR, added.contact.id)
    return added.contact.id


async def fresh_headers(engine: AsyncEngine, account: Account | None) -> dict[str, str]:
    """A new session per request, so that logging out in one cell ends nothing elsewhere."""
    if account is None:
        return {}
    async with make_sessionmaker(engine)() as session, session.begin():
        token = (await open_session(session, account.user, timedelta(minutes=5))).token
    return {"Authorization": f"Bearer {token}"}
