"""Amounts of shillings in the API and the forms, read as people type them ("Ksh 500,000",
"500 000", "1,250,000.00") by the one parser in domain/money.py.

`Amount` is a Decimal the JSON decoder and the forms' reader both build with `decode`, so a
client sending 500000, "500000.00" or "KSh. 500,000/=" gets the same shillings, and one
sending "500,00" the same refusal as a person at the page.
"""

from decimal import Decimal
from typing import Annotated, Any

from litestar.openapi.spec import Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.plugins import OpenAPISchemaPlugin
from litestar.typing import FieldDefinition
from msgspec import Meta

from domain.money import AmountRefused, typed_amount


class Shillings(Decimal):
    """Shillings to the cent, already read from what was typed."""


Amount = Annotated[
    Shillings,
    Meta(
        description='shillings: 250000, "250000.00", "250,000" or "Ksh 250,000"',
        examples=["250,000.00"],
    ),
]


def is_amount(kind: Any) -> bool:
    return kind is Shillings


def decode(kind: type[Shillings], value: Any) -> Shillings:
    """A JSON number or string, or a form's text; a refusal is a ValueError, which the decoder
    reports at the field it is about."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError("The amount must be in shillings, like 500,000 or 500000.00")
    text = repr(value) if isinstance(value, float) else str(value)
    try:
        return kind(typed_amount(text))
    except AmountRefused as refused:
        raise ValueError(str(refused)) from None


TYPE_DECODERS = [(is_amount, decode)]


def dec_hook(kind: type, value: Any) -> Any:
    """The same decoders for `msgspec.convert`, as Litestar uses them for a JSON body; any other
    type is declined with NotImplementedError, as msgspec's dec_hook protocol asks."""
    if is_amount(kind):
        return decode(kind, value)
    raise NotImplementedError(f"no decoder for {kind!r}")


class AmountSchema(OpenAPISchemaPlugin):
    """The OpenAPI schema says an amount is a number or a string of shillings."""

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:
        return is_amount(value)

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        return Schema(
            one_of=[
                Schema(type=OpenAPIType.NUMBER, exclusive_minimum=0),
                Schema(type=OpenAPIType.STRING, min_length=1, max_length=40),
            ]
        )
