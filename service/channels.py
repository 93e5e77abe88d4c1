"""The channels a process sends through, from its settings; the log stands in for any unset."""

import logging

from domain.contacts import Channel as ChannelName
from notifications.channels.base import Channel
from notifications.channels.email import SmtpChannel
from notifications.channels.log import LogChannel
from notifications.channels.sms import SmsGateway
from service.settings import Settings

log = logging.getLogger("haki.channels")


def channels_from(settings: Settings) -> dict[str, Channel]:
    """Keyed by `Delivery.channel`. Half a configuration is refused at start rather than
    letting families' messages go quietly to the log."""
    return {
        ChannelName.LOG: LogChannel(),
        ChannelName.SMS: _sms(settings) or _logged_instead(ChannelName.SMS),
        ChannelName.EMAIL: _email(settings) or _logged_instead(ChannelName.EMAIL),
    }


async def close_channels(channels: dict[str, Channel]) -> None:
    for channel in channels.values():
        if isinstance(channel, SmsGateway):
            await channel.close()


def _sms(settings: Settings) -> SmsGateway | None:
    found = _all_or_none(
        HAKI_SMS_URL=settings.sms_url,
        HAKI_SMS_USERNAME=settings.sms_username,
        HAKI_SMS_API_KEY=settings.sms_api_key,
    )
    if found is None:
        return None
    url, username, api_key = found
    return SmsGateway(url, username, api_key, settings.sms_sender_id)


def _email(settings: Settings) -> SmtpChannel | None:
    found = _all_or_none(HAKI_SMTP_HOST=settings.smtp_host, HAKI_MAIL_FROM=settings.mail_from)
    if found is None:
        return None
    host, sender = found
    signs_in = _all_or_none(
        HAKI_SMTP_USERNAME=settings.smtp_username, HAKI_SMTP_PASSWORD=settings.smtp_password
    )
    username, password = signs_in or (None, None)
    return SmtpChannel(host, settings.smtp_port, sender, settings.smtp_security, username, password)


def _all_or_none(**given: str | None) -> list[str] | None:
    values = [value for value in given.values() if value]
    if not values:
        return None
    if len(values) < len(given):
        missing = [name for name, value in given.items() if not value]
        raise ValueError(f"{', '.join(missing)} must be set too, or none of {', '.join(given)}")
    return values


def _logged_instead(name: str) -> LogChannel:
    log.warning("%s is not set up: its messages are written to the log instead", name)
    return LogChannel()
