"""HTTP routes for a case's team."""

import uuid

from litestar import Controller, delete, get, put
from litestar.params import FromPath, JSONBody
from msgspec import Struct

from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.openapi import responses
from service.usecases.accounts import team


class MemberIn(Struct, forbid_unknown_fields=True):
    lead: bool = False


class MemberOut(Struct):
    user_id: uuid.UUID
    username: str
    full_name: str
    lead: bool


class TeamController(Controller):
    path = "/cases/{case_id:uuid}/team"
    tags = ("cases",)

    @get(responses=responses(401, 404), summary="Who works on the case")
    async def team(self, db: Db, case_id: FromPath[uuid.UUID]) -> list[MemberOut]:
        return [
            MemberOut(user.id, user.username, user.full_name, member.lead)
            for member, user in await team.team_of(db, case_id)
        ]

    @put(
        "/{user_id:uuid}",
        responses=responses(400, 401, 403, 404, 422),
        summary="Put a lawyer on the case's team (or change whether they lead)",
    )
    async def add_member(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        user_id: FromPath[uuid.UUID],
        data: JSONBody[MemberIn],
    ) -> MemberOut:
        member = await team.assign(db, actor_of(request), case_id, user_id, data.lead)
        found = {m.user_id: u for m, u in await team.team_of(db, case_id)}[member.user_id]
        return MemberOut(found.id, found.username, found.full_name, member.lead)

    @delete("/{user_id:uuid}", responses=responses(401, 403, 404), summary="Take a lawyer off")
    async def remove_member(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        user_id: FromPath[uuid.UUID],
    ) -> None:
        await team.unassign(db, actor_of(request), case_id, user_id)
