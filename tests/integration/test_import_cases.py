"""Bringing in a 2,000-row register as an office keeps it: dry run, refusal, import, re-import."""

import random
from datetime import UTC, datetime

import pytest
from sqlalchemy import func
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from domain.cases import Case, CaseEvent, Survivor
from domain.stages import Stage
from service.imports.layouts import ImportKind
from service.usecases.families.survivors import register_survivor
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportReport, ImportRules, run_import
from tests.factories import TEST_ACTOR
from tests.spreadsheets import case_row, matters, sheet

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ROWS = 2_000
BAD_ROW = 1_337


def register(bad: str | None = None) -> tuple[bytes, list[dict[str, str]]]:
    """2,000 cases, a blank line every 97 rows, row 10 given twice, and (with `bad`) the
    court number of spreadsheet row 1,337 replaced."""
    rng = random.Random(3)
    rows = [case_row(m, rng) for m in matters(ROWS - 1)]
    rows.insert(500, dict(rows[9]))
    _, numbers = sheet(rows, blank_every=97)
    if bad is not None:
        rows[numbers.index(BAD_ROW)]["court_number"] = bad
    data, _ = sheet(rows, blank_every=97)
    return data, rows


async def run(
    sessions: Sessions, data: bytes, *, dry_run: bool, name: str = "register.csv"
) -> ImportReport:
    return await run_import(
        sessions,
        TEST_ACTOR,
        ImportRequest(ImportKind.CASES, data, name, dry_run),
        rules=ImportRules(),
        now=NOW,
    )


async def counts(sessions: Sessions) -> list[int]:
    found = []
    async with sessions() as session:
        for table in (Case, CaseEvent, Survivor, AuditEvent):
            found.append((await session.exec(select(func.count()).select_from(table))).one())  # type: ignore[call-overload]
    return found


async def test_a_bad_row_is_named_and_nothing_is_written_until_it_is_fixed(
    sessions: Sessions,
) -> None:
    broken, _ = register(bad="Petition No. of 2021")
    before = await counts(sessions)

    dry = await run(sessions, broken, dry_run=True)
    assert [(e.row, e.column) for e in dry.errors] == [(BAD_ROW, "court_number")]
    assert "no number after the series" in dry.errors[0].message
    assert dry.count("created") == ROWS - 2 and not dry.written
    assert await counts(sessions) == before

    refused = await run(sessions, broken, dry_run=False)
    assert [(e.row, e.column) for e in refused.errors] == [(BAD_ROW, "court_number")]
    assert not refused.written and await counts(sessions) == before

    fixed, _ = register()
    done = await run(sessions, fixed, dry_run=False)
    assert done.errors == [] and done.written
    assert (done.count("created"), done.count("unchanged")) == (ROWS - 1, 1)
    cases, events, survivors, _ = await counts(sessions)
    assert (cases, survivors) == (ROWS - 1, ROWS - 1)

    again = await run(sessions, fixed, dry_run=False)
    assert again.errors == [] and again.count("unchanged") == ROWS
    assert (await counts(sessions))[:3] == [cases, events, survivors]


async def test_entered_stages_carry_their_facts_and_one_imported_event(sessions: Sessions) -> None:
    data, rows = register()
    await run(sessions, data, dry_run=False)
    async with sessions() as session:
        by_stage = dict(
            (await session.exec(select(Case.stage, func.count()).group_by(Case.stage))).all()
        )  # type: ignore[call-overload]
        judged = (await session.exec(select(Case).where(Case.stage == Stage.AWARDED))).first()
        assert judged is not None
        history = (
            await session.exec(
                select(CaseEvent).where(CaseEvent.case_id == judged.id).order_by(CaseEvent.id)
            )
        ).all()
    assert set(by_stage) == {Stage(r["stage"]) for r in rows}
    assert judged.judgment_on is not None and judged.judgment_outcome == "allowed"
    assert [(e.trigger, e.from_stage, e.to_stage) for e in history] == [
        ("imported", None, Stage.AWARDED)
    ]
    assert history[0].details["file"] == "register.csv" and len(history[0].details["sha256"]) == 64


async def test_a_changed_row_updates_and_says_from_which_file(sessions: Sessions) -> None:
    first = (
        b"reference;title;kind;court_level;court_station;court_number;lead_counsel;claimants;"
        b"respondents;stage;filed_on\n"
        b"HAKI/1;A v AG;civil_claim;high_court;Nyeri;HCCC 45 of 2015;Counsel;S-2015-0001;"
        b"Attorney General;filed;03/02/2015\n"
    )
    await run(sessions, first, dry_run=False, name="first.csv")
    changed = first.replace(b";filed;", b";pleadings;").replace(b"A v AG", b"A v The AG")
    dry = await run(sessions, changed, dry_run=True, name="second.csv")
    assert [(r.action, r.changed) for r in dry.rows] == [("updated", ("title", "stage"))]
    report = await run(sessions, changed, dry_run=False, name="second.csv")
    assert report.written
    async with sessions() as session:
        case = (await session.exec(select(Case))).one()
        last = (await session.exec(select(CaseEvent).order_by(CaseEvent.id.desc()))).first()  # type: ignore[union-attr]
    assert (case.stage, case.title) == (Stage.PLEADINGS, "A v The AG")
    assert last is not None and last.trigger == "imported" and last.details["file"] == "second.csv"
    assert last.details["changed"] == ["title", "stage"]


async def test_a_survivor_registered_later_gets_a_code_after_the_imported_ones(
    sessions: Sessions,
) -> None:
    data = (
        b"reference,title,kind,court_level,court_station,lead_counsel,claimants,respondents\n"
        b"HAKI/2,B v AG,civil_claim,high_court,Nyeri,Counsel,S-2026-0041,Attorney General\n"
    )
    assert (await run(sessions, data, dry_run=False)).written
    async with sessions() as session:
        later = await register_survivor(session, TEST_ACTOR, full_name="Later", now=NOW)
    assert later.code == "S-2026-0042"


@pytest.mark.parametrize(
    ("stage", "extra", "column"),
    [
        ("awarded", ",judgment_on=2024-01-10", "judgment_outcome"),
        ("dismissed", ",judgment_on=2024-01-10,judgment_outcome=allowed", "judgment_outcome"),
        ("judgment", ",judgment_outcome=allowed", "judgment_on"),
        ("hearing", "", "court_number"),
    ],
)
async def test_a_stage_the_court_track_cannot_reach_on_the_rows_facts(
    sessions: Sessions, stage: str, extra: str, column: str
) -> None:
    given = dict(pair.split("=") for pair in extra.split(",")[1:])
    header = (
        "reference,title,kind,court_level,court_station,lead_counsel,claimants,respondents,stage"
    )
    values = (
        f"HAKI/3,C v AG,civil_claim,high_court,Nyeri,Counsel,S-2020-0003,Attorney General,{stage}"
    )
    if stage != "hearing":
        header, values = header + ",court_number", values + ",Petition E3 of 2023"
    for name, value in given.items():
        header, values = f"{header},{name}", f"{values},{value}"
    report = await run(sessions, f"{header}\n{values}\n".encode(), dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(2, column)], report.errors
    assert stage in report.errors[0].message and not report.written


async def test_a_station_is_checked_against_the_list_with_the_nearest_names_in_words(
    sessions: Sessions,
) -> None:
    """As the new-case page checks it: a misspelt station is refused with "did you mean", a
    town written alone is its main law courts, and a station the number names is read in."""
    rng = random.Random(5)
    rows = [case_row(m, rng) for m in matters(3)]
    rows[0] |= {"court_station": "Kakamegga", "court_number": "", "stage": "intake"}
    rows[1] |= {"court_station": "Nairobi", "court_number": "", "stage": "intake"}
    rows[2] |= {
        "court_station": "Nairobi",
        "court_number": "Milimani CMCC No. 45 of 2015",
        "stage": "filed",
        "judgment_on": "",
        "judgment_outcome": "",
    }
    data, numbers = sheet(rows)
    refused = await run(sessions, data, dry_run=True)
    assert [(e.row, e.column, e.message) for e in refused.errors] == [
        (
            numbers[0],
            "court_station",
            "Court station: “Kakamegga” is not a station on the Judiciary's list; choose one "
            "from the list (near it: Kakamega, Kapenguria).",
        )
    ]
    rows[0]["court_station"] = "Kakamega"
    fixed, _ = sheet(rows)
    assert (await run(sessions, fixed, dry_run=False)).written
    async with sessions() as session:
        stations = await session.exec(select(Case.court_station).order_by(Case.reference))
        assert stations.all() == ["Kakamega", "Nairobi (Milimani)", "Nairobi (Milimani)"]
