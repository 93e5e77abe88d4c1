"""Finding a case on the cases page: a court number written any way, a code, title words, part
of counsel's name; what each row shows; sorting; the CSV; names only for those who read them."""

import csv
import io
import re
import uuid
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.stages import CaseKind, CourtLevel
from service.database import make_sessionmaker
from service.usecases.cases.court_track import Step, record_step
from service.usecases.cases.register import open_case
from service.usecases.families.survivors import register_survivor
from tests.conftest import Account
from tests.factories import TEST_ACTOR, awarded_and_part_paid
from tests.web.conftest import Browser, sign_in


async def numbered_case(
    sessions: async_sessionmaker[AsyncSession],
    *,
    lead: uuid.UUID,
    reference: str,
    title: str,
    counsel: str,
    number: str,
    name: str = "Wanjiru Kamau",
) -> tuple[uuid.UUID, str]:
    """A petition filed under `number`; returns the case's id and its claimant's code."""
    async with sessions() as session:
        survivor = await register_survivor(session, TEST_ACTOR, full_name=name)
    async with sessions() as session:
        case = await open_case(
            session,
            TEST_ACTOR,
            reference=reference,
            title=title,
            kind=CaseKind.CONSTITUTIONAL_PETITION,
            court_level=CourtLevel.HIGH_COURT,
            court_station="Milimani Law Courts",
            lead_counsel=counsel,
            claimants=[survivor.code],
            respondents=["Inspector General of Police"],
            lead=lead,
        )
    async with sessions() as session:
        step = Step(trigger="file", version=1, occurred_on=date(2024, 3, 4), court_number=number)
        await record_step(session, TEST_ACTOR, case.id, step)
    return case.id, survivor.code


async def two_cases(engine: AsyncEngine, accounts: dict[str, Account]) -> tuple[uuid.UUID, str]:
    sessions = make_sessionmaker(engine)
    lead = accounts["lawyer"].user.id
    found = await numbered_case(
        sessions,
        lead=lead,
        reference="HAKI/F/1",
        title="Wanjiru Kamau v Inspector General of Police",
        counsel="Achieng Odhiambo",
        number="Petition No. E045 of 2024",
    )
    await numbered_case(
        sessions,
        lead=lead,
        reference="HAKI/F/2",
        title="Otieno v Attorney General",
        counsel="Peter Mwangi",
        number="Petition E46 of 2024",
        name="Otieno Ouma",
    )
    return found


def count(page: str) -> str:
    found = re.search(r'<p role="status">([^<]*)</p>', page)
    assert found, page
    return found.group(1)


async def test_a_lawyer_finds_a_case_by_its_number_written_any_way_and_by_its_words(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case_id, code = await two_cases(engine, accounts)
    await sign_in(web, accounts["lawyer"])
    for asked in (
        "E45/2024",
        "e045 / 2024",
        "Petition No. E045 of 2024",
        "Petition E45 of 2024",
        "HCCHRPET/E045/2024",
        code,
        code.lower(),
        "inspector police",
        "odhiam",
        "F/1",
    ):
        page = await web.get("/web/cases", params={"q": asked})
        assert page.status_code == 200, page.text
        assert count(page.text) == "1 case", asked
        assert f"/web/cases/{case_id}" in page.text, asked
    assert count((await web.get("/web/cases", params={"q": "E47/2024"})).text) == "0 cases"
    assert count((await web.get("/web/cases", params={"counsel": "mwangi"})).text) == "1 case"
    api = await web.get("/cases", params={"q": "E45/2024"}, headers=accounts["lawyer"].headers)
    assert [case["id"] for case in api.json()["items"]] == [str(case_id)]


async def test_a_claimants_name_finds_a_case_only_for_those_who_may_read_names(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await two_cases(engine, accounts)
    await sign_in(web, accounts["viewer"])
    page = await web.get("/web/cases", params={"q": "Otieno Ouma"})
    assert count(page.text) == "0 cases"
    page = await web.get("/web/cases", params={"q": "Kamau"})  # in the title: public
    assert count(page.text) == "1 case" and "Wanjiru Kamau</" not in page.text
    listed = await web.get("/web/cases.csv")
    assert "Otieno Ouma" not in listed.text and "Claimants' names" not in listed.text
    api = await web.get("/cases", params={"q": "Otieno Ouma"}, headers=accounts["viewer"].headers)
    assert api.json()["total"] == 0
    web.cookies.clear()
    await sign_in(web, accounts["lawyer"])
    page = await web.get("/web/cases", params={"q": "otieno ouma"})
    assert count(page.text) == "1 case" and "Otieno Ouma" in page.text


async def test_the_list_shows_and_sorts_by_what_a_lawyer_scans_for(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    award = await awarded_and_part_paid(sessions, lead=accounts["lawyer"].user.id)
    await two_cases(engine, accounts)
    await sign_in(web, accounts["lawyer"])
    newest = await web.get("/web/cases")
    order = re.findall(r">(HAKI/[TF]/\d)</a>", newest.text)
    assert order == ["HAKI/F/2", "HAKI/F/1", "HAKI/T/1"]
    owed = await web.get("/web/cases", params={"sort": "outstanding"})
    assert re.findall(r">(HAKI/[TF]/\d)</a>", owed.text)[0] == "HAKI/T/1"
    served_days = (nairobi_today(utcnow()) - date(2024, 2, 5)).days
    assert f"{served_days:,} days" in owed.text or f"{served_days} days" in owed.text
    assert "Ksh" in owed.text and 'aria-sort="descending"' in owed.text
    staged = await web.get("/web/cases", params={"sort": "stage"})
    assert re.findall(r">(HAKI/[TF]/\d)</a>", staged.text)[-1] == "HAKI/T/1"
    assert (await web.get("/web/cases", params={"sort": "nonsense"})).status_code == 400
    api = await web.get(
        "/cases", params={"sort": "outstanding"}, headers=accounts["lawyer"].headers
    )
    first = api.json()["items"][0]
    assert first["id"] == str(award.case_id) and first["days_since_service"] == served_days
    assert 99_000 < float(first["outstanding"]) < 200_000


async def test_the_csv_of_the_filtered_list_escapes_formulas_and_is_not_kept(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    sessions = make_sessionmaker(engine)
    await numbered_case(
        sessions,
        lead=accounts["lawyer"].user.id,
        reference="HAKI/F/3",
        title="=HYPERLINK(1) v Attorney General",
        counsel="Achieng Odhiambo",
        number="Petition E50 of 2024",
        name="=Name Formula",
    )
    await two_cases(engine, accounts)
    await sign_in(web, accounts["lawyer"])
    listed = await web.get("/web/cases.csv", params={"q": "odhiambo", "sort": "stage"})
    assert listed.status_code == 200
    assert listed.headers["cache-control"] == "no-store"
    assert listed.headers["content-type"].startswith("text/csv")
    assert re.fullmatch(
        r'attachment; filename="haki-cases-\d{4}-\d{2}-\d{2}\.csv"',
        listed.headers["content-disposition"],
    )
    rows = list(csv.DictReader(io.StringIO(listed.text)))
    assert sorted(row["Reference"] for row in rows) == ["HAKI/F/1", "HAKI/F/3"]
    formula = next(row for row in rows if row["Reference"] == "HAKI/F/3")
    assert formula["Title"] == "'=HYPERLINK(1) v Attorney General"
    assert formula["Claimants' names"].startswith("'=Name Formula (S-")
    assert formula["Court number"] == "Petition E50 of 2024"
    assert formula["Station"] == "Nairobi (Milimani)" and formula["Stage"] == "Filed"


async def test_the_list_and_its_csv_in_kiswahili(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await two_cases(engine, accounts)
    await sign_in(web, accounts["lawyer"])
    web.cookies.set("haki_lang", "sw")
    page = await web.get("/web/cases", params={"q": "E45/2024"})
    assert "Tarehe ijayo ya mahakama" in page.text and "Pakua kesi hizi (CSV)" in page.text
    assert "Next court date" not in page.text
    listed = await web.get("/web/cases.csv")
    assert listed.text.splitlines()[0].startswith("Kumbukumbu,Nambari ya kesi mahakamani")


async def test_stations_come_from_the_judiciarys_list_and_older_records_still_match(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    await two_cases(engine, accounts)
    async with engine.begin() as db:
        await db.execute(
            text("UPDATE cases SET court_station = 'Nairobi' WHERE reference = 'HAKI/F/2'")
        )
    token = await sign_in(web, accounts["lawyer"])
    form = await web.get("/web/cases/new")
    assert 'list="stations"' in form.text and '<option value="Nairobi (Milimani)">' in form.text
    for station in ("Nairobi", "nairobi (milimani)", "Milimani"):
        page = await web.get("/web/cases", params={"station": station})
        assert count(page.text) == "2 cases", station
    refused = await web.post(
        "/web/cases/new",
        data={
            "_form_token": token,
            "reference": "HAKI/F/9",
            "title": "X v Attorney General",
            "kind": "civil_claim",
            "court_level": "high_court",
            "court_station": "Nairobbi",
            "lead_counsel": "Achieng Odhiambo",
            "claimants": "S-2024-0001",
            "respondents": "Attorney General",
        },
    )
    assert refused.status_code == 422
    assert "Court station: “Nairobbi” is not a station on the Judiciary" in refused.text
