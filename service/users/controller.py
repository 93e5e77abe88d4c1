"""Administrators manage accounts: add, list, disable, change the role, reset the password
(disabling and a new password end the account's sessions)."""

import uuid
from datetime import datetime
from typing import Annotated

from litestar import Controller, get, post, put
from litestar.params import FromPath, JSONBody
from msgspec import Meta, Struct

from domain.users import Role, User
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.openapi import record_action, responses
from service.text import EmailText, FullName, PhoneText
from service.usecases.accounts import passwords, users
from service.usecases.accounts.staff_addresses import Addresses

Password = Annotated[str, Meta(min_length=passwords.MIN_PASSWORD, max_length=200)]


class UserIn(Struct, forbid_unknown_fields=True):
    username: Annotated[str, Meta(min_length=2, max_length=60, pattern=r"^[A-Za-z0-9._-]+$")]
    full_name: FullName
    role: Role
    password: Password
    email: EmailText | None = None
    phone: PhoneText | None = None
    """a Kenyan mobile number, for reminders by SMS"""

    def account(self) -> users.NewAccount:
        addresses = Addresses(self.email, self.phone)
        return users.NewAccount(self.username, self.full_name, self.role, self.password, addresses)


class RoleIn(Struct, forbid_unknown_fields=True):
    role: Role


class PasswordIn(Struct, forbid_unknown_fields=True):
    password: Password
    """set by the administrator and told to the person; their sessions end"""


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
        return [AccountOut.of(user) for user in await users.list_users(db)]

    @post(responses=responses(400, 401, 403, 409, 422), summary="Add an account")
    async def add(self, db: Db, request: SignedIn, data: JSONBody[UserIn]) -> AccountOut:
        return AccountOut.of(await users.add_account(db, actor_of(request), data.account()))

    @record_action("/{user_id:uuid}/disable", "Disable an account; its sessions end at once")
    async def disable(self, db: Db, request: SignedIn, user_id: FromPath[uuid.UUID]) -> AccountOut:
        return AccountOut.of(await users.disable_user(db, actor_of(request), user_id))

    @put(
        "/{user_id:uuid}/role",
        responses=responses(400, 401, 403, 404, 422),
        summary="Change an account's role; it applies from the account's next request",
    )
    async def change_role(
        self, db: Db, request: SignedIn, user_id: FromPath[uuid.UUID], data: JSONBody[RoleIn]
    ) -> AccountOut:
        user = await users.change_role(db, actor_of(request), user_id, data.role)
        return AccountOut.of(user)

    @post(
        "/{user_id:uuid}/password",
        status_code=200,
        responses=responses(400, 401, 403, 404, 422),
        summary="Set a new password for an account; its sessions end at once",
    )
    async def reset_password(
        self, db: Db, request: SignedIn, user_id: FromPath[uuid.UUID], data: JSONBody[PasswordIn]
    ) -> AccountOut:
        user = await users.reset_password(db, actor_of(request), user_id, data.password)
        return AccountOut.of(user)
