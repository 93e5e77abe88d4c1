"""What a person gives to add a contact, change one, or record their consent. One input each,
that the contacts API's JSON body and the contacts page's forms are both read into, so a field
(such as how consent was given) is added in one place (service/contacts/controller.py takes
them; service/web/contacts_page.py reads forms into them).
"""

from dataclasses import dataclass, field
from datetime import time
from typing import Annotated, Any

from msgspec import UNSET, Meta, Struct, UnsetType

from domain.contacts import Channel, ConsentWay
from notifications.i18n import Language
from service.text import NOT_BLANK_LINE, ClockTime, EmailText, FullName, PhoneText
from service.usecases.hearings.dates_in import Version, When

QUIET_FROM, QUIET_UNTIL = time(21, 0), time(7, 0)
Relationship = Annotated[
    str, Meta(min_length=1, max_length=60, pattern=NOT_BLANK_LINE, examples=["mother", "self"])
]


def clock(text: str) -> time:
    return time.fromisoformat(text)


@dataclass(frozen=True)
class NewContact:
    """A contact as the use case adds it: quiet hours as times of day, not text."""

    name: str
    relationship: str
    language: Language
    channel: Channel
    phone: str | None = None
    email: str | None = None
    amounts_opt_in: bool = False
    quiet_from: time = field(default=QUIET_FROM)
    quiet_until: time = field(default=QUIET_UNTIL)


class ContactIn(Struct, forbid_unknown_fields=True):
    name: FullName
    relationship: Relationship
    language: Language
    channel: Channel
    """sms needs a Kenyan mobile number; email an e-mail address; log writes to the log only"""
    phone: PhoneText | None = None
    email: EmailText | None = None
    amounts_opt_in: bool = False
    """may messages name sums of money? Off unless the contact asks"""
    quiet_from: ClockTime = f"{QUIET_FROM:%H:%M}"
    """no SMS from this Nairobi time…"""
    quiet_until: ClockTime = f"{QUIET_UNTIL:%H:%M}"
    """…until this one"""

    def contact(self) -> NewContact:
        return NewContact(
            name=self.name,
            relationship=self.relationship,
            language=self.language,
            channel=self.channel,
            phone=self.phone,
            email=self.email,
            amounts_opt_in=self.amounts_opt_in,
            quiet_from=clock(self.quiet_from),
            quiet_until=clock(self.quiet_until),
        )


class ContactChangesIn(Struct, forbid_unknown_fields=True):
    """Only the fields sent change; null clears a phone or e-mail."""

    version: Version
    name: FullName | UnsetType = UNSET
    relationship: Relationship | UnsetType = UNSET
    phone: PhoneText | UnsetType | None = UNSET
    email: EmailText | UnsetType | None = UNSET
    language: Language | UnsetType = UNSET
    channel: Channel | UnsetType = UNSET
    amounts_opt_in: bool | UnsetType = UNSET
    quiet_from: ClockTime | UnsetType = UNSET
    quiet_until: ClockTime | UnsetType = UNSET

    def changes(self) -> dict[str, Any]:
        sent = {
            name: getattr(self, name)
            for name in self.__struct_fields__
            if name != "version" and getattr(self, name) is not UNSET
        }
        for name in ("quiet_from", "quiet_until"):
            if name in sent:
                sent[name] = clock(sent[name])
        return sent


class ConsentIn(Struct, frozen=True, forbid_unknown_fields=True):
    given_at: When | None = None
    """when the contact agreed (default: now); consent taken on paper may be entered later"""
    way: ConsentWay | None = None
    """how they agreed: in person, in a phone call, or on a signed form"""


TAKEN_NOW = ConsentIn()
"""consent recorded as given now, without saying how (the demo's and the tests' contacts)"""
