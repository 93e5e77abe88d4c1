"""Opening a case in the browser: the survivor registered, then the case at intake."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import Account
from tests.web.conftest import Browser, sign_in

CASE = {
    "reference": "HAKI/2026/014",
    "title": "Otieno v Inspector-General of Police",
    "kind": "constitutional_petition",
    "court_level": "high_court",
    "court_station": "Nairobi (Milimani)",
    "respondents": "The Inspector-General of Police\nThe Attorney General\n",
    "lead_counsel": "Wanjiku Kamau",
}


async def count(engine: AsyncEngine, table: str) -> int:
    async with engine.connect() as db:
        return int((await db.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_a_lawyer_registers_the_survivor_and_opens_the_case(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["lawyer"])
    listing = await web.get("/web/cases")
    assert 'href="/web/cases/new"' in listing.text
    registered = await web.post(
        "/web/survivors", data={"full_name": "Achieng Otieno", "_form_token": token}
    )
    assert registered.status_code == 303, registered.text
    form = await web.get(registered.headers["location"].split("#")[0])
    code = form.text.split("registered with the code ")[1].split(".")[0]
    assert f'name="claimants" value="{code}"' in form.text
    assert f'name="lead_counsel" value="{accounts["lawyer"].user.full_name}"' in form.text
    opened = await web.post(
        "/web/cases/new", data=CASE | {"claimants": f" {code.lower()} ", "_form_token": token}
    )
    assert opened.status_code == 303, opened.text
    page = await web.get(opened.headers["location"].split("#")[0])
    assert page.status_code == 200
    assert "HAKI/2026/014" in page.text and "Case opened" in page.text
    assert f"{code} — Achieng Otieno" in page.text  # the lawyer who opened it is on its team
    assert "The Inspector-General of Police; The Attorney General" in page.text


async def test_a_refused_case_keeps_its_input_and_says_why_beside_the_field(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["lawyer"])
    unknown = await web.post(
        "/web/cases/new", data=CASE | {"claimants": "S-2020-9999", "_form_token": token}
    )
    assert unknown.status_code == 422
    assert (
        'id="case-claimants-error">No survivor is registered with the code S-2020-9999.'
        in unknown.text
    )
    assert 'value="Otieno v Inspector-General of Police"' in unknown.text
    assert "The Inspector-General of Police\nThe Attorney General" in unknown.text
    malformed = await web.post(
        "/web/cases/new", data=CASE | {"claimants": "Achieng", "_form_token": token}
    )
    assert malformed.status_code == 400 and 'id="case-claimants-error">' in malformed.text
    no_title = await web.post(
        "/web/cases/new",
        data=CASE | {"title": " ", "claimants": "S-2020-9999", "_form_token": token},
    )
    assert no_title.status_code == 400
    assert 'id="case-title-error">Title is required.' in no_title.text
    no_name = await web.post("/web/survivors", data={"full_name": "", "_form_token": token})
    assert no_name.status_code == 400 and 'id="survivor-full_name-error"' in no_name.text
    assert await count(engine, "cases") == 0 and await count(engine, "survivors") == 0


async def test_only_staff_see_the_new_case_link_and_may_open_one(
    web: Browser, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["advocacy"])
    assert "/web/cases/new" not in (await web.get("/web/cases")).text
    refused = await web.get("/web/cases/new")
    assert refused.status_code == 403 and refused.headers["content-type"].startswith("text/html")
    sent = await web.post("/web/survivors", data={"full_name": "A B", "_form_token": token})
    assert sent.status_code == 403
