"""Ids in bodies and queries, tried with another team's record: refused as an unknown one is."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, get_type_hints

import pytest
from msgspec import Struct
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.contacts import Channel
from notifications.i18n import Language
from service.app import create_app
from service.auth.policy import route_key
from service.database import make_sessionmaker
from service.usecases.families.contacts_in import NewContact
from tests.conftest import Account
from tests.e2e.authorisation.builders import an_examination, refer_by_form
from tests.e2e.authorisation.page_routes import open_a_case_in_the_browser
from tests.e2e.authorisation.record_requests import (
    VIOLATION,
    chase_the_whole_case,
    open_a_case,
    record_an_award,
    refer_the_claimant,
)
from tests.e2e.authorisation.world import (
    Form,
    Multipart,
    World,
    a_consenting_contact,
    fresh_headers,
    make_world,
    sent,
)
from tests.e2e.helpers import Client, without_form_tokens
from tests.factories import registered_case

# Ids in bodies and queries. A route's guard checks the ids in its path; an id in the body or
# the query (a survivor named as a claimant, a contact given a status code) must not reach a
# record the path's case does not hold. A lawyer on their own case names a record of a case
# they are not on: the answer is the one an unknown id gets, word for word (no oracle).

UNKNOWN_CODE = "S-2020-9999"


@dataclass
class Foreign:
    """Another team's case (the lawyer is not on it): its claimant, a consenting contact."""

    case_id: uuid.UUID
    reference: str
    code: str
    contact_id: uuid.UUID


async def foreign_records(engine: AsyncEngine, accounts: dict[str, Account]) -> Foreign:
    sessions = make_sessionmaker(engine)
    lead = accounts["other_lawyer"].user.id
    case, code = await registered_case(sessions, lead=lead, reference="HAKI/FOREIGN/1")
    baba = NewContact("Baba", "father", Language.SW, Channel.SMS, phone="0722345678")
    return Foreign(case.id, case.reference, code, await a_consenting_contact(sessions, code, baba))


Named = Callable[[World, str], Awaitable[tuple[str, str, Any]]]


async def naming_a_claimant(w: World, code: str) -> tuple[str, str, Any]:
    method, path, body = await open_a_case(w)
    return method, path, body | {"claimants": [code], "reference": "HAKI/M/NAMED"}


async def naming_a_claimant_in_the_browser(w: World, code: str) -> tuple[str, str, Any]:
    method, path, body = await open_a_case_in_the_browser(w)
    return method, path, Form(body | {"claimants": code, "reference": "HAKI/M/NAMED"})


async def an_award_to(w: World, code: str) -> tuple[str, str, Any]:
    method, path, body = await record_an_award(w)
    return method, path, body | {"claimant": code}


async def a_violation_over(w: World, case_id: str) -> tuple[str, str, Any]:
    return "POST", f"/survivors/{w.code}/violations", VIOLATION | {"cases": [case_id]}


async def a_violation_over_in_the_browser(w: World, case_id: str) -> tuple[str, str, Any]:
    form = Form({k: v for k, v in VIOLATION.items() if k != "types"})
    return "POST", f"/web/survivors/{w.code}/violations", Form(form, types="torture", cases=case_id)


async def a_referral_for(w: World, case_id: str) -> tuple[str, str, Any]:
    method, path, body = await refer_the_claimant(w)
    return method, path, body | {"case_id": case_id}


async def a_referral_for_in_the_browser(w: World, case_id: str) -> tuple[str, str, Any]:
    method, path, body = await refer_by_form(w)
    return method, path, Form(body, case_id=case_id)


async def a_status_code_for(w: World, contact_id: str) -> tuple[str, str, Any]:
    return "POST", f"/cases/{w.case_id}/status-codes", {"contact_id": contact_id}


async def a_status_code_by_form(w: World, contact_id: str) -> tuple[str, str, Any]:
    return "POST", f"/web/cases/{w.case_id}/status-codes", Form(contact_id=contact_id)


async def opening_an_award_row(w: World, award_id: str) -> tuple[str, str, Any]:
    """The case page asked to open an award's row: here the foreign case's own id stands for
    another case's award (the foreign world has none); neither opens anything."""
    return "GET", f"/web/cases/{w.case_id}?award={award_id}", None


async def chasing_with_an_award(w: World, award_id: str) -> tuple[str, str, Any]:
    """The world's case chased with a record of another case named among its awards: here the
    foreign case's own id (the foreign world has no award); tests/e2e/test_case_follow_ups.py
    names another case's real, served award and finds nothing written."""
    _, path, body = await chase_the_whole_case(w)
    return "POST", path, body | {"award_ids": [str(w.award_id), award_id]}


async def an_examination_of(w: World, code: str) -> tuple[str, str, Any]:
    return "POST", f"/cases/{w.case_id}/examinations", an_examination(code)


async def an_examination_of_in_the_browser(w: World, code: str) -> tuple[str, str, Any]:
    return "POST", f"/web/cases/{w.case_id}/examinations", Form(an_examination(code))


async def a_document_on(w: World, record_id: str) -> tuple[str, str, Any]:
    """Attached to a record named in the body: the foreign case's id, as its hearing (an id of
    the wrong kind and of another case); tests/e2e/test_documents.py names another case's real
    examination and finds nothing written."""
    fields = Multipart(kind="photograph", record_kind="hearing", record_id=record_id)
    return "POST", f"/cases/{w.case_id}/documents", fields


async def a_document_on_in_the_browser(w: World, record_id: str) -> tuple[str, str, Any]:
    fields = Multipart(kind="photograph", attached_to=f"hearing:{record_id}")
    return "POST", f"/web/cases/{w.case_id}/documents", fields


# route key -> (how to send the foreign id, which id of Foreign, an unknown one of that kind)
IN_BODIES: dict[str, tuple[Named, str, str]] = {
    "CaseController.open_case": (naming_a_claimant, "code", UNKNOWN_CODE),
    "NewCase.open_case": (naming_a_claimant_in_the_browser, "code", UNKNOWN_CODE),
    "CaseAwardController.record": (an_award_to, "code", UNKNOWN_CODE),
    "StatusCodeController.issue": (a_status_code_for, "contact_id", str(uuid.uuid4())),
    "log_case_follow_up_route": (chasing_with_an_award, "case_id", str(uuid.uuid4())),
    "CaseExaminationController.record": (an_examination_of, "code", UNKNOWN_CODE),
    "ExaminationForm.record_examination": (an_examination_of_in_the_browser, "code", UNKNOWN_CODE),
    "upload_document": (a_document_on, "case_id", str(uuid.uuid4())),
    "upload_on_case_page": (a_document_on_in_the_browser, "case_id", str(uuid.uuid4())),
    "ViolationController.record": (a_violation_over, "case_id", str(uuid.uuid4())),
    "ViolationPages.record": (a_violation_over_in_the_browser, "case_id", str(uuid.uuid4())),
    "ReferralController.refer": (a_referral_for, "case_id", str(uuid.uuid4())),
    "ReferralPages.refer": (a_referral_for_in_the_browser, "case_id", str(uuid.uuid4())),
    "ContactsPage.issue_code": (a_status_code_by_form, "contact_id", str(uuid.uuid4())),
    "CasePage.case_page": (opening_an_award_row, "case_id", str(uuid.uuid4())),
}
SHOWN = {"CasePage.case_page"}
"""routes whose id in the query only picks among the record's own (which row comes opened):
another's is answered with the page, exactly as an unknown one is, rather than refused"""


def ids_in_bodies_and_queries() -> set[str]:
    """Routes whose JSON body or query takes a record's id or a survivor's code, read from
    their signatures; forms read inside a page's handler are listed by hand."""
    # the claimants field of the new-case form; the record a document is attached to, in a
    # multipart body the handlers read themselves; the survivor examined, in the page's form
    # and the cases of the violation and referral forms; the contact of the status-code form
    found = {
        "NewCase.open_case",
        "upload_document",
        "upload_on_case_page",
        "ExaminationForm.record_examination",
        "ViolationPages.record",
        "ReferralPages.refer",
        "ContactsPage.issue_code",
    }
    for app_route in create_app("postgresql+asyncpg://unused/unused").routes:
        for handler in getattr(app_route, "route_handlers", []):
            for name, parameter in handler.parsed_fn_signature.parameters.items():
                if name in app_route.path_parameters:
                    continue
                shape = parameter.annotation
                hints = (
                    get_type_hints(shape, include_extras=True)
                    if isinstance(shape, type) and issubclass(shape, Struct)
                    else {name: shape}
                )
                if any(_an_id(hint) for hint in hints.values()):
                    found.add(route_key(handler))
    return found


def _an_id(hint: Any) -> bool:
    text = repr(hint)
    return "UUID" in text or "SurvivorCode" in text or r"S-\\d{4}" in text


def test_every_route_taking_an_id_in_its_body_or_query_is_tried_with_a_foreign_one() -> None:
    assert ids_in_bodies_and_queries() == set(IN_BODIES)


@pytest.mark.parametrize("key", sorted(IN_BODIES))
async def test_a_foreign_id_in_a_body_is_refused_as_an_unknown_one_is(
    app_client: Client, engine: AsyncEngine, accounts: dict[str, Account], key: str
) -> None:
    build, kind, unknown = IN_BODIES[key]
    world = await make_world(engine, accounts, mine=True)
    foreign = await foreign_records(engine, accounts)
    known = str(getattr(foreign, kind))
    answers = []
    for named in (known, unknown):
        method, path, body = await build(world, named)
        headers = await fresh_headers(engine, accounts["lawyer"])
        response = await app_client.request(
            method, path, headers=headers, follow_redirects=False, **sent(body)
        )
        app_client.cookies.clear()
        if key in SHOWN:
            assert response.status_code == 200, (key, named, response.text)
        else:
            assert 400 <= response.status_code < 500, (key, named, response.text)
        answers.append(
            (response.status_code, without_form_tokens(response.text.replace(named, "<id>")))
        )
    assert answers[0] == answers[1], "another team's record answers as an unknown one does"
