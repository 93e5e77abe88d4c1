"""Signing in: slowed and then locked per account and address, slowed gently per account.

A stranger who guesses at an account locks only their own address out of it; the owner, from
her own address, still signs in. Guesses spread over many addresses slow the account for
every address that has not signed into it lately, by seconds, never by a lock.

Each try is checked in three steps, so that Argon2's slow work holds no database connection:
1. under a lock per account and per address (PostgreSQL advisory locks, so every replica
   counts alike), the throttle is read and the try is written down as a failure;
2. the password is checked in the bounded Argon2 pool (service/usecases/accounts/passwords.py);
3. a right password turns the written failure into a success and opens the session (and a
   hash made with older Argon2 parameters is replaced by one made with today's).
Tries sent together thus queue in step 1 and each sees the ones before it as failures: a
burst of guesses gets no more checks than guesses sent one by one. A few tries go through the
three steps at once per process and the others wait their turn, so that a morning's burst of
sign-ins does not hold back everyone else's pages.
"""

import asyncio
import math
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import and_, func, text, update
from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor, AuditEvent
from domain.base import utcnow
from domain.errors import SignInRefused, TooManyAttempts
from domain.users import LoginAttempt, User
from service.usecases.accounts import passwords
from service.usecases.accounts.audit import audit
from service.usecases.accounts.users import SignedIn, open_session

ACCOUNT_LOCK, ADDRESS_LOCK = 71_001, 71_002
"""the advisory lock spaces: two-number keys, apart from any one-number key"""
LOCK = text("SELECT pg_advisory_xact_lock(:space, hashtext(:key))")
AT_ONCE = 2 * passwords.HASHING_AT_ONCE
"""tries in the three steps at once per process: one checked while the next is read and written
down keeps the Argon2 pool busy; 60 at once filled the event loop's queue and the database pool
ahead of other people's requests, holding their pages back by up to 0.9 s. The others wait
their turn in order of arrival, holding no connection."""
_TURNS: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore]" = (
    weakref.WeakKeyDictionary()
)


@dataclass(frozen=True)
class Throttle:
    window: timedelta = timedelta(minutes=15)
    slow_after: int = 3
    """failures on an account from one address after which each further try from there
    waits 1 s, 2 s, 4 s …"""
    lock_after: int = 5
    """… and after which that address is locked out of that account for `lock_for`"""
    lock_for: timedelta = timedelta(minutes=15)
    address_lock_after: int = 20
    """failures from one address on any accounts after which the address is locked"""
    account_slow_after: int = 10
    """failures on an account from all addresses after which tries from addresses that have
    not signed into it within `known_for` wait 1 s, 2 s, 4 s …, never more than `longest_wait`"""
    longest_wait: timedelta = timedelta(seconds=60)
    known_for: timedelta = timedelta(days=30)


@dataclass(frozen=True)
class _Counts:
    failures: int = 0
    last: datetime | None = None


@dataclass(frozen=True)
class _Reserved:
    attempt_id: int
    user_id: uuid.UUID | None
    password_hash: str | None


async def _serialise(session: AsyncSession, username: str, address: str) -> None:
    """Always the account's lock first, then the address's: no two tries wait on each other."""
    connection = await session.connection()
    for space, key in ((ACCOUNT_LOCK, username), (ADDRESS_LOCK, address)):
        await connection.execute(LOCK, {"space": space, "key": key})


async def _successes(
    session: AsyncSession, username: str, address: str, since: datetime
) -> tuple[datetime | None, datetime | None]:
    """When the account last signed in from anywhere, and from this address."""
    won = col(LoginAttempt.succeeded).is_(True)
    here = col(LoginAttempt.address) == address
    row = await session.exec(
        select(
            func.max(LoginAttempt.at).filter(won), func.max(LoginAttempt.at).filter(won, here)
        ).where(col(LoginAttempt.username) == username, col(LoginAttempt.at) > since)
    )
    anywhere, from_here = row.one()
    return anywhere, from_here


async def _failures(
    session: AsyncSession, username: str, address: str, now: datetime, rule: Throttle
) -> tuple[_Counts, _Counts, _Counts, bool]:
    """Failures of this account from this address, from this address, and of this account;
    and whether this address signed into the account lately."""
    window = now - rule.window
    anywhere, from_here = await _successes(session, username, address, now - rule.known_for)
    pair_since = max(window, from_here or window)
    account_since = max(window, anywhere or window)
    failed = col(LoginAttempt.succeeded).is_(False)
    mine, here = col(LoginAttempt.username) == username, col(LoginAttempt.address) == address
    at = col(LoginAttempt.at)
    pair = and_(failed, mine, here, at > pair_since)
    account = and_(failed, mine, at > account_since)
    connection = await session.connection()
    row = await connection.execute(
        sa.select(
            func.count().filter(pair),
            func.max(at).filter(pair),
            func.count().filter(failed, here),
            func.max(at).filter(failed, here),
            func.count().filter(account),
            func.max(at).filter(account),
        ).where(or_(mine, here), at > window)
    )
    n_pair, last_pair, n_here, last_here, n_account, last_account = row.one()
    return (
        _Counts(n_pair, last_pair),
        _Counts(n_here, last_here),
        _Counts(n_account, last_account),
        from_here is not None,
    )


def _seconds(n: int) -> timedelta:
    return timedelta(seconds=2**n)


def _until(
    pair: _Counts, here: _Counts, account: _Counts, known: bool, now: datetime, rule: Throttle
) -> datetime:
    until = now
    if pair.last and pair.failures >= rule.lock_after:
        until = max(until, pair.last + rule.lock_for)
    elif pair.last and pair.failures >= rule.slow_after:
        until = max(until, pair.last + _seconds(pair.failures - rule.slow_after))
    if here.last and here.failures >= rule.address_lock_after:
        until = max(until, here.last + rule.lock_for)
    if account.last and account.failures >= rule.account_slow_after and not known:
        # capped before the power is taken: a long siege must not overflow the arithmetic
        n = min(account.failures - rule.account_slow_after, 16)
        until = max(until, account.last + min(rule.longest_wait, _seconds(n)))
    return until


async def _refuse_for_now(session: AsyncSession, actor: Actor, since: datetime, wait: int) -> None:
    """At most one audit row per address for each failure it made, however often a locked
    address knocks: an anonymous client must not be able to fill the audit trail."""
    written = await session.exec(
        select(AuditEvent.id)
        .where(
            AuditEvent.action == "login.throttled",
            AuditEvent.address == actor.address[:64],
            col(AuditEvent.at) > since,
        )
        .limit(1)
    )
    if written.first() is None:
        audit(session, actor, "login.throttled", "user", None, wait=wait)


async def _reserve(
    session: AsyncSession, name: str, address: str, now: datetime, rule: Throttle
) -> _Reserved:
    """Step 1: the throttle, and the try written down as a failure until proven right."""
    async with session.begin():
        await _serialise(session, name, address)
        pair, here, account, known = await _failures(session, name, address, now, rule)
        wait = max(
            0, math.ceil((_until(pair, here, account, known, now, rule) - now).total_seconds())
        )
        reserved = None
        if wait:
            since = max(now - rule.window, here.last or now - rule.window)
            await _refuse_for_now(session, Actor(name, address), since, wait)
        else:
            found = (
                await session.exec(
                    select(User.id, User.password_hash).where(
                        User.username == name, col(User.disabled_at).is_(None)
                    )
                )
            ).first()
            attempt = LoginAttempt(username=name, address=address, succeeded=False, at=now)
            session.add(attempt)
            await session.flush()
            assert attempt.id is not None
            reserved = _Reserved(attempt.id, *(found or (None, None)))
    if reserved is None:
        raise TooManyAttempts(wait)
    return reserved


async def _settle(
    session: AsyncSession,
    tried: _Reserved,
    right: bool,
    actor: Actor,
    lifetime: timedelta,
    renewed: str | None = None,
) -> SignedIn:
    """Step 3: a right password turns the failure written down into a success; its hash is
    replaced by the `renewed` one, if any, unless the password was changed meanwhile."""
    async with session.begin():
        user = await session.get(User, tried.user_id) if right and tried.user_id else None
        if user and user.disabled_at is None and user.password_hash == tried.password_hash:
            await session.exec(
                update(LoginAttempt)
                .where(col(LoginAttempt.id) == tried.attempt_id)
                .values(succeeded=True)
            )
            if renewed:
                user.password_hash = renewed
            audit(
                session,
                Actor(actor.username, actor.address, user.id),
                "login.success",
                "user",
                user.id,
            )
            return await open_session(session, user, lifetime)
        audit(session, actor, "login.failure", "user", None)
    raise SignInRefused()


async def sign_in(
    session: AsyncSession,
    *,
    username: str,
    password: str,
    address: str,
    lifetime: timedelta,
    rule: Throttle = Throttle(),
) -> SignedIn:
    name, address = username.strip().lower()[:60], address[:64]
    async with _turns():
        tried = await _reserve(session, name, address, utcnow(), rule)
        right = await passwords.matches(tried.password_hash, password)
        renewed = await passwords.renewed(tried.password_hash, password) if right else None
        return await _settle(session, tried, right, Actor(name, address), lifetime, renewed)


def _turns() -> asyncio.Semaphore:
    """This event loop's turns (a semaphore belongs to one loop, and tests run several)."""
    return _TURNS.setdefault(asyncio.get_running_loop(), asyncio.Semaphore(AT_ONCE))
