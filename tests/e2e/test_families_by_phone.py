"""The USSD menu, as the gateway relays a family's phone (tests/loopback_gateway.py): a whole
session in each language, a wrong code and the right code from another phone alike, a session
timed out half-way, the limit per number, a wrong secret, and never the outcome. The helpers
here serve tests/e2e/test_texts_from_families.py too."""

import asyncio
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, func, select

from domain.calendar import NAIROBI
from domain.family_phones import PhoneRequest
from domain.outbox import Delivery
from domain.stages import Stage
from notifications.formatting import long_date
from notifications.i18n import Language
from notifications.status_words import stage_in_words
from service.database import make_sessionmaker
from service.usecases.families.ussd import UssdAsked, ussd_screen
from tests.conftest import REPORT_SECRET
from tests.e2e.helpers import Client, judged, open_case
from tests.e2e.test_status_codes import ask, consenting, hearing_on, in_days, issue
from tests.loopback_gateway import Phone
from tests.unit.test_status_words import outcome_words

NUMBER = "+254712345678"
"""the family's phone as the gateway writes it; the contact was kept as 0712 345 678"""
STRANGER = "+254733000111"


def awake_now() -> dict[str, str]:
    """Quiet hours twelve hours away, so a text is due whenever the test runs."""
    hour = datetime.now(NAIROBI).hour
    return {"quiet_from": f"{(hour + 12) % 24:02d}:00", "quiet_until": f"{(hour + 13) % 24:02d}:00"}


async def family(client: Client, case: dict[str, Any] | None = None, **contact: Any) -> str:
    """A consenting contact of the case's claimant at NUMBER, with a status code; the code."""
    case = case or await open_case(client)
    holder = await consenting(client, case, **(awake_now() | contact))
    issued = await issue(client, case, holder)
    assert issued.status_code == 201, issued.text
    code: str = issued.json()["code"]
    return code


def phone(client: Client, number: str = NUMBER) -> Phone:
    return Phone(client, REPORT_SECRET, number)


async def deliveries(engine: AsyncEngine) -> list[Delivery]:
    async with make_sessionmaker(engine)() as session:
        return list((await session.exec(select(Delivery).order_by(col(Delivery.id)))).all())


async def count(engine: AsyncEngine, table: type[Any]) -> int:
    async with make_sessionmaker(engine)() as session:
        return int((await session.exec(select(func.count()).select_from(table))).one())


@pytest.mark.parametrize(("choice", "language"), [("1", Language.SW), ("2", Language.EN)])
async def test_a_whole_ussd_session_in_each_language(
    client: Client, engine: AsyncEngine, choice: str, language: Language
) -> None:
    case = await open_case(client)
    await hearing_on(client, case, in_days(9))
    code = await family(client, case)
    handset = phone(client)

    first = await handset.dial()
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/plain")
    assert first.text == "CON Haki\n1. Kiswahili\n2. English"
    second = await handset.answer(choice)
    assert second.text.startswith("CON ")
    assert ("status code" in second.text) is (language is Language.EN)
    last = await handset.answer(code.lower())
    stage = stage_in_words(Stage.INTAKE, language)
    assert last.text.startswith("END ") and stage in last.text
    assert long_date(in_days(9), language) in last.text
    assert case["claimants"][0] in last.text
    assert await deliveries(engine) == [], "nothing reaches the phone's inbox"


async def test_a_wrong_code_and_the_right_code_from_another_phone_read_alike(
    client: Client,
) -> None:
    code = await family(client)
    answers = []
    for number, typed in ((NUMBER, "K7QX-92MD"), (STRANGER, code), (NUMBER, "not a code")):
        handset = phone(client, number)
        await handset.dial()
        await handset.answer("2")
        answers.append((await handset.answer(typed)).text)
    assert answers[0].startswith("END No case answers to this code")
    assert answers[0] == answers[1] == answers[2]


async def test_a_session_timed_out_half_way_leaves_nothing_behind(
    client: Client, engine: AsyncEngine
) -> None:
    """The family chose a language and the network gave up: no row, and the next dial starts
    afresh and finishes; a step the gateway sends twice is counted once."""
    code = await family(client)
    handset = phone(client)
    await handset.dial()
    await handset.answer("1")
    assert await count(engine, PhoneRequest) == 0
    again = await handset.dial()
    assert again.text.startswith("CON Haki")
    await handset.answer("1")
    done = await handset.answer(code)
    assert done.text.startswith("END ") and "Kesi" in done.text
    repeated = await handset._ussd()
    assert repeated.text == done.text
    assert await count(engine, PhoneRequest) == 1


async def test_questions_per_number_are_limited(client: Client) -> None:
    code = await family(client)
    handset = phone(client)
    for _ in range(5):
        await handset.dial()
        await handset.answer("2")
        assert (await handset.answer("K7QX-92MD")).text.startswith("END No case")
    await handset.dial()
    await handset.answer("2")
    assert (await handset.answer(code)).text.startswith("END Too many questions")


async def test_the_limit_holds_for_questions_asked_at_once(
    client: Client, engine: AsyncEngine
) -> None:
    """Eight sessions finishing together, each on its own database connection as in eight API
    processes: the count is taken under a lock in PostgreSQL, so exactly five are answered."""
    await family(client)
    sessions = make_sessionmaker(engine)
    state = client.app.state

    async def finish(session_id: str) -> str:
        asked = UssdAsked(session_id, NUMBER, "2*K7QX-92MD")
        async with sessions() as session:
            screen = await ussd_screen(session, state.phone_rules, state.status_codes, asked)
        return screen.reply.split(".")[0]

    said = await asyncio.gather(*(finish(f"ATUid_together_{i}") for i in range(8)))
    assert said.count("END No case answers to this code from this phone") == 5
    assert said.count("END Too many questions from this phone") == 3


async def test_the_answer_never_tells_the_outcome(client: Client, engine: AsyncEngine) -> None:
    answers = {}
    for outcome, reference in (
        ("allowed", "HAKI/LIT/2021/001"),
        ("dismissed", "HAKI/LIT/2021/002"),
    ):
        case = await judged(
            client,
            survivor_name=f"Survivor {outcome}",
            reference=reference,
            court_number=f"Petition E{len(answers)} of 2020",
        )
        async with engine.begin() as db:
            await db.execute(
                text("UPDATE cases SET judgment_outcome = :o WHERE id = :id"),
                {"o": outcome, "id": case["id"]},
            )
        code = await family(client, case, phone=f"07123456{len(answers)}0")
        handset = phone(client, f"+2547123456{len(answers)}0")
        for choice, language in (("1", Language.SW), ("2", Language.EN)):
            await handset.dial()
            await handset.answer(choice)
            said = (await handset.answer(code)).text
            assert outcome_words(said, language) == [], said
            answers[outcome, language] = said.replace(case["claimants"][0], "<code>")
    for language in Language:
        assert answers["allowed", language] == answers["dismissed", language]


@pytest.mark.parametrize("path", ["ussd", "sms", "opt-outs"])
async def test_a_wrong_secret_is_an_address_that_does_not_exist(
    client: Client, engine: AsyncEngine, path: str
) -> None:
    code = await family(client)
    handset = Phone(client, REPORT_SECRET + "x", NUMBER)
    answered = await {"ussd": handset.dial, "sms": lambda: handset.text("STOP"),
                      "opt-outs": handset.opt_out_at_the_gateway}[path]()  # fmt: skip
    assert answered.status_code == 404
    assert await count(engine, PhoneRequest) == 0 and await deliveries(engine) == []
    assert (await ask(client, code)).status_code == 200, "nothing was withdrawn"
