"""Every table as CSV, straight from PostgreSQL's COPY, with personal data left out unless
asked for and secrets (password and token hashes) never written.

Each table's personal and secret columns are listed here; a test fails when a table is
added without being listed, so no new column of personal data leaves the office unseen.
"""

import io
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, String, Table, TypeDecorator
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.base import metadata
from service.spreadsheet_cells import neutralised_sql

PERSONAL: dict[str, tuple[str, ...]] = {
    "audit_events": ("address",),
    "cases": ("title",),
    "login_attempts": ("address",),
    "reminder_rules": (),
    "survivor_code_counters": (),
    "survivors": ("full_name",),
    "users": ("email", "phone"),
    "auth_sessions": (),
    "awards": (),
    "calendar_feeds": (),
    "case_claimants": (),
    "case_events": ("note",),
    "case_team": (),
    "contacts": ("name", "relationship", "phone", "email"),
    "hearings": (),
    "notifications": ("payload",),
    "award_events": ("note",),
    "award_heads": (),
    "award_positions": (),
    "deliveries": ("address", "subject", "body", "provider_id", "last_error"),
    "disbursements": ("beneficiary", "reference"),
    "follow_ups": ("answer",),
    "payments_received": (),
    "reminders": (),
    "status_codes": (),
    "award_position_changes": (),
    "unpaid_bases": (),
    "unpaid_base_cells": (),
    "unpaid_base_shared": (),
    "idempotent_requests": (),
    "form_submissions": (),
    "notices_to_sue": (),
    "documents": ("file_name",),
    "document_chunks": (),
    "examinations": ("examined_by", "place", "findings"),
    "violation_types": (),
    "violations": ("place", "unit", "officers"),
    "violation_cases": (),
    "referral_partners": (),
    "referrals": ("reason", "outcome_note"),
    "family_messages": ("body",),
    "phone_requests": ("caller_hash",),
    "import_drafts": ("file_name",),
}
"""columns left empty in a pseudonymous export: names, addresses, free text about people"""

SECRET: dict[str, tuple[str, ...]] = {
    "users": ("password_hash",),
    "auth_sessions": ("token_hash",),
    "calendar_feeds": ("token_hash",),
    "status_codes": ("code_hash",),
    "idempotent_requests": ("body",),
    "document_chunks": ("nonce", "sealed"),
    "import_drafts": ("data",),
}
"""columns never exported: each would let its holder sign in or read a feed or a status (a
kept answer to a retried request may hold a sign-in token); documents leave opened, as files
of their own in an export with personal data, never as sealed bytes no one outside can open;
a checked import file waiting an hour is not a record (imported, its rows are exported)"""


@dataclass(frozen=True)
class TableCsv:
    name: str
    body: bytes
    rows: int
    columns: list[str]
    blanked: list[str]
    withheld: list[str]


def _personal(table: Table) -> set[str]:
    """A table nobody has classified yet keeps only its keys in a pseudonymous export."""
    if table.name in PERSONAL:
        return set(PERSONAL[table.name])
    return {c.name for c in table.columns if not c.primary_key}


def _text(column: Column[Any]) -> bool:
    """A text column: sqlmodel's strings are a decorator over String, not a String."""
    kind = column.type
    return isinstance(kind.impl_instance if isinstance(kind, TypeDecorator) else kind, String)


def _column(table: Table, name: str, blank: set[str]) -> str:
    """Text under the one rule every CSV of Haki's follows (service/spreadsheet_cells.py)."""
    quoted = f'"{name}"'
    if name in blank:
        return f"NULL AS {quoted}"
    if _text(table.columns[name]):
        return f"{neutralised_sql(quoted)} AS {quoted}"
    return quoted


def _select(table: Table, blank: set[str], withheld: set[str]) -> str:
    parts = [_column(table, c.name, blank) for c in table.columns if c.name not in withheld]
    keys = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    return f'SELECT {", ".join(parts)} FROM "{table.name}" ORDER BY {keys}'


async def table_csvs(connection: AsyncConnection, with_personal_data: bool) -> list[TableCsv]:
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None
    done = []
    for table in metadata.sorted_tables:
        withheld = set(SECRET.get(table.name, ()))
        blank = set() if with_personal_data else _personal(table)
        out = io.BytesIO()
        status = await raw.copy_from_query(
            _select(table, blank, withheld), output=out, format="csv", header=True
        )
        done.append(
            TableCsv(
                table.name,
                out.getvalue(),
                int(status.split()[-1]),
                [c.name for c in table.columns if c.name not in withheld],
                sorted(blank),
                sorted(withheld),
            )
        )
    return done
