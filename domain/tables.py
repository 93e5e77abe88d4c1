"""Imports every table module, so migrations and the test of them see the whole schema."""

import domain.idempotency  # noqa: F401  (idempotency keys, kept by service/idempotency.py)
from domain import (
    audit,
    awards,
    cases,
    contacts,
    documents,
    examinations,
    family_phones,
    hearings,
    import_drafts,
    notices,
    outbox,
    positions,
    referrals,
    reminders,
    report_bases,
    users,
    violations,
)

__all__ = [
    "audit",
    "awards",
    "cases",
    "contacts",
    "documents",
    "examinations",
    "family_phones",
    "hearings",
    "import_drafts",
    "notices",
    "outbox",
    "positions",
    "referrals",
    "reminders",
    "report_bases",
    "users",
    "violations",
]
