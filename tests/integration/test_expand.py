"""A notification becomes one delivery per person who should hear of it, in their language and
on their channel; a family contact without consent hears nothing."""

from datetime import UTC, datetime, time

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Survivor
from domain.contacts import Channel, Contact
from domain.outbox import Delivery, Notification
from domain.users import User
from notifications.outbox import Message, enqueue
from service.dispatch import DispatchRules, expand
from tests.factories import lawyer_on_team, registered_case

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def test_each_audience_is_expanded_to_the_right_people(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    case, code = await registered_case(sessions)
    lawyer = await lawyer_on_team(sessions, case.id, "t.expand")
    async with sessions() as session, session.begin():
        await session.exec(
            sa.update(User).where(User.id == lawyer.id).values(email="wakili@haki.example")  # type: ignore[arg-type]
        )
        survivor = (await session.exec(select(Survivor).where(Survivor.code == code))).one()
        for name, consented in (("Mama", True), ("Kaka", False)):
            session.add(
                Contact(
                    survivor_id=survivor.id,
                    name=name,
                    relationship="family",
                    phone="+254712000001" if consented else "+254712000002",
                    language="sw",
                    channel=Channel.SMS,
                    consent_given_at=NOW if consented else None,
                    quiet_from=time(21),
                    quiet_until=time(7),
                )
            )
    reminder = {
        "rule": "1 day before", "due_at": NOW.isoformat(), "late": False, "hearing_id": "h",
        "starts_at": "2026-12-02T06:30:00+00:00", "purpose": "mention", "station": "Nyeri",
        "court_room": "Court 4", "case_reference": case.reference, "court_number": None,
    }  # fmt: skip
    async with engine.begin() as connection:
        await enqueue(
            connection,
            [
                Message("test:team", "hearing_reminder", "team", case.id, reminder),
                Message(
                    "test:family",
                    "judgment_delivered",
                    "family",
                    case.id,
                    {"outcome": "allowed", "occurred_on": "2026-12-01"},
                ),
                Message("test:nobody", "follow_up_due", "family", case.id, {}),
            ],
            NOW,
        )
    assert await expand(sessions, DispatchRules(), NOW) == (3, 2)
    async with sessions() as session:
        rows = (await session.exec(select(Delivery).order_by(Delivery.id))).all()  # type: ignore[arg-type]
    assert [(r.channel, r.address, r.language) for r in rows] == [
        ("email", "wakili@haki.example", "en"),
        ("sms", "+254712000001", "sw"),
    ]
    assert rows[0].subject and case.reference in rows[0].body
    assert code in rows[1].body and rows[1].subject is None
    assert await expand(sessions, DispatchRules(), NOW) == (0, 0), "each expands once"


async def test_a_notification_that_cannot_be_rendered_is_set_aside_not_retried_forever(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    case, _ = await registered_case(sessions)
    await lawyer_on_team(sessions, case.id, "t.broken")
    async with engine.begin() as connection:
        broken = Message("test:broken", "hearing_reminder", "team", case.id, {"rule": "x"})
        chase = {
            "award_id": "a", "case_reference": case.reference, "respondent": "Attorney General",
            "next_due": "2026-12-01", "silent_days": 40, "escalate": False, "late": False,
        }  # fmt: skip
        fine = Message("test:fine", "follow_up_due", "team", case.id, chase)
        await enqueue(connection, [broken, fine], NOW)
    assert (await expand(sessions, DispatchRules(), NOW))[0] == 2
    async with sessions() as session:
        statuses = dict(
            (await session.exec(select(Notification.dedup_key, Notification.status))).all()
        )
    assert statuses == {"test:broken": "unrenderable", "test:fine": "expanded"}


async def test_the_news_of_several_cases_in_one_batch_reaches_each_its_own_family(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """The families of a batch's cases are read in one statement: each case's news must still
    go to its own family alone, and a case without a consenting contact to no one."""
    phones = {}
    cases = []
    for n, consented in enumerate((True, True, False), start=1):
        case, code = await registered_case(sessions, reference=f"HAKI/T/{n}")
        async with sessions() as session, session.begin():
            survivor = (await session.exec(select(Survivor).where(Survivor.code == code))).one()
            phones[case.id] = f"+25471200010{n}"
            session.add(
                Contact(
                    survivor_id=survivor.id,
                    name=f"Mama {n}",
                    relationship="family",
                    phone=phones[case.id],
                    language="en",
                    channel=Channel.SMS,
                    consent_given_at=NOW if consented else None,
                )
            )
        cases.append(case)
    news = {"outcome": "allowed", "occurred_on": "2026-12-01"}
    async with engine.begin() as connection:
        messages = [
            Message(f"test:judgment:{c.id}", "judgment_delivered", "family", c.id, news)
            for c in cases
        ]
        await enqueue(connection, messages, NOW)
    assert await expand(sessions, DispatchRules(), NOW) == (3, 2)
    async with sessions() as session:
        sent = (
            await session.exec(
                select(Notification.case_id, Delivery.address).join(
                    Delivery,
                    Delivery.notification_id == Notification.id,  # type: ignore[arg-type]
                )
            )
        ).all()
    assert sorted(sent) == sorted((c.id, phones[c.id]) for c in cases[:2])
