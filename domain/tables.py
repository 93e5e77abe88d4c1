"""Imports every table module, so migrations and the test of them see the whole schema."""

from domain import cases

__all__ = ["cases"]
