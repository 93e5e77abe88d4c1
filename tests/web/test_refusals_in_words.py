"""Refusals on the pages are sentences in the reader's language: the field by its label, the
stage and the step by their words, never a field name, a stage code or msgspec's phrasing."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import registered_case
from tests.web.conftest import Browser, sign_in
from tests.web.test_new_case import CASE

CODES = ("deliver_judgment", "'intake'", "occurred_on", "starts_at", "recorded_after_the_fact")
SCHEMA_WORDS = ("Object missing", "Expected `", "Invalid ", "required field")


def error_of(page: str) -> str:
    """The refusal the page shows over its form or beside a field."""
    return page.split('class="error"', 1)[1].split(">", 1)[1].split("</", 1)[0]


async def test_a_step_not_possible_now_names_the_step_and_the_stage_in_kiswahili(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, _ = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    await web.get("/web/language/sw")
    refused = await web.post(
        f"/web/cases/{case.id}/steps",
        data={"trigger": "deliver_judgment", "version": "1", "_form_token": token},
    )
    assert refused.status_code == 409, refused.text[-3000:]
    said = error_of(refused.text)
    assert "“Hukumu imetolewa” haiwezi kurekodiwa katika hatua ya" in said, said
    assert not any(code in said for code in CODES), said


async def test_a_past_court_date_is_refused_by_its_label_not_its_field_name(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case, _ = await registered_case(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    token = await sign_in(web, accounts["lawyer"])
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    sitting = {"starts_at": yesterday, "purpose": "mention", "_form_token": token}
    english = await web.post(f"/web/cases/{case.id}/hearings", data=sitting)
    assert english.status_code == 422
    assert "tick the box that says the date has passed" in error_of(english.text)
    await web.get("/web/language/sw")
    kiswahili = await web.post(f"/web/cases/{case.id}/hearings", data=sitting)
    said = error_of(kiswahili.text)
    assert "zimeshapita" in said and "tick" not in said, said
    assert not any(code in said for code in CODES), said


async def test_a_form_missing_a_field_says_its_label_in_the_readers_language(
    web: Browser, accounts: dict[str, Account]
) -> None:
    token = await sign_in(web, accounts["lawyer"])
    await web.get("/web/language/sw")
    blank = await web.post(
        "/web/cases/new",
        data=CASE | {"title": " ", "claimants": "S-2020-9999", "_form_token": token},
    )
    assert blank.status_code == 400
    said = error_of(blank.text)
    assert said.endswith("Jaza sehemu ya “Jina la kesi”."), said
    assert not any(words in blank.text for words in SCHEMA_WORDS)


async def test_my_week_refuses_a_mistyped_day_in_words_and_shows_this_week(
    web: Browser, accounts: dict[str, Account]
) -> None:
    await sign_in(web, accounts["lawyer"])
    mistyped = await web.get("/web/", params={"start": "2026-13-45"})
    assert mistyped.status_code == 400
    assert 'id="start-error"' in mistyped.text and "that is not a day" in mistyped.text
    assert "Cause list" in mistyped.text, "the week from today is shown below the sentence"
    ancient = await web.get("/web/", params={"start": "0001-01-01"})
    assert ancient.status_code == 400
    assert "cannot be before 12 December 1963" in error_of(ancient.text)
    far = await web.get("/web/", params={"start": "9999-12-31"})
    assert far.status_code == 400 and "check the year" in error_of(far.text)
    await web.get("/web/language/sw")
    kiswahili = await web.get("/web/", params={"start": "tomorrow"})
    assert kiswahili.status_code == 400
    assert "hiyo si siku" in error_of(kiswahili.text)
    fine = await web.get("/web/", params={"start": "2027-03-01"})
    assert fine.status_code == 200 and 'id="start-error"' not in fine.text


async def test_a_page_not_open_to_the_role_says_so_in_the_readers_language(
    web: Browser, accounts: dict[str, Account]
) -> None:
    """The guard's refusal is a catalog sentence naming the role by its words: on a page in the
    reader's language, in the API's problem details in English with the status as ever."""
    await sign_in(web, accounts["advocacy"])
    refused = await web.get("/web/users")
    assert refused.status_code == 403
    assert "This is not open to an account whose role is “Advocacy officer”." in error_of(
        refused.text
    )
    await web.get("/web/language/sw")
    kiswahili = error_of((await web.get("/web/users")).text)
    assert kiswahili.startswith("Hili halifunguki kwa akaunti yenye jukumu la “"), kiswahili
    assert "advocacy" not in kiswahili
    api = await web.get("/users", headers=accounts["advocacy"].headers)
    assert api.status_code == 403
    assert (
        api.json()["detail"] == "This is not open to an account whose role is “Advocacy officer”."
    )
