"""An award's ledger in the browser: payments received and money passed on, a disbursement,
a reversal of either, and the demand letter to the Attorney General.

The ledger names beneficiaries and M-Pesa references, so the page has the access rule of
`GET /awards/{id}/ledger` and its read is audited by the same use case. Each form calls the
use case of the API route beside it with the same input class.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect

from domain.awards import DisbursementMethod
from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.errors import InvalidInput
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.awards.controller import rules_of
from service.awards.ledger_schemas import SettlementIn
from service.dependencies import Db
from service.usecases.awards import corrections, disbursements, ledger, orders, settlement
from service.usecases.awards.corrections import ReversalIn
from service.usecases.awards.demand_letter import demandable
from service.usecases.awards.entries import DisbursementIn
from service.usecases.cases import register
from service.web.case_view import end_reads, may
from service.web.forms import Refusal, attempt, read, typed
from service.web.render import language_of, page
from service.web.wording import gettext, read_in_words, refuse
from statemachines.award_track import UNSETTLED

Done = Annotated[str, QueryParameter(max_length=40, pattern=r"^[a-z_]*$")]


async def _ledger_page(
    db: Db, request: SignedIn, award_id: uuid.UUID, status: int = 200, **extra: Any
) -> Response[str]:
    await end_reads(db)
    entries = await ledger.entries(db, actor_of(request), award_id)
    award = await orders.get_award(db, award_id)
    statement = await orders.position(db, award, nairobi_today(utcnow()), rules_of(request))
    context = {"refused": None, "refused_form": "", "done": ""} | extra
    return page(
        request,
        "ledger.html",
        status,
        award=award,
        case=await register.get_case(db, award.case_id),
        claimant=await orders.claimant_code(db, award),
        statement=statement,
        entries=entries,
        methods=list(DisbursementMethod),
        can_change=may(request.user, "AwardController.disburse"),
        can_settle=award.stage in UNSETTLED,
        can_read_letter=may(request.user, "demand_letter_to_the_ag") and demandable(award),
        **context,
    )


async def _submit(
    db: Db,
    request: SignedIn,
    award_id: uuid.UUID,
    form_id: str,
    act: Callable[[dict[str, str]], Awaitable[str]],
) -> Response[Any]:
    """On to the ledger when done, or the ledger again with the form refused as typed."""
    done = await attempt(typed(await request.form()), act, language_of(request))
    if not isinstance(done, Refusal):
        return Redirect(f"/web/awards/{award_id}/ledger?done={done}", status_code=303)
    return await _ledger_page(
        db, request, award_id, done.status_code, refused=done, refused_form=form_id
    )


SETTLEMENT_FIELDS = {
    "settled_on": N_("Give the day the settlement was agreed, like 2026-03-01."),
    "amount": N_("Give the sum agreed in shillings, like 500,000 or 500000.00."),
    "terms": N_("The terms are too long, or hold characters Haki cannot keep."),
}
SETTLEMENT_REFUSED = {
    "settled_on": N_(
        "The settlement must be dated on or after the judgment and not in the future, on an "
        "award still owed that has no settlement recorded."
    ),
    "amount": N_(
        "The payments entered after that day already meet or pass the sum agreed: reverse the "
        "payment that meets it, record the settlement, then enter that payment again."
    ),
}
RETAINED_REFUSED = N_(
    "Only costs are retained by counsel or the organisation, and this award has no costs: "
    "choose M-Pesa, bank transfer or cheque."
)


class AwardLedger(Controller):
    path = "/web/awards/{award_id:uuid}"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/ledger")
    async def ledger_page(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID], done: Done = ""
    ) -> Response[str]:
        return await _ledger_page(db, request, award_id, done=done)

    @post("/disbursements")
    async def disburse(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def passed_on(values: dict[str, str]) -> str:
            data = read(values, DisbursementIn)
            try:
                await disbursements.disburse(db, actor_of(request), award_id, data)
            except InvalidInput as error:
                if error.field != "method":
                    raise
                raise refuse(values, "method", _(RETAINED_REFUSED), 422) from None
            return "disbursed"

        return await _submit(db, request, award_id, "disburse", passed_on)

    @post("/settlement")
    async def settle(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def settled(values: dict[str, str]) -> str:
            data = read_in_words(values, SettlementIn, SETTLEMENT_FIELDS, _)
            try:
                await settlement.settle_by_consent(
                    db, actor_of(request), award_id, data.compromise(), rules_of(request)
                )
            except InvalidInput as error:
                field = error.field if error.field in SETTLEMENT_REFUSED else "settled_on"
                raise refuse(values, field, _(SETTLEMENT_REFUSED[field]), 422) from None
            return "settled"

        return await _submit(db, request, award_id, "settle", settled)

    @post("/payments/{payment_id:int}/reversal")
    async def reverse_payment(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID], payment_id: FromPath[int]
    ) -> Response[Any]:
        async def reverse(values: dict[str, str]) -> str:
            given = read(values, ReversalIn)
            await corrections.reverse_payment(
                db, actor_of(request), award_id, payment_id, given, rules_of(request)
            )
            return "reversed"

        return await _submit(db, request, award_id, f"reverse-payment-{payment_id}", reverse)

    @post("/disbursements/{disbursement_id:int}/reversal")
    async def reverse_disbursement(
        self,
        db: Db,
        request: SignedIn,
        award_id: FromPath[uuid.UUID],
        disbursement_id: FromPath[int],
    ) -> Response[Any]:
        async def reverse(values: dict[str, str]) -> str:
            await corrections.reverse_disbursement(
                db, actor_of(request), award_id, disbursement_id, read(values, ReversalIn)
            )
            return "reversed"

        form_id = f"reverse-disbursement-{disbursement_id}"
        return await _submit(db, request, award_id, form_id, reverse)
