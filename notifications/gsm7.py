"""The GSM 03.38 alphabet: whether a text goes as one 160-character SMS, and making it so."""

from collections.abc import Callable

BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§abcdefghijklmnopqrstuvwxyzäöñüà¿"
)
EXTENSION = frozenset("\f^{}\\[~]|€")
"""sent as an escape and the character: two septets each"""
SEGMENT = 160
"""septets in one SMS; a single character outside the alphabet makes the whole message UCS-2,
70 characters a segment, so one stray curly quote would split a message in three"""

TYPOGRAPHY = str.maketrans(
    {
        "\u00a0": " ",  # no-break space: Babel writes `Ksh 1,000.00` so in sw_KE
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
    }
)
ELLIPSIS = "..."


def septets(text: str) -> int | None:
    """How many septets the text takes in GSM-7, or None when it cannot be written in it."""
    count = 0
    for char in text:
        if char in BASIC:
            count += 1
        elif char in EXTENSION:
            count += 2
        else:
            return None
    return count


def fits_one_sms(text: str) -> bool:
    count = septets(text)
    return count is not None and count <= SEGMENT


def plain(text: str) -> str:
    """The text in GSM-7: typography folded to its plain form, anything else left out is `?`.

    Values typed into records (a court room, a reference) reach an SMS as they were typed.
    """
    folded = text.translate(TYPOGRAPHY)
    return "".join(char if char in BASIC or char in EXTENSION else "?" for char in folded)


def first_fitting(*texts: str) -> str | None:
    """The first text that fits one SMS once plain, from the fullest to the barest."""
    return next((text for text in map(plain, texts) if fits_one_sms(text)), None)


def clipped(build: Callable[[str], str], value: str) -> str:
    """`build(value)` as one SMS, cutting `value` (a field typed into a record, so of any
    length) short with an ellipsis until the whole fits."""
    text = plain(build(value))
    kept = len(value)
    while not fits_one_sms(text) and kept > 0:
        kept -= 1
        text = plain(build(value[:kept].rstrip() + ELLIPSIS))
    return text
