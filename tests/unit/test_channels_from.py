"""Which channels a process sends through, from its settings; secrets stay out of reprs."""

from dataclasses import replace

import pytest

from notifications.channels.email import SmtpChannel, SmtpSecurity
from notifications.channels.log import LogChannel
from notifications.channels.sms import SmsGateway
from service.channels import channels_from, close_channels
from service.settings import Settings

BARE = Settings(
    sms_url=None,
    sms_username=None,
    sms_api_key=None,
    sms_report_secret=None,
    smtp_host=None,
    smtp_username=None,
    smtp_password=None,
    mail_from=None,
)
SMS = {"sms_url": "https://api.sandbox.africastalking.com", "sms_username": "sandbox"}
MAIL = {"smtp_host": "smtp.example.org", "mail_from": "Haki <haki@example.org>"}


def test_unconfigured_channels_write_to_the_log() -> None:
    channels = channels_from(BARE)
    assert set(channels) == {"sms", "email", "log"}
    assert all(isinstance(channel, LogChannel) for channel in channels.values())


async def test_configured_channels_are_the_real_ones() -> None:
    settings = replace(BARE, **SMS, sms_api_key="k", **MAIL)
    channels = channels_from(settings)
    assert isinstance(channels["sms"], SmsGateway)
    assert isinstance(channels["email"], SmtpChannel)
    await close_channels(channels)


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        (SMS, "HAKI_SMS_API_KEY"),
        ({"smtp_host": "smtp.example.org"}, "HAKI_MAIL_FROM"),
        (MAIL | {"smtp_username": "haki"}, "HAKI_SMTP_PASSWORD"),
    ],
)
def test_half_a_configuration_is_refused(given: dict[str, str], missing: str) -> None:
    with pytest.raises(ValueError, match=missing):
        channels_from(replace(BARE, **given))


def test_secrets_never_show_in_the_settings_repr() -> None:
    settings = replace(
        BARE, sms_api_key="at-key-1", sms_report_secret="report-2", smtp_password="smtp-3"
    )
    assert not [secret for secret in ("at-key-1", "report-2", "smtp-3") if secret in repr(settings)]


@pytest.mark.parametrize(
    ("value", "security"),
    [("on", SmtpSecurity.STARTTLS), ("tls", SmtpSecurity.TLS), ("off", SmtpSecurity.OFF)],
)
def test_smtp_security_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, security: SmtpSecurity
) -> None:
    monkeypatch.setenv("HAKI_SMTP_STARTTLS", value)
    assert Settings().smtp_security is security
