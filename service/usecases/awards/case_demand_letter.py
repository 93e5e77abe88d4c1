"""One demand letter for every award of a case that may be demanded on its date: a petition
with four claimants is chased with one letter, one schedule per decree holder and the case's
totals, copied to each accounting officer concerned.

An award is in the letter when it is certified by the letter's date and something is
outstanding on it; the others (not yet certified, stayed, paid, set aside) are left out. With
none left, the letter is refused in words.
"""

import uuid
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award
from domain.base import utcnow
from domain.errors import N_, InvalidInput
from notifications.composed_letter import ComposedLetter
from notifications.demand_letter import compose
from notifications.i18n import Language
from service.usecases.accounts.audit import audit
from service.usecases.awards.demand_letter import (
    LetterRules,
    claim_of,
    demandable,
    letter_day,
    letter_of,
)
from service.usecases.awards.orders import CompensationRules, awards_of_case
from service.usecases.cases.register import get_case


def _in_letter(award: Award, day: date) -> bool:
    return (
        demandable(award)
        and award.certificate_on is not None
        and award.certificate_on <= day
        and award.judgment_on <= day
    )


async def case_demand_letter(
    session: AsyncSession,
    actor: Actor,
    case_id: uuid.UUID,
    *,
    as_of: date | None,
    language: Language,
    rules: CompensationRules,
    letter_rules: LetterRules,
    now: datetime | None = None,
) -> ComposedLetter:
    """The case's letter dated `as_of` (today in Nairobi by default); it names every decree
    holder in it, so the read is audited on the case, with the awards it covers."""
    day = letter_day(as_of, now or utcnow())
    async with session.begin():
        case = await get_case(session, case_id)
        claims, covered = [], []
        for award in await awards_of_case(session, case_id):
            if not _in_letter(award, day):
                continue
            claim = await claim_of(session, award, day, rules)
            if claim.statement.outstanding > 0:
                claims.append(claim)
                covered.append(str(award.id))
        if not claims:
            raise InvalidInput(
                N_(
                    "No award of this case may be demanded on %(day)s: a demand letter needs an "
                    "award certified by then with something outstanding."
                ),
                day=day,
            )
        letter = letter_of(case, tuple(claims), day, letter_rules)
        audit(
            session,
            actor,
            "case.demand_letter.read",
            "case",
            case.id,
            awards=covered,
            language=language.value,
            as_of=day.isoformat(),
        )
    return compose(letter, language)
