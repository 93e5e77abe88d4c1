"""How strong a new password must be, and the refusal that says why in the reader's language."""

import threading

import pytest

from domain.errors import InvalidInput
from notifications.i18n import Language
from service.usecases.accounts.passwords import (
    COMMON,
    GUESSABLE,
    HASHER,
    PERSONAL,
    TOO_SHORT,
    hashed,
    matches,
    off_the_loop,
    weakness,
)
from service.web.said import said


@pytest.mark.parametrize(
    ("password", "personal", "why"),
    [
        ("password12", (), COMMON),
        ("qwertyuiop1", (), COMMON),
        (" " * 10, (), GUESSABLE),
        ("aaaaaaaaaaaa", (), GUESSABLE),
        ("1234567890", (), COMMON),
        ("amina.yusuf2026", ("amina.yusuf", "Amina Yusuf"), PERSONAL),
        ("short", (), TOO_SHORT),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(
    password: str, personal: tuple[str, ...], why: str
) -> None:
    assert weakness(password, personal) == why


@pytest.mark.parametrize(
    "password", ["mango-ferry-kisumu-lantern", "correct horse battery staple", "haki-demo-lawyer"]
)
def test_a_phrase_of_unrelated_words_is_strong_enough(password: str) -> None:
    assert weakness(password, ("lawyer", "Achieng Odhiambo")) is None


async def test_the_refusal_is_said_in_one_language_the_readers() -> None:
    with pytest.raises(InvalidInput) as refused:
        await hashed("password12")
    english, kiswahili = said(refused.value, Language.EN), said(refused.value, Language.SW)
    assert english.startswith("This password is on the lists of common passwords")
    assert "Nenosiri" not in english
    assert kiswahili.startswith("Nenosiri hili liko kwenye orodha za manenosiri")
    assert "This password" not in kiswahili


async def test_argon2_runs_off_the_loop_with_the_same_parameters() -> None:
    """The hashing thread is not the loop's, and hashes with Argon2's parameters as they were."""
    thread = await off_the_loop(threading.get_native_id)
    assert thread != threading.get_native_id()
    assert (HASHER.time_cost, HASHER.memory_cost) == (3, 65536)
    assert await matches(await hashed("mango-ferry-kisumu-lantern"), "mango-ferry-kisumu-lantern")
