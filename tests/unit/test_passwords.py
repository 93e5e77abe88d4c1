"""How strong a new password must be, and the refusal that says why in both languages."""

import pytest

from service.usecases.accounts.passwords import (
    COMMON,
    GUESSABLE,
    PERSONAL,
    TOO_SHORT,
    in_both_languages,
    weakness,
)


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


def test_the_refusal_is_a_sentence_in_english_and_in_kiswahili() -> None:
    said = in_both_languages(COMMON)
    assert said.startswith("This password is on the lists of common passwords")
    assert "Nenosiri hili liko kwenye orodha za manenosiri" in said
