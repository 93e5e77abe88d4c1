"""A column tested against many values sent as one array (`= ANY($1)`), not as an IN of a
parameter each: one statement text whatever the count, so the driver prepares it once and the
server plans it once, where an IN of a batch's 500 ids was compiled, sent and parsed anew."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, any_, bindparam


def one_of(column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    found: ColumnElement[bool] = column == any_(
        bindparam(None, list(values), type_=ARRAY(column.type))
    )
    return found
