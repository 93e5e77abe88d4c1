"""Fixtures of the HTTP tests beyond tests/conftest.py."""

import io
import logging
from collections.abc import Iterator

import pytest

from service.logs import configure_logging


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Logging set up as `haki serve` sets it up, into a buffer; pytest's own put back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    buffer = io.StringIO()
    configure_logging(buffer)
    try:
        yield buffer
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
