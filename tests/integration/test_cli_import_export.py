"""`haki import` and `haki export` as an operator types them: dry run, refusal, exit codes."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from service.cli import main

HEADER = (
    "reference,title,kind,court_level,court_station,court_number,lead_counsel,claimants,respondents"
)
ROW = "HAKI/5,E v AG,civil_claim,high_court,Nyeri,{number},Counsel,S-2018-0005,Attorney General"


@pytest.fixture
def haki(
    database_url: str, monkeypatch: pytest.MonkeyPatch, sessions: async_sessionmaker[AsyncSession]
) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", database_url)
    return CliRunner()


def test_import_dry_run_then_for_real(haki: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "cases.csv"
    bad.write_text(f"{HEADER}\n{ROW.format(number='HCCC of 2018')}\n")
    refused = haki.invoke(main, ["import", "cases", str(bad), "--dry-run"])
    assert refused.exit_code == 1
    assert (
        "row 2, column court_number: “HCCC of 2018” cannot be read as a court number"
        in refused.output
    )

    good = tmp_path / "fixed.csv"
    good.write_text(f"{HEADER}\n{ROW.format(number='HCCC 5 of 2018')}\n")
    dry = haki.invoke(main, ["import", "cases", str(good), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert (
        "row 2: would create HCCC 5 of 2018 at Nyeri" in dry.output
        and "nothing written" in dry.output
    )

    done = haki.invoke(main, ["import", "cases", str(good)])
    assert (
        done.exit_code == 0
        and "imported fixed.csv: 1 created, 0 updated, 0 unchanged" in done.output
    )


def test_a_file_that_cannot_be_read_exits_with_2(haki: CliRunner, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("reference,colour\nA,red\n")
    result = haki.invoke(main, ["import", "cases", str(odd)])
    assert (
        result.exit_code == 2
        and "refused: row 1, column colour: Haki does not know this column" in result.output
    )


def test_export_writes_tables_import_files_and_a_manifest(haki: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = haki.invoke(main, ["export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["with_personal_data"] is False
    assert (out / "tables" / "cases.csv").exists() and (out / "import" / "payments.csv").exists()
    assert manifest["tables"]["users"]["withheld"] == ["password_hash"]
