"""HTTP routes for a survivor's contacts and their consent; every answer is audited."""

import uuid

from litestar import Controller, delete, get, patch, post
from litestar.params import FromPath, JSONBody

from service.auth.identity import SignedIn, actor_of
from service.contacts.schemas import ContactOut, WithdrawnOut
from service.dependencies import Db
from service.openapi import responses
from service.survivors.controller import Code
from service.usecases.families import consent, contacts
from service.usecases.families.contacts_in import ConsentIn, ContactChangesIn, ContactIn


class SurvivorContactController(Controller):
    path = "/survivors/{code:str}/contacts"
    tags = ("contacts",)

    @post(
        responses=responses(400, 401, 403, 404, 413, 422),
        summary="Add someone who may hear about the survivor's cases (not yet consenting)",
    )
    async def add(
        self, db: Db, request: SignedIn, code: Code, data: JSONBody[ContactIn]
    ) -> ContactOut:
        view = await contacts.add_contact(db, actor_of(request), code, data.contact())
        return ContactOut.of(view)

    @get(responses=responses(400, 401, 403, 404), summary="The survivor's contacts (audited)")
    async def of_survivor(self, db: Db, request: SignedIn, code: Code) -> list[ContactOut]:
        return [ContactOut.of(v) for v in await contacts.contacts_of(db, actor_of(request), code)]


class ContactController(Controller):
    path = "/contacts/{contact_id:uuid}"
    tags = ("contacts",)

    @get(responses=responses(401, 403, 404), summary="One contact (audited)")
    async def get_contact(
        self, db: Db, request: SignedIn, contact_id: FromPath[uuid.UUID]
    ) -> ContactOut:
        return ContactOut.of(await contacts.read_contact(db, actor_of(request), contact_id))

    @patch(
        responses=responses(400, 401, 403, 404, 409, 413, 422),
        summary="Change a contact's language, channel, phone, e-mail or quiet hours",
    )
    async def update(
        self,
        db: Db,
        request: SignedIn,
        contact_id: FromPath[uuid.UUID],
        data: JSONBody[ContactChangesIn],
    ) -> ContactOut:
        view = await contacts.update_contact(db, actor_of(request), contact_id, data)
        return ContactOut.of(view)

    @post(
        "/consent",
        status_code=200,
        responses=responses(400, 401, 403, 404, 413, 422),
        summary="Record that the contact agreed to hear about the case, and who recorded it",
    )
    async def record_consent(
        self,
        db: Db,
        request: SignedIn,
        contact_id: FromPath[uuid.UUID],
        data: JSONBody[ConsentIn],
    ) -> ContactOut:
        view = await consent.record_consent(db, actor_of(request), contact_id, data)
        return ContactOut.of(view)

    @delete(
        "/consent",
        status_code=200,
        responses=responses(401, 403, 404),
        summary="Withdraw consent: queued messages are cancelled and status codes revoked",
    )
    async def withdraw_consent(
        self, db: Db, request: SignedIn, contact_id: FromPath[uuid.UUID]
    ) -> WithdrawnOut:
        return WithdrawnOut.of(await consent.withdraw_consent(db, actor_of(request), contact_id))
