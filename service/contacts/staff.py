"""HTTP routes where staff set the e-mail address and mobile number their reminders go to."""

import uuid

from litestar import put
from litestar.params import FromPath, JSONBody
from msgspec import Struct

from service.auth.controller import UserOut
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.openapi import responses
from service.text import EmailText, PhoneText
from service.usecases.accounts.staff_addresses import Addresses, set_addresses
from service.users.controller import AccountOut


class ContactDetailsIn(Struct, forbid_unknown_fields=True):
    """Both are replaced: a field left out or null is cleared."""

    email: EmailText | None = None
    phone: PhoneText | None = None
    """a Kenyan mobile number (07… or 01…), for reminders by SMS"""

    def addresses(self) -> Addresses:
        return Addresses(self.email, self.phone)


@put(
    "/auth/me/contact-details",
    tags=["sign-in"],
    responses=responses(400, 401, 413, 422),
    summary="Set where my reminders go: e-mail and a mobile number for SMS",
)
async def my_contact_details(
    db: Db, request: SignedIn, data: JSONBody[ContactDetailsIn]
) -> UserOut:
    user = await set_addresses(db, actor_of(request), request.user.id, data.addresses())
    return UserOut.of(user)


@put(
    "/users/{user_id:uuid}/contact-details",
    tags=["users"],
    responses=responses(400, 401, 403, 404, 413, 422),
    summary="Set where a user's reminders go: e-mail and a mobile number for SMS",
)
async def user_contact_details(
    db: Db, request: SignedIn, user_id: FromPath[uuid.UUID], data: JSONBody[ContactDetailsIn]
) -> AccountOut:
    user = await set_addresses(db, actor_of(request), user_id, data.addresses())
    return AccountOut.of(user)
