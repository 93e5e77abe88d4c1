"""Settings from the environment, read once into one object."""

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from platformdirs import user_data_dir

from domain.interest import Allocation

OFF = {"off", "0", "false", "no"}


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
    demand_days: int = field(default_factory=lambda: int(os.environ.get("HAKI_DEMAND_DAYS", "30")))
    """the days a demand letter gives the Attorney General to pay before judicial review"""
    organisation: str = field(default_factory=lambda: os.environ.get("HAKI_ORGANISATION", "Haki"))
    """the name letters are signed for, with the case's lead counsel"""
    pool_size: int = field(default_factory=lambda: int(os.environ.get("HAKI_DB_POOL", "10")))
    clock: bool = field(
        default_factory=lambda: os.environ.get("HAKI_CLOCK", "on").lower() not in OFF
    )
    """whether `haki serve` also runs the reminder clock (a `haki worker` always does)"""
    clock_seconds: float = field(
        default_factory=lambda: float(os.environ.get("HAKI_CLOCK_SECONDS", "15"))
    )
    clock_batch: int = field(default_factory=lambda: int(os.environ.get("HAKI_CLOCK_BATCH", "500")))
    reminder_grace_minutes: float = field(
        default_factory=lambda: float(os.environ.get("HAKI_REMINDER_GRACE_MINUTES", "15"))
    )
