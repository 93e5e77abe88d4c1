"""The browser interface through HTTP once signed in: the pages, their forms and refusals
(signing in and the session cookie are tests/web/test_session_pages.py)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import awarded_and_part_paid, registered_case
from tests.web.conftest import Browser, sign_in


async def audited(engine: AsyncEngine, action: str) -> int:
    async with engine.connect() as db:
        found = await db.execute(
            text("SELECT count(*) FROM audit_events WHERE action = :a"), {"a": action}
        )
        return int(found.scalar_one())


async def test_a_lawyer_signs_in_and_records_a_step(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    lawyer = accounts["lawyer"]
    case, _ = await registered_case(make_sessionmaker(engine), lead=lawyer.user.id)
    token = await sign_in(web, lawyer)
    page = await web.get(f"/web/cases/{case.id}")
    assert page.status_code == 200, page.text
    assert "Test Person" in page.text and "Intake" in page.text
    assert await audited(engine, "case.parties.read") == 1
    sent = await web.post(
        f"/web/cases/{case.id}/steps",
        data={
            "_form_token": token,
            "trigger": "file",
            "version": "1",
            "court_number": "Petition E5 of 2026",
        },
    )
    assert sent.status_code == 303, sent.text
    after = await web.get(sent.headers["location"])
    assert "Petition E5 of 2026" in after.text and "Filed in court" in after.text


async def test_a_viewer_sees_the_case_without_names_and_no_buttons(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, code = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    await sign_in(web, accounts["viewer"])
    page = await web.get(f"/web/cases/{case.id}")
    assert page.status_code == 200
    assert code in page.text and "Test Person" not in page.text
    assert "/steps" not in page.text and "Set a court date" not in page.text
    assert await audited(engine, "case.parties.read") == 0


async def test_a_lawyer_lists_only_her_cases_and_finds_one_by_court_number(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    award = await awarded_and_part_paid(sessions, lead=accounts["lawyer"].user.id)
    await registered_case(sessions, lead=accounts["other_lawyer"].user.id, reference="HAKI/T/9")
    await sign_in(web, accounts["lawyer"])
    everything = await web.get("/web/cases")
    assert "HAKI/T/1" in everything.text and "HAKI/T/9" not in everything.text
    found = await web.get("/web/cases", params={"q": "petition no. e9 of 2023"})
    assert "1 case" in found.text and f"/web/cases/{award.case_id}" in found.text
    none = await web.get("/web/cases", params={"stage": "intake"})
    assert "0 cases" in none.text
    assert (await web.get("/web/cases", params={"stage": "nonsense"})).status_code == 400


async def test_unpaid_awards_with_the_report_csv_and_chart_by_cookie(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await awarded_and_part_paid(make_sessionmaker(engine))
    await sign_in(web, accounts["advocacy"])
    page = await web.get("/web/unpaid", params={"as_of": "2024-06-30"})
    assert page.status_code == 200
    assert "Ksh100,000.00" in page.text and "Ksh1,000.00" in page.text
    assert "Test Person" not in page.text
    assert 'href="/web/reports/unpaid?breakdown=respondent&format=csv' in page.text
    asked = {"breakdown": "respondent", "format": "csv"}
    csv = await web.get("/web/reports/unpaid", params=asked)
    assert csv.status_code == 200 and csv.text.startswith("respondent,awards,survivors")
    chart = await web.get("/web/reports/unpaid/chart.svg")
    assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg")


async def test_the_calendar_page_makes_a_feed_that_opens(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["lawyer"])
    page = await web.post("/web/calendar/feed", data={"_form_token": token})
    assert page.status_code == 200
    url = page.text.split('id="feed-url" rows="3" readonly>')[1].split("<")[0]
    assert url.startswith("http://testserver.local/calendar/") and url.endswith(".ics")
    assert (await web.get(url)).text.startswith("BEGIN:VCALENDAR")
    closed = await web.post("/web/calendar/close", data={"_form_token": token})
    assert closed.status_code == 303
    assert (await web.get(url)).status_code == 404


async def test_swahili_words_dates_and_shillings(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    await sign_in(web, accounts["lawyer"])
    switched = await web.get("/web/language/sw", params={"next": f"/web/cases/{award.case_id}"})
    assert switched.status_code == 303 and switched.headers["location"].endswith(str(award.case_id))
    page = await web.get(switched.headers["location"])
    assert '<html lang="sw">' in page.text
    assert "Hatua" in page.text and "Hukumu" in page.text
    assert "10 Januari 2024" in page.text
    assert "Ksh\u00a0100,000.00" in page.text
    assert (await web.get("/web/language/fr")).status_code == 404
    assert (await web.get("/web/language/en", params={"next": "https://evil.example/"})).headers[
        "location"
    ] == "/web/"


async def test_an_unknown_done_word_or_case_is_a_page_not_an_error(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, _ = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    await sign_in(web, accounts["lawyer"])
    assert (await web.get(f"/web/cases/{case.id}", params={"done": "whatever"})).status_code == 200
    other, _ = await registered_case(
        make_sessionmaker(engine), lead=accounts["other_lawyer"].user.id, reference="HAKI/T/8"
    )
    missing = await web.get(f"/web/cases/{other.id}")
    assert missing.status_code == 404 and "Not found" in missing.text
    assert missing.headers["content-type"].startswith("text/html")


async def test_a_lawyer_chases_the_award_and_records_a_payment(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    page = await web.get(f"/web/cases/{award.case_id}")
    assert f'action="/web/awards/{award.id}/steps"' in page.text and 'value="enforce"' in page.text
    too_much = {"received_on": "2024-07-01", "amount": "9999999.00", "payer": "National Treasury"}
    refused = await web.post(
        f"/web/awards/{award.id}/payments",
        data=too_much | {"reference": "TR/2024/2", "_form_token": token},
    )
    assert refused.status_code == 422, refused.text
    assert 'value="9999999.00"' in refused.text and 'value="TR/2024/2"' in refused.text
    assert "a payment may not exceed what is owed on its date" in refused.text
    chased = await web.post(
        f"/web/awards/{award.id}/follow-ups",
        data={"on": "2024-07-01", "kind": "letter", "reference": "AG/FU/7", "_form_token": token},
    )
    assert chased.status_code == 303 and chased.headers["location"].endswith(f"#award-{award.id}")
    paid = await web.post(
        f"/web/awards/{award.id}/payments",
        data=too_much | {"amount": "500.00", "reference": "TR/2024/2", "_form_token": token},
    )
    assert paid.status_code == 303
    after = await web.get(paid.headers["location"].split("#")[0])
    assert "AG/FU/7" in after.text and "Ksh1,500.00" in after.text
    stayed = await web.post(
        f"/web/awards/{award.id}/steps",
        data={"trigger": "stay", "version": "1", "_form_token": token},
    )
    assert stayed.status_code == 409 and "; here is the case now." in stayed.text
    assert "version" not in stayed.text.split('id="stale"')[1].split("</div>")[0]


async def test_a_past_sitting_is_set_after_the_fact_and_recorded_as_held(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, _ = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    sitting = {"starts_at": yesterday, "purpose": "mention", "court_room": "Court 4"}
    refused = await web.post(
        f"/web/cases/{case.id}/hearings", data=sitting | {"_form_token": token}
    )
    assert refused.status_code == 422
    assert (
        "tick the box that says the date has passed" in refused.text
        and 'value="Court 4"' in refused.text
    )
    done = await web.post(
        f"/web/cases/{case.id}/hearings",
        data=sitting | {"recorded_after_the_fact": "yes", "_form_token": token},
    )
    assert done.status_code == 303, done.text
    page = await web.get(f"/web/cases/{case.id}")
    hearing = page.text.split('action="/web/hearings/')[1].split("/")[0]
    held = await web.post(
        f"/web/hearings/{hearing}/held",
        data={"version": "1", "outcome": "Directions on filing given", "_form_token": token},
    )
    assert held.status_code == 303
    after = await web.get(held.headers["location"].split("#")[0])
    assert "Held</span>: Directions on filing given" in after.text
