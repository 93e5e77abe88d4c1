"""A survivor's contacts and their consent, from the browser: who Haki may write to about the
survivor's cases, adding one, changing a phone or e-mail (which suspends consent until it is
recorded again), recording and withdrawing consent, and the family's status codes per case.

Each form is read into the API's own input class (`ContactIn`, `ContactChangesIn` and
`ConsentIn` of service/usecases/families/contacts_in.py, `IssueIn`) and calls the API's use
case with it, so the page and `/survivors/{code}/contacts` and `/contacts/{id}` refuse and
audit alike; the access rule is the API route's (policy.py).
"""

import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from domain.base import utcnow
from domain.contacts import Channel, ConsentWay
from domain.errors import InvalidInput, NotFound, StaleVersion
from notifications.i18n import N_, Language
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import case_scope
from service.contacts.status import IssueIn, code_rules
from service.dependencies import Db
from service.survivors.controller import Code
from service.usecases.families import consent, contacts, status_codes, survivors
from service.usecases.families.contacts_in import ConsentIn, ContactChangesIn, ContactIn
from service.usecases.families.status_codes import Issued
from service.web.case_view import end_reads
from service.web.forms import GENERAL, Refusal, Refused, attempt, read, status_of, typed
from service.web.labels import CHANNELS, CONSENT_WAYS
from service.web.render import language_of, page
from service.web.wording import Done, Gettext, gettext, read_in_words, refuse

SENTENCES = {
    "name": N_("Full name: give the contact's full name."),
    "relationship": N_("Relation to the survivor: say who the contact is, e.g. mother, or self."),
    "language": N_("Language: choose Kiswahili or English."),
    "channel": N_("Messages go by: choose SMS or e-mail."),
    "phone": N_(
        "Phone: give a Kenyan mobile number, like 0712 345 678; a contact reached by SMS needs one."
    ),
    "email": N_(
        "E-mail: give an address like name@example.org; a contact reached by e-mail needs one."
    ),
    "quiet_from": N_("No SMS from: give a time like 21:00."),
    "quiet_until": N_("No SMS until: give a time like 07:00, not the time the quiet hours start."),
    "given_at": N_("Consent given at: give a day and time that has passed, or leave it empty."),
    "way": N_("How it was given: choose in person, in a phone call or on a signed form."),
    "contact_id": N_(
        "This contact has not consented, withdrew, or has a new phone or e-mail since "
        "consenting: record consent first."
    ),
}
NO_SUCH_CONTACT = N_("No such contact in this case.")
STALE = N_("Someone changed this contact after you opened the page; here it is now.")
DONE = {
    "added": N_("The contact is added. Nothing is sent to them until their consent is recorded."),
    "changed": N_("The contact is changed."),
    "suspended": N_(
        "The contact is changed. The phone or e-mail is new, so consent is suspended until it "
        "is recorded again."
    ),
    "consent": N_("Consent is recorded, as taken by you."),
    "withdrawn": N_(
        "Consent is withdrawn: messages still waiting are cancelled and the contact's status "
        "codes no longer work."
    ),
    "revoked": N_("The status code no longer works."),
}
ADD = "add"
NAMES = {Language.SW: "Kiswahili", Language.EN: "English"}
"""each language by its own name, in either language's page"""
ADDRESSES = ("phone", "email")


async def contacts_page(
    db: Db,
    request: SignedIn,
    code: str,
    done: str = "",
    form_id: str = "",
    form: Refusal | None = None,
    issued: tuple[uuid.UUID, uuid.UUID, Issued] | None = None,
) -> Response[str]:
    """`issued`: the case, the contact and the code just issued, shown this once."""
    await end_reads(db)
    _ = gettext(request)
    actor = actor_of(request)
    survivor = await survivors.read_survivor(db, actor, code)
    listed = await contacts.contacts_of(db, actor, code)
    cases = await survivors.cases_of_survivor(db, code, case_scope(request.user))
    codes = {c.id: await status_codes.live_codes(db, c.id) for c in cases}
    return page(
        request,
        "contacts.html",
        form.status_code if form else 200,
        survivor=survivor,
        contacts=listed,
        cases=cases,
        codes={(case_id, c.contact_id): c for case_id, live in codes.items() for c in live},
        language_options=[(lang.value, NAMES[lang]) for lang in Language],
        channel_options=[(ch.value, _(CHANNELS[ch])) for ch in Channel],
        way_options=[(way.value, _(CONSENT_WAYS[way])) for way in ConsentWay],
        filled=Refusal,
        done=DONE.get(done, ""),
        refused_form=form_id,
        refused=form,
        issued=issued,
        now=utcnow(),
    )


CONTACT_FIELDS: tuple[str, ...] = ("name", "relationship", "language", "channel")
CONTACT_FIELDS += ("phone", "email", "quiet_from", "quiet_until")
"""the fields of the forms that add or change a contact"""


def _said(
    error: InvalidInput, values: Mapping[str, str], _: Gettext, shown: tuple[str, ...]
) -> Exception:
    """A use case's refusal in the catalog's words for its field: beside the field when the
    form has it (`shown`), else over the form (a contact's phone refused by the consent form)."""
    sentence = _(SENTENCES.get(error.field or "", SENTENCES["contact_id"]))
    where = error.field if error.field in shown else GENERAL
    return refuse(values, where or GENERAL, sentence, status_of(error))


def _addresses(values: Mapping[str, str]) -> dict[str, Any]:
    """A phone or e-mail emptied is cleared (null), as the API takes it; the box for sums of
    money sends nothing when unticked, so it is read as no."""
    cleared = {k: None for k in ADDRESSES if k in values and not values[k].strip()}
    return cleared | {"amounts_opt_in": values.get("amounts_opt_in") == "yes"}


async def _submit(
    db: Db,
    request: SignedIn,
    code: str,
    form_id: str,
    act: Callable[[dict[str, str]], Awaitable[tuple[str, uuid.UUID | None]]],
) -> Response[Any]:
    """On to the page at the contact changed when done, else the page with the form refused."""
    done = await attempt(typed(await request.form()), act, language_of(request))
    if isinstance(done, Refusal):
        return await contacts_page(db, request, code, form_id=form_id, form=done)
    what, contact_id = done
    anchor = f"#contact-{contact_id}" if contact_id else ""
    return Redirect(f"/web/survivors/{code}/contacts?done={what}{anchor}", status_code=303)


async def _survivor_of(db: Db, contact_id: uuid.UUID) -> str:
    await end_reads(db)
    async with db.begin():
        view = await contacts.contact_view(db, contact_id)
    return view.survivor_code


class ContactsPage(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/survivors/{code:str}/contacts")
    async def contacts(
        self, db: Db, request: SignedIn, code: Code, done: Done = ""
    ) -> Response[str]:
        return await contacts_page(db, request, code, done)

    @post("/survivors/{code:str}/contacts")
    async def add_contact(self, db: Db, request: SignedIn, code: Code) -> Response[Any]:
        _ = gettext(request)

        async def add(values: dict[str, str]) -> tuple[str, uuid.UUID | None]:
            given = {"amounts_opt_in": values.get("amounts_opt_in") == "yes"}
            data = read_in_words(values, ContactIn, SENTENCES, _, **given)
            try:
                view = await contacts.add_contact(db, actor_of(request), code, data.contact())
            except InvalidInput as error:
                raise _said(error, values, _, CONTACT_FIELDS) from None
            return "added", view.contact.id

        return await _submit(db, request, code, ADD, add)

    @post("/contacts/{contact_id:uuid}")
    async def change_contact(
        self, db: Db, request: SignedIn, contact_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)
        code = await _survivor_of(db, contact_id)

        async def change(values: dict[str, str]) -> tuple[str, uuid.UUID | None]:
            data = read_in_words(values, ContactChangesIn, SENTENCES, _, **_addresses(values))
            try:
                view = await contacts.update_contact(db, actor_of(request), contact_id, data)
            except InvalidInput as error:
                raise _said(error, values, _, CONTACT_FIELDS) from None
            except StaleVersion as error:
                raise refuse({}, GENERAL, _(STALE), status_of(error)) from None
            c = view.contact
            return ("suspended" if c.consent_suspended_at and not c.consents else "changed"), c.id

        return await _submit(db, request, code, f"change-{contact_id}", change)

    @post("/contacts/{contact_id:uuid}/consent")
    async def record_consent(
        self, db: Db, request: SignedIn, contact_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        """Who took it is the person signed in; when, what they type (default: now)."""
        _ = gettext(request)
        code = await _survivor_of(db, contact_id)

        async def agreed(values: dict[str, str]) -> tuple[str, uuid.UUID | None]:
            if not values.get("way"):  # optional to the API; a page always says how
                raise refuse(values, "way", _(SENTENCES["way"]), 400)
            data = read_in_words(values, ConsentIn, SENTENCES, _)
            try:
                await consent.record_consent(db, actor_of(request), contact_id, data)
            except InvalidInput as error:
                raise _said(error, values, _, ("given_at",)) from None
            return "consent", contact_id

        return await _submit(db, request, code, f"consent-{contact_id}", agreed)

    @post("/contacts/{contact_id:uuid}/consent/withdraw")
    async def withdraw_consent(
        self, db: Db, request: SignedIn, contact_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        code = await _survivor_of(db, contact_id)
        await consent.withdraw_consent(db, actor_of(request), contact_id)
        return Redirect(
            f"/web/survivors/{code}/contacts?done=withdrawn#contact-{contact_id}", status_code=303
        )

    @post("/cases/{case_id:uuid}/status-codes")
    async def issue_code(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        """The code is shown in the answer this once, never put in an address."""
        _ = gettext(request)
        values = typed(await request.form())
        try:
            data = read(values, IssueIn)
        except Refused:
            raise NotFound(NO_SUCH_CONTACT) from None
        code = await contacts.speaks_in_case(db, case_id, data.contact_id)
        if code is None:  # as for an unknown contact: a contact id is not probed
            raise NotFound(NO_SUCH_CONTACT)

        async def issue(values: dict[str, str]) -> Issued:
            try:
                return await status_codes.issue_code(
                    db, actor_of(request), code_rules(request.app.state), case_id, data.contact_id
                )
            except InvalidInput as error:
                raise _said(error, values, _, ()) from None

        done = await attempt(values, issue, language_of(request))
        if isinstance(done, Refusal):
            form_id = f"code-{case_id}-{data.contact_id}"
            return await contacts_page(db, request, code, form_id=form_id, form=done)
        return await contacts_page(db, request, code, issued=(case_id, data.contact_id, done))

    @post("/cases/{case_id:uuid}/status-codes/{contact_id:uuid}/revoke")
    async def revoke_code(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        contact_id: FromPath[uuid.UUID],
    ) -> Response[Any]:
        code = await contacts.speaks_in_case(db, case_id, contact_id)
        if code is None:
            raise NotFound(NO_SUCH_CONTACT)
        await status_codes.revoke_codes(db, actor_of(request), case_id, contact_id)
        return Redirect(
            f"/web/survivors/{code}/contacts?done=revoked#contact-{contact_id}", status_code=303
        )
