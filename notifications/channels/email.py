"""The e-mail channel: one SMTP conversation per message, through the organisation's server."""

import email.policy
import logging
from email.message import EmailMessage
from email.utils import parseaddr
from enum import StrEnum
from functools import partial

from aiosmtplib import (
    SMTP,
    SMTPAuthenticationError,
    SMTPException,
    SMTPResponseException,
)

from notifications.channels.base import Outcome, Outgoing, Result

log = logging.getLogger("haki.channels.email")

SEVEN_BIT = email.policy.SMTP.clone(cte_type="7bit")
"""bodies in Swahili or with a dash still pass servers that lack 8BITMIME"""
DEFAULT_SUBJECT = "Haki"


class SmtpSecurity(StrEnum):
    STARTTLS = "on"
    """upgrade the connection before anything is said (port 587); refuse a server that cannot"""
    TLS = "tls"
    """TLS from the first byte (port 465)"""
    OFF = "off"
    """plain text: only for a relay on the same machine"""


class SmtpChannel:
    name = "email"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        security: SmtpSecurity = SmtpSecurity.STARTTLS,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self._sender = sender
        self._envelope_sender = parseaddr(sender)[1]
        """"Haki <haki@example.org>" in the header, the bare address in MAIL FROM"""
        self._smtp = partial(
            SMTP,
            hostname=host,
            port=port,
            username=username,
            password=password,
            timeout=timeout,
            use_tls=security is SmtpSecurity.TLS,
            start_tls=security is SmtpSecurity.STARTTLS,
        )

    async def send(self, message: Outgoing) -> Result:
        message_id = f"<delivery-{message.delivery_id}@haki>"
        try:
            content = _compose(message, self._sender, message_id)
        except ValueError as error:
            return Result(Outcome.DEAD, error=f"the message cannot be written: {error}")
        smtp = self._smtp()
        try:
            result = await _before_data(smtp, self._envelope_sender, message.address)
            if result is None:
                result = await _data(smtp, content, message_id)
        finally:
            smtp.close()
        log.info("delivery %d: %s %s", message.delivery_id, result.outcome, result.error or "")
        return result


async def _before_data(smtp: SMTP, sender: str, address: str) -> Result | None:
    """Until DATA the server holds nothing of the message: a failure is safe to retry."""
    try:
        await smtp.connect()
        await smtp.mail(sender)
        await smtp.rcpt(address)
    except SMTPAuthenticationError as error:
        return Result(Outcome.DEAD, error=f"mail server refused the credentials ({error.code})")
    except SMTPResponseException as error:
        return _refused(error.code)
    except OSError as error:  # refused, timed out or cut off, aiosmtplib's included
        return Result(Outcome.RETRY, error=f"mail server not reached: {type(error).__name__}")
    except SMTPException as error:  # its own fixed words: no STARTTLS, no AUTH, no SMTPUTF8
        return Result(Outcome.DEAD, error=f"mail server cannot do as configured: {error}")
    return None


async def _data(smtp: SMTP, content: bytes, message_id: str) -> Result:
    """Once the message is on its way, a lost answer leaves it in doubt: never re-sent."""
    try:
        await smtp.data(content)
    except SMTPResponseException as error:
        return _refused(error.code)
    except (SMTPException, OSError) as error:
        return Result(Outcome.UNKNOWN, error=f"no answer to the message: {type(error).__name__}")
    return Result(Outcome.DELIVERED, provider_id=message_id)


def _refused(code: int) -> Result:
    if 400 <= code < 500:
        return Result(Outcome.RETRY, error=f"mail server refused for now ({code})")
    return Result(Outcome.DEAD, error=f"mail server refused ({code})")


def _compose(message: Outgoing, sender: str, message_id: str) -> bytes:
    mail = EmailMessage(policy=SEVEN_BIT)
    mail["Subject"] = message.subject or DEFAULT_SUBJECT
    mail["From"] = sender
    mail["To"] = message.address
    mail["Message-ID"] = message_id
    mail["X-Haki-Delivery"] = str(message.delivery_id)
    mail.set_content(message.body)
    return mail.as_bytes()
