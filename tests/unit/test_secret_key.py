"""The server's secret: given in production, made once and kept in development."""

import stat
from pathlib import Path

import pytest

from service.app import create_app
from service.secret_key import FILE, SecretKeyMissing, kept_in, with_secret_key
from service.settings import Settings

PRODUCTION = "postgresql://haki@db.example.org/haki"


def test_production_refuses_to_start_without_the_secret(tmp_path: Path) -> None:
    bare = Settings(database_url=PRODUCTION, secret_key=None, data_dir=tmp_path)
    with pytest.raises(SecretKeyMissing, match="HAKI_SECRET_KEY is not set"):
        with_secret_key(bare)
    with pytest.raises(SecretKeyMissing, match="HAKI_SECRET_KEY is not set"):
        create_app("postgresql+asyncpg://unused/unused", bare)
    assert not (tmp_path / FILE).exists(), "none is made where a database is given"


def test_a_short_secret_is_refused_without_saying_it(tmp_path: Path) -> None:
    with pytest.raises(SecretKeyMissing, match="at least 32 characters") as refused:
        with_secret_key(Settings(database_url=PRODUCTION, secret_key="hunter2"))
    assert "hunter2" not in str(refused.value)


def test_a_given_secret_is_used_as_it_is(tmp_path: Path) -> None:
    given = "g" * 40
    assert with_secret_key(Settings(secret_key=given, data_dir=tmp_path)).secret_key == given
    assert not (tmp_path / FILE).exists()


def test_development_makes_one_and_keeps_it_for_the_next_start(tmp_path: Path) -> None:
    """`make run` works with nothing set, and codes issued yesterday work after a restart."""
    folder = tmp_path / "haki"
    first = with_secret_key(Settings(database_url=None, secret_key=None, data_dir=folder))
    again = with_secret_key(Settings(database_url=None, secret_key=None, data_dir=folder))
    assert first.secret_key == again.secret_key and len(first.secret_key or "") >= 32
    kept = folder / FILE
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600, "readable by its owner only"
    assert [p.name for p in folder.iterdir()] == [FILE], "no temporary file left behind"
    assert with_secret_key(Settings(secret_key=None, data_dir=tmp_path / "b")).secret_key != (
        first.secret_key
    ), "each installation its own"


def test_a_damaged_kept_secret_is_refused(tmp_path: Path) -> None:
    (tmp_path / FILE).write_text("short\n")
    with pytest.raises(SecretKeyMissing, match="too short"):
        kept_in(tmp_path)
