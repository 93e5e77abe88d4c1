"""The command line and the worker-process app factory, without a database."""

from importlib.metadata import version

import pytest
from click.testing import CliRunner

from service.app import app_from_environment
from service.cli import main


def test_each_worker_builds_its_app_from_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://haki@db.example/haki")
    assert any(route.path == "/cases" for route in app_from_environment().routes)


def test_a_worker_without_database_url_says_how_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="haki serve"):
        app_from_environment()


def test_haki_refuses_a_database_other_than_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://haki@db.example/haki")
    with pytest.raises(ValueError, match="PostgreSQL only"):
        app_from_environment()


def test_diagrams_check_passes_when_docs_match_the_machines() -> None:
    result = CliRunner().invoke(main, ["diagrams", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_haki_says_its_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"haki {version('haki')}\n"


def test_serve_refuses_nonsense_worker_counts() -> None:
    result = CliRunner().invoke(main, ["serve", "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output


def test_every_documented_operation_says_who_may_call_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://haki@db.example/haki")
    paths = app_from_environment().openapi_schema.to_schema()["paths"]
    undocumented = [
        f"{method.upper()} {path}"
        for path, item in paths.items()
        for method, operation in item.items()
        if "Who may call this:" not in operation.get("description", "")
    ]
    assert undocumented == []
