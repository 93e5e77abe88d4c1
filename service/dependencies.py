"""Request-scoped resources and the parameter shapes the routes share."""

from collections.abc import AsyncGenerator
from typing import Annotated

from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from sqlmodel.ext.asyncio.session import AsyncSession


async def provide_session(state: State) -> AsyncGenerator[AsyncSession, None]:
    """One session per request, closed (and any open transaction rolled back) after the answer."""
    async with state.sessionmaker() as session:
        yield session


Db = NamedDependency[AsyncSession]
Limit = Annotated[int, QueryParameter(ge=1, le=100, description="page size")]
Offset = Annotated[int, QueryParameter(ge=0, le=1_000_000, description="items to skip")]
