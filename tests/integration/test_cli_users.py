"""`haki user add|disable|reset-password` against the test database, as an operator types them."""

import pytest
from click.testing import CliRunner

from service.cli import main


@pytest.fixture
def haki(database_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", database_url)
    return CliRunner()


def test_add_disable_and_reset_an_account(haki: CliRunner) -> None:
    added = haki.invoke(
        main,
        [
            "user",
            "add",
            "cli.lawyer",
            "--name",
            "Cli Lawyer",
            "--role",
            "lawyer",
            "--password-stdin",
        ],
        input="a-long-cli-password\n",
    )
    assert added.exit_code == 0, added.output
    assert "added cli.lawyer (lawyer)" in added.output

    again = haki.invoke(
        main,
        ["user", "add", "cli.lawyer", "--name", "X", "--role", "viewer", "--password-stdin"],
        input="a-long-cli-password\n",
    )
    assert again.exit_code == 1 and "already a user called cli.lawyer" in again.output

    short = haki.invoke(
        main, ["user", "reset-password", "cli.lawyer", "--password-stdin"], input="short\n"
    )
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    common = haki.invoke(
        main, ["user", "reset-password", "cli.lawyer", "--password-stdin"], input="password12\n"
    )
    assert common.exit_code == 1 and "common passwords" in common.output
    assert "Nenosiri" not in common.output, "one language, not two at once"
    reset = haki.invoke(
        main,
        ["user", "reset-password", "cli.lawyer", "--password-stdin"],
        input="another-long-password\n",
    )
    assert reset.exit_code == 0 and "new password set for cli.lawyer" in reset.output

    disabled = haki.invoke(main, ["user", "disable", "cli.lawyer"])
    assert disabled.exit_code == 0 and "disabled cli.lawyer" in disabled.output
    unknown = haki.invoke(main, ["user", "disable", "nobody.at.all"])
    assert unknown.exit_code == 1 and "No user is called nobody.at.all" in unknown.output


def test_an_unknown_role_is_refused_by_the_command_line(haki: CliRunner) -> None:
    result = haki.invoke(main, ["user", "add", "x", "--name", "X", "--role", "judge"])
    assert result.exit_code == 2 and "judge" in result.output
