"""Imports every table module, so migrations and the test of them see the whole schema."""

from domain import audit, cases, users

__all__ = ["audit", "cases", "users"]
