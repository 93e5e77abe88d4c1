"""A cell PostgreSQL could not store (a NUL byte, more than 128 KiB, longer than Haki keeps)
is refused with its row and column, as every other import mistake is: it was a 500, even in
a dry run."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import Account
from tests.e2e.helpers import Client
from tests.e2e.test_imports import GOOD, PROBLEM, cases_in, csv_file, post


@pytest.mark.parametrize(
    ("title", "column", "words"),
    [
        ("G v AG\x00", "title", "holds a NUL character"),
        ("x" * 140_000, "title", "a cell may hold at most 131,072 (128 KiB)"),
        ("y" * 301, "title", "at most 300 characters"),
    ],
    ids=["nul", "over-128-kib", "longer-than-kept"],
)
@pytest.mark.parametrize("dry_run", ["true", "false"])
async def test_a_cell_that_cannot_be_stored_is_refused_by_row_and_column(
    client: Client,
    engine: AsyncEngine,
    accounts: dict[str, Account],
    title: str,
    column: str,
    words: str,
    dry_run: str,
) -> None:
    second = GOOD.replace("HAKI/7", "HAKI/8").replace("7 of 2016", "8 of 2016")
    body = csv_file(GOOD, second.replace("G v AG", title))
    response = await post(client, accounts["admin"], "cases", body, dry_run=dry_run)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    [error] = response.json()["errors"]
    assert (error["row"], error["column"]) == (3, column)
    assert words in error["message"]
    assert await cases_in(engine) == 0


async def test_a_respondent_longer_than_kept_is_named(
    client: Client, accounts: dict[str, Account]
) -> None:
    body = csv_file(GOOD.replace("Inspector General", "Inspector " + "z" * 120))
    response = await post(client, accounts["admin"], "cases", body)
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert (error["row"], error["column"]) == (2, "respondents")
    assert "at most 120 characters for each name" in error["message"]
