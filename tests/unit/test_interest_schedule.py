"""The interest schedule of a demand letter, worked by hand: principal x rate x days / 365 per
head and period, the period's cents shared out so the rows add up to the statement."""

from datetime import date
from decimal import Decimal

from domain.awards import HeadKind
from domain.interest import Head, Payment, statement
from domain.interest_schedule import InterestRow, interest_schedule

GENERAL = Head(HeadKind.GENERAL, Decimal("1000000"), date(2021, 3, 1))
COSTS = Head(HeadKind.COSTS, Decimal("75000"), date(2021, 6, 1))
PAID = (Payment(date(2021, 12, 31), Decimal("200000"), "KCB/881"),)
RATE = Decimal("12")


def test_each_head_and_period_is_a_row_and_the_rows_add_up_to_the_statement() -> None:
    rows = interest_schedule((GENERAL, COSTS), RATE, PAID, date(2022, 3, 1))
    # 1 March to 31 December 2021 is 305 days: 1,000,000 x 12% x 305/365 = 100,273.9726
    # 1 June to 31 December 2021 is 213 days:     75,000 x 12% x 213/365 =   5,252.0548
    # the period's interest is settled once: 105,526.0274 -> 105,526.03; the rows rounded
    # down give 105,526.02, and the cent left goes to the larger remainder (costs, .0048)
    # the payment of 200,000 clears the 105,526.03 interest, then 94,473.97 of the general
    # damages, leaving 905,526.03; 31 December 2021 to 1 March 2022 is 60 days:
    # 905,526.03 x 12% x 60/365 = 17,862.4313; 75,000 x 12% x 60/365 = 1,479.4521
    assert rows == (
        InterestRow(0, Decimal("1000000.00"), RATE, date(2021, 3, 1), date(2021, 12, 31), 305,
                    Decimal("100273.97")),
        InterestRow(1, Decimal("75000.00"), RATE, date(2021, 6, 1), date(2021, 12, 31), 213,
                    Decimal("5252.06")),
        InterestRow(0, Decimal("905526.03"), RATE, date(2021, 12, 31), date(2022, 3, 1), 60,
                    Decimal("17862.43")),
        InterestRow(1, Decimal("75000.00"), RATE, date(2021, 12, 31), date(2022, 3, 1), 60,
                    Decimal("1479.45")),
    )  # fmt: skip
    whole = statement((GENERAL, COSTS), RATE, PAID, date(2022, 3, 1))
    assert sum(r.interest for r in rows) == whole.interest == Decimal("124867.91")


def test_a_payment_after_the_letter_and_a_head_without_interest_are_left_out() -> None:
    special = Head(HeadKind.SPECIAL, Decimal("30000"), None)
    later = (Payment(date(2022, 6, 1), Decimal("10000"), "late"),)
    rows = interest_schedule((GENERAL, special), RATE, later, date(2022, 3, 1))
    # one period, 1 March 2021 to 1 March 2022, 365 days: 1,000,000 x 12% = 120,000.00
    assert [(r.head, r.days, r.interest) for r in rows] == [(0, 365, Decimal("120000.00"))]


def test_no_rate_no_rows() -> None:
    assert interest_schedule((GENERAL,), Decimal("0"), (), date(2022, 3, 1)) == ()
