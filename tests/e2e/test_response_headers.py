"""Every answer says it may not be cached, sniffed or framed; the API's documentation runs only
Haki's own, pinned scripts."""

import re

import pytest
from httpx import Response
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.conftest import Account
from tests.e2e.helpers import Client
from tests.factories import awarded_and_part_paid


def guarded(response: Response) -> None:
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_personal_data_letters_and_exports_are_not_kept_sniffed_or_framed(
    client: Client, sessions: async_sessionmaker[AsyncSession], accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(sessions, lead=accounts["lawyer"].user.id)
    admin = accounts["admin"].headers
    answers = {
        "parties": await client.get(f"/cases/{award.case_id}/parties"),
        "letter": await client.get(f"/awards/{award.id}/demand-letter?format=html"),
        "ledger": await client.get(f"/awards/{award.id}/ledger"),
        "export": await client.get("/exports/full.zip?with_personal_data=true", headers=admin),
        "csv": await client.get("/reports/unpaid?format=csv"),
        "refusal": await client.get(f"/cases/{award.case_id}/parties", headers={}),
        "no such route": await client.get("/no/such/address"),
    }
    for name, answer in answers.items():
        assert answer.status_code < 500, (name, answer.text)
        guarded(answer)
    letter = answers["letter"].headers["content-security-policy"]
    assert "script-src" not in letter and "default-src 'none'" in letter, "no script in a letter"


async def test_the_pages_stylesheet_may_still_be_cached(client: Client) -> None:
    css = await client.get("/web/static/haki.css")
    assert css.headers["cache-control"].startswith("public")
    assert css.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/schema", "/schema/swagger"])
async def test_the_api_docs_load_only_haki_s_own_pinned_files(client: Client, path: str) -> None:
    page = await client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "@latest" not in page.text and "https://" not in page.text and "//cdn" not in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert "<script>" not in page.text, "no inline script: the policy needs no exception"
    addresses = re.findall(r'(?:src|href)="(/[^"]*)"', page.text)
    assert not re.findall(r'(?:src|href)="(?!/|data:,")', page.text), "only Haki's own files"
    assert addresses and all(re.match(r"/schema/", address) for address in addresses)
    for address in addresses:
        asset = await client.get(address)
        assert asset.status_code == 200, address
        assert asset.headers["content-type"].split(";")[0] in {"text/javascript", "text/css"}
    pinned = [a for a in addresses if "swagger-ui-bundle.js" in a]
    assert pinned and re.search(r"/swagger-ui-\d+\.\d+\.\d+/", pinned[0]), "the version is pinned"
    assert (await client.get("/schema/openapi.json")).json()["info"]["title"] == "Haki"
    assert (
        await client.get(pinned[0].replace("swagger-ui-bundle.js", "LICENSE"))
    ).status_code == 404
