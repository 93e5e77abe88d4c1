"""Documents sealed in chunks (AES-GCM), and medico-legal examinations

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-06 19:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0026'
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('record_kind', sa.Enum('case', 'award', 'hearing', 'examination', name='record_kind', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.Enum('pleading', 'judgment', 'decree', 'certificate_of_order', 'proof_of_service', 'p3_form', 'post_rape_care_form', 'medical_report', 'post_mortem_report', 'photograph', 'correspondence', 'other', name='document_kind', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('chunks', sa.Integer(), nullable=False),
    sa.Column('key_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uploaded_by', sa.Uuid(), nullable=True),
    sa.CheckConstraint("record_kind <> 'case' OR record_id = case_id", name=op.f('ck_documents_a_case_document_is_its_case')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_documents_case_id_cases')),
    sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], name=op.f('fk_documents_uploaded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    op.create_index(op.f('ix_documents_case_id'), 'documents', ['case_id'], unique=False)
    op.create_index('ix_documents_record', 'documents', ['record_kind', 'record_id'], unique=False)
    op.create_table('document_chunks',
    sa.Column('document_id', sa.Uuid(), nullable=False),
    sa.Column('index', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('nonce', sa.LargeBinary(), nullable=False),
    sa.Column('sealed', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_chunks_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'index', name=op.f('pk_document_chunks'))
    )
    op.create_table('examinations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('survivor_id', sa.Uuid(), nullable=False),
    sa.Column('form', sa.Enum('p3_form', 'post_rape_care_form', 'istanbul_protocol', 'post_mortem', 'psychological', name='examination_form', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('examined_on', sa.Date(), nullable=False),
    sa.Column('examined_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('correlation', sa.Enum('not_consistent', 'consistent', 'highly_consistent', 'typical', 'diagnostic', 'not_stated', name='correlation', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('findings', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_examinations_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_examinations_recorded_by_users')),
    sa.ForeignKeyConstraint(['survivor_id'], ['survivors.id'], name=op.f('fk_examinations_survivor_id_survivors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_examinations'))
    )
    op.create_index(op.f('ix_examinations_case_id'), 'examinations', ['case_id'], unique=False)
    op.create_index(op.f('ix_examinations_survivor_id'), 'examinations', ['survivor_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_examinations_survivor_id'), table_name='examinations')
    op.drop_index(op.f('ix_examinations_case_id'), table_name='examinations')
    op.drop_table('examinations')
    op.drop_table('document_chunks')
    op.drop_index('ix_documents_record', table_name='documents')
    op.drop_index(op.f('ix_documents_case_id'), table_name='documents')
    op.drop_table('documents')
