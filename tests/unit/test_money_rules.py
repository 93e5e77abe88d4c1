"""The money rules of docs/money-rules.md, each with figures worked by hand."""

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import InvalidInput
from domain.interest import Head, LineKind, Payment, Settlement, statement

D = Decimal
JUDGMENT = date(2021, 3, 1)


def test_costs_run_at_their_own_rate_from_their_taxing() -> None:
    """General damages 1,000,000 at the award's 12% from judgment (1 March 2021); costs 200,000
    taxed on 1 June 2021 at 14%. To 1 March 2022:

    general: 1,000,000 x 12 x 365 days = 4,380,000,000
    costs:     200,000 x 14 x 273 days =   764,400,000  (1 June 2021 to 1 March 2022)
    interest = 5,144,400,000 / 36,500 = 140,942.4657... -> 140,942.47
    (apart, 120,000.00 + 20,942.47: the same, the sum is divided once)
    owed 1,200,000 + 140,942.47 = 1,340,942.47
    """
    result = statement(
        (
            Head("general", D("1000000"), JUDGMENT),
            Head("costs", D("200000"), date(2021, 6, 1), D("14")),
        ),
        D("12"),
        (),
        as_of=date(2022, 3, 1),
    )
    assert result.interest == D("140942.47")
    assert result.outstanding == D("1340942.47")
    (line,) = result.lines
    assert line.rate is None and "each head's rate" in line.text


def test_a_head_without_a_rate_of_its_own_runs_at_the_awards() -> None:
    """500,000 at 12% for 365 days = 60,000.00, whether the head says 12% or nothing."""
    own = statement(
        (Head("general", D("500000"), JUDGMENT, D("12")),), D("12"), (), date(2022, 3, 1)
    )
    award = statement((Head("general", D("500000"), JUDGMENT),), D("12"), (), date(2022, 3, 1))
    assert own.interest == award.interest == D("60000.00")
    assert own.lines[0].rate == D("12")


def test_a_payment_entered_late_counts_on_the_day_it_was_received() -> None:
    """1,000,000 at 12% from 1 March 2021. The payment of 300,000 on 30 June 2022 was entered
    first; the one of 200,000 on 31 December 2021 was found and entered later. Either way:

    to 31 Dec 2021, 305 days: 100,273.97 interest; 200,000 pays it and 99,726.03 principal
    to 30 Jun 2022, 181 days on 900,273.97: 53,572.47; 300,000 -> principal 653,846.44
    to 15 Jan 2023, 199 days on 653,846.44: 42,777.68 -> owed 696,624.12
    """
    early = Payment(date(2021, 12, 31), D("200000"), "found late")
    later = Payment(date(2022, 6, 30), D("300000"), "entered first")
    heads = (Head("general", D("1000000"), JUDGMENT),)
    entered = statement(heads, D("12"), (later, early), date(2023, 1, 15))
    assert entered.outstanding == D("696624.12")
    assert entered == statement(heads, D("12"), (early, later), date(2023, 1, 15))
    assert [line.payment for line in entered.lines if line.payment] == [early, later]


def test_a_settlement_by_consent_replaces_what_is_owed_from_its_day() -> None:
    """1,000,000 at 12% from 1 March 2021; 100,000 paid on 1 September 2021; on 1 March 2022 the
    State and the survivor compromise for 700,000; 300,000 paid on 1 June 2022.

    to 1 Sep 2021, 184 days: 1,000,000 x 12 x 184 / 36,500 = 60,493.15;
      100,000 pays it and 39,506.85 principal -> 960,493.15
    to 1 Mar 2022, 181 days: 960,493.15 x 12 x 181 / 36,500 = 57,155.92 -> owed 1,017,649.07
    the compromise: 700,000 owed from 1 March 2022, bearing no interest
    1 Jun 2022: 300,000 paid -> 400,000 owed, and still 400,000 on 1 March 2023
    """
    result = statement(
        (Head("general", D("1000000"), JUDGMENT),),
        D("12"),
        (Payment(date(2021, 9, 1), D("100000")), Payment(date(2022, 6, 1), D("300000"))),
        as_of=date(2023, 3, 1),
        settlement=Settlement(date(2022, 3, 1), D("700000")),
    )
    assert result.interest == D("117649.07")  # 60,493.15 + 57,155.92, none after
    assert result.outstanding == D("400000.00")
    assert result.paid == D("400000")
    settled = next(line for line in result.lines if line.kind is LineKind.SETTLEMENT)
    assert (settled.on, settled.replaced, settled.outstanding) == (
        date(2022, 3, 1),
        D("1017649.07"),
        D("700000.00"),
    )


def test_a_payment_beyond_the_compromise_sum_is_refused() -> None:
    """Compromised at 700,000 on 1 March 2022: a payment of 700,000.01 after it overpays."""
    with pytest.raises(InvalidInput, match="is more than the"):
        statement(
            (Head("general", D("1000000"), JUDGMENT),),
            D("12"),
            (Payment(date(2022, 6, 1), D("700000.01")),),
            as_of=date(2023, 3, 1),
            settlement=Settlement(date(2022, 3, 1), D("700000")),
        )


def test_a_payment_on_the_settlement_day_pays_the_compromise_sum() -> None:
    """Compromised at 700,000 on 1 March 2022 and paid 700,000 that day: nothing owed after,
    though the judgment debt with interest that day was 1,120,000 (1,000,000 + 120,000)."""
    result = statement(
        (Head("general", D("1000000"), JUDGMENT),),
        D("12"),
        (Payment(date(2022, 3, 1), D("700000")),),
        as_of=date(2022, 3, 1),
        settlement=Settlement(date(2022, 3, 1), D("700000")),
    )
    assert result.outstanding == D("0.00")
    assert result.interest == D("120000.00")
