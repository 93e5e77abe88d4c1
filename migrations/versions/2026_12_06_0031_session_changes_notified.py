"""Sign-outs and account changes NOTIFY haki_sessions, so API processes forget cached sessions

Revision ID: 0031
Revises: 0024
Create Date: 2026-12-06 20:00:00.000000

Every API process remembers who a token belongs to for a few seconds
(service/usecases/accounts/session_cache.py). These triggers tell every process at once when
a session ends or an account changes, whoever made the change (an API process, `haki users`,
an administrator in psql), so lock-out stays immediate on every replica.
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0031'
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("""
CREATE FUNCTION haki_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('haki_sessions', '');
    RETURN NULL;
END $$;
""")
    op.execute("""
CREATE TRIGGER auth_sessions_changed AFTER UPDATE OR DELETE ON auth_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION haki_sessions_changed();
""")
    op.execute("""
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION haki_sessions_changed();
""")
    op.execute("""
CREATE TRIGGER sessions_emptied AFTER TRUNCATE ON auth_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION haki_sessions_changed();
""")
    op.execute("""
CREATE TRIGGER users_emptied AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION haki_sessions_changed();
""")


def downgrade() -> None:
    for trigger, table in (
        ('users_emptied', 'users'),
        ('sessions_emptied', 'auth_sessions'),
        ('users_changed', 'users'),
        ('auth_sessions_changed', 'auth_sessions'),
    ):
        op.execute(f"DROP TRIGGER {trigger} ON {table}")
    op.execute("DROP FUNCTION haki_sessions_changed()")
