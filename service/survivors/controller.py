"""HTTP routes for registering survivors under a pseudonymous code."""

from typing import Annotated

from litestar import Controller, get, post
from litestar.params import JSONBody, PathParameter
from msgspec import Struct

from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.openapi import responses
from service.text import FullName
from service.usecases.families import survivors

Code = Annotated[
    str, PathParameter(pattern=r"^S-\d{4}-\d{4,}$", description="pseudonymous code, S-2024-0042")
]


class SurvivorIn(Struct, forbid_unknown_fields=True):
    full_name: FullName


class SurvivorOut(Struct):
    code: str
    full_name: str


class SurvivorController(Controller):
    path = "/survivors"
    tags = ("survivors",)

    @post(responses=responses(400, 403, 413), summary="Register a survivor; Haki assigns the code")
    async def register(self, db: Db, request: SignedIn, data: JSONBody[SurvivorIn]) -> SurvivorOut:
        survivor = await survivors.register_survivor(
            db, actor_of(request), full_name=data.full_name
        )
        return SurvivorOut(code=survivor.code, full_name=survivor.full_name)

    @get(
        "/{code:str}",
        responses=responses(400, 403, 404),
        summary="One survivor with their name (personal data; every read is audited)",
    )
    async def get(self, db: Db, request: SignedIn, code: Code) -> SurvivorOut:
        survivor = await survivors.read_survivor(db, actor_of(request), code)
        return SurvivorOut(code=survivor.code, full_name=survivor.full_name)
