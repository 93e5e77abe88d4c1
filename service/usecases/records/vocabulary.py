"""The vocabulary of violations: kept as rows so an administrator adds an office's own word
(say, "forced eviction") without a release, and the figures count it from that day."""

import difflib
import re
from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.errors import N_, Conflict, InvalidInput, NotInList
from domain.violations import ViolationType
from service.usecases.accounts.audit import audit

UNKNOWN = N_("That is not a violation Haki knows.")
UNKNOWN_NEAR = N_("That is not a violation Haki knows; did you mean %(names)s?")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold().replace("_", " ")).strip()


async def vocabulary(session: AsyncSession) -> list[ViolationType]:
    rows = await session.exec(select(ViolationType).order_by(col(ViolationType.added_at), "code"))
    return list(rows.all())


async def types_named(session: AsyncSession, given: Sequence[str]) -> list[str]:
    """The codes of the types given by code or by name in either language; an unknown one is
    refused with the nearest known names."""
    return types_in(await vocabulary(session), given)


def types_in(known: Sequence[ViolationType], given: Sequence[str]) -> list[str]:
    """`types_named` against a vocabulary already read (an import reads it once a file)."""
    keyed = {
        _key(word): kind.code for kind in known for word in (kind.code, kind.name_en, kind.name_sw)
    }
    codes: list[str] = []
    for text in given:
        code = keyed.get(_key(text))
        if code is None:
            names = [kind.name_en for kind in known]
            near = difflib.get_close_matches(text.strip(), names, n=3, cutoff=0.5)
            message = UNKNOWN_NEAR if near else UNKNOWN
            raise NotInList(message, "types", near, names=near)
        if code not in codes:
            codes.append(code)
    return codes


EMPTY_NAME = {
    "name_en": N_("Give the violation's name in English."),
    "name_sw": N_("Give the violation's name in Kiswahili."),
}
TAKEN = N_("A violation of that code or name is already in the vocabulary.")


async def add_type(
    session: AsyncSession, actor: Actor, code: str, name_en: str, name_sw: str
) -> ViolationType:
    """Refused in words when a name is empty, or when the code or either name is one the
    vocabulary already has (in any case, spacing or punctuation)."""
    names = {"name_en": name_en.strip(), "name_sw": name_sw.strip()}
    for field, name in names.items():
        if not _key(name):
            raise InvalidInput(EMPTY_NAME[field], field)
    async with session.begin():
        code = _key(code).replace(" ", "_")
        if not code:
            raise InvalidInput(N_("Give the new violation a code of letters and digits."), "code")
        known = await vocabulary(session)
        taken = {_key(w) for kind in known for w in (kind.code, kind.name_en, kind.name_sw)}
        if {_key(code), *map(_key, names.values())} & taken:
            raise Conflict(TAKEN)
        kind = ViolationType(code=code, name_en=names["name_en"], name_sw=names["name_sw"])
        session.add(kind)
        audit(session, actor, "violation_type.add", "violation_type", code)
    return kind
