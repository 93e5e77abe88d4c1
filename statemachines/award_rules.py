"""What the award track checks and records: facts a person asserts, guards, effects."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from domain.awards import Award, AwardStage
from domain.money import ZERO
from statemachines.machine import Guard


@dataclass(frozen=True)
class AwardFacts:
    """The use case fills in the figures from the ledger; a person gives date, note, amount."""

    occurred_on: date | None = None
    waiting_days: int = 21
    payment: Decimal | None = None
    owed: Decimal | None = None
    """what the award is worth on the payment's date, before it"""
    received: Decimal = ZERO
    """money received and standing (after the reversal, when one is being made)"""
    disbursed: Decimal = ZERO


AwardGuard = Guard[Award, AwardFacts]

WAITING_PERIOD_OVER = AwardGuard(
    "waiting_period_over",
    "a certificate of order against the Government cannot be issued until the waiting period "
    "after judgment has passed (21 days by default; Government Proceedings Act s.21)",
    lambda award, facts: (
        facts.occurred_on is not None
        and facts.occurred_on >= award.judgment_on + timedelta(days=facts.waiting_days)
    ),
)
CERTIFICATE_ON_RECORD = AwardGuard(
    "certificate_on_record",
    "the certificate of order must be on record before it is served on the Attorney General",
    lambda award, facts: award.certificate_on is not None,
    about_row_only=True,
)
WITHIN_WHAT_IS_OWED = AwardGuard(
    "within_what_is_owed",
    "a payment may not exceed what is owed on its date",
    lambda award, facts: (
        facts.payment is not None and facts.owed is not None and facts.payment <= facts.owed
    ),
)
LEAVES_A_BALANCE = AwardGuard(
    "leaves_a_balance",
    "this payment settles the award: record it as the final payment",
    lambda award, facts: (
        facts.payment is not None and facts.owed is not None and facts.payment < facts.owed
    ),
)
SETTLES_THE_AWARD = AwardGuard(
    "settles_the_award",
    "this payment does not settle what is owed on its date",
    lambda award, facts: facts.payment is not None and facts.payment == facts.owed,
)
ALL_RECEIVED_DISBURSED = AwardGuard(
    "all_received_disbursed",
    "not all the money received has been disbursed to the survivor or beneficiaries",
    lambda award, facts: facts.received > ZERO and facts.disbursed == facts.received,
)


PAYMENTS_REMAIN = AwardGuard(
    "payments_remain",
    "some payment still stands once this one is reversed",
    lambda award, facts: facts.received > ZERO,
    selects_route=True,
)
NO_PAYMENT_REMAINS = AwardGuard(
    "no_payment_remains",
    "no payment stands once this one is reversed",
    lambda award, facts: facts.received == ZERO,
    selects_route=True,
)


def unpaid_at(stage: AwardStage) -> AwardGuard:
    """Chooses, when every payment is reversed, the route back to where payments began."""
    return AwardGuard(
        f"unpaid_at_{stage}",
        f"the award was not at '{stage}' when its payments began",
        lambda award, facts: award.unpaid_stage == stage,
        about_row_only=True,
        selects_route=True,
    )


def stayed_from(stage: AwardStage) -> AwardGuard:
    """Chooses, when a stay is lifted, the route back to where the award was stayed."""
    return AwardGuard(
        f"stayed_from_{stage}",
        f"the award was not stayed at '{stage}'",
        lambda award, facts: award.stayed_from == stage,
        about_row_only=True,
        selects_route=True,
    )


def record_certificate(award: Award, facts: AwardFacts, _left: StrEnum) -> None:
    award.certificate_on = facts.occurred_on


def record_service(award: Award, facts: AwardFacts, _left: StrEnum) -> None:
    award.served_on = facts.occurred_on


def remember_unpaid_stage(award: Award, facts: AwardFacts, left: StrEnum) -> None:
    if left != AwardStage.PARTIALLY_PAID:
        award.unpaid_stage = AwardStage(left)


def forget_unpaid_stage(award: Award, facts: AwardFacts, _left: StrEnum) -> None:
    award.unpaid_stage = None


def remember_stay(award: Award, facts: AwardFacts, left: StrEnum) -> None:
    award.stayed_from = AwardStage(left)


def forget_stay(award: Award, facts: AwardFacts, _left: StrEnum) -> None:
    award.stayed_from = None
