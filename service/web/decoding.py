"""The input classes' own refusals (msgspec's "Object missing required field `kind`",
"Expected `array` of length >= 1", "Invalid decimal string") said as a sentence naming the
field by its form's label, for a page; the API keeps msgspec's words beside the field name.
"""

import re

from domain.errors import N_, Field, Said

_AT_FIELD = re.compile(r" - at `\$\.(\w+)[^`]*`")
_MISSING = re.compile(r"missing required field `(\w+)`")
REQUIRED = N_("%(field)s is required.")
NOT_A_DATE = N_("%(field)s is not a date: give the day, the month and the year.")
CHOOSE = N_("%(field)s: choose one of the choices offered.")
NOT_SHILLINGS = N_("%(field)s must be in shillings, like 500,000 or 500000.00.")

SENTENCES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), sentence)
    for pattern, sentence in (
        (r"^Object missing required field", REQUIRED),
        (r"^Expected `str` of length >= 1\b", REQUIRED),
        (r"^Expected `array` of length >= ", N_("%(field)s needs at least one entry.")),
        (r"^Expected `str` of length <= (?P<most>\d+)",
         N_("%(field)s is too long: at most %(most)s characters.")),
        (r"^Expected `str` of length >= (?P<least>\d+)",
         N_("%(field)s is too short: at least %(least)s characters.")),
        (r"^Expected `array` of length <= (?P<most>\d+)",
         N_("%(field)s has too many entries: at most %(most)s.")),
        (r"^Expected `int` >= (?P<least>-?\d+)",
         N_("%(field)s must be at least %(least)s.")),
        (r"^Expected `int` <= (?P<most>-?\d+)",
         N_("%(field)s must be at most %(most)s.")),
        (r"^Expected `int`", N_("%(field)s must be a whole number, like 7.")),
        (r"^(Expected `decimal`|Invalid decimal string|Expected `(float|number)`)",
         N_("%(field)s must be a number, like 12 or 12.5.")),
        (r"^Invalid (enum value|UUID)|^Expected `uuid`", CHOOSE),
        (r"^Expected `bool`", N_("%(field)s: answer yes or no.")),
        (r"^Invalid RFC3339 encoded time|^Expected `time`",
         N_("%(field)s is not a time of day: write it like 09:30.")),
        (r"^Invalid RFC3339 encoded date|^Expected `date`", NOT_A_DATE),
        (r"shillings|more than nothing|Haki can record", NOT_SHILLINGS),
        (r"^Expected `str` matching", N_("%(field)s is not written as the form asks.")),
    )
)  # fmt: skip
"""msgspec's messages (msgspec/_core.c) and the amount reader's (service/amounts.py)"""
UNREADABLE = N_("%(field)s cannot be read as typed: check it and send the form again.")


def decode_refusal(message: str) -> tuple[str | None, Said]:
    """The field a decoding refusal is about (None: the whole form) and its sentence."""
    found = _AT_FIELD.search(message) or _MISSING.search(message)
    field = found.group(1) if found else None
    words = _AT_FIELD.sub("", message)
    for pattern, sentence in SENTENCES:
        matched = pattern.search(words)
        if matched:
            return field, Said(sentence, {"field": Field(field or "")} | matched.groupdict())
    return field, Said(UNREADABLE, {"field": Field(field or "")})
