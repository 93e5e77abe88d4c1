"""The demand letter to the Attorney General for one award: gathered from the records, audited,
worded. The letter for every award of a case is `case_demand_letter`.

Its figures are the award's statement on the letter's date (`award_statement`, the same
arithmetic as GET /awards/{id}/statement), so the letter and the statement never disagree.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, AwardStage
from domain.base import utcnow
from domain.calendar import nairobi_today, not_in_future
from domain.cases import Case, Survivor
from domain.errors import N_, InvalidInput
from domain.interest import statement
from domain.interest_schedule import interest_schedule
from notifications.composed_letter import ComposedLetter
from notifications.demand_letter import compose
from notifications.i18n import Language
from notifications.letter_facts import Claim, DemandLetter, Office
from service.usecases.accounts.audit import audit
from service.usecases.awards.chase import follow_ups_of
from service.usecases.awards.ledger import ledger_of
from service.usecases.awards.orders import CompensationRules, get_award, heads_of
from service.usecases.cases.register import get_case

DEMANDABLE = (
    AwardStage.CERTIFICATE_ISSUED,
    AwardStage.SERVED_ON_AG,
    AwardStage.PARTIALLY_PAID,
    AwardStage.ENFORCEMENT,
)
"""Certified and unpaid: section 21 of the Government Proceedings Act obliges payment."""
NOT_YET = N_(
    "No demand letter for this award: the certificate of order against the Government is not "
    "yet issued."
)
WHY_NOT = {
    AwardStage.AWARDED: NOT_YET,
    AwardStage.DECREE_EXTRACTED: NOT_YET,
    AwardStage.STAYED: N_("No demand letter for this award: execution is stayed pending appeal."),
    AwardStage.PAID_IN_FULL: N_("No demand letter for this award: it is paid in full."),
    AwardStage.DISBURSED: N_("No demand letter for this award: it is paid in full and passed on."),
    AwardStage.SET_ASIDE: N_("No demand letter for this award: it was set aside."),
    AwardStage.WRITTEN_OFF: N_("No demand letter for this award: it was written off."),
}
NOT_DEMANDABLE = N_("No demand letter for this award: it is not certified and unpaid.")


def demandable(award: Award) -> bool:
    """Certified and unpaid: a demand letter can be written (for a day it covers)."""
    return award.stage in DEMANDABLE and award.certificate_on is not None


@dataclass(frozen=True)
class LetterRules:
    """Settings: HAKI_DEMAND_DAYS, HAKI_ORGANISATION and the letterhead's HAKI_OFFICE_*."""

    pay_within_days: int = 30
    organisation: str = "Haki"
    office: Office = field(default_factory=lambda: Office("Haki"))


def letter_day(as_of: date | None, now: datetime) -> date:
    return not_in_future(as_of, now, "as_of") if as_of else nairobi_today(now)


async def demand_letter(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    *,
    as_of: date | None,
    language: Language,
    rules: CompensationRules,
    letter_rules: LetterRules,
    now: datetime | None = None,
) -> ComposedLetter:
    """The letter dated `as_of` (today in Nairobi by default). It names the decree holder, so
    the read is written to the audit trail, in the same transaction as the facts are read."""
    day = letter_day(as_of, now or utcnow())
    async with session.begin():
        award = await get_award(session, award_id)
        _check_demandable(award, day)
        claim = await claim_of(session, award, day, rules)
        if claim.statement.outstanding <= 0:
            raise InvalidInput(
                N_("Nothing is outstanding on this award on %(day)s."), "as_of", day=day
            )
        case = await get_case(session, award.case_id)
        letter = letter_of(case, (claim,), day, letter_rules)
        audit(
            session,
            actor,
            "award.demand_letter.read",
            "award",
            award.id,
            case=str(case.id),
            language=language.value,
            as_of=day.isoformat(),
        )
    return compose(letter, language)


async def claim_of(
    session: AsyncSession, award: Award, day: date, rules: CompensationRules
) -> Claim:
    """The award's part of a letter dated `day`: its sums, interest schedule and follow-ups."""
    heads, payments = await ledger_of(session, award)
    rate, allocation = award.rate_percent, rules.allocation
    holder = await session.get(Survivor, award.survivor_id)
    assert holder is not None  # a foreign key guarantees it
    assert award.certificate_on is not None  # demandable
    return Claim(
        decree_holder=holder.full_name,
        respondent=award.respondent,
        department=award.department,
        accounting_officer=award.accounting_officer,
        certificate_on=award.certificate_on,
        served_on=award.served_on if award.served_on and award.served_on <= day else None,
        rate_percent=rate,
        rate_as_ordered=award.rate_as_ordered,
        heads=tuple(await heads_of(session, [award.id])),
        statement=statement(heads, rate, payments, day, allocation),
        schedule=interest_schedule(heads, rate, payments, day, allocation),
        follow_ups=tuple(f for f in await follow_ups_of(session, award.id) if f.on <= day),
        in_enforcement=award.stage is AwardStage.ENFORCEMENT,
    )


def letter_of(
    case: Case, claims: tuple[Claim, ...], day: date, letter_rules: LetterRules
) -> DemandLetter:
    assert case.judgment_on is not None  # an award needs a judgment
    return DemandLetter(
        dated=day,
        our_reference=case.reference,
        court_level=case.court_level,
        court_station=case.court_station,
        court_number=case.court_number,
        title=case.title,
        judgment_on=case.judgment_on,
        claims=claims,
        pay_within_days=letter_rules.pay_within_days,
        office=letter_rules.office,
        organisation=letter_rules.organisation,
        lead_counsel=case.lead_counsel,
    )


def _check_demandable(award: Award, day: date) -> None:
    if award.stage not in DEMANDABLE:
        raise InvalidInput(WHY_NOT.get(award.stage, NOT_DEMANDABLE))
    if day < award.judgment_on:
        raise InvalidInput(
            N_("The letter's date, %(day)s, is before the judgment of %(judgment)s."),
            "as_of",
            day=day,
            judgment=award.judgment_on,
        )
    if award.certificate_on is None or day < award.certificate_on:
        raise InvalidInput(
            N_(
                "The letter's date, %(day)s, is before the certificate of order against the "
                "Government it relies on (issued on %(issued)s)."
            ),
            "as_of",
            day=day,
            issued=award.certificate_on or "—",
        )
