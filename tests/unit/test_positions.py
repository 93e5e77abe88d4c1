"""An award's positions plus simple interest from the last one give its statement on any day.

This is the reading the unpaid report does in SQL (service/usecases/reports/unpaid.py), written out
here from the stored row shape, over generated ledgers.
"""

import uuid
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.interest import Allocation, Head, Payment, Settlement, statement
from domain.positions import position_rows

JUDGED = date(2020, 3, 1)
days = st.integers(min_value=-200, max_value=2000).map(lambda n: JUDGED + timedelta(days=n))
shillings = st.integers(min_value=1, max_value=500_000_000).map(lambda n: Decimal(n) / 100)
rates = st.sampled_from([Decimal("0"), Decimal("12"), Decimal("14.25")])
heads = st.lists(
    st.builds(
        Head, st.sampled_from(["general", "costs"]), shillings, st.none() | days, st.none() | rates
    ),
    min_size=1,
    max_size=3,
)
payments = st.lists(
    st.builds(
        Payment,
        days.filter(lambda d: d >= JUDGED),
        st.integers(min_value=1, max_value=40_000_000).map(lambda n: Decimal(n) / 100),
        st.just("R"),
        st.none() | days.filter(lambda d: d >= JUDGED),
        st.just("returned"),
    ).filter(lambda p: p.reversed_on is None or p.reversed_on >= p.on),
    max_size=5,
)


def as_the_report_reads(rows: list[dict[str, Any]], as_of: date) -> Decimal:
    """Outstanding on `as_of`: the row valid that day plus interest on its bearing heads (each
    bearing is the head's principal times its own rate)."""
    row = next(
        r
        for r in rows
        if r["valid_from"] <= as_of and (r["valid_to"] is None or as_of < r["valid_to"])
    )
    bearing = zip(row["bearing"], row["bearing_from"], strict=True)
    rate_days = sum((p * max((as_of - d).days, 0) for p, d in bearing), Decimal(0))
    later = (rate_days / Decimal(36500)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    outstanding: Decimal = row["principal"] + row["unpaid_interest"] + later
    return outstanding


@settings(max_examples=300, deadline=None)
@given(
    heads=heads,
    rate=rates,
    payments=payments,
    allocation=st.sampled_from(list(Allocation)),
    as_of=days.filter(lambda d: d >= JUDGED),
    settlement=st.none() | st.builds(Settlement, days.filter(lambda d: d >= JUDGED), shillings),
)
def test_positions_give_the_statement_on_any_day(
    heads: list[Head],
    rate: Decimal,
    payments: list[Payment],
    allocation: Allocation,
    as_of: date,
    settlement: Settlement | None,
) -> None:
    ledger = (tuple(heads), rate, tuple(payments))
    try:
        rows = position_rows(uuid.uuid4(), JUDGED, *ledger, allocation, settlement)
    except InvalidInput:  # a generated payment that overpays: the ledger would refuse it
        return
    expected = statement(*ledger, as_of, allocation, settlement)
    assert as_the_report_reads(rows, as_of) == expected.outstanding
