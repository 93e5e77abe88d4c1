"""Imports every table module, so migrations and the test of them see the whole schema."""

from domain import audit, awards, cases, contacts, hearings, outbox, positions, reminders, users

__all__ = [
    "audit",
    "awards",
    "cases",
    "contacts",
    "hearings",
    "outbox",
    "positions",
    "reminders",
    "users",
]
