"""The vocabulary of violations, kept by administrators: the words the intake form offers and
the figures count, each in English and Kiswahili (the form of POST /violation-types).

A new word is refused in words beside its field when a name is empty or the vocabulary already
has that code or name, in either language."""

from typing import Any

from litestar import Controller, Response, get, post
from litestar.response import Redirect

from domain.errors import Conflict, InvalidInput
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.usecases.records import vocabulary
from service.web.forms import Refusal, Refused, attempt, status_of, typed
from service.web.render import language_of, page
from service.web.wording import Done, gettext

TAKEN = N_(
    "The vocabulary already has a violation of that name or code: use it, or name this one apart."
)


class VocabularyPage(Controller):
    path = "/web/admin/violation-types"
    opt = {PAGE: True}  # noqa: RUF012

    async def _page(
        self, db: Db, request: SignedIn, form: Refusal | None, done: str
    ) -> Response[str]:
        async with db.begin():
            found = await vocabulary.vocabulary(db)
        return page(
            request,
            "violation_types.html",
            form.status_code if form else 200,
            kinds=found,
            form=form or Refusal({}),
            done=done,
        )

    @get()
    async def vocabulary_page(self, db: Db, request: SignedIn, done: Done = "") -> Response[str]:
        return await self._page(db, request, None, done)

    @post()
    async def add_type(self, db: Db, request: SignedIn) -> Response[Any]:
        _ = gettext(request)

        async def add(values: dict[str, str]) -> str:
            name_en, name_sw = values.get("name_en", ""), values.get("name_sw", "")
            code = values.get("code", "").strip() or name_en
            try:
                await vocabulary.add_type(db, actor_of(request), code, name_en, name_sw)
            except InvalidInput as error:
                field = error.field if error.field in ("name_en", "name_sw") else "code"
                raise Refused(values, {field: _(error.said.message)}, 422) from None
            except Conflict as error:
                raise Refused(values, {"name_en": _(TAKEN)}, status_of(error)) from None
            return "added"

        result = await attempt(typed(await request.form()), add, language_of(request))
        if isinstance(result, Refusal):
            return await self._page(db, request, result, "")
        return Redirect("/web/admin/violation-types?done=added", status_code=303)
