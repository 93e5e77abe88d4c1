"""Passwords: how strong a new one must be, and Argon2 run off the event loop, a few at a time.

Argon2 is slow and memory-hungry on purpose (64 MiB a check). Run on the event loop it stalls
every other request; run in an unbounded pool, a burst of sign-ins takes every core and
gigabytes of memory. So checks and hashes run in one small pool of threads per process, and
the callers wait for it holding no database connection.
"""

import asyncio
import os
import secrets
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from zxcvbn import zxcvbn

from domain.errors import N_, InvalidInput

HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1)
"""RFC 9106's second recommendation (3 passes over 64 MiB), in one lane: argon2-cffi's default
of 4 lanes starts 4 threads for each pass, which took both cores from the event loop during a
burst of sign-ins. The lanes set how many cores the defender may use, not the guesser's cost:
each guess still fills 64 MiB 3 times (RFC 9106, 4: p is chosen from the threads the defender
can afford; OWASP's settings for Argon2id all use 1)."""
MIN_PASSWORD = 10
STRONG_ENOUGH = 3
"""zxcvbn's score (0-4): 3 is "safely unguessable", over 10^8 guesses"""
HASHING_AT_ONCE = max(1, (os.cpu_count() or 2) // 2)
"""Argon2 runs at once per process: half the cores, so the event loop always has one (each in
one thread: see HASHER)"""
_POOL = ThreadPoolExecutor(max_workers=HASHING_AT_ONCE, thread_name_prefix="haki-password")

T = TypeVar("T")

TOO_SHORT = N_("A password needs at least 10 characters.")
COMMON = N_(
    "This password is on the lists of common passwords that are tried first when breaking in: "
    "choose another."
)
PERSONAL = N_(
    "This password is made from the person's username or name, which others can guess: "
    "choose another."
)
GUESSABLE = N_(
    "This password is too easy to guess (repeated or only spaces, a keyboard run, a single "
    "word with a number): use a phrase of three or four unrelated words."
)


async def off_the_loop(work: Callable[..., T], *args: Any) -> T:
    """Runs Argon2 (or another CPU-bound check) in the bounded pool."""
    return await asyncio.get_running_loop().run_in_executor(_POOL, work, *args)


def weakness(password: str, personal: Sequence[str] = ()) -> str | None:
    """Why this password may not be used, as a message id; None when it is strong enough.

    zxcvbn ships the common-password and word lists and scores what a guesser would try."""
    if len(password) < MIN_PASSWORD:
        return TOO_SHORT
    words = [part for value in personal for part in value.lower().replace(".", " ").split()]
    judged = zxcvbn(password, user_inputs=[*personal, *words])
    if judged["score"] >= STRONG_ENOUGH:
        return None
    sources = {match.get("dictionary_name") for match in judged["sequence"]}
    if "passwords" in sources:
        return COMMON
    if "user_inputs" in sources:
        return PERSONAL
    return GUESSABLE


def _hashed(password: str, personal: Sequence[str]) -> str:
    reason = weakness(password, personal)
    if reason:
        raise InvalidInput(reason, "password")
    return HASHER.hash(password)


async def hashed(password: str, personal: Sequence[str] = ()) -> str:
    """The Argon2 hash of a new password, refused with the reason when it is too weak;
    `personal` are the account's username and name, which a guesser would try first."""
    return await off_the_loop(_hashed, password, tuple(personal))


def _matches(password_hash: str | None, password: str) -> bool:
    try:
        return HASHER.verify(password_hash or _DECOY, password) and password_hash is not None
    except VerificationError:
        return False


async def matches(password_hash: str | None, password: str) -> bool:
    """Always runs one Argon2 verification, so timing does not tell whether the account exists."""
    return await off_the_loop(_matches, password_hash, password)


async def renewed(password_hash: str | None, password: str) -> str | None:
    """A new hash of the right `password` when its hash was made with other parameters (4 lanes,
    before December 2026), so that from the next sign-in on its check runs in one thread; None
    when the hash is current."""
    if password_hash is None or not HASHER.check_needs_rehash(password_hash):
        return None
    return await off_the_loop(HASHER.hash, password)


_DECOY = HASHER.hash(secrets.token_urlsafe(16))
