"""Settings from the environment, read once into one object."""

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from platformdirs import user_data_dir

from domain.interest import Allocation
from notifications.channels.email import SmtpSecurity

OFF = {"off", "0", "false", "no"}


def _data_dir() -> Path:
    return Path(os.environ.get("HAKI_DATA_DIR") or user_data_dir("haki"))


def _smtp_security() -> SmtpSecurity:
    value = os.environ.get("HAKI_SMTP_STARTTLS", "on").lower()
    return SmtpSecurity.OFF if value in OFF else SmtpSecurity(value)


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
    office_name: str = field(
        default_factory=lambda: (
            os.environ.get("HAKI_OFFICE_NAME") or os.environ.get("HAKI_ORGANISATION", "Haki")
        )
    )
    """the letterhead's name; unset: HAKI_ORGANISATION"""
    office_address: str = field(default_factory=lambda: os.environ.get("HAKI_OFFICE_ADDRESS", ""))
    """the letterhead's postal address, its lines separated by ";" (P.O. Box 1234-00100;
    Nairobi)"""
    office_phone: str = field(default_factory=lambda: os.environ.get("HAKI_OFFICE_PHONE", ""))
    office_email: str = field(default_factory=lambda: os.environ.get("HAKI_OFFICE_EMAIL", ""))
    office_logo: Path | None = field(
        default_factory=lambda: (
            Path(os.environ["HAKI_OFFICE_LOGO"]) if os.environ.get("HAKI_OFFICE_LOGO") else None
        )
    )
    """a PNG, JPEG or SVG file printed at the head of letters; unset: none"""
    status_lookups_per_minute: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_STATUS_PER_MINUTE", "10"))
    )
    """GET /status/{code} answers per client address a minute, in each API process"""
    status_code_days: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_STATUS_CODE_DAYS", "365"))
    )
    """how long a status code works after it is issued or renewed"""
    secret_key: str | None = field(
        default_factory=lambda: os.environ.get("HAKI_SECRET_KEY") or None, repr=False
    )
    """keys the hashes of status codes (service/secret_key.py); unset with the embedded
    database, one is made and kept in the data folder; unset with DATABASE_URL, Haki refuses
    to start"""
    pool_size: int = field(default_factory=lambda: int(os.environ.get("HAKI_DB_POOL", "10")))
    session_cache_seconds: float = field(
        default_factory=lambda: float(os.environ.get("HAKI_SESSION_CACHE_SECONDS", "5"))
    )
    """how long an API process remembers who a token belongs to (0: ask PostgreSQL every
    request); sign-out and disable still take effect at once (service/usecases/accounts/
    session_cache.py)"""
    clock: bool = field(
        default_factory=lambda: os.environ.get("HAKI_CLOCK", "on").lower() not in OFF
    )
    """whether `haki serve` also runs the reminder clock (a `haki worker` always does)"""
    clock_seconds: float = field(
        default_factory=lambda: float(os.environ.get("HAKI_CLOCK_SECONDS", "15"))
    )
    clock_batch: int = field(default_factory=lambda: int(os.environ.get("HAKI_CLOCK_BATCH", "500")))
    dispatch_batch: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_DISPATCH_BATCH", "100"))
    )
    delivery_attempts: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_DELIVERY_ATTEMPTS", "6"))
    )
    toll_free: str = field(default_factory=lambda: os.environ.get("HAKI_TOLL_FREE", "0800 720 720"))
    """the office's toll-free number, in every message to a family"""
    stop_seconds: float = field(
        default_factory=lambda: float(os.environ.get("HAKI_STOP_SECONDS", "8"))
    )
    """on SIGTERM, how long the work in hand may take to finish before it is cancelled"""
    metrics_token: str | None = field(
        default_factory=lambda: os.environ.get("HAKI_METRICS_TOKEN") or None, repr=False
    )
    """the bearer token Prometheus sends to read /metrics; unset: administrators only"""
    reminder_grace_minutes: float = field(
        default_factory=lambda: float(os.environ.get("HAKI_REMINDER_GRACE_MINUTES", "15"))
    )
    sms_url: str | None = field(default_factory=lambda: os.environ.get("HAKI_SMS_URL") or None)
    """the SMS gateway (Africa's Talking's shape); unset: SMS messages go to the log"""
    sms_username: str | None = field(
        default_factory=lambda: os.environ.get("HAKI_SMS_USERNAME") or None
    )
    sms_api_key: str | None = field(
        default_factory=lambda: os.environ.get("HAKI_SMS_API_KEY") or None, repr=False
    )
    sms_sender_id: str | None = field(
        default_factory=lambda: os.environ.get("HAKI_SMS_SENDER_ID") or None
    )
    sms_report_secret: str | None = field(
        default_factory=lambda: os.environ.get("HAKI_SMS_REPORT_SECRET") or None, repr=False
    )
    """the last part of every address the SMS gateway calls (delivery reports, incoming texts,
    USSD sessions, opt-outs); unset: none of them exists"""
    phone_questions_per_hour: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_PHONE_QUESTIONS_PER_HOUR", "5"))
    )
    """status codes one phone number may try by USSD and SMS in an hour, across all processes"""
    phone_answer_seconds: float = field(
        default_factory=lambda: float(os.environ.get("HAKI_PHONE_ANSWER_SECONDS", "8"))
    )
    """how long a USSD step or an incoming text may take before Haki answers busy (Africa's
    Talking gives up on a USSD application after 15 seconds)"""
    smtp_host: str | None = field(default_factory=lambda: os.environ.get("HAKI_SMTP_HOST") or None)
    """the mail server; unset: e-mail messages go to the log"""
    smtp_port: int = field(default_factory=lambda: int(os.environ.get("HAKI_SMTP_PORT", "587")))
    smtp_username: str | None = field(
        default_factory=lambda: os.environ.get("HAKI_SMTP_USERNAME") or None
    )
    smtp_password: str | None = field(
        default_factory=lambda: os.environ.get("HAKI_SMTP_PASSWORD") or None, repr=False
    )
    smtp_security: SmtpSecurity = field(default_factory=_smtp_security)
    """HAKI_SMTP_STARTTLS: on (STARTTLS, required), tls (TLS from the start) or off"""
    mail_from: str | None = field(default_factory=lambda: os.environ.get("HAKI_MAIL_FROM") or None)
    import_max_bytes: int = field(
        default_factory=lambda: int(os.environ.get("HAKI_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
    )
    """the largest file `haki import`, POST /imports/{kind} and the import page accept"""
    document_keys: str | None = field(
        default_factory=lambda: os.environ.get("HAKI_DOCUMENT_KEYS") or None, repr=False
    )
    """`id:key,id:key`, newest first: the keys documents are sealed with (docs/documents.md);
    unset with the embedded database, one is made and kept in the data folder"""
    document_max_bytes: int = field(
        default_factory=lambda: int(
            os.environ.get("HAKI_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024))
        )
    )
    """the largest document a page or POST /cases/{id}/documents accepts"""
