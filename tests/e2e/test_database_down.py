"""When the database cannot be reached: readiness says 503 and requests get a 503 problem."""

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.database import make_engine, make_sessionmaker


@pytest.fixture
async def cut_off(database_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """A running app whose engine is then pointed at a port where no database listens."""
    app = create_app(database_url)
    async with AsyncTestClient(app=app) as client:
        dead = make_engine("postgresql+asyncpg://postgres@127.0.0.1:1/haki")
        app.state.engine, app.state.sessionmaker = dead, make_sessionmaker(dead)
        yield client
        await dead.dispose()


async def test_readiness_and_requests_answer_503(cut_off: AsyncTestClient[Litestar]) -> None:
    assert (await cut_off.get("/health/live")).status_code == 200
    ready = await cut_off.get("/health/ready")
    assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
    listing = await cut_off.get("/cases", headers={"Authorization": "Bearer any-token"})
    assert listing.status_code == 503
    assert listing.headers["content-type"].startswith("application/problem+json")
    assert "cannot reach its database" in listing.json()["detail"]
    assert listing.headers["retry-after"] == "5"


async def test_a_page_says_it_in_words_in_the_readers_language(
    cut_off: AsyncTestClient[Litestar],
) -> None:
    """A person at a page reads a sentence, in Kiswahili on a Kiswahili page, never the
    API's JSON."""
    cut_off.cookies.set("haki_lang", "sw")
    listing = await cut_off.get("/web/cases", cookies={"haki_session": "any-session"})
    assert listing.status_code == 503
    assert listing.headers["content-type"].startswith("text/html")
    assert listing.headers["retry-after"] == "5"
    assert "Haki haiwezi kufikia hifadhidata yake" in listing.text
    assert "{" not in listing.text.split("<main", 1)[1].split("</main>", 1)[0]
