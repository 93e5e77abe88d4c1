"""A listing's filters never widen it past the lawyer's own cases."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from service.auth.rules import POLICY
from service.database import make_sessionmaker
from tests.conftest import Account
from tests.e2e.authorisation.world import fresh_headers, make_world
from tests.e2e.helpers import Client
from tests.factories import registered_case

DAYS = timedelta(days=10)
LISTINGS = {
    "CaseController.list_cases": "/cases?counsel=Counsel&station=Nyeri&limit=100",
    "CaseList.case_list": "/web/cases?q=HAKI",
    "CaseList.case_list_csv": "/web/cases.csv?q=HAKI",
    "HearingController.cause_list": (
        f"/hearings?counsel=Counsel&station=Nyeri&from={datetime.now(UTC).date() - DAYS}"
        f"&to={datetime.now(UTC).date() + DAYS}"
    ),
    "follow_ups_due": "/follow-ups/due?within=366",
    "WeekPage.my_week": "/web/",
}


@pytest.mark.parametrize("key", sorted(LISTINGS))
async def test_a_listings_filters_never_widen_it_past_the_lawyers_cases(
    app_client: Client, engine: AsyncEngine, accounts: dict[str, Account], key: str
) -> None:
    """The world's award, hearings and cases are another team's (served on the Attorney
    General, so a follow-up is due); the lawyer has a case of their own."""
    assert POLICY[key].name == "CASE_LIST"
    await make_world(engine, accounts, mine=False)
    lawyer = accounts["lawyer"].user.id
    await registered_case(make_sessionmaker(engine), lead=lawyer, reference="HAKI/MINE/1")
    app_client.headers.pop("Authorization", None)
    for role, shown in (("lawyer", False), ("admin", True)):
        headers = await fresh_headers(engine, accounts[role])
        answer = await app_client.get(LISTINGS[key], headers=headers)
        app_client.cookies.clear()
        assert answer.status_code == 200, answer.text
        assert ("HAKI/T/1" in answer.text) is shown, (role, key)
