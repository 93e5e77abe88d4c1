"""What was done to a survivor, from the browser: the survivor's violation records and the
intake form, read into the API's own input (`ViolationIn`) and recorded by its use case.

Every refusal is a catalog sentence beside the field, naming it by its label; a county or a
violation not in the lists comes back with the nearest names ("did you mean").
"""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from babel.dates import get_month_names
from litestar import Controller, Response, get, post
from litestar.datastructures import FormMultiDict
from litestar.response import Redirect
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.calendar import IN_THE_FUTURE
from domain.cases import Case, CaseClaimant
from domain.counties import counties
from domain.errors import InvalidInput, NotInList, Said
from domain.referrals import MOVES
from domain.users import CaseMember
from domain.violations import YEAR_OF_THE_MONTH, Violation, ViolationType
from notifications.i18n import N_, Language
from notifications.violation_words import (
    AGE_BANDS,
    AGENCIES,
    OUTCOMES,
    PARTNER_KINDS,
    PRECISIONS,
    REFERRAL_STATUSES,
    REFERRAL_STEPS,
    SEXES,
)
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import case_scope
from service.dependencies import Db
from service.survivors.controller import Code
from service.usecases.records import referrals, violations, vocabulary
from service.usecases.records.violations import ViolationIn, survivor_coded
from service.web.forms import Refusal, Refused, attempt, status_of, typed
from service.web.render import language_of, page
from service.web.wording import Done, gettext, read_in_words

Gettext = Callable[[str], str]
T = TypeVar("T")
SENTENCES = {
    "year": N_("Give the year it happened: a year of four figures, like 2024."),
    "month": N_("Choose the month from the list, or leave it empty."),
    "day": N_("Give the day of the month as a figure from 1 to 31, or leave it empty."),
    "county": N_("Choose the county from the list of Kenya's 47 counties."),
    "sub_county": N_("Choose a sub-county of the county chosen, or leave it empty."),
    "types": N_("Tick at least one violation from the list."),
    "agency": N_("Choose the agency the perpetrators belong to."),
    "perpetrators": N_("Give the number of perpetrators as a figure from 1 to 1000."),
    "sex": N_("Choose the survivor's sex from the list."),
    "age_band": N_("Choose the survivor's age from the list."),
    "place": N_("The place is too long, or holds characters Haki cannot keep."),
    "unit": N_("The unit or station is too long, or holds characters Haki cannot keep."),
    "officers": N_("The officers' names are too long, or hold characters Haki cannot keep."),
    "cases": N_("Tick only cases of this survivor."),
}
"""each field's refusal, as a sentence about its label"""
NO_YEAR = N_("Give the year it happened, even when only the month is known.")
FUTURE = N_("The date it happened cannot be in the future.")
NO_SUCH_DAY = N_("There is no such day in the calendar: check the day and the month.")
NO_MONTH = N_("Give the month of that day, or leave the day empty.")
DID_YOU_MEAN = N_("Did you mean %(names)s?")


def said_beside(error: InvalidInput, _: Gettext) -> tuple[str, str | Said]:
    """The use case's refusal as the form's sentence beside its field, told apart by the
    catalog sentence it carries; a day before independence in its own sentence."""
    field, message = error.field or "year", error.said.message
    if field in ("occurred_on", "year"):
        if message == IN_THE_FUTURE:
            return "year", _(FUTURE)
        if message == YEAR_OF_THE_MONTH:
            return "year", _(NO_YEAR)
        return "year", _(SENTENCES["year"]) if field == "year" else error.said
    if field == "month":
        return "month", _(NO_MONTH)
    if field == "day":
        return "day", _(NO_SUCH_DAY)
    sentence = _(SENTENCES.get(field, SENTENCES["types"]))
    if isinstance(error, NotInList) and error.near:
        sentence += " " + _(DID_YOU_MEAN) % {"names": ", ".join(error.near)}
    return field, sentence


def values_of(form: FormMultiDict) -> dict[str, str]:
    """What was typed; the ticked violations and cases as one comma-separated value each, so a
    refused form ticks them again."""
    return typed(form) | {name: ",".join(form.getall(name, [])) for name in ("types", "cases")}


def entry_of(values: Mapping[str, str], _: Gettext, shape: type[T]) -> T:
    """The intake form as `ViolationIn`, or the correction form as `ViolationChange` (which
    has no cases: they are linked on the record's page)."""
    fields: tuple[str, ...] = shape.__struct_fields__  # type: ignore[attr-defined]
    ticked = {
        name: [v for v in values.get(name, "").split(",") if v]
        for name in ("types", "cases")
        if name in fields
    }
    disability = {"yes": True, "no": False}.get(values.get("disability", ""))
    plain = {k: v for k, v in values.items() if k not in ("types", "cases", "disability")}
    return read_in_words(plain, shape, SENTENCES, _, disability=disability, **ticked)


async def their_cases(db: AsyncSession, code: str, request: SignedIn) -> list[Case]:
    """The survivor's cases a new record may be linked to: for a lawyer, their team's."""
    survivor = await survivor_coded(db, code)
    query = (
        select(Case)
        .join(CaseClaimant, col(CaseClaimant.case_id) == Case.id)
        .where(CaseClaimant.survivor_id == survivor.id)
        .order_by(col(Case.opened_at))
    )
    lawyer = case_scope(request.user)
    if lawyer is not None:
        query = query.join(CaseMember, col(CaseMember.case_id) == Case.id).where(
            CaseMember.user_id == lawyer
        )
    return list((await db.exec(query)).all())


def _choices(words: dict[str, str], _: Gettext) -> list[tuple[str, str]]:
    return [(code, _(said)) for code, said in words.items()]


@dataclass(frozen=True)
class Forms:
    """The page's forms as typed and refused, if one was: the violation form, the referral
    form, or the step form of one referral."""

    violation: Refusal | None = None
    referral: Refusal | None = None
    step: tuple[uuid.UUID, Refusal] | None = None

    @property
    def status(self) -> int:
        refused = self.violation or self.referral or (self.step[1] if self.step else None)
        return refused.status_code if refused else 200


async def survivor_page(
    db: AsyncSession, request: SignedIn, code: str, forms: Forms, done: str = ""
) -> Response[str]:
    """What was done to the survivor and where they were referred: the records, and the
    forms that add to them. Both lists are reads of personal data, audited."""
    _ = gettext(request)
    actor = actor_of(request)
    records = await violations.violations_of_survivor(db, actor, code)
    referred = await referrals.referrals_of(db, actor, code)
    async with db.begin():
        kinds = await vocabulary.vocabulary(db)
        cases = await their_cases(db, code, request)
        directory = await referrals.partners(db, active_only=True)
    return page(
        request,
        "violations.html",
        forms.status,
        code=code,
        records=[v for v, _code, _cases in records],
        linked={v.id: linked for v, _code, linked in records},
        form=forms.violation or Refusal({}),
        refer_form=forms.referral or Refusal({}),
        step_form=forms.step,
        done=done,
        cases=cases,
        case_choices=[(str(c.id), c.reference) for c in cases],
        **intake_choices(request, kinds),
        referrals=referred,
        partners=[(str(p.id), f"{p.name} — {_(PARTNER_KINDS[p.kind])}") for p in directory],
        partner_kinds=PARTNER_KINDS,
        referral_statuses=REFERRAL_STATUSES,
        offered=lambda status: [
            (move, _(REFERRAL_STEPS[move]))
            for move, (sources, _to) in MOVES.items()
            if status in sources
        ],
        outcomes=_choices(OUTCOMES, _),
        outcome_words=OUTCOMES,
    )


def intake_choices(request: SignedIn, kinds: list[ViolationType]) -> dict[str, Any]:
    """The lists a violation's facts are chosen from, and how a record's coded facts are said,
    in the reader's language: the intake form and the correction form share them."""
    _ = gettext(request)
    language = language_of(request)
    sw = language is Language.SW
    names = {kind.code: kind.name_sw if sw else kind.name_en for kind in kinds}
    return {
        "kinds": names,
        "months": [(str(n), name) for n, name in get_month_names(locale=language.locale).items()],
        "counties": counties(),
        "agencies": _choices(AGENCIES, _),
        "sexes": _choices(SEXES, _),
        "ages": _choices(AGE_BANDS, _),
        "precisions": {code: _(said) for code, said in PRECISIONS.items()},
        "shown": _shown(names, _),
    }


def _shown(names: dict[str, str], _: Gettext) -> Callable[[Violation], dict[str, Any]]:
    """One record's coded fields as the reader's language says them."""

    def words(v: Violation) -> dict[str, Any]:
        return {
            "types": ", ".join(names.get(t, t) for t in v.types),
            "agency": _(AGENCIES[v.agency]),
            "sex": _(SEXES[v.sex]),
            "age_band": _(AGE_BANDS[v.age_band]),
        }

    return words


class ViolationPages(Controller):
    path = "/web/survivors/{code:str}/violations"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def violations_page(
        self, db: Db, request: SignedIn, code: Code, done: Done = ""
    ) -> Response[str]:
        return await survivor_page(db, request, code, Forms(), done)

    @post()
    async def record(self, db: Db, request: SignedIn, code: Code) -> Response[Any]:
        _ = gettext(request)

        async def record_it(values: dict[str, str]) -> str:
            entry = entry_of(values, _, ViolationIn)
            try:
                await violations.record_violation(
                    db, actor_of(request), code, entry, case_scope(request.user)
                )
            except InvalidInput as error:
                field, sentence = said_beside(error, _)
                raise Refused(values, {field: sentence}, status_of(error)) from None
            return "recorded"

        result = await attempt(values_of(await request.form()), record_it, language_of(request))
        if isinstance(result, Refusal):
            return await survivor_page(db, request, code, Forms(violation=result))
        return Redirect(f"/web/survivors/{code}/violations?done=recorded#records", status_code=303)
