"""What the contacts API accepts and answers; times of day are Nairobi's, as HH:MM."""

import uuid
from datetime import datetime, time
from typing import Annotated, Any

from msgspec import UNSET, Meta, Struct, UnsetType

from domain.calendar import NAIROBI
from domain.contacts import Channel, ConsentWay
from notifications.i18n import Language
from service.hearings.schemas import ClockTime, nairobi
from service.text import NOT_BLANK_LINE, EmailText, FullName, PhoneText
from service.usecases.families.consent import Withdrawn
from service.usecases.families.contacts import QUIET_FROM, QUIET_UNTIL, ContactView, NewContact
from service.usecases.hearings.dates_in import Version, When

Relationship = Annotated[
    str, Meta(min_length=1, max_length=60, pattern=NOT_BLANK_LINE, examples=["mother", "self"])
]


def clock(text: str) -> time:
    return time.fromisoformat(text)


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


class ConsentIn(Struct, forbid_unknown_fields=True):
    given_at: When | None = None
    """when the contact agreed (default: now); consent taken on paper may be entered later"""
    way: ConsentWay | None = None
    """how they agreed: in person, in a phone call, or on a signed form"""


class ContactOut(Struct):
    id: uuid.UUID
    survivor: str
    name: str
    relationship: str
    phone: str | None
    email: str | None
    language: Language
    channel: Channel
    consents: bool
    consent_given_at: datetime | None
    consent_recorded_by: str | None
    """the username of whoever took and recorded the consent"""
    consent_way: ConsentWay | None
    """how the contact gave it; null when not said"""
    consent_withdrawn_at: datetime | None
    consent_suspended_at: datetime | None
    """the phone or e-mail changed after consent: nothing is sent, and the status code rests,
    until consent is recorded again"""
    amounts_opt_in: bool
    quiet_from: str
    quiet_until: str
    version: int
    created_at: datetime

    @classmethod
    def of(cls, view: ContactView) -> "ContactOut":
        c = view.contact
        return cls(
            id=c.id,
            survivor=view.survivor_code,
            name=c.name,
            relationship=c.relationship,
            phone=c.phone,
            email=c.email,
            language=Language(c.language),
            channel=c.channel,
            consents=c.consents,
            consent_given_at=nairobi(c.consent_given_at),
            consent_recorded_by=view.consent_recorded_by,
            consent_way=c.consent_way,
            consent_withdrawn_at=nairobi(c.consent_withdrawn_at),
            consent_suspended_at=nairobi(c.consent_suspended_at),
            amounts_opt_in=c.amounts_opt_in,
            quiet_from=f"{c.quiet_from:%H:%M}",
            quiet_until=f"{c.quiet_until:%H:%M}",
            version=c.version,
            created_at=c.created_at.astimezone(NAIROBI),
        )


class WithdrawnOut(Struct):
    contact: ContactOut
    cancelled_deliveries: int
    """messages still queued for the contact, now never sent"""
    revoked_status_codes: int

    @classmethod
    def of(cls, withdrawn: Withdrawn) -> "WithdrawnOut":
        return cls(
            ContactOut.of(withdrawn.contact),
            withdrawn.cancelled_deliveries,
            withdrawn.revoked_status_codes,
        )
