"""Violation records take documents and corrections; partners can be deactivated

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-06 22:30:00.000000

A document may now be attached to a violation record, which is the survivor's and may have no
case: `documents.case_id` becomes optional, and a check keeps it empty for exactly the
violation records' documents. Violation records gain a version (the optimistic check of a
correction), and partners an `active` flag (a deactivated partner is offered no new referral).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "'case', 'award', 'hearing', 'examination'"


def upgrade() -> None:
    op.drop_constraint(op.f("ck_documents_record_kind"), "documents", type_="check")
    op.create_check_constraint(
        op.f("ck_documents_record_kind"), "documents", f"record_kind IN ({KINDS}, 'violation')"
    )
    op.alter_column("documents", "case_id", existing_type=sa.Uuid(), nullable=True)
    op.create_check_constraint(
        op.f("ck_documents_only_a_violation_document_has_no_case"),
        "documents",
        "(record_kind = 'violation') = (case_id IS NULL)",
    )
    op.add_column(
        "violations", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )
    op.alter_column("violations", "version", server_default=None)
    op.add_column(
        "referral_partners",
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    op.drop_column("referral_partners", "active")
    op.drop_column("violations", "version")
    op.execute("DELETE FROM documents WHERE record_kind = 'violation'")
    op.drop_constraint(
        op.f("ck_documents_only_a_violation_document_has_no_case"), "documents", type_="check"
    )
    op.alter_column("documents", "case_id", existing_type=sa.Uuid(), nullable=False)
    op.drop_constraint(op.f("ck_documents_record_kind"), "documents", type_="check")
    op.create_check_constraint(
        op.f("ck_documents_record_kind"), "documents", f"record_kind IN ({KINDS})"
    )
