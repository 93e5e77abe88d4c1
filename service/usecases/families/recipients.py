"""Who an audience is, at the moment a notification is expanded into deliveries.

Resolved late on purpose: a contact who withdrew consent after the cause, or a lawyer who
left the team, is not written to.
"""

import uuid
from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import CaseClaimant, Survivor
from domain.contacts import Channel, Contact, consenting
from domain.users import CaseMember, Role, User
from notifications.i18n import Language


@dataclass(frozen=True)
class Person:
    channel: Channel
    address: str
    language: Language
    user_id: uuid.UUID | None = None
    contact_id: uuid.UUID | None = None
    survivor_code: str | None = None
    amounts: bool = False


def _staff(user: User) -> Person:
    """Staff are written to by e-mail where they gave one, else by SMS, else in the log."""
    if user.email:
        return Person(Channel.EMAIL, user.email, Language.EN, user_id=user.id)
    if user.phone:
        return Person(Channel.SMS, user.phone, Language.EN, user_id=user.id)
    return Person(Channel.LOG, user.username, Language.EN, user_id=user.id)


async def team(
    session: AsyncSession, case_id: uuid.UUID | None, lead_only: bool = False
) -> list[Person]:
    """The case's team; with `lead_only`, lead counsel alone (the deadlines that are theirs)."""
    if case_id is None:
        return []
    query = (
        select(User)
        .join(CaseMember, col(CaseMember.user_id) == User.id)
        .where(CaseMember.case_id == case_id, col(User.disabled_at).is_(None))
        .order_by(col(User.username))
    )
    if lead_only:
        query = query.where(col(CaseMember.lead))
    rows = await session.exec(query)
    return [_staff(user) for user in rows.all()]


async def advocacy(session: AsyncSession) -> list[Person]:
    rows = await session.exec(
        select(User)
        .where(User.role == Role.ADVOCACY, col(User.disabled_at).is_(None))
        .order_by(col(User.username))
    )
    return [_staff(user) for user in rows.all()]


async def family(session: AsyncSession, case_id: uuid.UUID | None) -> list[Person]:
    """Consenting contacts of the case's claimants, each on the channel they chose; not one
    whose consent is suspended by a new phone or e-mail until it is recorded again."""
    if case_id is None:
        return []
    return [person for _, person in await _contacts(session, {case_id})]


async def families(
    session: AsyncSession, case_ids: set[uuid.UUID]
) -> dict[uuid.UUID, list[Person]]:
    """`family` of each case, in one statement: a dispatcher's batch of judgments names as
    many cases as it holds notifications."""
    found: dict[uuid.UUID, list[Person]] = {case_id: [] for case_id in case_ids}
    for case_id, person in await _contacts(session, case_ids) if case_ids else ():
        found[case_id].append(person)
    return found


async def _contacts(
    session: AsyncSession, case_ids: set[uuid.UUID]
) -> list[tuple[uuid.UUID, Person]]:
    rows = await session.exec(
        select(Contact, col(Survivor.code), col(CaseClaimant.case_id))
        .join(Survivor, col(Survivor.id) == Contact.survivor_id)
        .join(CaseClaimant, col(CaseClaimant.survivor_id) == Survivor.id)
        .where(col(CaseClaimant.case_id).in_(case_ids), consenting())
        .order_by(col(Contact.created_at))
    )
    people = []
    for contact, code, case_id in rows.all():
        address = contact.email if contact.channel == Channel.EMAIL else contact.phone
        if contact.channel == Channel.LOG:
            address = str(contact.id)
        if address:
            person = Person(
                contact.channel,
                address,
                Language(contact.language),
                contact_id=contact.id,
                survivor_code=code,
                amounts=contact.amounts_opt_in,
            )
            people.append((case_id, person))
    return people


async def audience(session: AsyncSession, name: str, case_id: uuid.UUID | None) -> list[Person]:
    if name == "team":
        return await team(session, case_id)
    if name == "lead":
        return await team(session, case_id, lead_only=True)
    if name == "advocacy":
        return await advocacy(session)
    if name == "family":
        return await family(session, case_id)
    raise ValueError(f"unknown audience {name!r}")
