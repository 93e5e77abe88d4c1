"""What a person records against an award: a payment from the State, money passed on to the
survivor, a follow-up with the Attorney General. One input each, that the API's JSON body and
the case and ledger pages' forms are both read into, so a field is added in one place.
"""

from datetime import date
from typing import Annotated

from msgspec import Meta, Struct

from domain.awards import DisbursementMethod, FollowUpKind
from service.amounts import Amount
from service.text import LINE, Name, Note

Reference = Annotated[str, Meta(min_length=1, max_length=120, pattern=LINE)]


class PaymentIn(Struct, forbid_unknown_fields=True):
    """Money the State paid into the award's ledger."""

    received_on: date
    amount: Amount
    payer: Name
    reference: Reference


class DisbursementIn(Struct, forbid_unknown_fields=True):
    """Money passed on from the ledger to the survivor or a beneficiary."""

    paid_on: date
    amount: Amount
    method: DisbursementMethod
    beneficiary: Name
    reference: Reference


class FollowUpIn(Struct, forbid_unknown_fields=True):
    """A letter, call, visit or e-mail to the Attorney General, and the answer if one came."""

    on: date
    kind: FollowUpKind
    reference: Reference
    answered_on: date | None = None
    answer: Note | None = None
