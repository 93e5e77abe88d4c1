"""Free text (notes, answers, evidence and file names, what a court said) may name the
survivor, a witness or an officer: it is personal data, shown only to the roles that may read
a case's parties. Others are told which fields hold text they may not read."""

from typing import Any, TypeVar

T = TypeVar("T")


def kept(value: T, free_text: bool) -> T | None:
    return value if free_text else None


def withheld(free_text: bool, **fields: Any) -> list[str]:
    """The names of the fields that hold text this reader is not shown (none if they may)."""
    return [] if free_text else [name for name, value in fields.items() if value]


def without_file(details: dict[str, Any], free_text: bool) -> dict[str, Any]:
    """An import's event names the file it came from: a file name is free text too."""
    return details if free_text else {k: v for k, v in details.items() if k != "file"}
