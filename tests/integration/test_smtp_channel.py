"""The e-mail channel against a real SMTP server on loopback (aiosmtpd): what arrives, and how
each refusal or silence becomes an outcome."""

import asyncio
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from notifications.channels.base import Outcome, Outgoing
from notifications.channels.email import SmtpChannel, SmtpSecurity

SENDER = "Haki <haki@example.org>"
MESSAGE = Outgoing(
    delivery_id=42,
    address="mama.wanjiku@example.org",
    body="Kesi yako itatajwa tarehe 3 Machi 2027 — Haki.",
    subject="Kesi yako",
)


class Mailbox:
    """Keeps what it is given; `refuse_rcpt`/`refuse_data` make it answer as a server that
    will not take the message, `stall` as one slow to answer the message itself."""

    def __init__(self) -> None:
        self.received: list[Envelope] = []
        self.refuse_rcpt: str | None = None
        self.refuse_data: str | None = None
        self.stall = 0.0

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self.refuse_rcpt:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        await asyncio.sleep(self.stall)
        if self.refuse_data:
            return self.refuse_data
        self.received.append(envelope)
        return "250 2.0.0 queued"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


def channel(port: int, timeout: float = 5.0) -> SmtpChannel:
    return SmtpChannel("127.0.0.1", port, SENDER, SmtpSecurity.OFF, timeout=timeout)


async def test_the_mail_server_receives_the_message(mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    result = await channel(port).send(MESSAGE)
    assert (result.outcome, result.provider_id) == (Outcome.DELIVERED, "<delivery-42@haki>")
    [envelope] = box.received
    assert envelope.rcpt_tos == [MESSAGE.address]
    assert envelope.mail_from == "haki@example.org"
    assert isinstance(envelope.original_content, bytes)
    mail = message_from_bytes(envelope.original_content, policy=policy.default)
    assert mail["Subject"] == "Kesi yako"
    assert mail["To"] == MESSAGE.address
    assert mail["From"] == SENDER
    assert mail["Message-ID"] == "<delivery-42@haki>"
    assert mail["X-Haki-Delivery"] == "42"
    assert mail.get_content().strip() == MESSAGE.body
    assert envelope.original_content.isascii(), "seven-bit safe for any server"


async def test_a_refused_connection_is_retried() -> None:
    result = await channel(free_port()).send(MESSAGE)
    assert result.outcome is Outcome.RETRY
    assert (result.error or "").startswith("mail server not reached")


@pytest.mark.parametrize(
    ("refusal", "outcome"),
    [
        ("550 5.1.1 no such mailbox", Outcome.DEAD),
        ("450 4.2.1 mailbox busy, try later", Outcome.RETRY),
    ],
)
async def test_a_refused_recipient(
    mailbox: tuple[Mailbox, int], refusal: str, outcome: Outcome
) -> None:
    box, port = mailbox
    box.refuse_rcpt = refusal
    result = await channel(port).send(MESSAGE)
    assert result.outcome is outcome
    assert refusal[:3] in (result.error or "") and "mailbox" not in (result.error or "")
    assert box.received == []


@pytest.mark.parametrize(
    ("refusal", "outcome"),
    [("554 5.7.1 message refused", Outcome.DEAD), ("451 4.3.0 try again later", Outcome.RETRY)],
)
async def test_a_refused_message(
    mailbox: tuple[Mailbox, int], refusal: str, outcome: Outcome
) -> None:
    box, port = mailbox
    box.refuse_data = refusal
    result = await channel(port).send(MESSAGE)
    assert (result.outcome, result.provider_id) == (outcome, None)


async def test_silence_after_the_message_is_unknown(mailbox: tuple[Mailbox, int]) -> None:
    """The server has the whole message and does not answer: it may deliver it, so never
    retried."""
    box, port = mailbox
    box.stall = 1.0
    result = await channel(port, timeout=0.3).send(MESSAGE)
    assert result.outcome is Outcome.UNKNOWN
    assert (result.error or "").startswith("no answer to the message")


async def test_starttls_required_but_not_offered_is_dead(mailbox: tuple[Mailbox, int]) -> None:
    """Credentials are never sent in clear: a server without STARTTLS gets nothing."""
    box, port = mailbox
    strict = SmtpChannel("127.0.0.1", port, SENDER, SmtpSecurity.STARTTLS, "haki", "secret")
    result = await strict.send(MESSAGE)
    assert result.outcome is Outcome.DEAD
    assert result.error == (
        "mail server cannot do as configured: SMTP STARTTLS extension not supported by server."
    )
    assert box.received == []
