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
from msgspec import structs

from domain.awards import DisbursementMethod
from domain.base import utcnow
from domain.calendar import nairobi_today
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.awards.controller import rules_of
from service.awards.corrections import ReversalIn
from service.awards.ledger_schemas import DisbursementIn
from service.dependencies import Db
from service.usecases.awards import corrections, disbursements, ledger, orders
from service.usecases.awards.demand_letter import demandable
from service.usecases.cases import register
from service.web.case_view import end_reads, may
from service.web.forms import Refusal, attempt, read, typed
from service.web.render import page

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
    done = await attempt(typed(await request.form()), act)
    if not isinstance(done, Refusal):
        return Redirect(f"/web/awards/{award_id}/ledger?done={done}", status_code=303)
    return await _ledger_page(
        db, request, award_id, done.status_code, refused=done, refused_form=form_id
    )


def _reversal(values: dict[str, str]) -> corrections.Reversal:
    data = read(values, ReversalIn)
    return corrections.Reversal(data.reversed_on, data.reason.strip(), data.version)


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
        async def passed_on(values: dict[str, str]) -> str:
            data = read(values, DisbursementIn)
            await disbursements.disburse(db, actor_of(request), award_id, **structs.asdict(data))
            return "disbursed"

        return await _submit(db, request, award_id, "disburse", passed_on)

    @post("/payments/{payment_id:int}/reversal")
    async def reverse_payment(
        self, db: Db, request: SignedIn, award_id: FromPath[uuid.UUID], payment_id: FromPath[int]
    ) -> Response[Any]:
        async def reverse(values: dict[str, str]) -> str:
            await corrections.reverse_payment(
                db, actor_of(request), award_id, payment_id, _reversal(values), rules_of(request)
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
                db, actor_of(request), award_id, disbursement_id, _reversal(values)
            )
            return "reversed"

        form_id = f"reverse-disbursement-{disbursement_id}"
        return await _submit(db, request, award_id, form_id, reverse)
