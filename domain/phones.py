"""Phone numbers as Haki keeps them: E.164, and for SMS a mobile number on a Kenyan network."""

import re
from contextlib import suppress

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

from domain.errors import N_, InvalidInput

REGION = "KE"
"""a number written without a country code is Kenyan: 0712 345 678"""
AS_TYPED = re.compile(r"\+?[0-9 ().-]+")
"""digits with the spaces, dashes, dots and brackets people write between them; letters, an
extension or a `tel:` prefix are refused rather than silently dropped by the parser"""
REACHED_BY_SMS = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def _parsed(text: str, field: str) -> PhoneNumber:
    typed, number = text.strip(), None
    if AS_TYPED.fullmatch(typed):
        with suppress(NumberParseException):
            number = phonenumbers.parse(typed, REGION)
    if number is None or not phonenumbers.is_valid_number(number):
        raise InvalidInput(
            N_(
                "This is not a valid phone number: write it as 0712 345 678 or +254 712 345 "
                "678, or a number abroad with its country code (+44 20 7946 0000)."
            ),
            field,
        )
    return number


def phone_number(text: str, field: str = "phone") -> str:
    """Any valid number, landline or mobile, Kenyan or abroad, in E.164 (+254712345678)."""
    return phonenumbers.format_number(_parsed(text, field), PhoneNumberFormat.E164)


def mobile_number(text: str, field: str = "phone") -> str:
    """A number an SMS reaches, in E.164: a Kenyan mobile (+2547…, +2541…).

    A landline (020 in Nairobi, 041 in Mombasa…) cannot receive an SMS; a number abroad is
    refused too, because the SMS gateway is a Kenyan one and quiet hours are Nairobi's.
    """
    number = _parsed(text, field)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if phonenumbers.region_code_for_number(number) != REGION:
        raise InvalidInput(
            N_(
                "%(number)s is not a Kenyan number: SMS goes only to Kenyan mobile numbers "
                "(07… or 01…); choose e-mail for someone abroad."
            ),
            field,
            number=e164,
        )
    if phonenumbers.number_type(number) not in REACHED_BY_SMS:
        raise InvalidInput(
            N_(
                "%(number)s is not a mobile number (a landline cannot receive SMS): give a "
                "mobile number, written as 0712 345 678 or +254 712 345 678."
            ),
            field,
            number=e164,
        )
    return e164
