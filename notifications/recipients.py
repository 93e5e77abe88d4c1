"""Who a message is rendered for, and what rendering gives: the dispatcher's side of a template."""

from dataclasses import dataclass

from notifications.i18n import Language


@dataclass(frozen=True)
class Recipient:
    audience: str  # "team" | "advocacy" | "family"
    language: Language
    channel: str  # "sms" | "email" | "log": every channel but SMS gets the e-mail form
    survivor_code: str | None = None  # family only: the survivor's pseudonymous code
    amounts: bool = False  # family only: the contact opted in to amounts
    toll_free: str = "0800 720 720"  # the office's toll-free number (a setting)

    @property
    def by_sms(self) -> bool:
        return self.channel == "sms"


@dataclass(frozen=True)
class Rendered:
    subject: str | None  # e-mail subject; None for SMS
    body: str
