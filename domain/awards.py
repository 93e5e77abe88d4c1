"""What a court ordered one claimant to be paid, and the money that has moved since."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.cases import value_enum

MONEY = sa.Numeric(14, 2)


class AwardStage(StrEnum):
    AWARDED = "awarded"
    DECREE_EXTRACTED = "decree_extracted"
    CERTIFICATE_ISSUED = "certificate_issued"
    SERVED_ON_AG = "served_on_ag"
    PARTIALLY_PAID = "partially_paid"
    PAID_IN_FULL = "paid_in_full"
    DISBURSED = "disbursed"
    STAYED = "stayed"
    ENFORCEMENT = "enforcement"
    SET_ASIDE = "set_aside"
    WRITTEN_OFF = "written_off"


SETTLED = {AwardStage.DISBURSED, AwardStage.SET_ASIDE, AwardStage.WRITTEN_OFF}


class HeadKind(StrEnum):
    GENERAL = "general"
    EXEMPLARY = "exemplary"
    AGGRAVATED = "aggravated"
    SPECIAL = "special"
    COSTS = "costs"


class DisbursementMethod(StrEnum):
    """How money left the award's account. RETAINED is not a transfer: the costs were counsel's
    or the organisation's own (costs follow the event, to the party who bore them), so they are
    kept, and count as passed on, for an award whose costs were never the survivor's."""

    MPESA = "mpesa"
    BANK = "bank"
    CHEQUE = "cheque"
    RETAINED = "retained"


class Award(SQLModel, table=True):
    """`stage` is written only by the award machine; `version` guards concurrent changes."""

    __tablename__ = "awards"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    survivor_id: uuid.UUID = Field(foreign_key="survivors.id", index=True)
    respondent: str = Field(max_length=120)
    department: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    """the Government department, county government, commission or independent office whose
    vote pays (e.g. "National Police Service"); empty: not yet known"""
    accounting_officer: str = Field(
        default="", max_length=200, sa_column_kwargs={"server_default": ""}
    )
    """who must pay under GPA s.21(3), by office (e.g. "Principal Secretary, State Department
    for Internal Security"): the demand letter is copied to them"""
    judgment_on: date
    rate_percent: Decimal = Field(sa_type=sa.Numeric(5, 2))
    rate_as_ordered: str = Field(max_length=120)
    costs_to_be_taxed: bool = Field(
        default=False, sa_column_kwargs={"server_default": sa.false()}, nullable=False
    )
    """the court awarded costs, to be taxed later: they join as a head once taxed"""
    stage: AwardStage = Field(
        default=AwardStage.AWARDED, sa_type=value_enum(AwardStage, "award_stage"), index=True
    )
    stage_since: date
    stayed_from: AwardStage | None = Field(
        default=None, sa_type=value_enum(AwardStage, "stayed_from")
    )
    certificate_on: date | None = None
    served_on: date | None = None
    enforcement_case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id", index=True)
    """the judicial review (mandamus) opened to compel payment, once the award is enforced"""
    settled_on: date | None = None
    """a settlement by consent after judgment: from this day the compromise sum is owed"""
    settlement_amount: Decimal | None = Field(default=None, sa_type=MONEY)
    settlement_terms: str | None = None
    """the compromise's terms in the lawyer's words: free text, personal data"""
    unpaid_stage: AwardStage | None = Field(
        default=None, sa_type=value_enum(AwardStage, "unpaid_stage")
    )
    """the stage the award left when money first came in: where it returns if every payment
    is reversed (the history says the same, but the machine's guards read only the row)"""
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class AwardHead(SQLModel, table=True):
    __tablename__ = "award_heads"

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    award_id: uuid.UUID = Field(foreign_key="awards.id", index=True)
    kind: HeadKind = Field(sa_type=value_enum(HeadKind, "head_kind"))
    amount: Decimal = Field(sa_type=MONEY)
    interest_from: date | None = None
    rate_percent: Decimal | None = Field(default=None, sa_type=sa.Numeric(5, 2))
    """the head's own yearly rate where the decree gives one (costs often run at another);
    None: the award's rate"""
    taxed_on: date | None = None
    """costs taxed after the judgment: the day the taxing officer taxed them"""
    certificate_on: date | None = None
    """costs taxed after the certificate of order: the day their own certificate was issued"""
    served_on: date | None = None
    """and the day that certificate of costs was served on the Attorney General"""


REVERSAL_RULE = (
    "(reverses_id IS NULL AND amount > 0 AND reason IS NULL)"
    " OR (reverses_id IS NOT NULL AND amount < 0 AND reason IS NOT NULL)"
)
"""An entry is money moved (positive) or the reversal of one entry (negative, with a reason)."""


def live_reference(table: str) -> sa.Index:
    """One entry with a given reference on an award, unless it was reversed: the same money
    sent twice (a double click, a retry, twenty requests at once) is refused by the database.

    A reversed entry's reference may be entered again (the reversal, then the right entry): the
    new entry counts the reversed ones before it in `prior_reversals`, so it differs from them
    in the index, while two live entries with the same reference never do.
    """
    return sa.Index(
        f"uq_{table}_live_reference",
        "award_id",
        "reference",
        "prior_reversals",
        unique=True,
        postgresql_where=sa.text("reverses_id IS NULL AND reference <> ''"),
    )


class PaymentReceived(SQLModel, table=True):
    """Append-only, like every ledger row: a mistake is put right by a reversing entry.

    A reversal is a contra entry, as a bookkeeper writes one: a row of its own, dated the day of
    the reversal (`received_on`), for the same sum with the opposite sign, naming the row it
    reverses. The original is never touched, any SUM of the column is the true net, and a row
    can be reversed once only (`reverses_id` is unique).
    """

    __tablename__ = "payments_received"
    __table_args__ = (
        sa.CheckConstraint(REVERSAL_RULE, name="reversal"),
        live_reference("payments_received"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    award_id: uuid.UUID = Field(foreign_key="awards.id", index=True)
    received_on: date
    amount: Decimal = Field(sa_type=MONEY)
    payer: str = Field(max_length=120)
    reference: str = Field(max_length=120)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    reverses_id: int | None = Field(
        default=None, foreign_key="payments_received.id", unique=True, sa_type=sa.BigInteger
    )
    reason: str | None = Field(default=None, max_length=500)
    """why the entry it reverses was wrong; only on a reversal"""
    prior_reversals: int = Field(
        default=0, sa_type=sa.SmallInteger, sa_column_kwargs={"server_default": "0"}
    )
    """entries of this award with this reference reversed before this one was recorded"""


class Disbursement(SQLModel, table=True):
    """Append-only; reversed by a contra entry exactly as a payment received is."""

    __tablename__ = "disbursements"
    __table_args__ = (
        sa.CheckConstraint(REVERSAL_RULE, name="reversal"),
        live_reference("disbursements"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    award_id: uuid.UUID = Field(foreign_key="awards.id", index=True)
    paid_on: date
    amount: Decimal = Field(sa_type=MONEY)
    method: DisbursementMethod = Field(sa_type=value_enum(DisbursementMethod, "method"))
    beneficiary: str = Field(max_length=120)
    reference: str = Field(max_length=120)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    reverses_id: int | None = Field(
        default=None, foreign_key="disbursements.id", unique=True, sa_type=sa.BigInteger
    )
    reason: str | None = Field(default=None, max_length=500)
    prior_reversals: int = Field(
        default=0, sa_type=sa.SmallInteger, sa_column_kwargs={"server_default": "0"}
    )
    """entries of this award with this reference reversed before this one was recorded"""


class AwardEvent(SQLModel, table=True):
    """The award's history, append-only like the case's."""

    __tablename__ = "award_events"
    __table_args__ = (sa.Index("ix_award_events_award_id_id", "award_id", "id"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    award_id: uuid.UUID = Field(foreign_key="awards.id")
    trigger: str = Field(max_length=40)
    from_stage: AwardStage | None = Field(
        default=None, sa_type=value_enum(AwardStage, "from_stage")
    )
    to_stage: AwardStage = Field(sa_type=value_enum(AwardStage, "to_stage"))
    occurred_on: date
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    note: str | None = None
    evidence_ref: str | None = Field(default=None, max_length=200)
    details: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(JSONB, nullable=False, server_default="{}")
    )


class FollowUpKind(StrEnum):
    LETTER = "letter"
    CALL = "call"
    VISIT = "visit"
    EMAIL = "email"


class FollowUp(SQLModel, table=True):
    """One chase of the Attorney General, and the answer if one came. Append-only."""

    __tablename__ = "follow_ups"

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    award_id: uuid.UUID = Field(foreign_key="awards.id", index=True)
    on: date
    kind: FollowUpKind = Field(sa_type=value_enum(FollowUpKind, "follow_up_kind"))
    reference: str = Field(max_length=120)
    answered_on: date | None = None
    answer: str | None = None
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
