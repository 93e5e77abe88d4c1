"""The compensation track without a database: the legal order of steps and its guards."""

import uuid
from datetime import date
from decimal import Decimal

import pytest

from domain.awards import Award, AwardStage
from domain.errors import GuardFailed, TransitionNotAllowed
from notifications.i18n import Language
from service.web.said import said
from statemachines.award_rules import AwardFacts
from statemachines.award_track import AWARD_TRACK

JUDGMENT = date(2024, 3, 1)


def an_award(stage: AwardStage = AwardStage.AWARDED, **fields: object) -> Award:
    judgment_on = fields.pop("judgment_on", JUDGMENT)
    award = Award(
        case_id=uuid.uuid4(),
        survivor_id=uuid.uuid4(),
        respondent="Attorney General",
        judgment_on=judgment_on,
        rate_percent=Decimal("12"),
        rate_as_ordered="12% p.a.",
        stage_since=judgment_on,
        **fields,
    )
    award.stage = stage
    return award


async def test_from_award_to_disbursement() -> None:
    award = an_award()
    owed = Decimal("1000000.00")
    steps = [
        ("extract_decree", AwardFacts(occurred_on=date(2024, 3, 10))),
        ("issue_certificate", AwardFacts(occurred_on=date(2024, 3, 23))),
        ("serve_on_ag", AwardFacts(occurred_on=date(2024, 4, 2))),
        ("receive_part_payment", AwardFacts(payment=Decimal("400000"), owed=owed)),
        ("receive_final_payment", AwardFacts(payment=Decimal("650000"), owed=Decimal("650000"))),
        (
            "complete_disbursement",
            AwardFacts(received=Decimal("1050000"), disbursed=Decimal("1050000")),
        ),
    ]
    for trigger, facts in steps:
        await AWARD_TRACK.fire(award, trigger, facts)
    assert award.stage == AwardStage.DISBURSED
    assert (award.certificate_on, award.served_on) == (date(2024, 3, 23), date(2024, 4, 2))


# GPA s.21(1) counted as IGPA s.57(a): the judgment's day excluded, day 21 is judgment + 21 days,
# and the 21 days have expired only at its end. Worked by hand:
#   17 Dec 2026: day 1 = 18 Dec, day 14 = 31 Dec, day 21 = 7 Jan 2027 -> from 8 Jan 2027
#   10 Feb 2027: day 18 = 28 Feb, day 21 = 3 Mar 2027 -> from 4 Mar 2027 (February of 28 days)
#   10 Feb 2028: day 19 = 29 Feb, day 21 = 2 Mar 2028 -> from 3 Mar 2028 (a leap year)
#    1 Mar 2024: day 21 = 22 Mar 2024 -> from 23 Mar 2024
@pytest.mark.parametrize(
    ("judgment", "day_21", "first_day"),
    [
        (date(2026, 12, 17), date(2027, 1, 7), date(2027, 1, 8)),
        (date(2027, 2, 10), date(2027, 3, 3), date(2027, 3, 4)),
        (date(2028, 2, 10), date(2028, 3, 2), date(2028, 3, 3)),
        (date(2024, 3, 1), date(2024, 3, 22), date(2024, 3, 23)),
    ],
)
async def test_a_certificate_of_order_after_21_days_have_expired(
    judgment: date, day_21: date, first_day: date
) -> None:
    award = an_award(AwardStage.DECREE_EXTRACTED, judgment_on=judgment)
    with pytest.raises(GuardFailed, match=r"can be issued from \d+ \w+ \d{4}: 21 days must pass"):
        await AWARD_TRACK.fire(award, "issue_certificate", AwardFacts(occurred_on=day_21))
    assert award.stage == AwardStage.DECREE_EXTRACTED and award.certificate_on is None
    await AWARD_TRACK.fire(award, "issue_certificate", AwardFacts(occurred_on=first_day))
    assert award.stage == AwardStage.CERTIFICATE_ISSUED and award.certificate_on == first_day


async def test_the_refusal_names_the_first_day_in_words() -> None:
    award = an_award(AwardStage.DECREE_EXTRACTED, judgment_on=date(2026, 12, 17))
    with pytest.raises(GuardFailed) as refused:
        await AWARD_TRACK.fire(award, "issue_certificate", AwardFacts(occurred_on=date(2027, 1, 7)))
    assert said(refused.value, Language.EN) == (
        "“Certificate of order issued” cannot be recorded: a certificate of order can be issued "
        "from 8 January 2027: 21 days must pass after the judgment of 17 December 2026 "
        "(Government Proceedings Act s.21(1))"
    )
    assert said(refused.value, Language.SW) == (
        "“Cheti cha amri kimetolewa” haiwezi kurekodiwa: cheti cha amri kinaweza kutolewa "
        "kuanzia 8 Januari 2027: siku 21 lazima zipite baada ya hukumu ya 17 Desemba 2026 "
        "(Sheria ya Mashauri ya Serikali, kifungu 21(1))"
    )


# Costs to be taxed: the certificate issues after the 21 days or after taxation, whichever is
# later. Judgment 17 Dec 2026 (21 days expired from 8 Jan 2027):
#   taxed 20 Jan 2027 -> from 20 Jan 2027 (taxation is later); taxed 5 Jan 2027 -> from 8 Jan
@pytest.mark.parametrize(
    ("taxed_on", "refused_on", "first_day"),
    [
        (date(2027, 1, 20), date(2027, 1, 19), date(2027, 1, 20)),
        (date(2027, 1, 5), date(2027, 1, 7), date(2027, 1, 8)),
    ],
)
async def test_a_certificate_including_taxed_costs_waits_for_the_later_day(
    taxed_on: date, refused_on: date, first_day: date
) -> None:
    award = an_award(AwardStage.DECREE_EXTRACTED, judgment_on=date(2026, 12, 17))
    early = AwardFacts(occurred_on=refused_on, costs_taxed_on=taxed_on)
    with pytest.raises(GuardFailed, match=f"from {first_day.day} "):
        await AWARD_TRACK.fire(award, "issue_certificate", early)
    on_time = AwardFacts(occurred_on=first_day, costs_taxed_on=taxed_on)
    await AWARD_TRACK.fire(award, "issue_certificate", on_time)
    assert award.certificate_on == first_day


async def test_the_refusal_says_the_taxation_is_what_is_awaited() -> None:
    award = an_award(AwardStage.DECREE_EXTRACTED, judgment_on=date(2026, 12, 17))
    facts = AwardFacts(occurred_on=date(2027, 1, 19), costs_taxed_on=date(2027, 1, 20))
    with pytest.raises(GuardFailed, match="from 20 January 2027, when the costs were taxed"):
        await AWARD_TRACK.fire(award, "issue_certificate", facts)


# Costs awarded "to be taxed" and not yet taxed: GPA s.21(1) makes the certificate wait for
# their taxation, whatever the day. Judgment 17 Dec 2026: 21 days expired from 8 Jan 2027; on
# 20 Jan 2027 (well past it) a certificate is still refused while the costs are untaxed.
async def test_costs_awarded_to_be_taxed_and_not_taxed_block_the_certificate() -> None:
    award = an_award(AwardStage.DECREE_EXTRACTED, judgment_on=date(2026, 12, 17))
    facts = AwardFacts(occurred_on=date(2027, 1, 20), costs_awaited=True)
    with pytest.raises(GuardFailed) as refused:
        await AWARD_TRACK.fire(award, "issue_certificate", facts)
    assert said(refused.value, Language.EN) == (
        "“Certificate of order issued” cannot be recorded: a certificate of order cannot be "
        "issued yet: the court "
        "awarded costs to be taxed, and they have not been taxed. Record the taxed costs "
        "first; the certificate can then be issued from the day they are taxed, and not before "
        "8 January 2027, when 21 days have passed after the judgment of 17 December 2026 "
        "(Government Proceedings Act s.21(1))"
    )
    assert award.stage == AwardStage.DECREE_EXTRACTED and award.certificate_on is None


async def test_no_service_on_the_attorney_general_without_a_certificate() -> None:
    with pytest.raises(TransitionNotAllowed, match="stage decree extracted"):
        await AWARD_TRACK.fire(an_award(AwardStage.DECREE_EXTRACTED), "serve_on_ag", AwardFacts())
    imported = an_award(AwardStage.CERTIFICATE_ISSUED)  # a stage entered without its date
    with pytest.raises(GuardFailed, match="certificate of order must be on record"):
        await AWARD_TRACK.fire(imported, "serve_on_ag", AwardFacts(occurred_on=date(2024, 5, 1)))


@pytest.mark.parametrize("trigger", ["receive_part_payment", "receive_final_payment"])
async def test_no_payment_beyond_what_is_owed(trigger: str) -> None:
    award = an_award(AwardStage.SERVED_ON_AG)
    facts = AwardFacts(payment=Decimal("100.01"), owed=Decimal("100.00"))
    with pytest.raises(GuardFailed, match="may not exceed what is owed"):
        await AWARD_TRACK.fire(award, trigger, facts)
    assert award.stage == AwardStage.SERVED_ON_AG


async def test_a_settling_payment_is_the_final_one() -> None:
    facts = AwardFacts(payment=Decimal("100.00"), owed=Decimal("100.00"))
    with pytest.raises(GuardFailed, match="record it as the final payment"):
        await AWARD_TRACK.fire(an_award(AwardStage.SERVED_ON_AG), "receive_part_payment", facts)


async def test_not_disbursed_until_everything_received_is_paid_out() -> None:
    award = an_award(AwardStage.PAID_IN_FULL)
    facts = AwardFacts(received=Decimal("500"), disbursed=Decimal("499.99"))
    with pytest.raises(GuardFailed, match="not all the money received"):
        await AWARD_TRACK.fire(award, "complete_disbursement", facts)


async def test_a_stay_is_lifted_back_to_where_the_award_was() -> None:
    award = an_award(AwardStage.SERVED_ON_AG)
    await AWARD_TRACK.fire(award, "stay", AwardFacts())
    assert (award.stage, award.stayed_from) == (AwardStage.STAYED, AwardStage.SERVED_ON_AG)
    assert [r.dest for r in AWARD_TRACK.allowed(award) if r.trigger == "lift_stay"] == [
        AwardStage.SERVED_ON_AG
    ]
    await AWARD_TRACK.fire(award, "lift_stay", AwardFacts())
    assert (award.stage, award.stayed_from) == (AwardStage.SERVED_ON_AG, None)


async def test_a_stayed_award_cannot_be_paid_but_can_be_set_aside() -> None:
    award = an_award(AwardStage.STAYED, stayed_from=AwardStage.AWARDED)
    with pytest.raises(TransitionNotAllowed, match="stage stayed"):
        await AWARD_TRACK.fire(award, "receive_part_payment", AwardFacts())
    await AWARD_TRACK.fire(award, "set_aside", AwardFacts())
    assert award.stage == AwardStage.SET_ASIDE
    assert AWARD_TRACK.allowed(award) == []


PP, PIF = AwardStage.PARTIALLY_PAID, AwardStage.PAID_IN_FULL
SERVED, ENFORCEMENT = AwardStage.SERVED_ON_AG, AwardStage.ENFORCEMENT


async def test_the_first_payment_remembers_where_the_award_was_unpaid() -> None:
    award = an_award(SERVED)
    for owed in (Decimal("1000"), Decimal("900")):
        facts = AwardFacts(payment=Decimal("100"), owed=owed)
        await AWARD_TRACK.fire(award, "receive_part_payment", facts)
    assert (award.stage, award.unpaid_stage) == (PP, SERVED)


@pytest.mark.parametrize(
    ("stage", "unpaid", "received", "dest", "unpaid_after"),
    [
        (PP, SERVED, Decimal("100"), PP, SERVED),
        (PIF, SERVED, Decimal("100"), PP, SERVED),
        (PP, SERVED, Decimal("0"), SERVED, None),
        (PIF, AwardStage.AWARDED, Decimal("0"), AwardStage.AWARDED, None),
        (PIF, ENFORCEMENT, Decimal("0"), ENFORCEMENT, None),
        (ENFORCEMENT, SERVED, Decimal("0"), ENFORCEMENT, SERVED),
    ],
)
async def test_a_reversed_payment_leaves_the_award_where_the_payments_left_standing_put_it(
    stage: AwardStage,
    unpaid: AwardStage,
    received: Decimal,
    dest: AwardStage,
    unpaid_after: AwardStage | None,
) -> None:
    award = an_award(stage, unpaid_stage=unpaid)
    await AWARD_TRACK.fire(award, "reverse_payment", AwardFacts(received=received))
    assert (award.stage, award.unpaid_stage) == (dest, unpaid_after)


async def test_the_steps_allowed_offer_one_way_back_for_a_reversal() -> None:
    award = an_award(PP, unpaid_stage=SERVED)
    back = [r.dest for r in AWARD_TRACK.allowed(award) if r.trigger == "reverse_payment"]
    assert back == [PP, SERVED]


@pytest.mark.parametrize("stage", [AwardStage.DISBURSED, AwardStage.STAYED, AwardStage.SET_ASIDE])
async def test_no_payment_is_reversed_from_a_stage_that_is_not_being_paid(
    stage: AwardStage,
) -> None:
    with pytest.raises(TransitionNotAllowed, match=f"stage {stage.replace('_', ' ')}"):
        await AWARD_TRACK.fire(an_award(stage), "reverse_payment", AwardFacts())


async def test_a_reversed_disbursement_makes_a_disbursed_award_paid_in_full_again() -> None:
    award = an_award(AwardStage.DISBURSED)
    await AWARD_TRACK.fire(award, "reverse_disbursement", AwardFacts())
    assert award.stage == PIF
    with pytest.raises(TransitionNotAllowed, match="stage paid in full"):
        await AWARD_TRACK.fire(award, "reverse_disbursement", AwardFacts())


async def test_a_payment_before_the_certificate_leaves_certificate_and_service_possible() -> None:
    """Paid in part before any certificate: the certificate (on the s.21(1) day, judgment 1
    March 2024 + 22 days) and the service are recorded once each, the award stays partially
    paid, and were every payment reversed it would return to where the chase had reached."""
    award = an_award(AwardStage.DECREE_EXTRACTED)
    paid = AwardFacts(payment=Decimal("1000"), owed=Decimal("100000"))
    await AWARD_TRACK.fire(award, "receive_part_payment", paid)
    assert award.unpaid_stage == AwardStage.DECREE_EXTRACTED
    with pytest.raises(GuardFailed):
        await AWARD_TRACK.fire(award, "serve_on_ag", AwardFacts(occurred_on=date(2024, 3, 25)))
    await AWARD_TRACK.fire(award, "issue_certificate", AwardFacts(occurred_on=date(2024, 3, 23)))
    assert (award.stage, award.certificate_on) == (AwardStage.PARTIALLY_PAID, date(2024, 3, 23))
    assert award.unpaid_stage == AwardStage.CERTIFICATE_ISSUED
    with pytest.raises(GuardFailed):
        await AWARD_TRACK.fire(award, "issue_certificate", AwardFacts(occurred_on=date(2024, 4, 1)))
    await AWARD_TRACK.fire(award, "serve_on_ag", AwardFacts(occurred_on=date(2024, 4, 2)))
    assert (award.stage, award.served_on) == (AwardStage.PARTIALLY_PAID, date(2024, 4, 2))
    assert award.unpaid_stage == AwardStage.SERVED_ON_AG
    with pytest.raises(GuardFailed):
        await AWARD_TRACK.fire(award, "serve_on_ag", AwardFacts(occurred_on=date(2024, 4, 3)))
    await AWARD_TRACK.fire(award, "reverse_payment", AwardFacts())
    assert award.stage == AwardStage.SERVED_ON_AG


async def test_a_certificate_after_a_payment_still_waits_the_21_days() -> None:
    award = an_award(AwardStage.PARTIALLY_PAID, unpaid_stage=AwardStage.AWARDED)
    with pytest.raises(GuardFailed):
        await AWARD_TRACK.fire(
            award, "issue_certificate", AwardFacts(occurred_on=date(2024, 3, 22))
        )
