"""The forms of an award on the case page: a step of the compensation track, a payment
received from the State (dated the day it came, even if found late), a follow-up with the
Attorney General; each the API's use case."""

import uuid
from typing import Any

from litestar import Controller, Response, post
from litestar.params import FromPath

from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.awards.controller import rules_of
from service.awards.track_schemas import AwardStepIn
from service.dependencies import Db
from service.usecases.awards import chase, compensation, orders, payments
from service.usecases.awards.entries import FollowUpIn, PaymentIn
from service.web.case_page import submit
from service.web.case_view import end_reads
from service.web.forms import read
from service.web.wording import gettext, refuse

LATE_PAYMENT_OVERPAYS = N_(
    "A payment on this day would leave a payment already entered, and received later, more "
    "than was owed on its day: check the dates and amounts of this award's payments."
)


async def _case_of(db: Db, award_id: uuid.UUID) -> uuid.UUID:
    case_id = (await orders.get_award(db, award_id)).case_id
    await end_reads(db)
    return case_id


class AwardForms(Controller):
    path = "/web/awards/{award_id:uuid}"
    opt = {PAGE: True}  # noqa: RUF012

    @post("/steps")
    async def record_step(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        async def step(values: dict[str, str]) -> str:
            taken = read(values, AwardStepIn).step()
            await compensation.record_award_step(
                db, actor_of(request), award_id, taken, rules_of(request)
            )
            return "award_step"

        trigger = (await request.form()).get("trigger", "")
        case_id = await _case_of(db, award_id)
        return await submit(db, request, case_id, f"award-{award_id}-{trigger}", step, award_id)

    @post("/payments")
    async def receive(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def paid(values: dict[str, str]) -> str:
            data = read(values, PaymentIn)
            try:
                await payments.receive_payment(
                    db, actor_of(request), award_id, data, rules_of(request)
                )
            except payments.LaterPaymentOverpaid:
                raise refuse(values, "amount", _(LATE_PAYMENT_OVERPAYS), 422) from None
            return "payment"

        case_id = await _case_of(db, award_id)
        return await submit(db, request, case_id, f"pay-{award_id}", paid, award_id)

    @post("/follow-ups")
    async def log_follow_up(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        async def chased(values: dict[str, str]) -> str:
            await chase.log_follow_up(db, actor_of(request), award_id, read(values, FollowUpIn))
            return "follow_up"

        case_id = await _case_of(db, award_id)
        return await submit(db, request, case_id, f"chase-{award_id}", chased, award_id)
