"""Naming a survivor as a claimant opens their record to the new case's team, so a lawyer may
name only a survivor they already represent (or one they have just registered themselves);
anyone else's code is refused in exactly the words an unknown code is (no oracle)."""

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import Account
from tests.e2e.helpers import Client, case_body, open_case, survivor, without_form_tokens

UNKNOWN = "S-2020-9999"


async def count(engine: AsyncEngine, table: str) -> int:
    async with engine.connect() as db:
        return int((await db.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


def without(code: str, answer: dict[str, Any]) -> str:
    """The refusal with the code it names taken out, to compare one code's with another's."""
    return str(answer).replace(code, "<code>")


async def test_someone_elses_survivor_is_refused_as_an_unknown_code_is(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    other = accounts["other_lawyer"].headers
    code = await survivor(client, "Wanjiku Someone-Else")
    theirs = await client.post(
        "/cases", json=case_body(code, reference="HAKI/THEIRS/1"), headers=other
    )
    assert theirs.status_code == 422, "the other lawyer did not register this survivor"
    admin = accounts["admin"].headers
    opened = await client.post("/cases", json=case_body(code), headers=admin)
    assert opened.status_code == 201, opened.text
    await client.put(
        f"/cases/{opened.json()['id']}/team/{accounts['other_lawyer'].user.id}",
        json={"lead": True},
        headers=admin,
    )
    cases_before = await count(engine, "cases")

    known = await client.post("/cases", json=case_body(code, reference="HAKI/M/1"))
    unknown = await client.post("/cases", json=case_body(UNKNOWN, reference="HAKI/M/2"))
    assert known.status_code == unknown.status_code == 422
    assert without(code, known.json()) == without(UNKNOWN, unknown.json())
    assert "Someone-Else" not in known.text
    assert await count(engine, "cases") == cases_before, "nothing is written"
    assert (await client.get(f"/survivors/{code}")).status_code == 404


async def test_a_lawyer_names_a_survivor_they_represent_or_have_just_registered(
    client: Client,
) -> None:
    first = await open_case(client)
    code = first["claimants"][0]
    again = await client.post("/cases", json=case_body(code, reference="HAKI/LIT/2021/002"))
    assert again.status_code == 201, "a second case for a survivor the lawyer represents"
    fresh = await survivor(client, "Otieno Fresh")
    both = await client.post(
        "/cases",
        json=case_body(fresh, reference="HAKI/LIT/2021/003") | {"claimants": [fresh, code]},
    )
    assert both.status_code == 201, both.text


async def test_an_administrator_names_any_survivor(
    client: Client, accounts: dict[str, Account]
) -> None:
    code = (await open_case(client))["claimants"][0]
    admin = accounts["admin"].headers
    named = await client.post(
        "/cases", json=case_body(code, reference="HAKI/ADMIN/1"), headers=admin
    )
    assert named.status_code == 201, named.text


async def test_a_survivor_registered_by_someone_else_and_on_no_case_is_refused(
    client: Client, accounts: dict[str, Account]
) -> None:
    code = await survivor(client, "Registered By Lawyer")
    other = accounts["other_lawyer"].headers
    refused = await client.post("/cases", json=case_body(code), headers=other)
    unknown = await client.post("/cases", json=case_body(UNKNOWN), headers=other)
    assert refused.status_code == unknown.status_code == 422
    assert without(code, refused.json()) == without(UNKNOWN, unknown.json())


async def test_the_browser_form_refuses_someone_elses_survivor_in_the_same_words(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    code = (await open_case(client))["claimants"][0]
    other = accounts["other_lawyer"].headers
    form = {
        k: v for k, v in case_body(code, reference="HAKI/WEB/1").items() if isinstance(v, str)
    } | {"respondents": "Attorney General"}
    known = await client.post(
        "/web/cases/new", data=form | {"claimants": code}, headers=other, follow_redirects=False
    )
    unknown = await client.post(
        "/web/cases/new", data=form | {"claimants": UNKNOWN}, headers=other, follow_redirects=False
    )
    client.cookies.clear()
    assert known.status_code == unknown.status_code == 422
    assert page(known.text, code) == page(unknown.text, UNKNOWN)
    assert await count(engine, "cases") == 1


def page(html: str, code: str) -> str:
    """The page with the code typed masked."""
    return without_form_tokens(html.replace(code, "<code>"))
