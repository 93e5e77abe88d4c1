"""Where staff receive their reminders: an e-mail address and a Kenyan mobile number for SMS."""

import uuid
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.emails import email_address
from domain.errors import N_, NotFound
from domain.phones import mobile_number
from domain.users import User
from service.usecases.accounts.audit import audit


@dataclass(frozen=True)
class Addresses:
    """Both at once: None clears one, so a person can stop SMS reminders and keep e-mail."""

    email: str | None = None
    phone: str | None = None

    def checked(self) -> "Addresses":
        return Addresses(
            self.email and email_address(self.email), self.phone and mobile_number(self.phone)
        )


async def set_addresses(
    session: AsyncSession, actor: Actor, user_id: uuid.UUID, addresses: Addresses
) -> User:
    checked = addresses.checked()
    async with session.begin():
        user = await session.get(User, user_id, with_for_update=True)
        if user is None:
            raise NotFound(N_("No user has the id %(id)s."), id=user_id)
        user.email, user.phone = checked.email, checked.phone
        audit(
            session,
            actor,
            "user.contact_details",
            "user",
            user_id,
            email=checked.email is not None,
            phone=checked.phone is not None,
        )
    return user


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound(N_("No user has the id %(id)s."), id=user_id)
    return user
