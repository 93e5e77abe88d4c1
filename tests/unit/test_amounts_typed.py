"""Shillings as Kenyans type them and as judgments print them: one parser for every form,
the API and the import, refusing what would be a guess with a sentence naming the field."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from domain.money import AmountRefused, Why, typed_amount

PRINTED = json.loads((Path(__file__).parent / "fixtures" / "amounts_as_printed.json").read_text())


@pytest.mark.parametrize("case", PRINTED["amounts"], ids=lambda c: c["printed"])
def test_sums_as_judgments_print_them(case: dict[str, str]) -> None:
    assert case["source"].startswith("http")
    assert typed_amount(case["printed"]) == Decimal(case["value"])


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("500,000", "500000.00"),
        ("Ksh 500,000", "500000.00"),
        ("KSh. 500,000/=", "500000.00"),
        ("Kshs.500,000/-", "500000.00"),
        ("KES 2,500,000", "2500000.00"),
        ("500 000", "500000.00"),
        ("Ksh\u00a0100,000.00", "100000.00"),
        ("500000.00", "500000.00"),
        ("1,234,567.50", "1234567.50"),
        (" 250000.5 ", "250000.50"),
    ],
)
def test_amounts_as_people_type_them(typed: str, value: str) -> None:
    assert typed_amount(typed) == Decimal(value)


@pytest.mark.parametrize(
    "typed",
    ["500,00", "5.000.000", "-500,000", "500.123", "five hundred", "Ksh", "1e6", "12,34,567"],
)
def test_what_would_be_a_guess_is_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(AmountRefused) as refused:
        typed_amount(typed, "The amount of general damages", "amount")
    assert str(refused.value) == (
        "The amount of general damages must be in shillings, like 500,000 or 500000.00"
    )
    assert refused.value.why is Why.NOT_SHILLINGS and refused.value.field == "amount"


def test_nothing_and_more_than_the_ledger_holds_are_refused() -> None:
    with pytest.raises(AmountRefused, match="The amount paid must be more than nothing"):
        typed_amount("0.00", "The amount paid")
    with pytest.raises(AmountRefused) as refused:
        typed_amount("1,000,000,000,000")
    assert refused.value.why is Why.TOO_MUCH
