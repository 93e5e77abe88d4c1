"""Phone numbers, e-mail addresses and family status codes as a clerk types them."""

import hashlib
import hmac

import pytest

from domain.emails import email_address
from domain.errors import InvalidInput
from domain.family_codes import ALPHABET, code_hash, code_key, new_code, normalised
from domain.phones import mobile_number, phone_number


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0712 345 678", "+254712345678"),
        ("0712345678", "+254712345678"),
        ("0712-345-678", "+254712345678"),
        ("(0712) 345.678", "+254712345678"),
        ("+254712345678", "+254712345678"),
        ("+254 712 345 678", "+254712345678"),
        ("254712345678", "+254712345678"),
        ("  0712345678 ", "+254712345678"),
        ("0112345678", "+254112345678"),
        ("0110 123 456", "+254110123456"),
        ("+254 112 345 678", "+254112345678"),
        ("254112345678", "+254112345678"),
        ("0799 123 456", "+254799123456"),
    ],
)
def test_kenyan_mobiles_are_normalised_to_e164(typed: str, e164: str) -> None:
    assert mobile_number(typed) == e164
    assert phone_number(typed) == e164


@pytest.mark.parametrize(
    ("typed", "e164"),
    [("020 2345678", "+254202345678"), ("+254 41 2345678", "+254412345678")],
)
def test_a_landline_is_kept_for_calls_but_refused_for_sms(typed: str, e164: str) -> None:
    assert phone_number(typed) == e164
    with pytest.raises(InvalidInput, match="not a mobile number") as refused:
        mobile_number(typed)
    assert refused.value.field == "phone"
    assert "0712 345 678" in str(refused.value), "the refusal shows how to write one"


def test_a_number_abroad_is_kept_but_not_used_for_sms() -> None:
    assert phone_number("+44 7911 123456") == "+447911123456"
    with pytest.raises(InvalidInput, match="not a Kenyan number"):
        mobile_number("+44 7911 123456")


@pytest.mark.parametrize(
    "typed",
    [
        "071234567",  # a digit short
        "07123456789",  # a digit too many
        "0712345678x",  # the parser would drop the letter
        "0712345678 ext 3",
        "tel:+254712345678",
        "+2547",
        "0900123456",  # no such Kenyan range
        "not a number",
        "---",
    ],
)
def test_what_is_not_a_phone_number_is_refused_with_an_example(typed: str) -> None:
    for parse in (phone_number, mobile_number):
        with pytest.raises(InvalidInput, match=r"not a valid phone number.*0712 345 678"):
            parse(typed)


def test_email_addresses_are_checked_for_form_only_and_normalised() -> None:
    assert email_address(" Amina@Haki.OR.KE ") == "Amina@haki.or.ke"
    assert email_address("wanjiru@example.org") == "wanjiru@example.org"
    for wrong in ("amina", "amina@", "a@b", "a@@b.org", "amina@localhost", "jùlia@example.org"):
        with pytest.raises(InvalidInput, match="not a valid e-mail address") as refused:
            email_address(wrong)
        assert refused.value.field == "email"


def test_a_status_code_is_short_unambiguous_and_forgiving_to_type() -> None:
    code = new_code()
    assert len(code) == 9 and code[4] == "-"
    assert set(code.replace("-", "")) <= set(ALPHABET)
    assert not set("ILOU") & set(code)
    plain = code.replace("-", "")
    for typed in (code, plain, code.lower(), f" {code[:4]} {code[5:]} "):
        assert normalised(typed) == plain
    assert normalised("K7QX-92MD") == normalised("k7qx92md") == "K7QX92MD"
    assert normalised("O1LI-0000") == "0111-0000".replace("-", ""), "O read as 0, I and L as 1"
    for wrong in ("", "K7QX-92M", "K7QX-92MDA", "K7QU-92MD", "K7QX/92MD", "x" * 1000):
        assert normalised(wrong) is None
    key = code_key("a-fixed-secret-for-the-tests-only-0123456789")
    assert code_hash(plain, key) != plain and len(code_hash(plain, key)) == 64


def test_a_code_is_kept_as_a_hash_keyed_with_the_server_secret() -> None:
    """Forty bits under a bare SHA-256 fall to anyone who reads the table and tries them all;
    keyed with the server's secret, the table alone opens nothing."""
    plain = normalised(new_code())
    assert plain is not None
    ours, theirs = code_key("x" * 32 + "ours"), code_key("x" * 32 + "theirs")
    assert code_hash(plain, ours) == code_hash(plain, ours), "the same code finds its row"
    assert code_hash(plain, ours) != code_hash(plain, theirs), "another secret, another hash"
    assert code_hash(plain, ours) != hashlib.sha256(plain.encode()).hexdigest()
    assert code_hash(plain, ours) == hmac.new(ours, plain.encode(), "sha256").hexdigest()


def test_codes_do_not_repeat() -> None:
    assert len({new_code() for _ in range(2000)}) == 2000
