"""HTTP routes of referrals and of the partner directory: parse, call one use case, shape."""

import uuid
from datetime import date

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody
from msgspec import Struct

from domain.referrals import Outcome, Partner, PartnerKind, Referral, ReferralStatus
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import case_scope
from service.dependencies import Db
from service.openapi import responses
from service.survivors.controller import Code
from service.usecases.records import referrals
from service.usecases.records.referrals import PartnerIn, ReferralIn, ReferralStepIn


class PartnerOut(Struct):
    id: uuid.UUID
    name: str
    kind: PartnerKind
    county: str | None
    contact: str | None
    active: bool
    """false once deactivated: offered for no new referral, still named on those made"""

    @classmethod
    def of(cls, p: Partner) -> "PartnerOut":
        return cls(p.id, p.name, p.kind, p.county, p.contact, p.active)


class ActiveIn(Struct, forbid_unknown_fields=True):
    active: bool


class ReferralOut(Struct):
    id: uuid.UUID
    partner: PartnerOut
    case_id: uuid.UUID | None
    status: ReferralStatus
    made_on: date
    accepted_on: date | None
    attended_on: date | None
    closed_on: date | None
    outcome: Outcome | None
    reason: str | None
    outcome_note: str | None
    follow_up_on: date | None
    version: int

    @classmethod
    def of(cls, r: Referral, p: Partner) -> "ReferralOut":
        return cls(
            r.id, PartnerOut.of(p), r.case_id, r.status, r.made_on, r.accepted_on,
            r.attended_on, r.closed_on, r.outcome, r.reason, r.outcome_note, r.follow_up_on,
            r.version,
        )  # fmt: skip


class ReferralController(Controller):
    path = "/"
    tags = ("referrals",)

    @post(
        "/survivors/{code:str}/referrals",
        responses=responses(400, 403, 404, 413, 422),
        summary="Refer a survivor to a partner of the directory",
    )
    async def refer(
        self, db: Db, request: SignedIn, code: Code, data: JSONBody[ReferralIn]
    ) -> ReferralOut:
        actor, scope = actor_of(request), case_scope(request.user)
        made = await referrals.refer(db, actor, code, data, scope)
        async with db.begin():
            partner = await db.get(Partner, made.partner_id)
        assert partner is not None  # a foreign key guarantees it
        return ReferralOut.of(made, partner)

    @get(
        "/survivors/{code:str}/referrals",
        responses=responses(400, 403, 404),
        summary="A survivor's referrals (personal data; every read is audited)",
    )
    async def of_survivor(self, db: Db, request: SignedIn, code: Code) -> list[ReferralOut]:
        found = await referrals.referrals_of(db, actor_of(request), code)
        return [ReferralOut.of(r, p) for r, p in found]

    @post(
        "/referrals/{referral_id:uuid}/steps",
        responses=responses(400, 403, 404, 409, 413, 422),
        summary="Accepted, attended, or closed with its outcome",
    )
    async def step(
        self,
        db: Db,
        request: SignedIn,
        referral_id: FromPath[uuid.UUID],
        data: JSONBody[ReferralStepIn],
    ) -> ReferralOut:
        moved = await referrals.step(db, actor_of(request), referral_id, data)
        async with db.begin():
            partner = await db.get(Partner, moved.partner_id)
        assert partner is not None  # a foreign key guarantees it
        return ReferralOut.of(moved, partner)


class PartnerController(Controller):
    path = "/referral-partners"
    tags = ("referrals",)

    @get(summary="The directory of partners survivors are referred to, deactivated ones too")
    async def list_partners(self, db: Db) -> list[PartnerOut]:
        async with db.begin():
            return [PartnerOut.of(p) for p in await referrals.partners(db)]

    @post(
        "/{partner_id:uuid}/active",
        responses=responses(400, 403, 404),
        summary="Deactivate a partner (active false) or reactivate it (administrators)",
    )
    async def set_active(
        self, db: Db, request: SignedIn, partner_id: FromPath[uuid.UUID], data: JSONBody[ActiveIn]
    ) -> PartnerOut:
        partner = await referrals.set_active(db, actor_of(request), partner_id, data.active)
        return PartnerOut.of(partner)

    @post(responses=responses(400, 403, 409), summary="Add a partner (administrators)")
    async def add_partner(self, db: Db, request: SignedIn, data: JSONBody[PartnerIn]) -> PartnerOut:
        return PartnerOut.of(await referrals.add_partner(db, actor_of(request), data))
