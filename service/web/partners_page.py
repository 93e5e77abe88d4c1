"""The directory of partners survivors are referred to, kept by administrators: the form of
POST /referral-partners, read into its own input, refused in the reader's language."""

import uuid
from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from domain.errors import Conflict
from notifications.i18n import N_
from notifications.violation_words import PARTNER_KINDS
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.usecases.records import referrals
from service.usecases.records.referrals import PartnerIn
from service.web.forms import Refusal, Refused, attempt, status_of, typed
from service.web.render import language_of, page
from service.web.wording import Done, gettext, read_in_words

SENTENCES = {
    "name": N_("Give the partner's name, on one line."),
    "kind": N_("Choose what the partner offers."),
    "county": N_("The county is too long."),
    "contact": N_("The contact is too long, or holds a line break."),
}
TAKEN = N_("A partner of that name is already in the directory.")


class PartnersPage(Controller):
    path = "/web/admin/partners"
    opt = {PAGE: True}  # noqa: RUF012

    async def _page(
        self, db: Db, request: SignedIn, form: Refusal | None, done: str
    ) -> Response[str]:
        _ = gettext(request)
        found = await referrals.partners(db)
        return page(
            request,
            "partners.html",
            form.status_code if form else 200,
            partners=found,
            form=form or Refusal({}),
            done=done,
            kinds=[(code, _(words)) for code, words in PARTNER_KINDS.items()],
            kind_words=PARTNER_KINDS,
        )

    @get()
    async def partners_page(self, db: Db, request: SignedIn, done: Done = "") -> Response[str]:
        return await self._page(db, request, None, done)

    @post()
    async def add_partner(self, db: Db, request: SignedIn) -> Response[Any]:
        _ = gettext(request)

        async def add(values: dict[str, str]) -> str:
            given = read_in_words(values, PartnerIn, SENTENCES, _)
            try:
                await referrals.add_partner(db, actor_of(request), given)
            except Conflict as error:
                raise Refused(values, {"name": _(TAKEN)}, status_of(error)) from None
            return "added"

        result = await attempt(typed(await request.form()), add, language_of(request))
        if isinstance(result, Refusal):
            return await self._page(db, request, result, "")
        return Redirect("/web/admin/partners?done=added", status_code=303)

    @post("/{partner_id:uuid}/active")
    async def set_active(
        self, db: Db, request: SignedIn, partner_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        """Deactivated partners are offered for no new referral; reactivated, they are again."""
        active = (await request.form()).get("active") == "yes"
        await referrals.set_active(db, actor_of(request), partner_id, active)
        done = "reactivated" if active else "deactivated"
        return Redirect(f"/web/admin/partners?done={done}", status_code=303)
