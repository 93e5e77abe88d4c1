"""Advocacy's working list of unpaid awards and the unpaid-awards page, in both languages."""

import csv
import io
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.calendar import nairobi_today
from service.database import make_sessionmaker
from tests.conftest import Account
from tests.factories import awarded_and_part_paid
from tests.web.conftest import Browser, sign_in


async def test_the_list_shows_each_unpaid_award_by_code_sorted_and_as_csv(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    served = await awarded_and_part_paid(sessions)
    await sign_in(web, accounts["advocacy"])
    page = await web.get(
        "/web/unpaid/awards", params={"as_of": "2024-06-30", "sort": "since_service"}
    )
    assert page.status_code == 200, page.text
    assert "Test Person" not in page.text and "HAKI/T/1" in page.text
    assert f"/web/cases/{served.case_id}" in page.text
    # 30 June 2024: 172 days since judgment (10 January), 146 since service (5 February)
    assert ">172<" in page.text and ">146<" in page.text
    assert 'aria-sort="descending"' in page.text and "Ksh" in page.text
    answer = await web.get(
        "/web/reports/unpaid/awards",
        params={"as_of": "2024-06-30", "sort": "since_service", "format": "csv"},
    )
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == (
        'attachment; filename="unpaid-awards-list-2024-06-30.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == 1 and rows[0]["survivor_code"].startswith("S-")
    assert rows[0]["days_since_service"] == "146" and rows[0]["days_since_judgment"] == "172"
    assert rows[0]["last_follow_up"] == "" and "Test Person" not in answer.text
    statement = await web.get(
        f"/awards/{served.id}/statement",
        params={"as_of": "2024-06-30"},
        headers=accounts["admin"].headers,  # the API takes a bearer token, never the cookie
    )
    assert rows[0]["outstanding"] == statement.json()["outstanding"]


async def test_the_list_sorts_by_age_since_service_either_way(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await awarded_and_part_paid(make_sessionmaker(engine))
    await sign_in(web, accounts["advocacy"])
    oldest = await web.get("/web/reports/unpaid/awards", params={"sort": "since_judgment"})
    assert [a["case_reference"] for a in oldest.json()["awards"]] == ["HAKI/T/1"]
    bad = await web.get("/web/reports/unpaid/awards", params={"sort": "nonsense"})
    assert bad.status_code == 400 and "since_service" in bad.text
    page = await web.get("/web/unpaid/awards", params={"sort": "outstanding", "reverse": "true"})
    assert page.status_code == 200 and 'aria-sort="ascending"' in page.text
    assert "1 unpaid award" in page.text


async def test_a_future_as_of_is_refused_in_words_in_both_languages(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await awarded_and_part_paid(make_sessionmaker(engine))
    await sign_in(web, accounts["advocacy"])
    later = (nairobi_today(utcnow()) + timedelta(days=30)).isoformat()
    for path in ("/web/unpaid", "/web/unpaid/awards"):
        refused = await web.get(path, params={"as_of": later})
        assert refused.status_code == 422, path
        alert = refused.text.split('role="alert">')[1].split("</p>")[0]
        assert "is after today" in alert and "as_of" not in alert, alert
        assert f'value="{later}" aria-invalid="true"' in refused.text  # as typed, marked
        assert "Ksh" in refused.text  # the figures as of today, still shown
    await web.get("/web/language/sw", params={"next": "/web/unpaid"})
    kiswahili = await web.get("/web/unpaid/awards", params={"as_of": later})
    assert kiswahili.status_code == 422 and "baada ya leo" in kiswahili.text
    assert "Fidia zisizolipwa moja moja" in kiswahili.text


async def test_the_page_merges_small_cells_as_the_csv_and_names_each_csv_apart(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await awarded_and_part_paid(make_sessionmaker(engine))
    await sign_in(web, accounts["advocacy"])
    page = await web.get("/web/unpaid", params={"as_of": "2024-06-30"})
    assert page.status_code == 200
    body = page.text.split('id="b-respondent"')[1].split("</section>")[0]
    # one survivor: the respondent's row is merged, as in the CSV and the chart
    assert "Attorney General" not in body and "other (fewer than 3 survivors)" in body
    respondents = await web.get(
        "/web/reports/unpaid",
        params={"as_of": "2024-06-30", "breakdown": "respondent", "format": "csv"},
    )
    assert "other (fewer than 3 survivors)" in respondents.text
    assert "Attorney General" not in respondents.text
    totals = await web.get("/web/reports/unpaid", params={"as_of": "2024-06-30", "format": "csv"})
    names = {
        respondents.headers["content-disposition"],
        totals.headers["content-disposition"],
    }
    assert names == {
        'attachment; filename="unpaid-awards-by-respondent-2024-06-30.csv"',
        'attachment; filename="unpaid-awards-totals-2024-06-30.csv"',
    }
    assert 'download="unpaid-awards-totals-2024-06-30.csv"' in page.text
    assert 'download="unpaid-awards-by-respondent-2024-06-30.csv"' in page.text


async def test_the_forms_empty_or_mistyped_day_is_today_or_refused_in_words(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    """The "Show" button sends `as_of=` empty when no day is chosen: today, not a 400 in JSON."""
    await awarded_and_part_paid(make_sessionmaker(engine))
    await sign_in(web, accounts["advocacy"])
    for path in ("/web/unpaid", "/web/unpaid/awards"):
        today = await web.get(path, params={"as_of": "", "sort": "since_service"})
        assert today.status_code == 200, (path, today.text)
        typo = await web.get(path, params={"as_of": "30/06/2024"})
        assert typo.status_code == 422 and "is not a date" in typo.text, path
