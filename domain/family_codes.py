"""Status codes a family types on a feature phone: short, unambiguous, kept only as a keyed hash.

Eight characters of Crockford's base32 (no I, L, O or U) carry 40 bits: with answers rate
limited, guessing any live code is hopeless. Shown as `K7QX-92MD`; typed in any case, with
or without the dash, and with O for 0 or I and L for 1, it still matches.

Forty bits are too few for a plain hash: whoever read the table (a backup, an export gone
astray) could try every code offline in an hour. Keyed with a server secret the table holds,
the hashes open nothing without the secret, which lives only in the server's settings.
"""

import hashlib
import hmac
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


def code_key(secret: str) -> bytes:
    """The key for status codes alone, drawn from the server's secret, so another use of the
    same secret can never produce a value that matches a code's hash."""
    return hmac.new(secret.encode(), b"haki status codes", hashlib.sha256).digest()


def code_hash(code: str, key: bytes) -> str:
    """HMAC-SHA256 of the normalised code under `key` (`code_key`), 64 hex digits."""
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()
