"""`outstanding`, the figure a payment's step reads, is the statement's own: the same walk
without the words of its lines, whatever the ledger holds (payments, reversals, a settlement,
heads at rates of their own, either allocation), and the same refusal of an overpayment."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.interest import Allocation, Head, Payment, Settlement, outstanding, statement

D = Decimal
START = date(2020, 1, 1)
money = st.decimals(min_value=D("1"), max_value=D("5000000"), places=2)
days = st.integers(min_value=0, max_value=900)
rates = st.decimals(min_value=D("0"), max_value=D("25"), places=2)


@given(
    principal=money,
    costs=money,
    rate=rates,
    costs_rate=st.none() | rates,
    gaps=st.lists(days, max_size=4),
    shares=st.lists(st.decimals(min_value=D("0.01"), max_value=D("0.6"), places=2), min_size=4),
    reversed_gap=st.none() | days,
    settled_gap=st.none() | days,
    allocation=st.sampled_from(Allocation),
    after=days,
)
def test_outstanding_is_what_the_statement_says(
    principal: Decimal,
    costs: Decimal,
    rate: Decimal,
    costs_rate: Decimal | None,
    gaps: list[int],
    shares: list[Decimal],
    reversed_gap: int | None,
    settled_gap: int | None,
    allocation: Allocation,
    after: int,
) -> None:
    heads = (
        Head("general", principal, START),
        Head("costs", costs, START + timedelta(days=30), costs_rate),
    )
    settlement = (
        None if settled_gap is None else Settlement(START + timedelta(days=settled_gap), principal)
    )
    payments: list[Payment] = []
    on = START
    for gap, share in zip(gaps, shares, strict=False):
        on += timedelta(days=gap)
        owed = statement(heads, rate, tuple(payments), on, allocation, settlement).outstanding
        assert outstanding(heads, rate, tuple(payments), on, allocation, settlement) == owed
        amount = (owed * share).quantize(D("0.01"))
        if amount > 0:
            payments.append(Payment(on, amount, f"P{len(payments)}"))
    if payments and reversed_gap is not None:
        first = payments[0]
        payments[0] = Payment(
            first.on, first.amount, first.reference, first.on + timedelta(days=reversed_gap), "x"
        )
    as_of = on + timedelta(days=after)
    ledger = tuple(payments)
    try:
        expected = statement(heads, rate, ledger, as_of, allocation, settlement).outstanding
    except InvalidInput:  # a reversal or the settlement left a later payment more than owed
        with pytest.raises(InvalidInput):
            outstanding(heads, rate, ledger, as_of, allocation, settlement)
        return
    assert outstanding(heads, rate, ledger, as_of, allocation, settlement) == expected


def test_an_overpayment_is_refused_as_the_statement_refuses_it() -> None:
    heads = (Head("general", D("1000"), START),)
    ledger = (Payment(START + timedelta(days=10), D("2000")),)
    with pytest.raises(InvalidInput) as by_statement:
        statement(heads, D("12"), ledger, START + timedelta(days=20))
    with pytest.raises(InvalidInput) as by_outstanding:
        outstanding(heads, D("12"), ledger, START + timedelta(days=20))
    assert str(by_outstanding.value) == str(by_statement.value)
