"""Award arithmetic: worked examples computed by hand, and properties checked by hypothesis."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.interest import Allocation, Head, Line, Payment, statement
from domain.money import amount_of

D = Decimal


def test_two_partial_payments_across_a_change_of_year() -> None:
    """KES 1,000,000 general damages at 12% from judgment on 1 March 2021.

    to 31 Dec 2021, 305 days: 1,000,000 x 12% x 305/365 = 100,273.97 interest;
      paid 200,000: 100,273.97 to interest, 99,726.03 to principal -> principal 900,273.97
    to 30 Jun 2022, 181 days: 900,273.97 x 12% x 181/365 = 53,572.47;
      paid 300,000: 53,572.47 to interest, 246,427.53 to principal -> principal 653,846.44
    to 15 Jan 2023, 199 days: 653,846.44 x 12% x 199/365 = 42,777.68 -> owed 696,624.12
    """
    result = statement(
        (Head("general", D("1000000"), date(2021, 3, 1)),),
        D("12"),
        (Payment(date(2021, 12, 31), D("200000")), Payment(date(2022, 6, 30), D("300000"))),
        as_of=date(2023, 1, 15),
    )
    assert result.interest == D("196624.12")  # 100,273.97 + 53,572.47 + 42,777.68
    assert result.paid_to_interest == D("153846.44")
    assert result.paid_to_principal == D("346153.56")
    assert result.outstanding_principal == D("653846.44")
    assert result.outstanding_interest == D("42777.68")
    assert result.outstanding == D("696624.12")
    assert [line.interest for line in result.lines if line.interest] == [
        D("100273.97"),
        D("53572.47"),
        D("42777.68"),
    ]


def test_interest_from_the_filing_date_on_one_head_only() -> None:
    """500,000 general at 14% from filing (10 May 2019); 35,000 special damages bear none.

    to 10 May 2021 is 731 days (2020 was a leap year, the count is actual/365):
    500,000 x 14% x 731/365 = 140,191.78; owed 535,000 + 140,191.78 = 675,191.78
    """
    result = statement(
        (Head("general", D("500000"), date(2019, 5, 10)), Head("special", D("35000"))),
        D("14"),
        (),
        as_of=date(2021, 5, 10),
    )
    assert (result.interest, result.outstanding) == (D("140191.78"), D("675191.78"))


def test_taxed_costs_bear_interest_from_their_own_date() -> None:
    """800,000 at 12% from 20 Jan 2022 (365 days to 20 Jan 2023) = 96,000.00;
    costs 150,000 at 12% from taxation on 1 Sep 2022 (141 days) = 6,953.42; total 102,953.42"""
    result = statement(
        (
            Head("general", D("800000"), date(2022, 1, 20)),
            Head("costs", D("150000"), date(2022, 9, 1)),
        ),
        D("12"),
        (),
        as_of=date(2023, 1, 20),
    )
    assert (result.interest, result.outstanding) == (D("102953.42"), D("1052953.42"))


def test_nothing_accrues_before_interest_starts_and_later_payments_are_ignored() -> None:
    heads = (Head("general", D("100000"), date(2024, 1, 1)),)
    later = (Payment(date(2024, 6, 1), D("50000")),)
    assert statement(heads, D("12"), later, as_of=date(2023, 12, 31)).outstanding == D("100000")


def test_principal_first_where_the_decree_says_so() -> None:
    """100,000 at 10% for 73 days = 2,000.00 interest; paying 50,000 principal first
    leaves 50,000 principal and the 2,000.00 interest."""
    result = statement(
        (Head("general", D("100000"), date(2023, 1, 1)),),
        D("10"),
        (Payment(date(2023, 3, 15), D("50000")),),
        as_of=date(2023, 3, 15),
        allocation=Allocation.PRINCIPAL_FIRST,
    )
    assert (result.outstanding_principal, result.outstanding_interest) == (D("50000"), D("2000"))


def test_a_reversed_payment_counts_as_never_received() -> None:
    """The award of the first example; the 300,000 of 30 Jun 2022 is reversed on 1 Aug 2022.

    Without it: to 31 Dec 2021 as before, principal 900,273.97 after the 200,000;
    to 15 Jan 2023, 380 days: 900,273.97 x 12% x 380/365 = 112,472.58 -> owed 1,012,746.55;
    interest in all 100,273.97 + 112,472.58 = 212,746.55.
    The reversal is a line on 1 Aug 2022 that pays nothing and shows what was owed that day:
    213 days from 31 Dec 2021, 900,273.97 x 12% x 213/365 = 63,043.84 -> 963,317.81.
    """
    heads = (Head("general", D("1000000"), date(2021, 3, 1)),)
    kept = Payment(date(2021, 12, 31), D("200000"), "TR/1")
    bounced = Payment(
        date(2022, 6, 30), D("300000"), "TR/2", date(2022, 8, 1), "cheque returned unpaid"
    )
    reversed_ = statement(heads, D("12"), (kept, bounced), as_of=date(2023, 1, 15))
    without = statement(heads, D("12"), (kept,), as_of=date(2023, 1, 15))
    assert (reversed_.interest, reversed_.paid, reversed_.outstanding) == (
        D("212746.55"),
        D("200000"),
        D("1012746.55"),
    )
    reversal = Line(
        date(2022, 8, 1),
        "reversal of payment TR/2 (KES 300,000.00 received 2022-06-30): cheque returned unpaid;"
        " treated as never received",
        outstanding=D("963317.81"),
    )
    assert reversed_.lines == (*without.lines[:2], reversal, *without.lines[2:])
    assert replace(reversed_, lines=()) == replace(without, lines=())


def test_a_reversed_payment_never_counted_even_before_its_reversal() -> None:
    """As of 31 Jul 2022, before the reversal was made: no reversal line yet, and still no
    payment of 300,000, since it never settled anything."""
    heads = (Head("general", D("1000000"), date(2021, 3, 1)),)
    kept = Payment(date(2021, 12, 31), D("200000"))
    bounced = Payment(date(2022, 6, 30), D("300000"), "TR/2", date(2022, 8, 1), "returned")
    day = date(2022, 7, 31)
    assert statement(heads, D("12"), (kept, bounced), day) == statement(
        heads, D("12"), (kept,), day
    )


def test_a_payment_larger_than_what_is_owed_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"is more than the Ksh 100,000.00 owed that day"):
        statement(
            (Head("general", D("100000")),),
            D("12"),
            (Payment(date(2023, 1, 1), D("100000.01")),),
            as_of=date(2023, 6, 1),
        )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("0", "more than nothing"),
        ("-5", "more than nothing"),
        ("10.001", "two decimal places"),
        ("abc", "must be in shillings"),
        ("NaN", "more than nothing"),
        ("Infinity", "more than nothing"),
        ("1e30", "more than Haki can record"),
        ("1000000000000", "more than Haki can record"),
    ],
)
def test_bad_amounts_are_refused(value: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        amount_of(value)


money = st.decimals(min_value=D("1.00"), max_value=D("50000000"), places=2)
rates = st.decimals(min_value=D("0"), max_value=D("30"), places=2)
days = st.integers(min_value=0, max_value=4000)
START = date(2015, 1, 1)


@given(
    principal=money,
    rate=rates,
    gaps=st.lists(days, max_size=4),
    fractions=st.lists(
        st.decimals(min_value=D("0.01"), max_value=D("1"), places=2), min_size=4, max_size=4
    ),
)
def test_outstanding_is_never_negative(
    principal: Decimal, rate: Decimal, gaps: list[int], fractions: list[Decimal]
) -> None:
    heads = (Head("general", principal, START),)
    payments: list[Payment] = []
    on = START
    for gap, fraction in zip(gaps, fractions, strict=False):
        on += timedelta(days=gap)
        owed = statement(heads, rate, tuple(payments), on).outstanding
        share = (owed * fraction).quantize(D("0.01"))
        if share > 0:
            payments.append(Payment(on, share))
    final = statement(heads, rate, tuple(payments), on + timedelta(days=30))
    assert final.outstanding >= 0 and final.outstanding_interest >= 0


@given(principal=money, rate=rates, gap=days, after=days)
def test_paying_the_exact_outstanding_closes_the_award(
    principal: Decimal, rate: Decimal, gap: int, after: int
) -> None:
    heads = (Head("general", principal, START),)
    on = START + timedelta(days=gap)
    owed = statement(heads, rate, (), on).outstanding
    settled = statement(heads, rate, (Payment(on, owed),), on + timedelta(days=after))
    assert settled.outstanding == 0
    assert settled.paid == owed


@given(
    principal=money,
    rate=rates,
    gap=days,
    later=days,
    split=st.decimals(min_value=D("0.01"), max_value=D("0.99"), places=2),
)
def test_splitting_a_payment_on_the_same_day_changes_nothing(
    principal: Decimal, rate: Decimal, gap: int, later: int, split: Decimal
) -> None:
    heads = (Head("general", principal, START),)
    on = START + timedelta(days=gap)
    whole = (statement(heads, rate, (), on).outstanding * D("0.5")).quantize(D("0.01"))
    first = (whole * split).quantize(D("0.01"))
    if first in (0, whole):
        return
    as_of = on + timedelta(days=later)
    one = statement(heads, rate, (Payment(on, whole),), as_of)
    two = statement(heads, rate, (Payment(on, first), Payment(on, whole - first)), as_of)
    assert (one.outstanding_principal, one.outstanding_interest, one.paid) == (
        two.outstanding_principal,
        two.outstanding_interest,
        two.paid,
    )


@given(principal=money, rate=rates, a=days, b=days)
def test_without_payments_the_debt_only_grows(
    principal: Decimal, rate: Decimal, a: int, b: int
) -> None:
    heads = (Head("general", principal, START),)
    early, late = sorted((a, b))
    assert (
        statement(heads, rate, (), START + timedelta(days=early)).outstanding
        <= statement(heads, rate, (), START + timedelta(days=late)).outstanding
    )


@given(principal=money, rate=rates, gap=days, until=days, after=days, share=money)
def test_a_reversal_is_the_payment_removed_plus_a_line_that_pays_nothing(
    principal: Decimal, rate: Decimal, gap: int, until: int, after: int, share: Decimal
) -> None:
    heads = (Head("general", principal, START),)
    on = START + timedelta(days=gap)
    amount = min(share, statement(heads, rate, (), on).outstanding)
    reversed_on = on + timedelta(days=until)
    bounced = Payment(on, amount, "R", reversed_on, "returned")
    as_of = reversed_on + timedelta(days=after)
    with_reversal = statement(heads, rate, (bounced,), as_of)
    without = statement(heads, rate, (), as_of)
    assert replace(with_reversal, lines=()) == replace(without, lines=())
    memo = [line for line in with_reversal.lines if line.text.startswith("reversal of payment")]
    assert [line for line in with_reversal.lines if line not in memo] == list(without.lines)
    assert [(line.on, line.paid, line.interest) for line in memo] == [(reversed_on, 0, 0)]
