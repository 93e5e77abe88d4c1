"""The restore drill: `haki backup` of a working database, `haki restore` into a new empty one,
and the restored one answers the same statements, reports, register and audit trail."""

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from service.app import create_app
from service.cli import main
from service.database import make_engine, scratch_database
from tests.conftest import Account
from tests.e2e.helpers import Client
from tests.factories import awarded_and_part_paid, registered_case

ANSWERS = (
    "/awards/{award}/statement?as_of=2025-06-30",
    "/awards/{award}/ledger",
    "/reports/unpaid?as_of=2025-06-30",
    "/reports/unpaid?as_of=2025-06-30&breakdown=respondent&format=csv",
    "/reports/time-to-payment?as_of=2025-06-30",
    "/reports/pipeline?from=2020-01-01&to=2025-12-31",
    "/cases",
)
"""the audit trail is compared row by row in SQL: reading a ledger adds to it"""


async def answers(client: Client, award: str, account: Account) -> list[tuple[int, str]]:
    found = []
    for path in ANSWERS:
        response = await client.get(path.format(award=award), headers=account.headers)
        found.append((response.status_code, response.text))
    return found


async def audit_trail(url: str) -> list[tuple[Any, ...]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(select(AuditEvent).order_by(col(AuditEvent.id)))
            return [tuple(row) for row in rows.all()]
    finally:
        await engine.dispose()


@pytest.fixture
def fresh_url(admin_dsn: str) -> str:
    return scratch_database(admin_dsn, f"haki_restored_{os.getpid()}")


def haki(*arguments: str) -> Any:
    """The CLI in a thread: it runs its own event loop."""
    return asyncio.to_thread(CliRunner().invoke, main, list(arguments))


async def test_a_restored_backup_answers_exactly_as_the_original(
    client: Client,
    sessions: async_sessionmaker[AsyncSession],
    accounts: dict[str, Account],
    database_url: str,
    fresh_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    awarded = await awarded_and_part_paid(sessions)
    award = str(awarded.id)
    await registered_case(sessions, reference="HAKI/T/2")
    decree = b"%PDF-1.7\n% the decree\n%%EOF\n"
    kept = await client.post(
        f"/cases/{awarded.case_id}/documents",
        files={"file": ("decree.pdf", decree, "application/pdf")},
        data={"kind": "decree", "record_kind": "award", "record_id": award},
        headers=accounts["admin"].headers,
    )
    assert kept.status_code == 201, kept.text
    file = tmp_path / "haki.dump"
    monkeypatch.setenv("DATABASE_URL", database_url)
    backed_up = await haki("backup", str(file))
    assert backed_up.exit_code == 0, backed_up.output
    assert file.stat().st_size > 0
    trail = await audit_trail(database_url)
    before = await answers(client, award, accounts["admin"])
    assert all(status == 200 for status, _ in before), before

    monkeypatch.setenv("DATABASE_URL", fresh_url)
    restored = await haki("restore", str(file))
    assert restored.exit_code == 0, restored.output
    again = await haki("restore", str(file))
    assert again.exit_code != 0 and "not empty" in again.output

    assert await audit_trail(fresh_url) == trail and len(trail) > 5
    async with AsyncTestClient(create_app(fresh_url)) as restored_app:
        after = await answers(restored_app, award, accounts["admin"])
        opened = await restored_app.get(kept.json()["download"], headers=accounts["admin"].headers)
    assert after == before
    assert opened.status_code == 200 and opened.content == decree, "documents come back too"
