"""HTTP routes of the compensation track: awards, their steps, the ledger and statements."""

import uuid
from datetime import date
from typing import Annotated

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody, QueryParameter

from domain.awards import Award
from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.money import figure
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import reads_free_text
from service.awards.ledger_schemas import (
    CostsCertificateIn,
    CostsServiceIn,
    LedgerOut,
    SettlementIn,
    StatementOut,
    TaxedCostsIn,
)
from service.awards.schemas import AwardIn, AwardOut
from service.awards.track_schemas import AwardEventOut, AwardStepIn, AwardStepOptions, AwardStepOut
from service.dependencies import Db
from service.openapi import responses
from service.usecases.awards import (
    compensation,
    costs_certificate,
    disbursements,
    orders,
    payments,
    settlement,
    taxed_costs,
)
from service.usecases.awards.entries import DisbursementIn, PaymentIn
from service.usecases.awards.orders import CompensationRules
from service.usecases.cases import possible_steps
from service.usecases.cases.register import get_case
from statemachines.award_track import AWARD_TRACK

AsOf = Annotated[date | None, QueryParameter(description="default: today in Nairobi")]


def rules_of(request: SignedIn) -> CompensationRules:
    settings = request.app.state.settings
    return CompensationRules(
        settings.certificate_wait_days, settings.court_rate, settings.payment_allocation
    )


async def _out(db: Db, award: Award) -> AwardOut:
    heads = await orders.heads_of(db, [award.id])
    jr = award.enforcement_case_id
    enforcement = await get_case(db, jr) if jr else None
    return AwardOut.of(award, await orders.claimant_code(db, award), heads, enforcement)


class CaseAwardController(Controller):
    path = "/cases/{case_id:uuid}/awards"
    tags = ("awards",)

    @post(responses=responses(400, 401, 403, 404, 413, 422), summary="Record an award")
    async def record(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID], data: JSONBody[AwardIn]
    ) -> AwardOut:
        award = await orders.record_award(
            db, actor_of(request), case_id, data.order(), rules_of(request)
        )
        return await _out(db, award)

    @get(responses=responses(401, 404), summary="The case's awards")
    async def of_case(self, db: Db, case_id: FromPath[uuid.UUID]) -> list[AwardOut]:
        return [await _out(db, award) for award in await orders.awards_of_case(db, case_id)]


class AwardController(Controller):
    path = "/awards/{award_id:uuid}"
    tags = ("awards",)

    @get(responses=responses(401, 404), summary="One award")
    async def get_award(self, db: Db, award_id: FromPath[uuid.UUID]) -> AwardOut:
        return await _out(db, await orders.get_award(db, award_id))

    @get("/transitions", responses=responses(401, 404), summary="Steps allowed now")
    async def allowed_steps(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID]
    ) -> AwardStepOptions:
        today = nairobi_today(utcnow())
        award, chances = await possible_steps.award_chances(db, award_id, today, rules_of(request))
        return AwardStepOptions.of(award, AWARD_TRACK.allowed(award), chances)

    @post(
        "/transitions",
        responses=responses(400, 401, 403, 404, 409, 413, 422),
        summary="Record a step: decree, certificate, service on the AG, stay, enforcement …",
    )
    async def record_step(
        self,
        db: Db,
        request: SignedIn,
        award_id: FromPath[uuid.UUID],
        data: JSONBody[AwardStepIn],
    ) -> AwardStepOut:
        award, event = await compensation.record_award_step(
            db, actor_of(request), award_id, data.step(), rules_of(request)
        )
        return AwardStepOut(award.id, award.stage, award.version, AwardEventOut.of(event))

    @post(
        "/payments",
        responses=responses(400, 401, 403, 404, 409, 413, 422),
        summary="Record a payment received from the State",
    )
    async def receive(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID], data: JSONBody[PaymentIn]
    ) -> LedgerOut:
        award, payment = await payments.receive_payment(
            db, actor_of(request), award_id, data, rules_of(request)
        )
        assert payment.id is not None  # flushed when the transaction committed
        return LedgerOut(
            payment.id,
            award.id,
            figure(payment.amount),
            payment.received_on,
            payment.reference,
            award.stage,
            award.version,
        )

    @post(
        "/disbursements",
        responses=responses(400, 401, 403, 404, 409, 413, 422),
        summary="Record money passed on to the survivor or beneficiaries",
    )
    async def disburse(
        self,
        db: Db,
        request: SignedIn,
        award_id: FromPath[uuid.UUID],
        data: JSONBody[DisbursementIn],
    ) -> LedgerOut:
        award, paid = await disbursements.disburse(db, actor_of(request), award_id, data)
        assert paid.id is not None  # flushed when the transaction committed
        return LedgerOut(
            paid.id,
            award.id,
            figure(paid.amount),
            paid.paid_on,
            paid.reference,
            award.stage,
            award.version,
        )

    @post(
        "/costs",
        responses=responses(400, 401, 403, 404, 413, 422),
        summary="Add costs as taxed (certificate of costs); interest runs from taxation",
    )
    async def tax_costs(
        self,
        db: Db,
        request: SignedIn,
        award_id: FromPath[uuid.UUID],
        data: JSONBody[TaxedCostsIn],
    ) -> AwardOut:
        await taxed_costs.add_taxed_costs(
            db,
            actor_of(request),
            award_id,
            amount=data.amount,
            taxed_on=data.taxed_on,
            certificate_ref=data.certificate_ref,
            rules=rules_of(request),
            rate_percent=data.rate_percent,
        )
        return await _out(db, await orders.get_award(db, award_id))

    @post(
        "/settlement",
        responses=responses(400, 401, 403, 404, 409, 413, 422),
        summary="Record a settlement by consent after judgment: the compromise sum is then owed",
    )
    async def settle(
        self,
        db: Db,
        request: SignedIn,
        award_id: FromPath[uuid.UUID],
        data: JSONBody[SettlementIn],
    ) -> AwardOut:
        award = await settlement.settle_by_consent(
            db, actor_of(request), award_id, data.compromise(), rules_of(request)
        )
        return await _out(db, award)

    @post(
        "/costs/certificate",
        responses=responses(400, 401, 403, 404, 409, 413, 422),
        summary="Record the certificate of costs for costs taxed after the certificate of order",
    )
    async def certify_costs(
        self,
        db: Db,
        request: SignedIn,
        award_id: FromPath[uuid.UUID],
        data: JSONBody[CostsCertificateIn],
    ) -> AwardOut:
        await costs_certificate.certify_costs(db, actor_of(request), award_id, data.issued_on)
        return await _out(db, await orders.get_award(db, award_id))

    @post(
        "/costs/certificate/service",
        responses=responses(400, 401, 403, 404, 409, 413, 422),
        summary="Record service of the certificate of costs on the Attorney General",
    )
    async def serve_costs_certificate(
        self,
        db: Db,
        request: SignedIn,
        award_id: FromPath[uuid.UUID],
        data: JSONBody[CostsServiceIn],
    ) -> AwardOut:
        await costs_certificate.serve_costs_certificate(
            db, actor_of(request), award_id, data.served_on
        )
        return await _out(db, await orders.get_award(db, award_id))

    @get(
        "/statement",
        responses=responses(400, 401, 404),
        summary="Principal, interest, payments and what is outstanding on a date, line by line",
    )
    async def statement(
        self,
        db: Db,
        request: SignedIn,
        award_id: FromPath[uuid.UUID],
        as_of: AsOf = None,
    ) -> StatementOut:
        award, result = await orders.award_statement(db, award_id, as_of, rules_of(request))
        return StatementOut.of(award, result)

    @get("/events", responses=responses(401, 404), summary="The award's history")
    async def history(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID]
    ) -> list[AwardEventOut]:
        free_text = reads_free_text(request.user)
        return [AwardEventOut.of(e, free_text) for e in await orders.award_history(db, award_id)]
