"""Status codes a family types on a feature phone: short, unambiguous, kept only as a hash.

Eight characters of Crockford's base32 (no I, L, O or U) carry 40 bits: with answers rate
limited, guessing any live code is hopeless. Shown as `K7QX-92MD`; typed in any case, with
or without the dash, and with O for 0 or I and L for 1, it still matches.
"""

import hashlib
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = re.compile(r"[\s-]")
SHAPE = re.compile(rf"[{ALPHABET}]{{{LENGTH}}}")


def new_code() -> str:
    """A fresh code as a person reads it, `K7QX-92MD`."""
    drawn = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{drawn[:4]}-{drawn[4:]}"


def normalised(typed: str) -> str | None:
    """The code as stored before hashing, or None when the text cannot be a code at all."""
    if len(typed) > 2 * LENGTH:
        return None
    code = SEPARATORS.sub("", typed).upper().translate(MISREAD)
    return code if SHAPE.fullmatch(code) else None


def code_hash(code: str) -> str:
    """sha256 of the normalised code: a leaked table opens nothing, as with session tokens."""
    return hashlib.sha256(code.encode()).hexdigest()
