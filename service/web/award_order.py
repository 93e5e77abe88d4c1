"""The award form of the case page: what the court ordered one claimant, read into the API's own
`AwardIn` (and so into the use case's one input, `AwardOrder`), each refusal a sentence in the
reader's language beside the field it is about, naming the field by its label.

A head is given by typing its amount; interest runs from judgment, filing, a day the court
named, or not at all, at the award's rate or one of the head's own. Costs may be left to be
taxed later, or given with the day they were taxed, from which they then bear interest. The
rate is "court rates" (the setting) or the figure the court ordered.
"""

import uuid
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import msgspec
from litestar import Controller, Response, post
from litestar.params import FromPath

from domain.awards import HeadKind
from domain.calendar import IN_THE_FUTURE
from domain.errors import InvalidInput, Said
from domain.money import HIGHEST_RATE, AmountRefused, Why, typed_amount
from notifications.i18n import N_, translations
from service.amounts import dec_hook
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.awards.controller import rules_of
from service.awards.schemas import AwardIn
from service.dependencies import Db
from service.usecases.awards import orders
from service.web.case_page import submit
from service.web.forms import GENERAL, Refused, status_of
from service.web.render import language_of

FORM_ID = "award"
COURT_RATES = "court rates"
INTEREST_FROM = ("judgment", "filing", "date", "none", "taxed")
"""the choices of the form; 'date' takes the day from `<kind>_interest_on`, 'taxed' (costs
only, and their default) the day they were taxed, from `costs_taxed_on`"""

WHAT = {
    HeadKind.GENERAL: N_("The amount of general damages"),
    HeadKind.EXEMPLARY: N_("The amount of exemplary damages"),
    HeadKind.AGGRAVATED: N_("The amount of aggravated damages"),
    HeadKind.SPECIAL: N_("The amount of special damages"),
    HeadKind.COSTS: N_("The amount of costs"),
}
"""each amount field as a sentence about it begins"""
AMOUNT_REFUSED = {
    Why.NOT_SHILLINGS: N_("%(what)s must be in shillings, like 500,000 or 500000.00"),
    Why.NOTHING: N_("%(what)s must be more than nothing"),
    Why.TOO_MUCH: N_("%(what)s is more than Haki can record"),
}
NO_CLAIMANT = N_("Choose the claimant the award is for, from the claimants of this case.")
NO_RESPONDENT = N_("Choose who must pay, from the respondents of this case.")
NO_HEAD = N_("Give the amount of at least one head the court awarded.")
NO_DAY = N_("Give the day interest runs from, or choose judgment or filing.")
BAD_RATE = N_("Give the rate the court ordered as a figure between 0 and 100, like 12.")
NOT_FILED = N_("The case has no filing date on record, so interest cannot run from filing.")
FUTURE_DAY = N_("The day interest runs from cannot be in the future.")
TOO_LONG = N_("Write the office on one line, in at most 200 characters.")
BAD_TAXING = N_("The date the costs were taxed cannot be before the judgment or in the future.")
BAD_HEAD_RATE = N_(
    "Give this head's own rate as a figure between 0 and 30, like 14, or leave it empty."
)

Gettext = Callable[[str], str]


def _head(
    values: Mapping[str, str], kind: HeadKind, _: Gettext, errors: dict[str, str]
) -> dict[str, Any] | None:
    """One head as the API takes it, or None when no amount was typed for it."""
    field = f"{kind.value}_amount"
    typed = values.get(field, "").strip()
    if not typed:
        return None
    try:
        amount = typed_amount(typed, WHAT[kind], field)
    except AmountRefused as refused:
        errors[field] = _(AMOUNT_REFUSED[refused.why]) % {"what": _(WHAT[kind])}
        return None
    head: dict[str, Any] = {"kind": kind.value, "amount": str(amount)}
    start: str | None = values.get(f"{kind.value}_interest_from", "judgment")
    if kind == HeadKind.COSTS:
        head |= _taxing(values, _, errors)
    if start == "date":
        start = values.get(f"{kind.value}_interest_on", "").strip()
        if not start:
            errors[f"{kind.value}_interest_on"] = _(NO_DAY)
    elif start not in INTEREST_FROM or start == "none":
        start = None
    if start != "taxed":
        head["interest_from"] = start
    return head | _head_rate(values, kind, _, errors)


def _taxing(values: Mapping[str, str], _: Gettext, errors: dict[str, str]) -> dict[str, Any]:
    """Costs already taxed: the day they were. With the start left at 'taxed', interest runs
    from that day, or from judgment when no day is given (costs fixed in the judgment)."""
    taxed_on = values.get("costs_taxed_on", "").strip()
    if not taxed_on:
        return {}
    try:
        return {"taxed_on": date.fromisoformat(taxed_on).isoformat()}
    except ValueError:
        errors["costs_taxed_on"] = _(BAD_TAXING)
        return {}


def _head_rate(
    values: Mapping[str, str], kind: HeadKind, _: Gettext, errors: dict[str, str]
) -> dict[str, Any]:
    field = f"{kind.value}_rate_percent"
    typed = values.get(field, "").strip().rstrip("%").strip()
    if not typed:
        return {}
    try:
        figure = Decimal(typed)
    except InvalidOperation:
        figure = Decimal(-1)
    if not figure.is_finite() or not 0 <= figure <= HIGHEST_RATE:
        errors[field] = _(BAD_HEAD_RATE)
        return {}
    return {"rate_percent": str(figure)}


def _rate(values: Mapping[str, str], _: Gettext, errors: dict[str, str]) -> dict[str, Any]:
    if values.get("rate", "court") != "figure":
        return {"rate_as_ordered": COURT_RATES}
    typed = values.get("rate_percent", "").strip().rstrip("%").strip()
    try:
        figure = Decimal(typed)
    except InvalidOperation:
        errors["rate_percent"] = _(BAD_RATE)
        return {}
    if not figure.is_finite() or not 0 <= figure <= 100:
        errors["rate_percent"] = _(BAD_RATE)
        return {}
    return {"rate_as_ordered": f"{typed}% a year", "rate_percent": str(figure)}


def award_in(values: Mapping[str, str], _: Gettext) -> AwardIn:
    """The form read into the API's input class; raises `Refused` with every problem at once."""
    errors: dict[str, str] = {}
    heads = [head for kind in HeadKind if (head := _head(values, kind, _, errors))]
    taxed_later = values.get("costs_to_be_taxed") == "yes"
    if not heads and not errors:
        errors[GENERAL] = _(NO_HEAD)
    if not values.get("claimant", "").strip():
        errors["claimant"] = _(NO_CLAIMANT)
    if not values.get("respondent", "").strip():
        errors["respondent"] = _(NO_RESPONDENT)
    data = {
        "claimant": values.get("claimant", "").strip(),
        "respondent": values.get("respondent", "").strip(),
        "heads": heads,
        "costs_to_be_taxed": taxed_later,
        "department": values.get("department", "").strip(),
        "accounting_officer": values.get("accounting_officer", "").strip(),
    } | _rate(values, _, errors)
    if errors:
        raise Refused(dict(values), errors, 400)
    try:
        return msgspec.convert(data, AwardIn, strict=False, dec_hook=dec_hook)
    except msgspec.ValidationError as error:
        raise Refused(dict(values), _unreadable(str(error), _), 400) from None


def _unreadable(problem: str, _: Gettext) -> dict[str, str]:
    """msgspec names the field it refused; the form says which, by its label."""
    for field in ("department", "accounting_officer"):
        if f"$.{field}" in problem:
            return {field: _(TOO_LONG)}
    return {"claimant": _(NO_CLAIMANT)}


def _in_words(error: InvalidInput, _: Gettext) -> tuple[str, str | Said]:
    """The use case's refusal, beside its field where the form can say it better; otherwise
    its own sentence over the form (said in the reader's language when the page is drawn)."""
    if error.field == "claimant":
        return "claimant", _(NO_CLAIMANT)
    if error.field == "rate_percent":
        return "rate_percent", _(BAD_RATE)
    if error.field == "taxed_on":
        return "costs_taxed_on", _(BAD_TAXING)
    if error.said.message == orders.NOT_FILED:
        return GENERAL, _(NOT_FILED)
    if error.field == "interest_from" and error.said.message == IN_THE_FUTURE:
        return GENERAL, _(FUTURE_DAY)
    return GENERAL, error.said


class AwardOrderForm(Controller):
    path = "/web/cases/{case_id:uuid}/awards"
    opt = {PAGE: True}  # noqa: RUF012

    @post()
    async def record_award(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = translations(language_of(request)).gettext

        async def award(values: dict[str, str]) -> str:
            order = award_in(values, _).order()
            try:
                await orders.record_award(db, actor_of(request), case_id, order, rules_of(request))
            except InvalidInput as error:
                where, sentence = _in_words(error, _)
                raise Refused(values, {where: sentence}, status_of(error)) from None
            return "award_recorded"

        return await submit(db, request, case_id, FORM_ID, award)
