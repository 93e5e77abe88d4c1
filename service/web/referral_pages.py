"""Referrals from the survivor's page: referring to a partner, and each later step (accepted,
attended, closed with its outcome), read into the API's own inputs and said back, when
refused, beside the field in the reader's language."""

import uuid
from typing import Any

from litestar import Controller, Response, post
from litestar.params import FromPath
from litestar.response import Redirect
from sqlmodel import select

from domain.cases import Survivor
from domain.errors import DomainError, InvalidInput, NotNow, Said, StaleVersion
from domain.referrals import Referral
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import case_scope
from service.dependencies import Db
from service.survivors.controller import Code
from service.usecases.records import referrals
from service.usecases.records.referrals import ReferralIn, ReferralStepIn
from service.web.forms import GENERAL, Refusal, Refused, attempt, status_of, typed
from service.web.render import language_of
from service.web.violations_page import Forms, Gettext, survivor_page
from service.web.wording import gettext, read_in_words

SENTENCES = {
    "partner_id": N_("Choose a partner from the directory."),
    "case_id": N_("Choose a case of this survivor, or none."),
    "made_on": N_("The day it was referred cannot be in the future."),
    "on": N_("The day cannot be in the future, nor before the referral was made."),
    "outcome": N_("Choose how the referral ended, to close it."),
    "reason": N_("The reason is too long, or holds characters Haki cannot keep."),
    "note": N_("The note is too long, or holds characters Haki cannot keep."),
    "step": N_("Choose what happened."),
}
NOT_NOW = N_("That step is not open to this referral as it stands now.")
CHANGED = N_("Someone changed this referral since the page was drawn: here it is as it stands.")


def _said(error: DomainError, _: Gettext) -> tuple[str, str | Said]:
    if isinstance(error, StaleVersion):
        return GENERAL, _(CHANGED)
    if isinstance(error, NotNow):
        return GENERAL, _(NOT_NOW)
    field = error.field if isinstance(error, InvalidInput) and error.field else GENERAL
    return field, _(SENTENCES[field]) if field in SENTENCES else error.said


async def _code_of(db: Db, referral_id: uuid.UUID) -> str:
    async with db.begin():
        found = await db.exec(
            select(Survivor.code)
            .join(Referral, Referral.survivor_id == Survivor.id)  # type: ignore[arg-type]
            .where(Referral.id == referral_id)
        )
        return found.one()


class ReferralPages(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @post("/survivors/{code:str}/referrals")
    async def refer(self, db: Db, request: SignedIn, code: Code) -> Response[Any]:
        _ = gettext(request)

        async def refer_to(values: dict[str, str]) -> str:
            given = read_in_words(values, ReferralIn, SENTENCES, _)
            try:
                await referrals.refer(db, actor_of(request), code, given, case_scope(request.user))
            except InvalidInput as error:
                raise Refused(values, dict([_said(error, _)]), status_of(error)) from None
            return "referred"

        result = await attempt(typed(await request.form()), refer_to, language_of(request))
        if isinstance(result, Refusal):
            return await survivor_page(db, request, code, Forms(referral=result))
        return Redirect(
            f"/web/survivors/{code}/violations?done=referred#referrals", status_code=303
        )

    @post("/referrals/{referral_id:uuid}/steps")
    async def step(
        self, db: Db, request: SignedIn, referral_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def move(values: dict[str, str]) -> str:
            given = read_in_words(values, ReferralStepIn, SENTENCES, _)
            try:
                await referrals.step(db, actor_of(request), referral_id, given)
            except (InvalidInput, NotNow, StaleVersion) as error:
                raise Refused(values, dict([_said(error, _)]), status_of(error)) from None
            return given.step

        result = await attempt(typed(await request.form()), move, language_of(request))
        code = await _code_of(db, referral_id)
        if isinstance(result, Refusal):
            return await survivor_page(db, request, code, Forms(step=(referral_id, result)))
        where = f"/web/survivors/{code}/violations?done=referral_{result}#referrals"
        return Redirect(where, status_code=303)
