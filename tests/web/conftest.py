"""A client of the browser interface with its own cookie jar, signed in through the page."""

import re
from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import Account, empty_tables

FORM_TOKEN = re.compile(r'name="_form_token" value="([0-9a-f]+)"')

Browser = AsyncTestClient[Litestar]


@pytest.fixture
async def web(app: Litestar, engine: AsyncEngine) -> AsyncIterator[Browser]:
    """Cookies stay in this client: the shared one must never carry a session cookie."""
    await empty_tables(engine)
    async with AsyncTestClient(app=app) as client:
        client.follow_redirects = False
        yield client


async def sign_in(web: Browser, account: Account) -> str:
    """Signs in through the form; returns the form token the pages then carry."""
    response = await web.post(
        "/web/login",
        data={"username": account.user.username, "password": account.password},
    )
    assert response.status_code == 303, response.text
    week = await web.get("/web/")
    assert week.status_code == 200, week.text
    found = FORM_TOKEN.search(week.text)
    assert found
    return found.group(1)
