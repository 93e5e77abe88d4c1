"""Shared table metadata, named by convention so every constraint is stable in migrations."""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy.orm.instrumentation import manager_of_class
from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = SQLModel.metadata

Row = TypeVar("Row", bound=SQLModel)


def utcnow() -> datetime:
    """The current instant, aware and in UTC: the only clock the tables use."""
    return datetime.now(UTC)


def as_loaded(table: type[Row], values: Mapping[str, Any]) -> Row:
    """A row built as the ORM builds one it loads: its values put in place as they are.

    What the constructor does besides (a table model's constructor does not validate either):
    fill in defaults and send each field through SQLAlchemy's set events, which made building a
    case and its event a tenth of the server's CPU in a profile of bench/transitions.py (about
    60 µs a row against 3). So every field must be given. The row is transient, as one built by
    its constructor is: no session knows it.
    """
    missing = table.model_fields.keys() - values.keys()
    if missing:
        raise ValueError(f"{table.__name__} built without {', '.join(sorted(missing))}")
    row = manager_of_class(table).new_instance()
    row.__dict__.update(values)
    return row
