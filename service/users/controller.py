"""Administrators manage accounts: add, list, disable (which ends the account's sessions)."""

import uuid
from datetime import datetime
from typing import Annotated

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody
from msgspec import Meta, Struct

from domain.users import Role, User
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.openapi import responses
from service.text import EmailText, FullName, PhoneText
from service.usecases import accounts, passwords
from service.usecases.staff_addresses import Addresses


class UserIn(Struct, forbid_unknown_fields=True):
    username: Annotated[str, Meta(min_length=2, max_length=60, pattern=r"^[A-Za-z0-9._-]+$")]
    full_name: FullName
    role: Role
    password: Annotated[str, Meta(min_length=passwords.MIN_PASSWORD, max_length=200)]
    email: EmailText | None = None
    phone: PhoneText | None = None
    """a Kenyan mobile number, for reminders by SMS"""


class AccountOut(Struct):
    id: uuid.UUID
    username: str
    full_name: str
    role: Role
    disabled_at: datetime | None
    email: str | None
    phone: str | None

    @classmethod
    def of(cls, user: User) -> "AccountOut":
        return cls(
            user.id,
            user.username,
            user.full_name,
            user.role,
            user.disabled_at,
            user.email,
            user.phone,
        )


class UserController(Controller):
    path = "/users"
    tags = ("users",)

    @get(responses=responses(401, 403), summary="Every account")
    async def list_users(self, db: Db) -> list[AccountOut]:
        return [AccountOut.of(user) for user in await accounts.list_users(db)]

    @post(responses=responses(400, 401, 403, 409, 422), summary="Add an account")
    async def add(self, db: Db, request: SignedIn, data: JSONBody[UserIn]) -> AccountOut:
        user = await accounts.add_user(
            db,
            actor_of(request),
            username=data.username,
            full_name=data.full_name,
            role=data.role,
            password=data.password,
            addresses=Addresses(data.email, data.phone),
        )
        return AccountOut.of(user)

    @post(
        "/{user_id:uuid}/disable",
        status_code=200,
        responses=responses(401, 403, 404),
        summary="Disable an account; its sessions end at once",
    )
    async def disable(self, db: Db, request: SignedIn, user_id: FromPath[uuid.UUID]) -> AccountOut:
        return AccountOut.of(await accounts.disable_user(db, actor_of(request), user_id))
