"""The case team's reading of what families texted in: listed (audited) and marked read."""

import uuid
from datetime import datetime

from litestar import Controller, get
from litestar.params import FromPath
from msgspec import Struct

from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.openapi import record_action, responses
from service.usecases.families import family_messages
from service.usecases.families.family_messages import MessageView


class FamilyMessageOut(Struct):
    id: uuid.UUID
    contact_id: uuid.UUID
    contact_name: str
    relationship: str
    body: str
    """as the family typed it: personal data"""
    received_at: datetime
    call_back_by: datetime
    """the end of the working day it came in, or of the next one after hours"""
    read_at: datetime | None

    @classmethod
    def of(cls, view: MessageView) -> "FamilyMessageOut":
        m = view.message
        return cls(
            m.id,
            m.contact_id,
            view.contact_name,
            view.relationship,
            m.body,
            m.received_at,
            m.call_back_by,
            m.read_at,
        )


class FamilyMessageController(Controller):
    path = "/cases/{case_id:uuid}/family-messages"
    tags = ("contacts",)

    @get(
        responses=responses(401, 403, 404),
        summary="What the case's families texted to the office, newest first (audited)",
    )
    async def of_case(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> list[FamilyMessageOut]:
        found = await family_messages.messages_of(db, actor_of(request), case_id)
        return [FamilyMessageOut.of(view) for view in found]

    @record_action(
        "/{message_id:uuid}/read",
        "Mark a family's message read: the call back is done (safe to repeat)",
    )
    async def mark_read(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        message_id: FromPath[uuid.UUID],
    ) -> None:
        await family_messages.mark_read(db, actor_of(request), case_id, message_id)
