"""An address the browser interface does not have answers with a page, not JSON."""

import uuid

from litestar.testing import AsyncTestClient

from tests.conftest import Account
from tests.web.conftest import Browser, sign_in


async def test_an_unknown_web_address_is_a_page_in_the_readers_language(
    web: Browser, accounts: dict[str, Account]
) -> None:
    await sign_in(web, accounts["lawyer"])
    for address in ("/web/nowhere", "/web/cases/not-a-case", f"/web/awards/{uuid.uuid4()}/x"):
        missing = await web.get(address)
        assert missing.status_code == 404, address
        assert missing.headers["content-type"].startswith("text/html")
        assert "<h1>Not found</h1>" in missing.text and "no page at this address" in missing.text
        assert 'href="/web/"' in missing.text
    wrong_method = await web.post("/web/cases", data={})
    assert wrong_method.status_code == 405
    assert wrong_method.headers["content-type"].startswith("text/html")
    await web.get("/web/language/sw")
    kiswahili = await web.get("/web/nowhere")
    assert kiswahili.status_code == 404 and '<html lang="sw">' in kiswahili.text


async def test_an_unknown_api_address_is_still_problem_details(
    app_client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    for address in ("/nowhere", "/website", "/cases/not-a-case/x"):
        missing = await app_client.get(address)
        assert missing.status_code == 404, address
        assert missing.headers["content-type"] == "application/problem+json"
