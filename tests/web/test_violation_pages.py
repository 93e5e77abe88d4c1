"""Issue 20: a survivor's violations recorded from the browser at intake, read into the API's
own input; refusals beside their field in the reader's language, naming it by its label and
offering the nearest county; the advocacy page of figures without a name or a place."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.audit import Actor
from domain.violations import Violation
from service.database import make_sessionmaker
from service.usecases.families.survivors import register_survivor
from tests.conftest import Account
from tests.web.conftest import Browser, sign_in

TYPED = {
    "year": "2024",
    "month": "6",
    "day": "25",
    "county": "nairobi",
    "sub_county": "Kibra",
    "place": "Near the chief's camp, Laini Saba",
    "types": "torture",
    "agency": "kenya_police_service",
    "unit": "Kibera Police Station",
    "perpetrators": "2",
    "officers": "PC Mutua",
    "sex": "female",
    "age_band": "25_34",
    "disability": "no",
}


async def registered_by(engine: AsyncEngine, lawyer: Account, name: str) -> str:
    """A survivor the lawyer registered at intake: on no case yet, theirs to document."""
    actor = Actor(lawyer.user.username, "test", lawyer.user.id)
    async with make_sessionmaker(engine)() as session:
        return (await register_survivor(session, actor, full_name=name)).code


async def recorded(engine: AsyncEngine) -> int:
    async with engine.connect() as db:
        return int((await db.execute(select(func.count()).select_from(Violation))).scalar_one())


async def test_a_lawyer_records_a_violation_at_intake(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    code = await registered_by(engine, accounts["lawyer"], "Halima Intake")
    token = await sign_in(web, accounts["lawyer"])
    form = await web.get(f"/web/survivors/{code}/violations")
    assert form.status_code == 200, form.text
    assert "No violation recorded yet." in form.text and 'value="torture"' in form.text
    sent = await web.post(f"/web/survivors/{code}/violations", data=TYPED | {"_form_token": token})
    assert sent.status_code == 303, sent.text
    assert sent.headers["location"].endswith("?done=recorded#records")
    page = (await web.get(sent.headers["location"].split("#")[0])).text
    assert "The violation is recorded." in page
    assert "25 June 2024" in page and "Nairobi City, Kibra" in page
    assert "Kenya Police Service" in page and "PC Mutua" in page
    assert await recorded(engine) == 1


async def test_refusals_name_the_field_and_offer_the_nearest_county_in_kiswahili(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    code = await registered_by(engine, accounts["lawyer"], "Juma Refused")
    token = await sign_in(web, accounts["lawyer"])
    cases = {
        "a county not in the list": (
            {"county": "Kisumo"},
            "Choose the county from the list of Kenya's 47 counties. Did you mean Kisumu?",
        ),
        "a month without a year": (
            {"year": "", "day": ""},
            "Give the year it happened, even when only the month is known.",
        ),
        "a date in the future": ({"year": "2999"}, "The date it happened cannot be in the future."),
        "no violation ticked": ({"types": ""}, "Tick at least one violation from the list."),
        "thirty days in February": (
            {"month": "2", "day": "30"},
            "There is no such day in the calendar: check the day and the month.",
        ),
    }
    for why, (change, sentence) in cases.items():
        sent = await web.post(
            f"/web/survivors/{code}/violations",
            data=TYPED | change | {"_form_token": token},
        )
        assert sent.status_code in (400, 422), (why, sent.status_code)
        assert sentence.replace("'", "&#39;") in sent.text, why
        assert "Laini Saba" in sent.text, "what was typed is kept"
    await web.get("/web/language/sw")
    swahili = await web.post(
        f"/web/survivors/{code}/violations",
        data=TYPED | {"county": "Kisumo", "_form_token": token},
    )
    assert "Chagua kaunti kutoka kwenye orodha ya kaunti 47 za Kenya." in swahili.text
    assert "Ulimaanisha Kisumu?" in swahili.text
    assert await recorded(engine) == 0


async def test_another_lawyer_and_the_advocacy_officer_cannot_open_it(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    code = await registered_by(engine, accounts["lawyer"], "Wairimu Private")
    await sign_in(web, accounts["other_lawyer"])
    assert (await web.get(f"/web/survivors/{code}/violations")).status_code == 404
    web.cookies.clear()
    await sign_in(web, accounts["advocacy"])
    assert (await web.get(f"/web/survivors/{code}/violations")).status_code == 403


async def test_the_figures_page_shows_counts_and_no_name_or_place(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    code = await registered_by(engine, accounts["lawyer"], "Otieno Counted")
    token = await sign_in(web, accounts["lawyer"])
    sent = await web.post(f"/web/survivors/{code}/violations", data=TYPED | {"_form_token": token})
    assert sent.status_code == 303
    web.cookies.clear()
    await sign_in(web, accounts["advocacy"])
    figures = await web.get("/web/violations/figures", params={"from_year": "2024"})
    assert figures.status_code == 200
    assert "Violations by county and agency" in figures.text
    assert "other (fewer than 3 survivors)" in figures.text
    for secret in ("Otieno", "Laini Saba", "PC Mutua", "Kibera Police Station", code):
        assert secret not in figures.text
    refused = await web.get("/web/violations/figures", params={"from_year": "next year"})
    assert refused.status_code == 422
    assert "A year is four figures, like 2024" in refused.text
