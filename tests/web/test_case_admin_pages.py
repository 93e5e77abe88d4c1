"""A case's team, its audit trail and its details, changed from the browser; a stale change of
the details is refused with when the case was changed, and what was typed is kept."""

import re

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from service.usecases.cases import case_details
from service.usecases.cases.case_details import CaseDetails
from tests.conftest import Account
from tests.factories import TEST_ACTOR, registered_case
from tests.web.conftest import Browser, sign_in


async def test_an_administrator_puts_a_lawyer_on_a_case_and_reads_its_audit_trail(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, _ = await registered_case(make_sessionmaker(engine))
    token = await sign_in(web, accounts["admin"])
    lawyer = accounts["other_lawyer"].user
    case_page = await web.get(f"/web/cases/{case.id}")
    assert f'href="/web/cases/{case.id}/team"' in case_page.text
    empty = await web.get(f"/web/cases/{case.id}/team")
    assert "No lawyer is on this case's team yet." in empty.text
    assert f'<option value="{lawyer.id}">{lawyer.full_name} ({lawyer.username})' in empty.text
    unchosen = await web.post(f"/web/cases/{case.id}/team", data={"_form_token": token})
    assert unchosen.status_code == 400
    assert 'id="add-user_id-error">Choose the lawyer to put on the team.' in unchosen.text
    viewer = accounts["viewer"].user
    not_lawyer = await web.post(
        f"/web/cases/{case.id}/team", data={"user_id": str(viewer.id), "_form_token": token}
    )
    assert (
        not_lawyer.status_code == 422 and "Only lawyers join a case&#39;s team" in not_lawyer.text
    )
    added = await web.post(
        f"/web/cases/{case.id}/team",
        data={"user_id": str(lawyer.id), "lead": "yes", "_form_token": token},
    )
    assert added.status_code == 303
    team = await web.get(added.headers["location"])
    assert "The team is changed." in team.text and "Lead counsel</span>" in team.text
    trail = await web.get(f"/web/audit?record_type=case&record_id={case.id}")
    assert trail.status_code == 200
    assert "Put on the case team" in trail.text and "Case opened" in trail.text
    assert ">team.assign<" not in trail.text, "the action in words, not its code"
    assert f"lead: True; user: {lawyer.username}" in trail.text
    assert 'role="region"' in trail.text
    assert "3 entries" in trail.text  # opened, its parties read on the case page, the lawyer
    removed = await web.post(
        f"/web/cases/{case.id}/team/{lawyer.id}/remove", data={"_form_token": token}
    )
    assert removed.status_code == 303
    assert "no longer sees the case" in (await web.get(removed.headers["location"])).text
    await web.get("/web/language/sw")
    team = await web.get(f"/web/cases/{case.id}/team")
    assert "Weka wakili kwenye timu" in team.text
    trail = await web.get("/web/audit", params={"since": "6/12/2026"})
    assert trail.status_code == 400
    assert 'id="audit-since-error">Andika siku kama tarehe' in trail.text


async def test_the_audit_trail_pages_through_its_rows(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    case, _ = await registered_case(sessions)
    for n in range(51):
        async with sessions() as session:
            await case_details.change_details(
                session, TEST_ACTOR, case.id, CaseDetails(n + 1, title=f"Title {n}")
            )
    await sign_in(web, accounts["admin"])
    first = await web.get("/web/audit", params={"action": "case.details"})
    assert "51 entries" in first.text and "page 1 of 2" in first.text
    assert "Title 50" not in first.text  # details name the fields changed, not their values
    older = re.search(r'href="([^"]+)" rel="next"', first.text)
    assert older
    second = await web.get(older.group(1).replace("&amp;", "&"))
    assert "page 2 of 2" in second.text and second.text.count("<tr>") == 2  # header and one row


async def test_a_stale_change_of_the_details_is_refused_with_when_and_keeps_what_was_typed(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    case, _ = await registered_case(sessions, lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    form = await web.get(f"/web/cases/{case.id}/edit")
    assert 'name="version" value="1"' in form.text
    async with sessions() as session:  # someone else, in another tab
        await case_details.change_details(
            session, TEST_ACTOR, case.id, CaseDetails(1, court_station="Kisumu")
        )
    typed = {
        "version": "1",
        "title": "Otieno v The Attorney General",
        "court_station": "Nairobi (Milimani)",
        "respondents": "The Attorney General\nThe Inspector-General of Police",
        "lead_counsel": "Wanjiku Kamau",
        "_form_token": token,
    }
    stale = await web.post(f"/web/cases/{case.id}/edit", data=typed)
    assert stale.status_code == 409
    assert re.search(r"Someone changed this case at \d\d:\d\d; here it is now\.", stale.text)
    assert "<dd>Kisumu</dd>" in stale.text  # the case as it is now
    assert 'value="Otieno v The Attorney General"' in stale.text  # as typed
    assert "The Attorney General\nThe Inspector-General of Police</textarea>" in stale.text
    assert 'name="version" value="2"' in stale.text
    again = await web.post(f"/web/cases/{case.id}/edit", data=typed | {"version": "2"})
    assert again.status_code == 303
    page = await web.get(again.headers["location"].split("#")[0])
    assert "Otieno v The Attorney General" in page.text
    assert "The Attorney General; The Inspector-General of Police" in page.text
    assert "The title, station, respondents and counsel are saved." in page.text
    await web.get("/web/language/sw")
    async with sessions() as session:
        await case_details.change_details(
            session, TEST_ACTOR, case.id, CaseDetails(3, court_station="Kisumu")
        )
    stale = await web.post(f"/web/cases/{case.id}/edit", data=typed | {"version": "3"})
    assert stale.status_code == 409 and "Mtu mwingine alibadilisha kesi hii saa" in stale.text
    blank = await web.post(
        f"/web/cases/{case.id}/edit", data=typed | {"version": "4", "respondents": " \n"}
    )
    assert blank.status_code == 400
    assert 'id="edit-respondents-error">Andika angalau mjibu maombi mmoja' in blank.text


async def test_the_api_refuses_a_stale_change_of_the_details(
    client: AsyncTestClient[Litestar], engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, _ = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    changed = await client.patch(
        f"/cases/{case.id}", json={"version": 1, "lead_counsel": "W. Kamau"}
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert changed.json()["lead_counsel"] == "W. Kamau"
    stale = await client.patch(f"/cases/{case.id}", json={"version": 1, "title": "X v AG"})
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
