"""What the contacts API answers; times of day are Nairobi's, as HH:MM. What it accepts is
service/usecases/families/contacts_in.py, which the contacts page reads its forms into too."""

import uuid
from datetime import datetime

from msgspec import Struct

from domain.calendar import NAIROBI
from domain.contacts import Channel, ConsentWay
from notifications.i18n import Language
from service.hearings.schemas import nairobi
from service.usecases.families.consent import Withdrawn
from service.usecases.families.contacts import ContactView


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
