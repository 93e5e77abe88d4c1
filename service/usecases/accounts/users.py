"""Accounts: adding and disabling users, passwords, and the sessions a sign-in opens."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.errors import N_, Conflict, InvalidInput, NotFound
from domain.users import AuthSession, Principal, Role, User
from service.usecases.accounts import passwords
from service.usecases.accounts.audit import audit
from service.usecases.accounts.session_cache import forget_sessions
from service.usecases.accounts.staff_addresses import Addresses


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewAccount:
    """An account to add: what `POST /users` and the users page both read a request into."""

    username: str
    full_name: str
    role: Role
    password: str
    addresses: Addresses = field(default_factory=Addresses)


async def add_account(session: AsyncSession, actor: Actor, new: NewAccount) -> User:
    checked = new.addresses.checked()
    username, full_name = new.username.strip().lower(), new.full_name.strip()
    user = User(
        username=username,
        full_name=full_name,
        role=new.role,
        password_hash=await passwords.hashed(new.password, (username, full_name)),
        email=checked.email,
        phone=checked.phone,
    )
    try:
        async with session.begin():
            session.add(user)
            await session.flush()
            audit(
                session, actor, "user.add", "user", user.id, username=user.username, role=new.role
            )
    except IntegrityError as error:
        raise Conflict(
            N_("There is already a user called %(username)s."), username=user.username
        ) from error
    return user


async def add_user(
    session: AsyncSession,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    addresses: Addresses | None = None,
) -> User:
    """`add_account` by keywords, for the command line, the demo data and the tests."""
    new = NewAccount(username, full_name, role, password, addresses or Addresses())
    return await add_account(session, actor, new)


async def find_user(session: AsyncSession, username: str) -> User:
    found = (
        await session.exec(select(User).where(User.username == username.strip().lower()))
    ).first()
    if found is None:
        raise NotFound(N_("No user is called %(username)s."), username=username)
    return found


async def list_users(session: AsyncSession) -> list[User]:
    return list((await session.exec(select(User).order_by(User.username))).all())


async def disable_user(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> User:
    """Locks the account out at once: its sessions end now, not when their tokens expire."""
    now = utcnow()
    async with session.begin():
        user = await session.get(User, user_id)
        if user is None:
            raise NotFound(N_("No user has the id %(id)s."), id=user_id)
        user.disabled_at = user.disabled_at or now
        await _end_sessions(session, user.id, now)
        audit(session, actor, "user.disable", "user", user.id, username=user.username)
    forget_sessions()
    return user


async def change_role(session: AsyncSession, actor: Actor, user_id: uuid.UUID, role: Role) -> User:
    """Takes effect on the account's next request: the role is read with each session."""
    async with session.begin():
        user = await session.get(User, user_id, with_for_update=True)
        if user is None:
            raise NotFound(N_("No user has the id %(id)s."), id=user_id)
        if user.id == actor.user_id and role is not user.role:
            raise InvalidInput(
                N_("You cannot change your own role; ask another administrator."), "role"
            )
        before, user.role = user.role, role
        audit(
            session,
            actor,
            "user.role",
            "user",
            user.id,
            username=user.username,
            role=role,
            was=before,
        )
    forget_sessions()
    return user


async def reset_password(
    session: AsyncSession, actor: Actor, user_id: uuid.UUID, password: str
) -> User:
    async with session.begin():
        user = await session.get(User, user_id)
        if user is None:
            raise NotFound(N_("No user has the id %(id)s."), id=user_id)
        personal = (user.username, user.full_name)
    password_hash = await passwords.hashed(password, personal)
    async with session.begin():
        user = await session.get(User, user_id)
        if user is None:
            raise NotFound(N_("No user has the id %(id)s."), id=user_id)
        user.password_hash = password_hash
        await _end_sessions(session, user.id, utcnow())
        audit(session, actor, "user.password_reset", "user", user.id, username=user.username)
    forget_sessions()
    return user


async def _end_sessions(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> None:
    await session.exec(
        update(AuthSession)
        .where(col(AuthSession.user_id) == user_id, col(AuthSession.revoked_at).is_(None))
        .values(revoked_at=now)
    )


@dataclass(frozen=True)
class SignedIn:
    token: str
    expires_at: datetime
    user: User


async def open_session(session: AsyncSession, user: User, lifetime: timedelta) -> SignedIn:
    """Called inside the sign-in transaction; the token itself is shown once and never stored."""
    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + lifetime
    session.add(AuthSession(token_hash=token_hash(token), user_id=user.id, expires_at=expires_at))
    return SignedIn(token, expires_at, user)


async def principal_for_token(db: AsyncConnection, token: str) -> Principal | None:
    """Who a live token belongs to: not expired, not revoked, account not disabled.

    Runs on every request, so on a bare connection rather than a whole ORM session.
    """
    found = await live_session(db, token_hash(token))
    return found[0] if found else None


async def live_session(db: AsyncConnection, hashed: str) -> tuple[Principal, datetime] | None:
    """The principal of a live session and when the session expires (for a cache to respect)."""
    found = await db.execute(
        sa.select(
            col(User.id),
            col(User.username),
            col(User.full_name),
            col(User.role),
            col(AuthSession.expires_at),
        )
        .join(AuthSession, col(AuthSession.user_id) == User.id)
        .where(
            col(AuthSession.token_hash) == hashed,
            col(AuthSession.revoked_at).is_(None),
            col(AuthSession.expires_at) > utcnow(),
            col(User.disabled_at).is_(None),
        )
    )
    row = found.first()
    if row is None:
        return None
    return Principal(row.id, row.username, row.full_name, Role(row.role)), row.expires_at


async def end_session(session: AsyncSession, actor: Actor, token: str) -> None:
    async with session.begin():
        await session.exec(
            update(AuthSession)
            .where(
                col(AuthSession.token_hash) == token_hash(token),
                col(AuthSession.revoked_at).is_(None),
            )
            .values(revoked_at=utcnow())
        )
        audit(session, actor, "logout", "user", actor.user_id)
    forget_sessions()
