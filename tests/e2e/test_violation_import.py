"""POST /imports/violations: an office's earlier intake spreadsheet brought in, with the dry
run the case import has; every intake rule refuses a row in words, and a refused file writes
nothing; the same file twice changes nothing."""

import io
import zipfile

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.violations import Violation
from service.imports.layouts import LAYOUTS, ImportKind, layout_markdown
from tests.conftest import Account, empty_tables
from tests.e2e.helpers import Client, survivor
from tests.e2e.test_imports import post
from tests.unit.test_import_files import LAYOUTS_PAGE

HEADER = ",".join(c.name for c in LAYOUTS[ImportKind.VIOLATIONS])


def sheet(*rows: str) -> bytes:
    return "\r\n".join([HEADER, *rows, ""]).encode()


async def recorded(engine: AsyncEngine) -> int:
    async with engine.connect() as db:
        return int((await db.execute(select(func.count()).select_from(Violation))).scalar_one())


async def test_dry_run_refusals_in_words_then_the_import(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    admin = accounts["admin"]
    one, two = await survivor(client, "Onyango Imported"), await survivor(client, "Njeri Imported")
    good = [
        f"{one},2019,6,,Kisumu,Nyando,the market,torture | Arbitrary arrest and detention,"
        "kenya_police_service,Ahero Police Station,3,,male,25_34,no",
        f"{two},2017,,,Nairobi,,,extrajudicial_execution,gsu,,,,male,18_24,",
    ]
    bad = [
        f"{one},2999,,,Kisumu,,,torture,gsu,,,,,,",
        f"{one},,4,,Kisumu,,,torture,gsu,,,,,,",
        f"{one},2020,,,Kisumo,,,torture,gsu,,,,,,",
        f"{two},2020,,,Nairobi,,,tortur,gsu,,,,,,",
        "S-2001-0001,2020,4,31,Nairobi,,,torture,gsu,,,,,,",
    ]
    dry = await post(client, admin, "violations", sheet(*good, *bad), dry_run="true")
    assert dry.status_code == 200, dry.text
    said = {(e["row"], e["column"]): e["message"] for e in dry.json()["errors"]}
    assert "in the future" in said[(4, "year")]
    assert "Give the year" in said[(5, "year")]
    assert "did you mean Kisumu?" in said[(6, "county")]
    assert "did you mean Torture?" in said[(7, "types")]
    assert "no such day" in said[(8, "day")]
    assert await recorded(engine) == 0
    refused = await post(client, admin, "violations", sheet(*good, *bad))
    assert refused.status_code == 422 and await recorded(engine) == 0

    first = await post(client, admin, "violations", sheet(*good), file_name="intake-2019.csv")
    assert first.status_code == 200, first.text
    assert (first.json()["created"], first.json()["written"]) == (2, True)
    again = await post(client, admin, "violations", sheet(*good))
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 2)
    paper = "S-2015-0042,2015,,,Kakamega,,,torture,kenya_police_service,,,,,,"
    registered = await post(client, admin, "violations", sheet(paper))
    assert registered.json()["created"] == 1, "a paper code new to Haki registers the survivor"
    listed = (await client.get(f"/survivors/{one}/violations")).json()
    assert listed[0]["types"] == ["torture", "arbitrary_arrest"]
    assert (listed[0]["precision"], listed[0]["county"]) == ("month", "Kisumu")


def test_the_layout_is_documented() -> None:
    docs = (LAYOUTS_PAGE.parents[1] / "violation-records.md").read_text()
    assert layout_markdown((ImportKind.VIOLATIONS,)) in docs


async def test_an_export_imported_into_an_empty_register_gives_the_same_records(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    admin = accounts["admin"]
    code = await survivor(client, "Akinyi Exported")
    base = {"county": "Mombasa", "agency": "administration_police", "types": ["torture"]}
    for when in ({"year": 2018}, {"year": 2019, "month": 7}, {"year": 2020, "month": 2, "day": 29}):
        extra = {"place": '=HYPERLINK("x")', "officers": "Insp. Hassan", "disability": True}
        answer = await client.post(f"/survivors/{code}/violations", json=base | when | extra)
        assert answer.status_code == 201, answer.text
    before = (await client.get(f"/survivors/{code}/violations")).json()
    exported = await client.get(
        "/exports/full.zip", headers=admin.headers, params={"with_personal_data": "true"}
    )
    file = zipfile.ZipFile(io.BytesIO(exported.content)).read("import/violations.csv")
    assert b"'=HYPERLINK" in file, "a formula leaves escaped"
    await empty_tables(engine)
    brought = await post(client, admin, "violations", file)
    assert brought.json()["created"] == 3, brought.text
    after = (await client.get(f"/survivors/{code}/violations", headers=admin.headers)).json()
    kept = ("occurred_on", "precision", "county", "types", "place", "officers", "disability")
    assert [{k: v[k] for k in kept} for v in after] == [{k: v[k] for k in kept} for v in before]
