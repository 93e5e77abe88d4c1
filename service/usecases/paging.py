"""One page of a filtered listing and the total it is a page of: every list in the API."""

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

Row = TypeVar("Row", bound=SQLModel)


def equal_to(pairs: Iterable[tuple[Any, object]]) -> list[ColumnElement[bool]]:
    """`column = value` for each filter the caller gave; a filter left as None is not applied."""
    return [col(column) == value for column, value in pairs if value is not None]


async def page(
    session: AsyncSession,
    table: type[Row],
    conditions: list[ColumnElement[bool]],
    order_by: list[Any],
    *,
    limit: int,
    offset: int,
) -> tuple[list[Row], int]:
    total = (await session.exec(select(func.count()).select_from(table).where(*conditions))).one()
    rows = await session.exec(
        select(table).where(*conditions).order_by(*order_by).limit(limit).offset(offset)
    )
    return list(rows.all()), total
