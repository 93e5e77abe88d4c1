"""Texts from families, as the gateway relays them (tests/loopback_gateway.py): keywords however
typed, the same text twice, STOP racing a queued answer, the gateway's opt-out, LUGHA, and words
for the case team with a call-back reminder for lead counsel."""

from datetime import time, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from domain.audit import AuditEvent
from domain.calendar import NAIROBI
from domain.family_phones import FamilyMessage
from domain.outbox import DeliveryStatus
from domain.reminders import Reminder
from domain.stages import Stage
from notifications.channels.sms import SmsGateway
from notifications.i18n import Language
from notifications.status_words import stage_in_words
from service.clock import ClockRules, tick
from service.database import make_sessionmaker
from service.dispatch import dispatch_once
from tests.e2e.helpers import Client, open_case
from tests.e2e.test_families_by_phone import NUMBER, STRANGER, count, deliveries, family, phone
from tests.e2e.test_status_codes import ask
from tests.loopback_gateway import Gateway, serving


@pytest.mark.parametrize(
    "typed",
    ["HALI {code}", "hali {lower}", "  Status   {code}  ", "HaLi {bare}", "STATUS {spaced}."],
)
async def test_a_keyword_is_read_however_it_is_typed(
    client: Client, engine: AsyncEngine, typed: str
) -> None:
    code = await family(client)
    words = typed.format(
        code=code, lower=code.lower(), bare=code.replace("-", ""), spaced=code.replace("-", " ")
    )
    answered = await phone(client).text(words)
    assert (answered.status_code, answered.json()) == (200, {"handled": "status"})
    [reply] = await deliveries(engine)
    assert reply.address == NUMBER and reply.contact_id is not None
    assert stage_in_words(Stage.INTAKE, Language.SW) in reply.body


async def test_the_same_text_delivered_twice_is_handled_once(
    client: Client, engine: AsyncEngine
) -> None:
    await family(client)
    handset = phone(client)
    first = await handset.text("Tafadhali nipigie", message_id="ATXid_twice")
    second = await handset.text("Tafadhali nipigie", message_id="ATXid_twice")
    assert (first.json(), second.json()) == ({"handled": "reply"}, {"handled": "again"})
    assert await count(engine, FamilyMessage) == 1
    assert await count(engine, Reminder) == 1
    assert len(await deliveries(engine)) == 1


@pytest.mark.parametrize("word", ["STOP", "acha", " Stop. "])
async def test_an_opt_out_racing_a_queued_answer_stops_it(
    client: Client, engine: AsyncEngine, word: str
) -> None:
    code = await family(client)
    handset = phone(client)
    await handset.text(f"HALI {code}")
    [queued] = await deliveries(engine)
    assert queued.status is DeliveryStatus.QUEUED
    assert (await handset.text(word)).json() == {"handled": "stop"}

    gateway = Gateway(pause=0, after=10)
    async with serving(gateway) as url:
        sms = SmsGateway(url, "haki", "key")
        sent = await dispatch_once(engine, make_sessionmaker(engine), {"sms": sms, "log": sms})
        await sms.close()
    assert sent.sent == 1
    [(to, confirmation)] = gateway.sent_to
    assert to == NUMBER and "0800 720 720" in confirmation
    rows = await deliveries(engine)
    assert rows[0].status is DeliveryStatus.CANCELLED, "the answer queued before STOP"
    assert (await ask(client, code)).status_code == 404, "its status code is revoked"
    stopped = await phone(client).text(f"HALI {code}")
    assert stopped.json() == {"handled": "status"}
    assert (
        "No case answers" in (await deliveries(engine))[-1].body
        or "Hakuna" in (await deliveries(engine))[-1].body
    )


async def test_the_gateways_opt_out_withdraws_consent(client: Client) -> None:
    code = await family(client)
    answered = await phone(client).opt_out_at_the_gateway()
    assert (answered.status_code, answered.json()) == (200, {"received": True})
    assert (await ask(client, code)).status_code == 404


async def test_lugha_changes_the_contacts_language(client: Client, engine: AsyncEngine) -> None:
    code = await family(client)
    assert (await phone(client).text("lugha  en")).json() == {"handled": "language"}
    await phone(client).text(f"hali {code}")
    answer = (await deliveries(engine))[-1]
    assert answer.language == "en" and answer.body.startswith("Case ")


async def test_words_for_the_team_leave_a_message_and_a_call_back_reminder(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    await family(client, case)
    answered = await phone(client).text("Tafadhali nipigie, askari walikuja tena")
    assert answered.json() == {"handled": "reply"}
    async with make_sessionmaker(engine)() as session:
        [message] = (await session.exec(select(FamilyMessage))).all()
        [reminder] = (await session.exec(select(Reminder))).all()
    assert str(message.case_id) == case["id"]
    assert message.body == "Tafadhali nipigie, askari walikuja tena"
    assert (reminder.kind, str(reminder.case_id)) == ("family_call_back", case["id"])
    by = message.call_back_by.astimezone(NAIROBI)
    assert by.time() == time(17, 0) and by.weekday() < 5

    await tick(engine, ClockRules(), reminder.due_at + timedelta(seconds=1))
    async with engine.begin() as db:
        payload = (
            await db.execute(
                text("SELECT payload FROM notifications WHERE kind = :k"), {"k": "family_call_back"}
            )
        ).scalar_one()
    assert payload["survivor_code"] == case["claimants"][0]
    assert "askari" not in str(payload), "the words stay in Haki"

    read = await client.get(f"/web/cases/{case['id']}")
    assert "askari walikuja tena" in read.text
    async with make_sessionmaker(engine)() as session:
        audited = await session.exec(
            select(AuditEvent.action).where(col(AuditEvent.action).like("family_message.%"))
        )
        assert set(audited.all()) == {"family_message.receive", "family_message.read"}


async def test_words_from_a_number_no_family_gave_are_kept_nowhere(
    client: Client, engine: AsyncEngine
) -> None:
    await family(client)
    answered = await phone(client, STRANGER).text("call me")
    assert answered.json() == {"handled": "reply"}
    assert await count(engine, FamilyMessage) == 0 and await deliveries(engine) == []
