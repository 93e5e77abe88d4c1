"""A survivor's contacts: who hears about the case, how, and in which language.

A contact's name, phone and e-mail are personal data of people who may be under threat, so
every read and every write is in the audit trail, written in the transaction it records.
A new phone or e-mail after consent suspends the consent until it is recorded again: the
family agreed to be written to at the old one, and the new one may not be theirs.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from domain.audit import Actor
from domain.base import utcnow
from domain.cases import CaseClaimant, Survivor
from domain.contacts import Channel, Contact
from domain.emails import email_address
from domain.errors import N_, InvalidInput, NotFound, StaleVersion
from domain.outbox import Delivery, DeliveryStatus
from domain.phones import mobile_number, phone_number
from domain.users import User
from service.usecases.accounts.audit import audit
from service.usecases.families.contacts_in import ContactChangesIn, NewContact

ADDRESSES = ("phone", "email")
"""where a message goes: changing one after consent suspends the consent"""
CHANGEABLE = {
    "name",
    "relationship",
    "phone",
    "email",
    "language",
    "channel",
    "quiet_from",
    "quiet_until",
    "amounts_opt_in",
}


@dataclass(frozen=True)
class ContactView:
    """A contact with what a clerk reads beside it: whose contact, and who recorded consent."""

    contact: Contact
    survivor_code: str
    consent_recorded_by: str | None


def reachable(
    channel: Channel, phone: str | None, email: str | None
) -> tuple[str | None, str | None]:
    """The phone (E.164) and e-mail normalised, and the channel able to reach them: an SMS
    needs a Kenyan mobile number, an e-mail an address. Any other phone is kept for calls."""
    phone = phone and (mobile_number(phone) if channel is Channel.SMS else phone_number(phone))
    email = email and email_address(email)
    if channel is Channel.SMS and not phone:
        raise InvalidInput(
            N_("A contact reached by SMS needs a mobile phone number, e.g. 0712 345 678."), "phone"
        )
    if channel is Channel.EMAIL and not email:
        raise InvalidInput(N_("A contact reached by e-mail needs an e-mail address."), "email")
    return phone, email


def _quiet(quiet_from: time, quiet_until: time) -> None:
    if quiet_from == quiet_until:
        raise InvalidInput(
            N_(
                "Quiet hours must start and end at different times (the default is 21:00 to 07:00)."
            ),
            "quiet_until",
        )


async def survivor_by_code(session: AsyncSession, code: str) -> Survivor:
    survivor = (await session.exec(select(Survivor).where(Survivor.code == code))).first()
    if survivor is None:
        raise NotFound(N_("No survivor has the code %(code)s."), code=code)
    return survivor


def _views() -> Select[Contact, str, str]:
    """`str` for the recorder as SQLModel types it; None when no consent is on record."""
    return (
        select(Contact, Survivor.code, User.username)
        .join(Survivor, col(Survivor.id) == Contact.survivor_id)
        .outerjoin(User, col(User.id) == Contact.consent_recorded_by)
    )


async def contact_view(session: AsyncSession, contact_id: uuid.UUID) -> ContactView:
    row = (await session.exec(_views().where(col(Contact.id) == contact_id))).first()
    if row is None:
        raise NotFound(N_("No contact has the id %(id)s."), id=contact_id)
    return ContactView(*row)


async def speaks_in_case(
    session: AsyncSession, case_id: uuid.UUID, contact_id: uuid.UUID
) -> str | None:
    """The code of the survivor the contact speaks for, when that survivor is a claimant in the
    case; else None, as for a contact that does not exist (a contact id is not probed)."""
    async with session.begin():
        found = await session.exec(
            select(Survivor.code)
            .join(Contact, col(Contact.survivor_id) == Survivor.id)
            .join(CaseClaimant, col(CaseClaimant.survivor_id) == Survivor.id)
            .where(col(Contact.id) == contact_id, col(CaseClaimant.case_id) == case_id)
        )
        return found.first()


async def locked_contact(session: AsyncSession, contact_id: uuid.UUID) -> Contact:
    """Locked, so consent, its withdrawal and the codes it opens change one at a time."""
    contact = await session.get(Contact, contact_id, with_for_update=True)
    if contact is None:
        raise NotFound(N_("No contact has the id %(id)s."), id=contact_id)
    return contact


async def cancel_queued(session: AsyncSession, contact_id: uuid.UUID, now: datetime) -> int:
    """Messages still waiting for the contact, never to be sent; one already going is not."""
    cancelled = await session.exec(
        update(Delivery)
        .where(
            col(Delivery.contact_id) == contact_id,
            col(Delivery.status) == DeliveryStatus.QUEUED,
        )
        .values(status=DeliveryStatus.CANCELLED, settled_at=now)
    )
    return int(cancelled.rowcount or 0)


async def add_contact(
    session: AsyncSession, actor: Actor, code: str, new: NewContact
) -> ContactView:
    """Without consent yet: nothing is sent to a contact until consent is recorded."""
    phone, email = reachable(new.channel, new.phone, new.email)
    _quiet(new.quiet_from, new.quiet_until)
    async with session.begin():
        survivor = await survivor_by_code(session, code)
        contact = Contact(
            survivor_id=survivor.id,
            name=new.name.strip(),
            relationship=new.relationship.strip(),
            phone=phone,
            email=email,
            language=new.language.value,
            channel=new.channel,
            amounts_opt_in=new.amounts_opt_in,
            quiet_from=new.quiet_from,
            quiet_until=new.quiet_until,
        )
        session.add(contact)
        await session.flush()
        audit(session, actor, "contact.add", "contact", contact.id, survivor=code)
        return await contact_view(session, contact.id)


async def contacts_of(session: AsyncSession, actor: Actor, code: str) -> list[ContactView]:
    async with session.begin():
        survivor = await survivor_by_code(session, code)
        rows = await session.exec(
            _views()
            .where(col(Contact.survivor_id) == survivor.id)
            .order_by(col(Contact.created_at), col(Contact.id))
        )
        audit(session, actor, "contact.list", "survivor", code)
        return [ContactView(*row) for row in rows.all()]


async def read_contact(session: AsyncSession, actor: Actor, contact_id: uuid.UUID) -> ContactView:
    async with session.begin():
        view = await contact_view(session, contact_id)
        audit(session, actor, "contact.read", "contact", contact_id)
        return view


async def update_contact(
    session: AsyncSession,
    actor: Actor,
    contact_id: uuid.UUID,
    given: ContactChangesIn,
    *,
    now: datetime | None = None,
) -> ContactView:
    """Changes only the fields sent (named in CHANGEABLE); `None` clears a phone or e-mail.
    The channel, phone and e-mail are checked together, as they will be after the change."""
    now = now or utcnow()
    version, changes = given.version, given.changes()
    async with session.begin():
        contact = await locked_contact(session, contact_id)
        if contact.version != version:
            raise StaleVersion(version, contact.version, "contact")
        merged = {name: changes.get(name, getattr(contact, name)) for name in CHANGEABLE}
        merged["phone"], merged["email"] = reachable(
            Channel(merged["channel"]), merged["phone"], merged["email"]
        )
        _quiet(merged["quiet_from"], merged["quiet_until"])
        for text in ("name", "relationship"):
            merged[text] = merged[text].strip()
        readdressed = [a for a in ADDRESSES if a in changes and merged[a] != getattr(contact, a)]
        suspending = bool(readdressed) and contact.consents
        for name in changes:
            setattr(contact, name, merged[name])
        if suspending:
            contact.consent_suspended_at = now
        await session.flush()
        audit(session, actor, "contact.update", "contact", contact_id, fields=sorted(changes))
        if suspending:
            cancelled = await cancel_queued(session, contact_id, now)
            audit(
                session,
                actor,
                "contact.consent_suspend",
                "contact",
                contact_id,
                fields=readdressed,
                cancelled_deliveries=cancelled,
            )
        return await contact_view(session, contact_id)
