"""What every channel promises the dispatcher: one message in, one settled outcome out.

A channel never raises for a refusal or a failure of the provider; it says what happened,
so the dispatcher alone decides about retries, dead letters and doubt.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


@dataclass(frozen=True)
class Outgoing:
    delivery_id: int
    """ours, sent along where the provider allows, so a report or a duplicate can be traced"""
    address: str
    """E.164 phone number or e-mail address"""
    body: str
    subject: str | None = None


class Outcome(StrEnum):
    DELIVERED = "delivered"
    """handed over for good (SMTP accepted it; the log wrote it)"""
    SENT = "sent"
    """accepted by a provider that reports delivery later"""
    RETRY = "retry"
    """refused for now (busy, 5xx): safe to send again, the provider does not have it"""
    DEAD = "dead"
    """refused for good (invalid number, blacklisted, bad credentials)"""
    UNKNOWN = "unknown"
    """the provider may have it (timeout after sending): sending again could duplicate"""


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    provider_id: str | None = None
    error: str | None = None
    """why, in words for the operator; never the message body or a credential"""


class Channel(Protocol):
    name: str

    async def send(self, message: Outgoing) -> Result: ...
