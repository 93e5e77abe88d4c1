"""Request-scoped resources and the parameter shapes the routes share."""

import asyncio
from collections.abc import AsyncGenerator
from typing import Annotated

from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from sqlmodel.ext.asyncio.session import AsyncSession


async def provide_session(state: State) -> AsyncGenerator[AsyncSession, None]:
    """One session per request, closed after the answer when it holds a transaction (any left
    open is rolled back and its connection goes back to the pool). A session holds a
    connection only inside a transaction, so one that holds none has nothing to give back:
    closing it anyway (a task and a greenlet) was a seventieth of the server's CPU a step in a
    profile of bench/transitions.py, where most steps never begin one."""
    session = state.sessionmaker()
    try:
        yield session
    finally:
        if session.in_transaction():
            await asyncio.shield(session.close())  # as leaving `async with session` does


Db = NamedDependency[AsyncSession]
Limit = Annotated[int, QueryParameter(ge=1, le=100, description="page size")]
Offset = Annotated[int, QueryParameter(ge=0, le=1_000_000, description="items to skip")]
