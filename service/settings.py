"""Settings from the environment, read once into one object."""

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from platformdirs import user_data_dir

from domain.interest import Allocation


def _data_dir() -> Path:
    return Path(os.environ.get("HAKI_DATA_DIR") or user_data_dir("haki"))


@dataclass(frozen=True)
class Settings:
    database_url: str | None = field(default_factory=lambda: os.environ.get("DATABASE_URL"))
    data_dir: Path = field(default_factory=_data_dir)
    host: str = field(default_factory=lambda: os.environ.get("HAKI_HOST", "127.0.0.1"))
    port: int = field(default_factory=lambda: int(os.environ.get("HAKI_PORT", "8000")))
    max_body_bytes: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_MAX_BODY_BYTES", str(64 * 1024)))
    )
    session_hours: float = field(
        default_factory=lambda: float(os.environ.get("HAKI_SESSION_HOURS", "8"))
    )
    certificate_wait_days: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_CERTIFICATE_WAIT_DAYS", "21"))
    )
    court_rate: Decimal = field(
        default_factory=lambda: Decimal(os.environ.get("HAKI_COURT_RATE", "12"))
    )
    payment_allocation: Allocation = field(
        default_factory=lambda: Allocation(
            os.environ.get("HAKI_PAYMENT_ALLOCATION", Allocation.INTEREST_FIRST)
        )
    )
    follow_up_days: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_FOLLOW_UP_DAYS", "30"))
    )
    escalate_after_days: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_ESCALATE_AFTER_DAYS", "90"))
    )
    pool_size: int = field(default_factory=lambda: int(os.environ.get("HAKI_DB_POOL", "10")))
