"""Kenya shillings as Decimal, to the cent: never a float anywhere on the path."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.errors import InvalidInput

CENT = Decimal("0.01")
LARGEST = Decimal("999999999999.99")  # NUMERIC(14,2): what the ledger can hold
ZERO = Decimal("0.00")


def cents(amount: Decimal) -> Decimal:
    """Rounds half up to the cent, as a court's figures and a bank's are."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def amount_of(value: Decimal | int | str, field: str = "amount") -> Decimal:
    """A positive sum of shillings with at most two decimal places, or a clear refusal."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError) as error:
        raise InvalidInput(f"{field} {value!r} is not an amount of shillings", field) from error
    if not amount.is_finite() or amount <= 0:
        raise InvalidInput(f"{field} must be more than zero shillings, not {value}", field)
    if amount > LARGEST:
        raise InvalidInput(f"{field} {value} is more than Haki records ({kes(LARGEST)})", field)
    if amount != amount.quantize(CENT):
        raise InvalidInput(f"{field} {value} has more than two decimal places", field)
    return cents(amount)


def kes(amount: Decimal) -> str:
    """Plain figure for statements and errors (people-facing text uses Babel's en_KE/sw_KE)."""
    return f"KES {cents(amount):,.2f}"


def figure(amount: Decimal) -> str:
    """Shillings for JSON: a decimal string to the cent, so no client reads it as a float."""
    return f"{cents(amount):.2f}"


def rate_of(value: Decimal, field: str = "rate_percent") -> Decimal:
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise InvalidInput(
            f"{field} must be between 0 and 100 (percent a year), not {value}", field
        )
    if value != value.quantize(CENT):
        raise InvalidInput(f"{field} {value} has more than two decimal places", field)
    return value
