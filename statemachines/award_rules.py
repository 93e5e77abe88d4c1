"""What the award track checks and records: facts a person asserts, guards, effects."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.awards import Award, AwardStage
from domain.errors import N_, Said
from domain.money import ZERO
from domain.periods import first_day_after
from statemachines.routes import Guard


@dataclass(frozen=True)
class AwardFacts:
    """The use case fills in the figures from the ledger; a person gives date, note, amount."""

    occurred_on: date | None = None
    waiting_days: int = 21
    costs_taxed_on: date | None = None
    """the latest day costs the certificate of order includes were taxed, if any were"""
    costs_awaited: bool = False
    """the court awarded costs to be taxed and none are taxed yet: the certificate waits"""
    payment: Decimal | None = None
    owed: Decimal | None = None
    """what the award is worth on the payment's date, before it"""
    received: Decimal = ZERO
    """money received and standing (after the reversal, when one is being made)"""
    disbursed: Decimal = ZERO


AwardGuard = Guard[Award, AwardFacts]


def certificate_from(judgment_on: date, waiting_days: int, costs_taxed_on: date | None) -> date:
    """The first day a certificate of order against the Government can be issued.

    Government Proceedings Act (Cap. 40) s.21(1): the certificate issues "at any time after the
    expiration of twenty-one days from the date of the order or, in case the order provides for
    the payment of costs and the costs require to be taxed, at any time after the costs have
    been taxed, whichever is the later". Counted as the Interpretation and General Provisions
    Act s.57(a) counts (the day of the judgment excluded: domain/periods.py), the 21 days expire
    at the end of judgment + 21 days, so the first day is judgment + 22 days (judgment on 17
    December 2026: from 8 January 2027). Taxation is not a period of days: a certificate may
    issue on the day the costs were taxed, once they are.
    """
    earliest = first_day_after(judgment_on, waiting_days)
    return max(earliest, costs_taxed_on) if costs_taxed_on is not None else earliest


def _certificate_day(award: Award, facts: AwardFacts) -> date:
    return certificate_from(award.judgment_on, facts.waiting_days, facts.costs_taxed_on)


def _certificate_too_soon(award: Award, facts: AwardFacts) -> Said:
    judgment = {"judgment": award.judgment_on, "days": facts.waiting_days}
    if facts.costs_awaited:
        waited_from = first_day_after(award.judgment_on, facts.waiting_days)
        return Said(
            N_(
                "a certificate of order cannot be issued yet: the court awarded costs to be "
                "taxed, and they have not been taxed. Record the taxed costs first; the "
                "certificate can then be issued from the day they are taxed, and not before "
                "%(first)s, when %(days)s days have passed after the judgment of %(judgment)s "
                "(Government Proceedings Act s.21(1))"
            ),
            judgment | {"first": waited_from},
        )
    day, waited = (
        _certificate_day(award, facts),
        first_day_after(award.judgment_on, facts.waiting_days),
    )
    if day > waited and facts.costs_taxed_on is not None:
        return Said(
            N_(
                "a certificate of order can be issued from %(first)s, when the costs were "
                "taxed: it includes the taxed costs, and issues only once they are taxed and "
                "%(days)s days have passed after the judgment of %(judgment)s (Government "
                "Proceedings Act s.21(1))"
            ),
            judgment | {"first": day},
        )
    return Said(
        N_(
            "a certificate of order can be issued from %(first)s: %(days)s days must pass "
            "after the judgment of %(judgment)s (Government Proceedings Act s.21(1))"
        ),
        judgment | {"first": day},
    )


WAITING_PERIOD_OVER = AwardGuard(
    "waiting_period_over",
    N_(
        "a certificate of order against the Government can be issued only after 21 days from "
        "the judgment have expired (the day of judgment not counted), and after any costs it "
        "includes are taxed (Government Proceedings Act s.21(1))"
    ),
    lambda award, facts: (
        not facts.costs_awaited
        and facts.occurred_on is not None
        and facts.occurred_on >= _certificate_day(award, facts)
    ),
    explain=_certificate_too_soon,
    opens_on=_certificate_day,
)
CERTIFICATE_ON_RECORD = AwardGuard(
    "certificate_on_record",
    N_("the certificate of order must be on record before it is served on the Attorney General"),
    lambda award, facts: award.certificate_on is not None,
    about_row_only=True,
)
NO_CERTIFICATE_YET = AwardGuard(
    "no_certificate_yet",
    N_("no certificate of order is on record yet: it is issued once"),
    lambda award, facts: award.certificate_on is None,
    about_row_only=True,
)
NOT_SERVED_YET = AwardGuard(
    "not_served_yet",
    N_("the Attorney General has not been served yet: service is recorded once"),
    lambda award, facts: award.served_on is None,
    about_row_only=True,
)
WITHIN_WHAT_IS_OWED = AwardGuard(
    "within_what_is_owed",
    N_("a payment may not exceed what is owed on its date"),
    lambda award, facts: (
        facts.payment is not None and facts.owed is not None and facts.payment <= facts.owed
    ),
)
LEAVES_A_BALANCE = AwardGuard(
    "leaves_a_balance",
    N_("this payment settles the award: record it as the final payment"),
    lambda award, facts: (
        facts.payment is not None and facts.owed is not None and facts.payment < facts.owed
    ),
)
SETTLES_THE_AWARD = AwardGuard(
    "settles_the_award",
    N_("this payment does not settle what is owed on its date"),
    lambda award, facts: facts.payment is not None and facts.payment == facts.owed,
)
ALL_RECEIVED_DISBURSED = AwardGuard(
    "all_received_disbursed",
    N_("not all the money received has been passed on to the survivor or beneficiaries"),
    lambda award, facts: facts.received > ZERO and facts.disbursed == facts.received,
)


PAYMENTS_REMAIN = AwardGuard(
    "payments_remain",
    N_("some payment still stands once this one is reversed"),
    lambda award, facts: facts.received > ZERO,
    selects_route=True,
)
NO_PAYMENT_REMAINS = AwardGuard(
    "no_payment_remains",
    N_("no payment stands once this one is reversed"),
    lambda award, facts: facts.received == ZERO,
    selects_route=True,
)


def unpaid_at(stage: AwardStage) -> AwardGuard:
    """Chooses, when every payment is reversed, the route back to where payments began."""
    return AwardGuard(
        f"unpaid_at_{stage}",
        N_("the award was not at that stage when its payments began"),
        lambda award, facts: award.unpaid_stage == stage,
        about_row_only=True,
        selects_route=True,
    )


def stayed_from(stage: AwardStage) -> AwardGuard:
    """Chooses, when a stay is lifted, the route back to where the award was stayed."""
    return AwardGuard(
        f"stayed_from_{stage}",
        N_("the award was not stayed at that stage"),
        lambda award, facts: award.stayed_from == stage,
        about_row_only=True,
        selects_route=True,
    )


def record_certificate(award: Award, facts: AwardFacts, _left: StrEnum) -> None:
    award.certificate_on = facts.occurred_on


def record_service(award: Award, facts: AwardFacts, _left: StrEnum) -> None:
    award.served_on = facts.occurred_on


def certificate_meanwhile(award: Award, facts: AwardFacts, left: StrEnum) -> None:
    """A certificate issued after a first payment: were every payment reversed, the award
    would be at `certificate_issued`, so that is where it returns."""
    record_certificate(award, facts, left)
    award.unpaid_stage = AwardStage.CERTIFICATE_ISSUED


def service_meanwhile(award: Award, facts: AwardFacts, left: StrEnum) -> None:
    record_service(award, facts, left)
    award.unpaid_stage = AwardStage.SERVED_ON_AG


def remember_unpaid_stage(award: Award, facts: AwardFacts, left: StrEnum) -> None:
    if left != AwardStage.PARTIALLY_PAID:
        award.unpaid_stage = AwardStage(left)


def forget_unpaid_stage(award: Award, facts: AwardFacts, _left: StrEnum) -> None:
    award.unpaid_stage = None


def remember_stay(award: Award, facts: AwardFacts, left: StrEnum) -> None:
    award.stayed_from = AwardStage(left)


def forget_stay(award: Award, facts: AwardFacts, _left: StrEnum) -> None:
    award.stayed_from = None
