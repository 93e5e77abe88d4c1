"""Signing in and out."""

from datetime import datetime, timedelta
from typing import Annotated

from litestar import Controller, get, post
from litestar.params import JSONBody
from msgspec import Meta, Struct

from domain.users import Role, User
from service.auth.identity import SignedIn, actor_of, address_of
from service.dependencies import Db
from service.idempotency import SHOWN_ONCE
from service.openapi import responses
from service.text import NOT_BLANK_LINE
from service.usecases.accounts import signin, staff_addresses, users


class LoginIn(Struct, forbid_unknown_fields=True):
    username: Annotated[str, Meta(min_length=1, max_length=60, pattern=NOT_BLANK_LINE)]
    password: Annotated[str, Meta(min_length=1, max_length=200)]


class UserOut(Struct):
    username: str
    full_name: str
    role: Role
    email: str | None
    phone: str | None
    """where reminders reach this person: PUT /auth/me/contact-details"""

    @classmethod
    def of(cls, user: User) -> "UserOut":
        return cls(user.username, user.full_name, user.role, user.email, user.phone)


class TokenOut(Struct):
    """Send the token as `Authorization: Bearer <token>`; it is shown only this once."""

    token: str
    token_type: str
    expires_at: datetime
    user: UserOut


class AuthController(Controller):
    path = "/auth"
    tags = ("sign-in",)

    @post(
        "/login",
        status_code=200,
        opt={SHOWN_ONCE: True},
        responses=responses(400, 401, 429),
        summary="Sign in; repeated failures slow down, then lock the account for a while",
    )
    async def login(self, db: Db, request: SignedIn, data: JSONBody[LoginIn]) -> TokenOut:
        hours = request.app.state.settings.session_hours
        signed = await signin.sign_in(
            db,
            username=data.username,
            password=data.password,
            address=address_of(request),
            lifetime=timedelta(hours=hours),
        )
        user = signed.user
        return TokenOut(
            token=signed.token,
            token_type="Bearer",
            expires_at=signed.expires_at,
            user=UserOut.of(user),
        )

    @post("/logout", status_code=204, responses=responses(401), summary="End this session now")
    async def logout(self, db: Db, request: SignedIn) -> None:
        await users.end_session(db, actor_of(request), request.auth)

    @get("/me", responses=responses(401), summary="Who this token belongs to")
    async def me(self, db: Db, request: SignedIn) -> UserOut:
        return UserOut.of(await staff_addresses.get_user(db, request.user.id))
