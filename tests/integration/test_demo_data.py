"""The demo register loads through the real use cases, once, at a spread of stages."""

from collections import Counter
from datetime import date, datetime

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardStage
from domain.calendar import NAIROBI
from domain.cases import Case, Survivor
from domain.contacts import Contact
from domain.hearings import Hearing, HearingStatus
from domain.stages import Stage
from service.demo import CASES, load_demo_data


async def test_demo_data_loads_once_at_many_stages(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    assert await load_demo_data(sessions, date(2026, 11, 24)) == len(CASES) == 12
    assert await load_demo_data(sessions, date(2026, 11, 24)) == 0
    async with sessions() as session:
        cases = (await session.exec(select(Case))).all()
        codes = (await session.exec(select(Survivor.code))).all()
        award_stages = Counter((await session.exec(select(Award.stage))).all())
    stages = Counter(case.stage for case in cases)
    assert len(cases) == 12 and len(stages) >= 8
    assert {Stage.INTAKE, Stage.HEARING, Stage.AWARDED, Stage.COMPENSATION} <= set(stages)
    assert {code[:6] for code in codes} >= {"S-2014", "S-2026"}
    assert award_stages == {
        AwardStage.SERVED_ON_AG: 3,
        AwardStage.PARTIALLY_PAID: 1,
        AwardStage.AWARDED: 2,
    }
    filed = [case for case in cases if case.stage != Stage.INTAKE]
    assert all(case.court_number for case in filed)
    async with sessions() as session:
        dates = (await session.exec(select(Hearing.status, Hearing.starts_at))).all()
    coming = sorted(at for status, at in dates if status == HearingStatus.SCHEDULED)
    assert Counter(status for status, _ in dates) == {
        HearingStatus.ADJOURNED: len(coming),
        HearingStatus.SCHEDULED: len(coming),
    }
    assert len(coming) >= 5, "the cause list has something on it"
    assert datetime(2026, 11, 25, tzinfo=NAIROBI) <= coming[0]
    assert coming[-1] < datetime(2026, 12, 9, tzinfo=NAIROBI)
    async with sessions() as session:
        contacts = (await session.exec(select(Contact))).all()
    assert len(contacts) == 3 and all(c.consents and c.phone for c in contacts)
