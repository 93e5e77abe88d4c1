"""Every HAKI_ variable the code reads is in the settings table an office reads
(docs/operations/settings.md), and the table names none the code no longer reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = ("domain", "statemachines", "service", "notifications", "migrations")
TABLE = ROOT / "docs" / "operations" / "settings.md"
NAME = re.compile(r"\bHAKI_[A-Z0-9_]*[A-Z0-9]\b")


def read_by_the_code() -> set[str]:
    return {
        name
        for package in CODE
        for path in (ROOT / package).rglob("*.py")
        for name in NAME.findall(path.read_text())
    }


def in_the_table() -> set[str]:
    rows = [line for line in TABLE.read_text().splitlines() if line.startswith("| `")]
    return {name for row in rows for name in NAME.findall(row.split(" | ")[0])}


def test_the_code_reads_settings_at_all() -> None:
    """The scan finds what it must, so the tests below cannot pass on an empty set."""
    assert {"HAKI_SECRET_KEY", "HAKI_DEMAND_DAYS", "HAKI_ORGANISATION"} <= read_by_the_code()


def test_every_setting_the_code_reads_is_in_the_table() -> None:
    missing = read_by_the_code() - in_the_table()
    assert not missing, f"add a row for each to {TABLE.relative_to(ROOT)}: {sorted(missing)}"


def test_the_table_names_no_setting_the_code_no_longer_reads() -> None:
    stale = in_the_table() - read_by_the_code()
    assert not stale, f"nothing reads these any more: {sorted(stale)}"
