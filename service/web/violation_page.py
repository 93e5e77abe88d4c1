"""One violation record's own page: its facts, corrected after entry; the cases brought over
it, linked and unlinked; and its documents (the upload form is read in
service/web/documents_page.py, which takes files larger than other forms).

Each form is read into the API's own input (`ViolationChange`) and runs the API's use case; a
refusal is said beside its field in the reader's language. A correction sent from a page
drawn before someone else's is refused in words, with what was typed kept in the form.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from domain.documents import DocumentKind
from domain.errors import InvalidInput, StaleVersion
from domain.violations import Precision, Violation
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.records.controller import case_link
from service.usecases.records import documents, violation_changes, violations, vocabulary
from service.usecases.records.violation_changes import ViolationChange
from service.web.forms import GENERAL, Refusal, Refused, attempt, status_of, typed
from service.web.render import language_of, page
from service.web.violations_page import (
    entry_of,
    intake_choices,
    said_beside,
    their_cases,
    values_of,
)
from service.web.wording import Done, gettext

CHANGED = N_(
    "Someone corrected this record since the page was drawn: here it is as it stands now, and "
    "what you typed is kept in the form; check it and save again."
)
NO_CASE = N_("Choose a case of this survivor.")


@dataclass(frozen=True)
class RecordForms:
    """The page's forms as typed and refused, if one was."""

    change: Refusal | None = None
    link: Refusal | None = None
    document: Refusal | None = None

    @property
    def status(self) -> int:
        refused = self.change or self.link or self.document
        return refused.status_code if refused else 200


def as_typed(v: Violation) -> dict[str, str]:
    """The record as its correction form shows it before anything is typed."""
    known = {Precision.DAY: 3, Precision.MONTH: 2, Precision.YEAR: 1}[v.precision]
    on = v.occurred_on
    parts = {"year": str(on.year), "month": str(on.month), "day": str(on.day)}
    words = {
        "county": v.county,
        "sub_county": v.sub_county,
        "place": v.place,
        "unit": v.unit,
        "officers": v.officers,
        "perpetrators": str(v.perpetrators) if v.perpetrators else None,
        "disability": {True: "yes", False: "no", None: ""}[v.disability],
    }
    return {
        **dict(list(parts.items())[:known]),
        **{k: w for k, w in words.items() if w is not None},
        "types": ",".join(v.types),
        "agency": v.agency.value,
        "sex": v.sex.value,
        "age_band": v.age_band.value,
        "version": str(v.version),
    }


async def record_page(
    db: Db, request: SignedIn, violation_id: uuid.UUID, forms: RecordForms, done: str = ""
) -> Response[str]:
    """A read of personal data (place, officers, file names), audited as the record's read."""
    [(violation, code, linked)] = await violations.read_violation(
        db, actor_of(request), violation_id
    )
    async with db.begin():
        kinds = await vocabulary.vocabulary(db)
        cases = await their_cases(db, code, request)
        kept = await documents.documents_of_violation(db, violation_id)
    return page(
        request,
        "violation.html",
        forms.status,
        v=violation,
        code=code,
        linked={violation.id: linked},
        cases=cases,
        unlinked=[(str(c.id), c.reference) for c in cases if c.id not in linked],
        form=forms.change or Refusal(as_typed(violation)),
        link_form=forms.link or Refusal({}),
        document_form=forms.document,
        documents=kept,
        document_kinds=list(DocumentKind),
        done=done,
        **intake_choices(request, kinds),
    )


class ViolationPage(Controller):
    path = "/web/violations/{violation_id:uuid}"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def violation_page(
        self, db: Db, request: SignedIn, violation_id: FromPath[uuid.UUID], done: Done = ""
    ) -> Response[str]:
        return await record_page(db, request, violation_id, RecordForms(), done)

    @post()
    async def change(
        self, db: Db, request: SignedIn, violation_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def correct(values: dict[str, str]) -> str:
            change = entry_of(values, _, ViolationChange)
            try:
                await violation_changes.change_violation(
                    db, actor_of(request), violation_id, change
                )
            except StaleVersion:
                raise Refused(values, {GENERAL: _(CHANGED)}, 409) from None
            except InvalidInput as error:
                field, sentence = said_beside(error, _)
                raise Refused(values, {field: sentence}, status_of(error)) from None
            return "changed"

        result = await attempt(values_of(await request.form()), correct, language_of(request))
        if isinstance(result, Refusal):
            return await record_page(db, request, violation_id, RecordForms(change=result))
        return Redirect(f"/web/violations/{violation_id}?done=changed", status_code=303)

    @post("/cases")
    async def link(
        self, db: Db, request: SignedIn, violation_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def link_it(values: dict[str, str]) -> str:
            try:
                link = case_link(request, violation_id, uuid.UUID(values.get("case_id", "")))
                await violation_changes.link_case(db, actor_of(request), link, linked=True)
            except (ValueError, InvalidInput):
                raise Refused(values, {"case_id": _(NO_CASE)}, 422) from None
            return "linked"

        result = await attempt(typed(await request.form()), link_it, language_of(request))
        if isinstance(result, Refusal):
            return await record_page(db, request, violation_id, RecordForms(link=result))
        return Redirect(f"/web/violations/{violation_id}?done=linked#cases", status_code=303)

    @post("/cases/{case_id:uuid}/unlink")
    async def unlink(
        self,
        db: Db,
        request: SignedIn,
        violation_id: FromPath[uuid.UUID],
        case_id: FromPath[uuid.UUID],
    ) -> Response[Any]:
        link = case_link(request, violation_id, case_id)
        await violation_changes.link_case(db, actor_of(request), link, linked=False)
        return Redirect(f"/web/violations/{violation_id}?done=unlinked#cases", status_code=303)
