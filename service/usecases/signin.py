"""Signing in: slowed after a few failures, then locked for a while, per account and address."""

import asyncio
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.errors import SignInRefused, TooManyAttempts
from domain.users import LoginAttempt, User
from service.usecases.accounts import SignedIn, open_session, password_matches
from service.usecases.audit import audit


@dataclass(frozen=True)
class Throttle:
    window: timedelta = timedelta(minutes=15)
    slow_after: int = 3
    """failures on an account after which each further try waits 1 s, 2 s, 4 s …"""
    account_lock_after: int = 5
    address_lock_after: int = 20
    lock_for: timedelta = timedelta(minutes=15)


async def _failures(
    session: AsyncSession, column: object, value: str, since: datetime
) -> tuple[int, datetime | None]:
    row = await session.exec(
        select(func.count(), func.max(LoginAttempt.at)).where(
            column == value, col(LoginAttempt.succeeded).is_(False), col(LoginAttempt.at) > since
        )
    )
    count, last = row.one()
    return count, last


async def _wait(
    session: AsyncSession, username: str, address: str, now: datetime, rule: Throttle
) -> int:
    """Seconds this attempt must still wait; 0 when it may go ahead."""
    last_success = (
        await session.exec(
            select(func.max(LoginAttempt.at)).where(
                LoginAttempt.username == username, col(LoginAttempt.succeeded).is_(True)
            )
        )
    ).one()
    since = max(now - rule.window, last_success or now - rule.window)
    on_account, last_account = await _failures(session, LoginAttempt.username, username, since)
    on_address, last_address = await _failures(
        session, LoginAttempt.address, address, now - rule.window
    )
    until = now
    if on_account >= rule.account_lock_after and last_account:
        until = last_account + rule.lock_for
    elif on_address >= rule.address_lock_after and last_address:
        until = last_address + rule.lock_for
    elif on_account >= rule.slow_after and last_account:
        until = last_account + timedelta(seconds=2 ** (on_account - rule.slow_after))
    return max(0, math.ceil((until - now).total_seconds()))


async def sign_in(
    session: AsyncSession,
    *,
    username: str,
    password: str,
    address: str,
    lifetime: timedelta,
    rule: Throttle = Throttle(),
) -> SignedIn:
    name = username.strip().lower()[:60]
    now = utcnow()
    signed_in: SignedIn | None = None
    async with session.begin():
        wait = await _wait(session, name, address, now, rule)
        if wait:
            audit(session, Actor(name, address), "login.throttled", "user", None, wait=wait)
        else:
            user = (await session.exec(select(User).where(User.username == name))).first()
            matches = await asyncio.to_thread(password_matches, user, password)
            accepted = user is not None and matches and user.disabled_at is None
            session.add(LoginAttempt(username=name, address=address, succeeded=accepted, at=now))
            if accepted and user is not None:
                audit(session, Actor(name, address, user.id), "login.success", "user", user.id)
                signed_in = await open_session(session, user, lifetime)
            else:
                audit(session, Actor(name, address), "login.failure", "user", None)
    if wait:
        raise TooManyAttempts(wait)
    if signed_in is None:
        raise SignInRefused()
    return signed_in
