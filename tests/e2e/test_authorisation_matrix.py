"""Every route of the app, for every role, on the lawyer's own case and on someone else's,
against the answer the access rules promise. Routes come from the app's route table: a new
route fails here until it is given an expectation (and a rule in service/auth/rules.py)."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, get_type_hints

import msgspec
import pytest
from msgspec import Struct
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select

from domain.awards import DisbursementMethod, PaymentReceived
from domain.contacts import Channel, Contact
from domain.documents import DocumentKind, RecordKind
from domain.examinations import ExaminationForm
from domain.family_phones import FamilyMessage
from domain.hearings import HearingPurpose
from domain.referrals import Partner, PartnerKind
from domain.users import Role, User
from notifications.i18n import Language
from service.amounts import Shillings
from service.app import create_app
from service.auth.policy import route_key
from service.auth.rules import POLICY
from service.database import make_sessionmaker
from service.imports.layouts import ImportKind
from service.settings import Settings
from service.usecases.accounts.team import assign
from service.usecases.accounts.users import add_user, open_session
from service.usecases.awards.costs_certificate import certify_costs
from service.usecases.awards.disbursements import disburse
from service.usecases.awards.entries import DisbursementIn
from service.usecases.awards.orders import CompensationRules, claimant_code
from service.usecases.awards.taxed_costs import add_taxed_costs
from service.usecases.families.consent import record_consent
from service.usecases.families.contacts import add_contact
from service.usecases.families.contacts_in import NewContact
from service.usecases.families.family_messages import leave_message
from service.usecases.families.status_codes import CodeRules, issue_code
from service.usecases.hearings.calendar_feeds import issue_feed
from service.usecases.hearings.court_dates import schedule
from service.usecases.hearings.dates_in import HearingIn
from service.usecases.importing.drafts import keep_draft
from service.usecases.importing.request import ImportRequest
from service.usecases.records.documents import DocumentRules, Upload, keep_document
from service.usecases.records.examinations import NewExamination, record_examination
from service.usecases.records.referrals import PartnerIn, ReferralIn, add_partner, refer
from service.usecases.records.sealing import keyring_of
from service.usecases.records.violations import ViolationIn, record_violation
from tests.conftest import REPORT_SECRET, TEST_DOCUMENT_KEYS, Account, empty_tables
from tests.deliveries import sms_delivery
from tests.e2e.helpers import Client, without_form_tokens
from tests.factories import TEST_ACTOR, awarded_and_part_paid, registered_case

MENTION = HearingPurpose.MENTION
ROLES = ("anonymous", "admin", "lawyer", "advocacy", "viewer")
OK = "2xx"


@dataclass
class World:
    """Fresh records for one request: a case the lawyer is on (`mine`) or not."""

    case_id: uuid.UUID
    code: str
    teammate: uuid.UUID
    award_id: uuid.UUID
    fresh_case_id: uuid.UUID
    """a second case of the same team, still at intake, for a court step that must succeed"""
    engine: AsyncEngine
    hearing_id: uuid.UUID
    """a hearing next week on the case"""
    past_hearing_id: uuid.UUID
    """a hearing of yesterday on the case, its outcome not yet recorded"""
    contact_id: uuid.UUID
    """a consenting contact of the case's claimant (version 2: added, then consent recorded)"""

    async def throwaway_user(self) -> uuid.UUID:
        async with make_sessionmaker(self.engine)() as session:
            user = await add_user(
                session,
                TEST_ACTOR,
                username=f"victim-{uuid.uuid4().hex[:8]}",
                full_name="Throwaway",
                role=Role.VIEWER,
                password="throwaway-password",
            )
        return user.id


Build = Callable[[World], Awaitable[tuple[str, str, Any]]]


def route(method: str, path: str, body: dict[str, Any] | None = None) -> Build:
    async def build(w: World) -> tuple[str, str, dict[str, Any] | None]:
        where = path.format(
            case=w.case_id,
            fresh=w.fresh_case_id,
            code=w.code,
            teammate=w.teammate,
            award=w.award_id,
            hearing=w.hearing_id,
            past=w.past_hearing_id,
            contact=w.contact_id,
        )
        return method, where, body

    return build


async def chase_the_whole_case(w: World) -> tuple[str, str, dict[str, Any]]:
    """The case's award named in the body: the guard decides on the case, the use case that
    each award named is the case's own (tests/e2e/test_case_follow_ups.py)."""
    body = {"on": "2024-07-01", "kind": "call", "reference": "AG/FU/2"}
    return "POST", f"/cases/{w.case_id}/follow-ups", body | {"award_ids": [str(w.award_id)]}


async def disable_someone(w: World) -> tuple[str, str, None]:
    return "POST", f"/users/{await w.throwaway_user()}/disable", None


async def change_someones_role(w: World) -> tuple[str, str, dict[str, Any]]:
    return "PUT", f"/users/{await w.throwaway_user()}/role", {"role": "advocacy"}


async def reset_someones_password(w: World) -> tuple[str, str, dict[str, Any]]:
    body = {"password": "a-long-enough-password"}
    return "POST", f"/users/{await w.throwaway_user()}/password", body


async def read_a_feed(w: World) -> tuple[str, str, None]:
    """The feed's address is its credential: a live one, issued for the teammate."""
    async with make_sessionmaker(w.engine)() as session:
        token = await issue_feed(session, TEST_ACTOR, w.teammate)
    return "GET", f"/calendar/{token}.ics", None


class Form(dict[str, str]):
    """A body the route takes form-encoded, as the SMS gateway posts it."""


async def report_a_delivery(w: World) -> tuple[str, str, Form]:
    """The secret in the address is the credential; the report is of a text the gateway took."""
    sent = await sms_delivery(w.engine)
    form = Form(id=str(sent.provider_id), status="Success", phoneNumber=sent.address)
    return "POST", f"/notifications/sms-reports/{REPORT_SECRET}", form


async def issue_a_status_code(w: World) -> tuple[str, str, dict[str, Any]]:
    return "POST", f"/cases/{w.case_id}/status-codes", {"contact_id": str(w.contact_id)}


async def issued_code(w: World) -> str:
    rules = CodeRules.of(Settings())
    async with make_sessionmaker(w.engine)() as session:
        return (await issue_code(session, TEST_ACTOR, rules, w.case_id, w.contact_id)).code


async def revoke_the_status_code(w: World) -> tuple[str, str, None]:
    await issued_code(w)
    return "DELETE", f"/cases/{w.case_id}/status-codes/{w.contact_id}", None


async def revoke_the_status_code_by_form(w: World) -> tuple[str, str, "Form"]:
    await issued_code(w)
    return "POST", f"/web/cases/{w.case_id}/status-codes/{w.contact_id}/revoke", Form()


async def renew_the_status_code(w: World) -> tuple[str, str, None]:
    await issued_code(w)
    return "POST", f"/cases/{w.case_id}/status-codes/{w.contact_id}/renew", None


async def list_the_status_codes(w: World) -> tuple[str, str, None]:
    await issued_code(w)
    return "GET", f"/cases/{w.case_id}/status-codes", None


async def ask_where_the_case_is(w: World) -> tuple[str, str, None]:
    """The status code in the address is the credential: a family has no account."""
    return "GET", f"/status/{await issued_code(w)}", None


async def dial_the_office(w: World) -> tuple[str, str, Form]:
    """The gateway's secret in the address is the credential: a family's phone has no account."""
    form = Form(sessionId=f"ATUid_{uuid.uuid4().hex}", serviceCode="*384*4242#",
                phoneNumber="+254712345678", text="")  # fmt: skip
    return "POST", f"/phones/ussd/{REPORT_SECRET}", form


async def text_the_office(w: World) -> tuple[str, str, Form]:
    form = Form(id=f"ATXid_{uuid.uuid4().hex}", to="40404", text="PIGA")
    form["from"] = "+254712345678"
    return "POST", f"/phones/sms/{REPORT_SECRET}", form


async def opt_out_at_the_gateway(w: World) -> tuple[str, str, Form]:
    form = Form(senderId="HAKI", phoneNumber="+254712345678")
    return "POST", f"/phones/opt-outs/{REPORT_SECRET}", form


async def a_family_message(w: World) -> uuid.UUID:
    """Words the case's consenting contact texted in, as the gateway would have brought them."""
    async with make_sessionmaker(w.engine)() as session, session.begin():
        contact = await session.get(Contact, w.contact_id)
        assert contact is not None
        await leave_message(session, contact, "Tafadhali nipigie", datetime.now(UTC))
        found = await session.exec(
            select(FamilyMessage.id).where(FamilyMessage.case_id == w.case_id)
        )
        return found.one()


async def mark_the_message_read(w: World) -> tuple[str, str, None]:
    return "POST", f"/cases/{w.case_id}/family-messages/{await a_family_message(w)}/read", None


async def set_someones_addresses(w: World) -> tuple[str, str, dict[str, Any]]:
    body = {"email": "someone@example.org", "phone": "0712 345 678"}
    return "PUT", f"/users/{await w.throwaway_user()}/contact-details", body


async def open_a_case(w: World) -> tuple[str, str, dict[str, Any]]:
    return (
        "POST",
        "/cases",
        {
            "reference": f"HAKI/M/{uuid.uuid4().hex[:8]}",
            "title": "M v Attorney General",
            "kind": "civil_claim",
            "court_level": "high_court",
            "court_station": "Nyeri",
            "lead_counsel": "Counsel",
            "claimants": [w.code],
            "respondents": ["Attorney General"],
        },
    )


async def record_an_award(w: World) -> tuple[str, str, dict[str, Any]]:
    return (
        "POST",
        f"/cases/{w.case_id}/awards",
        {
            "claimant": w.code,
            "respondent": "Attorney General",
            "rate_as_ordered": "12% p.a.",
            "heads": [{"kind": "costs", "amount": "5000.00", "interest_from": None}],
        },
    )


async def record_an_award_by_form(w: World) -> tuple[str, str, "Form"]:
    """The case is awarded already: a second award, for the same claimant, by the page."""
    form = Form(claimant=w.code, respondent="Attorney General", costs_amount="5,000", rate="court")
    return "POST", f"/web/cases/{w.case_id}/awards", form


VIOLATION = {"year": 2024, "county": "Nyeri", "types": ["torture"], "agency": "gsu"}


async def a_violation(w: World) -> uuid.UUID:
    """A violation recorded for the world's claimant."""
    async with make_sessionmaker(w.engine)() as session:
        entry = msgspec.convert(VIOLATION, ViolationIn)
        return (await record_violation(session, TEST_ACTOR, w.code, entry, None)).id


async def read_a_violation(w: World) -> tuple[str, str, None]:
    return "GET", f"/violations/{await a_violation(w)}", None


async def add_a_violation_type(w: World) -> tuple[str, str, dict[str, Any]]:
    code = f"kind_{uuid.uuid4().hex[:8]}"
    return "POST", "/violation-types", {"code": code, "name_en": code, "name_sw": code}


async def a_partner(w: World) -> str:
    """The world's one partner: a page that lists the directory draws the same each time."""
    sessions = make_sessionmaker(w.engine)
    async with sessions() as session:
        known = (await session.exec(select(Partner.id))).first()
    if known is not None:
        return str(known)
    async with sessions() as session:
        given = PartnerIn(name="Matrix medical centre", kind=PartnerKind.MEDICAL)
        return str((await add_partner(session, TEST_ACTOR, given)).id)


async def refer_the_claimant(w: World) -> tuple[str, str, dict[str, Any]]:
    return "POST", f"/survivors/{w.code}/referrals", {"partner_id": await a_partner(w)}


async def add_a_violation_type_by_form(w: World) -> tuple[str, str, "Form"]:
    name = f"Kind {uuid.uuid4().hex[:8]}"
    return "POST", "/web/admin/violation-types", Form(name_en=name, name_sw=f"Aina {name}")


async def reactivate_by_form(w: World) -> tuple[str, str, "Form"]:
    return "POST", f"/web/admin/partners/{await a_partner(w)}/active", Form(active="yes")


async def refer_by_form(w: World) -> tuple[str, str, "Form"]:
    return "POST", f"/web/survivors/{w.code}/referrals", Form(partner_id=await a_partner(w))


async def a_referral(w: World) -> uuid.UUID:
    given = ReferralIn(partner_id=uuid.UUID(await a_partner(w)))
    async with make_sessionmaker(w.engine)() as session:
        return (await refer(session, TEST_ACTOR, w.code, given, None)).id


async def accept_the_referral(w: World) -> tuple[str, str, dict[str, Any]]:
    body = {"step": "accept", "version": 1}
    return "POST", f"/referrals/{await a_referral(w)}/steps", body


async def accept_by_form(w: World) -> tuple[str, str, "Form"]:
    return "POST", f"/web/referrals/{await a_referral(w)}/steps", Form(step="accept", version="1")


async def add_a_partner(w: World) -> tuple[str, str, dict[str, Any]]:
    return "POST", "/referral-partners", {"name": f"P {uuid.uuid4().hex[:8]}", "kind": "legal_aid"}


async def add_account(w: World) -> tuple[str, str, dict[str, Any]]:
    return (
        "POST",
        "/users",
        {
            "username": f"new-{uuid.uuid4().hex[:8]}",
            "full_name": "New Person",
            "role": "viewer",
            "password": "a-long-enough-password",
        },
    )


async def reverse_the_payment(w: World) -> tuple[str, str, dict[str, Any]]:
    """The KES 1,000 the award received on 1 June 2024, reversed a month later."""
    async with make_sessionmaker(w.engine)() as session:
        found = await session.exec(
            select(PaymentReceived.id).where(PaymentReceived.award_id == w.award_id)
        )
        paid = found.one()
    body = {"reversed_on": "2024-07-01", "reason": "cheque returned unpaid"}
    return "POST", f"/awards/{w.award_id}/payments/{paid}/reversal", body


async def reverse_a_disbursement(w: World) -> tuple[str, str, dict[str, Any]]:
    """KES 500 of that payment passed on to the survivor, then reversed."""
    async with make_sessionmaker(w.engine)() as session:
        given = DisbursementIn(
            date(2024, 6, 10),
            Shillings("500"),
            DisbursementMethod.MPESA,
            "The survivor",
            "QX12AB34CD",
        )
        _, sent = await disburse(session, TEST_ACTOR, w.award_id, given)
    body = {"reversed_on": "2024-07-01", "reason": "sent to a wrong number"}
    return "POST", f"/awards/{w.award_id}/disbursements/{sent.id}/reversal", body


async def certify_costs_taxed_later(w: World) -> tuple[str, str, dict[str, Any]]:
    """Costs taxed on 1 July 2024, after the certificate of order of 1 February."""
    async with make_sessionmaker(w.engine)() as session:
        await add_taxed_costs(
            session,
            TEST_ACTOR,
            w.award_id,
            amount=Decimal("7500"),
            taxed_on=date(2024, 7, 1),
            certificate_ref="CoC 3/2024",
            rules=CompensationRules(),
        )
    return "POST", f"/awards/{w.award_id}/costs/certificate", {"issued_on": "2024-07-02"}


async def serve_the_certificate_of_costs(w: World) -> tuple[str, str, dict[str, Any]]:
    await certify_costs_taxed_later(w)
    async with make_sessionmaker(w.engine)() as session:
        await certify_costs(session, TEST_ACTOR, w.award_id, date(2024, 7, 2))
    return "POST", f"/awards/{w.award_id}/costs/certificate/service", {"served_on": "2024-07-03"}


async def check_an_import(w: World) -> tuple[str, str, bytes]:
    """A one-row cases file, as a dry run: the body is the CSV file itself."""
    body = (
        "reference,title,kind,court_level,court_station,lead_counsel,claimants,respondents\n"
        f"HAKI/M/{uuid.uuid4().hex[:8]},M v AG,civil_claim,high_court,Nyeri,Counsel,{w.code},AG\n"
    )
    return "POST", "/imports/cases?dry_run=true", body.encode()


class CsvUpload(dict[str, str]):
    """A body sent as multipart/form-data, as the import page sends it: these fields, and the
    text of `csv` as the file `register.csv` in the field `file`."""


async def check_an_import_on_the_page(w: World) -> tuple[str, str, CsvUpload]:
    _, _, body = await check_an_import(w)
    return "POST", "/web/imports", CsvUpload(kind="cases", csv=body.decode())


async def import_a_checked_file(w: World) -> tuple[str, str, Form]:
    """A file the administrator checked, waiting as their draft: only they may import it."""
    _, _, body = await check_an_import(w)
    checked = ImportRequest(ImportKind.CASES, body, "register.csv", dry_run=True)
    async with make_sessionmaker(w.engine)() as session:
        admin = (await session.exec(select(User).where(User.username == "test.admin"))).one()
        draft = await keep_draft(session, admin.id, checked, 1, datetime.now(UTC))
    return "POST", "/web/imports/import", Form(draft=str(draft.id), sha256=checked.sha256)


class Multipart(dict[str, str]):
    """A body sent as multipart/form-data: these fields and a P3 form as the field `file`."""


P3_FORM = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def sent(body: Any) -> dict[str, Any]:
    """How the test client sends a body: a form, a multipart upload, raw bytes or JSON."""
    if isinstance(body, CsvUpload):
        fields = dict(body)
        upload = ("register.csv", fields.pop("csv").encode(), "text/csv")
        return {"data": fields, "files": {"file": upload}}
    if isinstance(body, Multipart):
        return {"data": dict(body), "files": {"file": ("p3-form.pdf", P3_FORM, "application/pdf")}}
    if isinstance(body, Form):
        return {"data": body}
    return {"content": body} if isinstance(body, bytes) else {"json": body}


def an_examination(code: str) -> dict[str, str]:
    return {
        "survivor": code,
        "form": "p3_form",
        "examined_on": "2024-03-04",
        "examined_by": "Dr. A. Njoroge",
        "place": "Nairobi Police Surgery",
    }


async def examined(w: World) -> uuid.UUID:
    """A P3 examination of the world's claimant, on the world's case."""
    given = NewExamination(w.code, ExaminationForm.P3_FORM, date(2024, 3, 4), "Dr. N", "Nyeri")
    async with make_sessionmaker(w.engine)() as session:
        return (await record_examination(session, TEST_ACTOR, w.case_id, given)).id


async def record_an_examination(w: World) -> tuple[str, str, dict[str, Any]]:
    return "POST", f"/cases/{w.case_id}/examinations", an_examination(w.code)


async def read_an_examination(w: World) -> tuple[str, str, None]:
    return "GET", f"/examinations/{await examined(w)}", None


async def upload_to_the_examination(w: World) -> tuple[str, str, Multipart]:
    fields = Multipart(kind="p3_form", record_kind="examination", record_id=str(await examined(w)))
    return "POST", f"/cases/{w.case_id}/documents", fields


async def download_a_document(w: World) -> tuple[str, str, None]:
    """A P3 form kept on the world's case."""
    rules = DocumentRules(keyring_of(TEST_DOCUMENT_KEYS), 1024 * 1024)
    upload = Upload(DocumentKind.P3_FORM, "p3-form.pdf", P3_FORM, None, RecordKind.CASE)
    async with make_sessionmaker(w.engine)() as session:
        document = await keep_document(session, TEST_ACTOR, w.case_id, upload, rules)
    return "GET", f"/documents/{document.id}/file", None


async def upload_on_the_page(w: World) -> tuple[str, str, Multipart]:
    fields = Multipart(kind="p3_form", attached_to=f"examination:{await examined(w)}")
    return "POST", f"/web/cases/{w.case_id}/documents", fields


async def record_an_examination_on_the_page(w: World) -> tuple[str, str, Form]:
    return "POST", f"/web/cases/{w.case_id}/examinations", Form(an_examination(w.code))


async def correct_a_violation(w: World) -> tuple[str, str, dict[str, Any]]:
    return "PUT", f"/violations/{await a_violation(w)}", VIOLATION | {"version": 1}


async def correct_a_violation_by_form(w: World) -> tuple[str, str, Form]:
    given = Form(year="2023", county="Nyeri", types="torture", agency="gsu", version="1")
    return "POST", f"/web/violations/{await a_violation(w)}", given


def on_a_violation(method: str, path: str, body: Any = None) -> Build:
    """A request about a fresh violation record of the world's claimant: `{v}` is its id."""

    async def build(w: World) -> tuple[str, str, Any]:
        where = path.format(v=await a_violation(w), case=w.case_id)
        return method, where, body

    return build


async def link_by_form(w: World) -> tuple[str, str, Form]:
    return "POST", f"/web/violations/{await a_violation(w)}/cases", Form(case_id=str(w.case_id))


async def reactivate_a_partner(w: World) -> tuple[str, str, dict[str, bool]]:
    return "POST", f"/referral-partners/{await a_partner(w)}/active", {"active": True}


NEXT_MONTH = (datetime.now(UTC) + timedelta(days=30)).isoformat()

# route key -> (what the access rules promise, how to make a request that would succeed)
EXPECTED: dict[str, tuple[str, Build]] = {
    "live": ("public", route("GET", "/health/live")),
    "ready": ("public", route("GET", "/health/ready")),
    "AuthController.login": (
        "public",
        route(
            "POST",
            "/auth/login",
            {"username": "test.viewer", "password": "viewer-password-for-tests"},
        ),
    ),
    "AuthController.logout": ("signed_in", route("POST", "/auth/logout")),
    "AuthController.me": ("signed_in", route("GET", "/auth/me")),
    "CaseController.list_cases": ("signed_in", route("GET", "/cases")),
    "CaseController.open_case": ("names_survivor", open_a_case),
    "CaseController.get_case": ("case_read", route("GET", "/cases/{case}")),
    "CaseController.allowed_steps": ("case_read", route("GET", "/cases/{case}/transitions")),
    "CaseController.history": ("case_read", route("GET", "/cases/{case}/events")),
    "CaseController.record_step": (
        "case_change",
        route("POST", "/cases/{fresh}/transitions", {"trigger": "withdraw", "version": 1}),
    ),
    "CaseController.change_details": (
        "case_change",
        route("PATCH", "/cases/{fresh}", {"version": 1, "title": "M v Attorney General"}),
    ),
    "CaseController.parties": ("case_personal", route("GET", "/cases/{case}/parties")),
    "TeamController.team": ("case_read", route("GET", "/cases/{case}/team")),
    "TeamController.add_member": (
        "admin",
        route("PUT", "/cases/{case}/team/{teammate}", {"lead": False}),
    ),
    "TeamController.remove_member": ("admin", route("DELETE", "/cases/{case}/team/{teammate}")),
    "CaseAwardController.record": ("case_change", record_an_award),
    "CaseAwardController.of_case": ("case_read", route("GET", "/cases/{case}/awards")),
    "AwardController.get_award": ("case_read", route("GET", "/awards/{award}")),
    "AwardController.allowed_steps": ("case_read", route("GET", "/awards/{award}/transitions")),
    "AwardController.history": ("case_read", route("GET", "/awards/{award}/events")),
    "AwardController.statement": ("case_read", route("GET", "/awards/{award}/statement")),
    "AwardController.record_step": (
        "case_change",
        route("POST", "/awards/{award}/transitions", {"trigger": "stay", "version": 5}),
    ),
    "AwardController.receive": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/payments",
            {
                "received_on": "2024-07-01",
                "amount": "1000.00",
                "payer": "Treasury",
                "reference": "R",
            },
        ),
    ),
    "AwardController.disburse": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/disbursements",
            {
                "paid_on": "2024-07-01",
                "amount": "500.00",
                "method": "mpesa",
                "beneficiary": "The survivor",
                "reference": "QX12AB34CD",
            },
        ),
    ),
    "AwardController.tax_costs": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/costs",
            {"amount": "75000.00", "taxed_on": "2024-07-01", "certificate_ref": "CoC 12/2024"},
        ),
    ),
    "AwardController.settle": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/settlement",
            {"settled_on": "2024-07-01", "amount": "50000.00", "terms": "Consent recorded"},
        ),
    ),
    "AwardController.certify_costs": ("case_change", certify_costs_taxed_later),
    "AwardController.serve_costs_certificate": ("case_change", serve_the_certificate_of_costs),
    "log_follow_up": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/follow-ups",
            {"on": "2024-07-01", "kind": "letter", "reference": "AG/FU/1"},
        ),
    ),
    "log_case_follow_up_route": ("case_change", chase_the_whole_case),
    "award_follow_ups": ("case_read", route("GET", "/awards/{award}/follow-ups")),
    "reverse_payment": ("case_change", reverse_the_payment),
    "reverse_disbursement": ("case_change", reverse_a_disbursement),
    "award_ledger": ("case_personal", route("GET", "/awards/{award}/ledger")),
    "demand_letter_to_the_ag": (
        "case_personal",
        route("GET", "/awards/{award}/demand-letter?lang=sw"),
    ),
    "case_demand_letter_to_the_ag": (
        "case_personal",
        route("GET", "/cases/{case}/demand-letter?lang=sw"),
    ),
    "follow_ups_due": ("signed_in", route("GET", "/follow-ups/due")),
    "SurvivorController.register": (
        "staff",
        route("POST", "/survivors", {"full_name": "New Person"}),
    ),
    "SurvivorController.get": ("survivor_personal", route("GET", "/survivors/{code}")),
    "ViolationController.record": (
        "survivor_personal",
        route("POST", "/survivors/{code}/violations", VIOLATION),
    ),
    "ViolationController.of_survivor": (
        "survivor_personal",
        route("GET", "/survivors/{code}/violations"),
    ),
    "ViolationController.get_violation": ("survivor_personal", read_a_violation),
    "ViolationController.of_case": ("case_read", route("GET", "/cases/{case}/violations")),
    "ViolationController.change_violation": ("survivor_personal", correct_a_violation),
    "ViolationController.link_case": (
        "survivor_personal",
        on_a_violation("POST", "/violations/{v}/cases/{case}"),
    ),
    "ViolationController.unlink_case": (
        "survivor_personal",
        on_a_violation("DELETE", "/violations/{v}/cases/{case}"),
    ),
    "upload_violation_document": (
        "survivor_personal",
        on_a_violation("POST", "/violations/{v}/documents", Multipart(kind="medical_report")),
    ),
    "violation_documents": (
        "survivor_personal",
        on_a_violation("GET", "/violations/{v}/documents"),
    ),
    "PartnerController.set_active": ("admin", reactivate_a_partner),
    "ViolationTypeController.list_types": ("signed_in", route("GET", "/violation-types")),
    "ReferralController.refer": ("survivor_personal", refer_the_claimant),
    "ReferralController.of_survivor": (
        "survivor_personal",
        route("GET", "/survivors/{code}/referrals"),
    ),
    "ReferralController.step": ("survivor_personal", accept_the_referral),
    "PartnerController.list_partners": ("signed_in", route("GET", "/referral-partners")),
    "PartnerController.add_partner": ("admin", add_a_partner),
    "ViolationTypeController.add_type": ("admin", add_a_violation_type),
    "ViolationReportController.figures": (
        "signed_in",
        route("GET", "/reports/violations?format=csv&table=county_agency"),
    ),
    "ViolationReportController.chart": (
        "signed_in",
        route("GET", "/reports/violations/chart.svg?lang=sw"),
    ),
    "UserController.list_users": ("admin", route("GET", "/users")),
    "UserController.add": ("admin", add_account),
    "UserController.disable": ("admin", disable_someone),
    "UserController.change_role": ("admin", change_someones_role),
    "UserController.reset_password": ("admin", reset_someones_password),
    "AuditController.search": ("admin", route("GET", "/audit")),
    "CaseHearingController.schedule": (
        "case_change",
        route("POST", "/cases/{case}/hearings", {"starts_at": NEXT_MONTH, "purpose": "mention"}),
    ),
    "CaseHearingController.of_case": ("case_read", route("GET", "/cases/{case}/hearings")),
    "NoticeController.give": (
        "case_change",
        route(
            "POST",
            "/cases/{case}/notices-to-sue",
            {"served_on": "2021-03-01", "served_on_whom": "the Attorney General"},
        ),
    ),
    "NoticeController.of_case": ("case_read", route("GET", "/cases/{case}/notices-to-sue")),
    "HearingController.cause_list": ("signed_in", route("GET", "/hearings")),
    "HearingController.get_hearing": ("case_read", route("GET", "/hearings/{hearing}")),
    "HearingController.reschedule": (
        "case_change",
        route(
            "POST",
            "/hearings/{hearing}/reschedule",
            {"version": 1, "starts_at": NEXT_MONTH, "reason": "the judge is on leave"},
        ),
    ),
    "HearingController.held": (
        "case_change",
        route("POST", "/hearings/{past}/held", {"version": 1, "outcome": "directions given"}),
    ),
    "HearingController.adjourn": (
        "case_change",
        route(
            "POST",
            "/hearings/{past}/adjourn",
            {"version": 1, "reason": "the file was missing", "next_starts_at": NEXT_MONTH},
        ),
    ),
    "HearingController.vacate": (
        "case_change",
        route("POST", "/hearings/{hearing}/vacate", {"version": 1, "reason": "settled"}),
    ),
    "ReminderRuleController.list_rules": ("signed_in", route("GET", "/reminder-rules")),
    "ReminderRuleController.replace_rules": (
        "admin",
        route("PUT", "/reminder-rules", [{"audience": "team", "days_before": 2}]),
    ),
    "CalendarController.issue": ("signed_in", route("POST", "/calendar/feed")),
    "CalendarController.revoke": ("signed_in", route("DELETE", "/calendar/feed")),
    "CalendarController.feed": ("public", read_a_feed),
    "SurvivorContactController.add": (
        "survivor_personal",
        route(
            "POST",
            "/survivors/{code}/contacts",
            {"name": "Mama", "relationship": "mother", "language": "sw", "channel": "log"},
        ),
    ),
    "SurvivorContactController.of_survivor": (
        "survivor_personal",
        route("GET", "/survivors/{code}/contacts"),
    ),
    "ContactController.get_contact": ("contact_personal", route("GET", "/contacts/{contact}")),
    "ContactController.update": (
        "contact_personal",
        route("PATCH", "/contacts/{contact}", {"version": 2, "language": "en"}),
    ),
    "ContactController.record_consent": (
        "contact_personal",
        route("POST", "/contacts/{contact}/consent", {}),
    ),
    "ContactController.withdraw_consent": (
        "contact_personal",
        route("DELETE", "/contacts/{contact}/consent"),
    ),
    "StatusCodeController.issue": ("case_personal", issue_a_status_code),
    "StatusCodeController.revoke": ("case_personal", revoke_the_status_code),
    "StatusCodeController.renew": ("case_personal", renew_the_status_code),
    "StatusCodeController.codes": ("case_personal", list_the_status_codes),
    "family_status": ("public", ask_where_the_case_is),
    # an empty body clears: the shared test accounts keep no address
    "my_contact_details": ("signed_in", route("PUT", "/auth/me/contact-details", {})),
    "user_contact_details": ("admin", set_someones_addresses),
    "sms_delivery_report": ("public", report_a_delivery),
    "ussd_session": ("public", dial_the_office),
    "text_from_a_phone": ("public", text_the_office),
    "opt_out_from_the_gateway": ("public", opt_out_at_the_gateway),
    "FamilyMessageController.of_case": (
        "case_personal",
        route("GET", "/cases/{case}/family-messages"),
    ),
    "FamilyMessageController.mark_read": ("case_personal", mark_the_message_read),
    "MetricsController.get": ("admin", route("GET", "/metrics")),
    "ReportController.time_to_payment": ("signed_in", route("GET", "/reports/time-to-payment")),
    "ReportController.time_to_payment_by_respondent": (
        "signed_in",
        route("GET", "/reports/time-to-payment/by-respondent"),
    ),
    "ReportController.pipeline": ("signed_in", route("GET", "/reports/pipeline")),
    "ReportController.unpaid_chart": ("signed_in", route("GET", "/reports/unpaid/chart.svg")),
    "ReportController.outstanding_chart": (
        "signed_in",
        route("GET", "/reports/outstanding-over-time/chart.svg"),
    ),
    "unpaid_report": ("signed_in", route("GET", "/reports/unpaid")),
    "unpaid_award_list": ("signed_in", route("GET", "/reports/unpaid/awards?sort=outstanding")),
    "import_records": ("admin", check_an_import),
    "import_template": ("admin", route("GET", "/imports/cases/template.csv")),
    "full_export": ("admin", route("GET", "/exports/full.zip")),
    "upload_document": ("case_change", upload_to_the_examination),
    "case_documents": ("case_read", route("GET", "/cases/{case}/documents")),
    "download_document": ("case_personal", download_a_document),
    "CaseExaminationController.record": ("case_change", record_an_examination),
    "CaseExaminationController.of_case": (
        "case_personal",
        route("GET", "/cases/{case}/examinations"),
    ),
    "get_examination": ("case_personal", read_an_examination),
}


async def open_a_case_in_the_browser(w: World) -> tuple[str, str, Form]:
    _, _, body = await open_a_case(w)
    fields = {k: v for k, v in body.items() if isinstance(v, str)}
    return "POST", "/web/cases/new", Form(fields, claimants=w.code, respondents="Attorney General")


def in_the_browser(build: Build) -> Build:
    """The same request to the page route beside the API's (under /web), sent as a form."""

    async def paged(w: World) -> tuple[str, str, Form]:
        method, path, body = await build(w)
        return method, "/web" + path, Form(body or {})

    return paged


async def lead_by_form(w: World) -> tuple[str, str, Form]:
    """The teammate made lead counsel, by the team page's form."""
    return "POST", f"/web/cases/{w.case_id}/team", Form(user_id=str(w.teammate), lead="yes")


def posted_in_the_browser(build: Build) -> Build:
    """As `in_the_browser`, for an API route a page form does with POST (forms know no PUT)."""

    async def posted(w: World) -> tuple[str, str, Form]:
        _, path, body = await in_the_browser(build)(w)
        return "POST", path, body

    return posted


# the browser interface (service/web/): its forms are posted form-encoded; a signed-in request
# with a Bearer header needs no form token (only the session cookie is guarded by one)
PAGES: dict[str, tuple[str, Build]] = {
    "front_door": ("public", route("GET", "/")),
    "SessionPages.login_form": ("public", route("GET", "/web/login")),
    "SessionPages.login": (
        "public",
        route(
            "POST",
            "/web/login",
            Form(username="test.viewer", password="viewer-password-for-tests"),
        ),
    ),
    "SessionPages.logout": ("signed_in", route("POST", "/web/logout", Form())),
    "SessionPages.choose_language": ("public", route("GET", "/web/language/sw")),
    "SessionPages.asset": ("public", route("GET", "/web/static/haki.css")),
    "WeekPage.my_week": ("signed_in", route("GET", "/web/")),
    "CasePage.case_page": ("case_read", route("GET", "/web/cases/{case}")),
    "CasePage.record_step": (
        "case_change",
        route("POST", "/web/cases/{fresh}/steps", Form(trigger="withdraw", version="1")),
    ),
    "CasePage.schedule": (
        "case_change",
        route("POST", "/web/cases/{case}/hearings", Form(starts_at=NEXT_MONTH, purpose="mention")),
    ),
    "CasePage.give_notice": (
        "case_change",
        route(
            "POST",
            "/web/cases/{case}/notices-to-sue",
            Form(served_on="2021-03-01", served_on_whom="the Attorney General"),
        ),
    ),
    "CasePage.adjourn": (
        "case_change",
        route(
            "POST",
            "/web/hearings/{past}/adjourn",
            Form(version="1", reason="the file was missing", next_starts_at=NEXT_MONTH),
        ),
    ),
    "CasePage.held": (
        "case_change",
        route("POST", "/web/hearings/{past}/held", Form(version="1", outcome="directions given")),
    ),
    "CaseList.case_list": ("signed_in", route("GET", "/web/cases?stage=hearing&q=HAKI")),
    "CaseList.case_list_csv": ("signed_in", route("GET", "/web/cases.csv?q=HAKI&sort=stage")),
    "UnpaidPage.unpaid": ("signed_in", route("GET", "/web/unpaid")),
    "ViolationPages.violations_page": (
        "survivor_personal",
        route("GET", "/web/survivors/{code}/violations"),
    ),
    "ViolationPages.record": (
        "survivor_personal",
        route(
            "POST",
            "/web/survivors/{code}/violations",
            Form(year="2024", county="Nyeri", types="torture", agency="gsu"),
        ),
    ),
    "ViolationFiguresPage.figures_page": ("signed_in", route("GET", "/web/violations/figures")),
    "PartnersPage.partners_page": ("admin", route("GET", "/web/admin/partners")),
    "PartnersPage.add_partner": (
        "admin",
        route("POST", "/web/admin/partners", Form(name="Partner by form", kind="legal_aid")),
    ),
    "ReferralPages.refer": ("survivor_personal", refer_by_form),
    "ViolationPage.violation_page": (
        "survivor_personal",
        on_a_violation("GET", "/web/violations/{v}"),
    ),
    "ViolationPage.change": ("survivor_personal", correct_a_violation_by_form),
    "ViolationPage.link": (
        "survivor_personal",
        link_by_form,
    ),
    "ViolationPage.unlink": (
        "survivor_personal",
        on_a_violation("POST", "/web/violations/{v}/cases/{case}/unlink", Form()),
    ),
    "upload_on_violation_page": (
        "survivor_personal",
        on_a_violation("POST", "/web/violations/{v}/documents", Multipart(kind="photograph")),
    ),
    "VocabularyPage.vocabulary_page": ("admin", route("GET", "/web/admin/violation-types")),
    "VocabularyPage.add_type": ("admin", add_a_violation_type_by_form),
    "import_page": ("admin", route("GET", "/web/imports")),
    "check_import_file": ("admin", check_an_import_on_the_page),
    "import_checked_file": ("admin", import_a_checked_file),
    "PartnersPage.set_active": ("admin", reactivate_by_form),
    "ReferralPages.step": ("survivor_personal", accept_by_form),
    "UnpaidListPage.unpaid_list": ("signed_in", route("GET", "/web/unpaid/awards")),
    "CalendarPage.calendar": ("signed_in", route("GET", "/web/calendar")),
    "CalendarPage.new_feed": ("signed_in", route("POST", "/web/calendar/feed", Form())),
    "CalendarPage.close_feed": ("signed_in", route("POST", "/web/calendar/close", Form())),
    "AwardOrderForm.record_award": ("case_change", record_an_award_by_form),
    "AwardForms.record_step": (
        "case_change",
        route("POST", "/web/awards/{award}/steps", Form(trigger="stay", version="5")),
    ),
    "AwardForms.receive": (
        "case_change",
        route(
            "POST",
            "/web/awards/{award}/payments",
            Form(received_on="2024-07-01", amount="1000.00", payer="Treasury", reference="R"),
        ),
    ),
    "AwardForms.log_follow_up": (
        "case_change",
        route(
            "POST",
            "/web/awards/{award}/follow-ups",
            Form(on="2024-07-01", kind="letter", reference="AG/FU/1"),
        ),
    ),
    "CaseChaseForm.log_follow_up": (
        "case_change",
        route(
            "POST",
            "/web/cases/{case}/follow-ups",
            Form(on="2024-07-01", kind="visit", reference="AG/FU/3"),
        ),
    ),
    "NewCase.new_case_form": ("staff", route("GET", "/web/cases/new")),
    "NewCase.register_survivor": (
        "staff",
        route("POST", "/web/survivors", Form(full_name="Matrix Survivor")),
    ),
    "NewCase.open_case": ("names_survivor", open_a_case_in_the_browser),
    "AwardLedger.ledger_page": ("case_personal", route("GET", "/web/awards/{award}/ledger")),
    "AwardLedger.disburse": (
        "case_change",
        route(
            "POST",
            "/web/awards/{award}/disbursements",
            Form(
                paid_on="2024-06-03",
                amount="100.00",
                method="mpesa",
                beneficiary="B",
                reference="R",
            ),
        ),
    ),
    "AwardLedger.settle": (
        "case_change",
        route(
            "POST",
            "/web/awards/{award}/settlement",
            Form(settled_on="2024-07-01", amount="50000.00", terms="Consent recorded"),
        ),
    ),
    "AwardLedger.reverse_payment": ("case_change", in_the_browser(reverse_the_payment)),
    "AdminHome.admin_home": ("admin", route("GET", "/web/admin")),
    "UsersPage.users": ("admin", route("GET", "/web/users")),
    "UsersPage.add_user": ("admin", in_the_browser(add_account)),
    "UsersPage.change_role": ("admin", posted_in_the_browser(change_someones_role)),
    "UsersPage.reset_password": ("admin", in_the_browser(reset_someones_password)),
    "UsersPage.disable_user": ("admin", in_the_browser(disable_someone)),
    "CaseDetailsPage.edit_form": ("case_change", route("GET", "/web/cases/{case}/edit")),
    "CaseDetailsPage.change_details": (
        "case_change",
        route("POST", "/web/cases/{fresh}/edit", Form(version="1", title="M v Attorney General")),
    ),
    "ReminderRulesPage.reminder_rules": ("admin", route("GET", "/web/reminder-rules")),
    "ReminderRulesPage.add_rule": (
        "admin",
        route("POST", "/web/reminder-rules", Form(audience="team", days_before="2")),
    ),
    "ReminderRulesPage.remove_rule": (
        "admin",
        route("POST", "/web/reminder-rules/remove", Form(place="0")),
    ),
    "AuditPage.audit_trail": ("admin", route("GET", "/web/audit?record_type=case")),
    "TeamPage.team_page": ("admin", route("GET", "/web/cases/{case}/team")),
    "TeamPage.add_member": ("admin", lead_by_form),
    "TeamPage.remove_member": (
        "admin",
        route("POST", "/web/cases/{case}/team/{teammate}/remove", Form()),
    ),
    "AwardLedger.reverse_disbursement": ("case_change", in_the_browser(reverse_a_disbursement)),
    "CasePage.mark_family_message_read": ("case_personal", in_the_browser(mark_the_message_read)),
    "upload_on_case_page": ("case_change", upload_on_the_page),
    "ExaminationForm.record_examination": ("case_change", record_an_examination_on_the_page),
    "ContactsPage.contacts": ("survivor_personal", route("GET", "/web/survivors/{code}/contacts")),
    "ContactsPage.add_contact": (
        "survivor_personal",
        route(
            "POST",
            "/web/survivors/{code}/contacts",
            Form(
                name="Matrix Contact",
                relationship="brother",
                language="sw",
                channel="sms",
                phone="0712 345 678",
                quiet_from="21:00",
                quiet_until="07:00",
            ),
        ),
    ),
    "ContactsPage.change_contact": (
        "contact_personal",
        route(
            "POST",
            "/web/contacts/{contact}",
            Form(
                version="2",
                name="Matrix Contact",
                relationship="mother",
                language="en",
                channel="sms",
                phone="0712 345 678",
                quiet_from="21:00",
                quiet_until="07:00",
            ),
        ),
    ),
    "ContactsPage.record_consent": (
        "contact_personal",
        route("POST", "/web/contacts/{contact}/consent", Form(way="in_person")),
    ),
    "ContactsPage.withdraw_consent": (
        "contact_personal",
        route("POST", "/web/contacts/{contact}/consent/withdraw", Form()),
    ),
    # the contact in the body: one of another case's survivor answers as an unknown one (404)
    "ContactsPage.issue_code": ("case_personal", in_the_browser(issue_a_status_code)),
    "ContactsPage.revoke_code": ("case_personal", revoke_the_status_code_by_form),
}
EXPECTED |= PAGES


def page_answers(response: Any, expected: str | int) -> None:
    """A page answers in HTML: done (a page, or on to the next one), a refusal page, or, to
    someone not signed in, the sign-in page."""
    location = response.headers.get("location", "")
    if expected == OK:
        assert response.status_code in {200, 303}, response.text
        assert not location.startswith("/web/login?next="), location
    elif expected == 401:
        assert response.status_code == 303 and location.startswith("/web/login?next="), location
    else:
        assert response.status_code == expected, response.text
        assert response.headers["content-type"].startswith("text/html")


def promised(rule: str, role: str, mine: bool) -> str | int:
    """The answer the access rules promise, written out independently of the policy table."""
    if rule == "public":
        return OK
    if role == "anonymous":
        return 401
    if rule == "signed_in":
        return OK
    if rule == "admin":
        return OK if role == "admin" else 403
    if rule == "staff":
        return OK if role in {"admin", "lawyer"} else 403
    if rule == "names_survivor":  # the survivor code in the body: refused as an unknown code is
        if role in {"advocacy", "viewer"}:
            return 403
        return 422 if role == "lawyer" and not mine else OK
    if rule == "case_read":
        return 404 if role == "lawyer" and not mine else OK
    # case_change, case_personal, survivor_personal, contact_personal
    if role in {"advocacy", "viewer"}:
        return 403
    return 404 if role == "lawyer" and not mine else OK


APP_ROUTES = sorted(
    {
        route_key(handler)
        for app_route in create_app("postgresql+asyncpg://unused/unused").routes
        for handler in getattr(app_route, "route_handlers", [])
        if handler.http_methods != {"OPTIONS"} and not app_route.path.startswith("/schema")
    }
)


def test_every_route_has_a_rule_and_an_expectation() -> None:
    assert set(APP_ROUTES) - set(POLICY) == set(), "routes without an access rule"
    assert set(APP_ROUTES) - set(EXPECTED) == set(), "routes missing from this matrix"
    assert set(POLICY) == set(APP_ROUTES), "rules for routes that no longer exist"


async def make_world(engine: AsyncEngine, accounts: dict[str, Account], mine: bool) -> World:
    await empty_tables(engine)
    lawyer, other = accounts["lawyer"].user, accounts["other_lawyer"].user
    sessions = make_sessionmaker(engine)
    award = await awarded_and_part_paid(sessions, lead=lawyer.id if mine else other.id)
    case_id = award.case_id
    if mine:
        async with sessions() as session:
            await assign(session, TEST_ACTOR, case_id, other.id, lead=False)
    async with sessions() as session:
        code = await claimant_code(session, award)
    fresh, _ = await registered_case(
        sessions, lead=lawyer.id if mine else other.id, reference="HAKI/T/2"
    )
    now = datetime.now(UTC)
    async with sessions() as session:
        coming = await schedule(
            session,
            TEST_ACTOR,
            case_id,
            HearingIn(starts_at=now + timedelta(days=7), purpose=MENTION),
        )
    async with sessions() as session:
        past = await schedule(
            session,
            TEST_ACTOR,
            case_id,
            HearingIn(
                starts_at=now - timedelta(days=1), purpose=MENTION, recorded_after_the_fact=True
            ),
        )
    async with sessions() as session:
        contact = await add_contact(
            session,
            TEST_ACTOR,
            code,
            NewContact("Mama", "mother", Language.SW, Channel.SMS, phone="0712345678"),
        )
    async with sessions() as session:
        await record_consent(session, TEST_ACTOR, contact.contact.id)
    return World(
        case_id, code, other.id, award.id, fresh.id, engine, coming.id, past.id, contact.contact.id
    )


async def fresh_headers(engine: AsyncEngine, account: Account | None) -> dict[str, str]:
    """A new session per request, so that logging out in one cell ends nothing elsewhere."""
    if account is None:
        return {}
    async with make_sessionmaker(engine)() as session, session.begin():
        token = (await open_session(session, account.user, timedelta(minutes=5))).token
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("mine", [True, False], ids=["own-case", "others-case"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", APP_ROUTES)
async def test_access(
    app_client: Client,
    engine: AsyncEngine,
    accounts: dict[str, Account],
    key: str,
    role: str,
    mine: bool,
) -> None:
    rule, build = EXPECTED[key]
    world = await make_world(engine, accounts, mine)
    method, path, body = await build(world)
    headers = await fresh_headers(engine, None if role == "anonymous" else accounts[role])
    app_client.headers.pop("Authorization", None)
    response = await app_client.request(
        method, path, headers=headers, follow_redirects=False, **sent(body)
    )
    app_client.cookies.clear()  # a page's sign-in sets one: it must not sign in later requests
    expected = promised(rule, role, mine)
    if key in PAGES:
        page_answers(response, expected)
        return
    if expected == OK:
        assert 200 <= response.status_code < 300, (method, path, response.text)
    else:
        assert response.status_code == expected, (method, path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")


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
    async with sessions() as session:
        contact = await add_contact(
            session,
            TEST_ACTOR,
            code,
            NewContact("Baba", "father", Language.SW, Channel.SMS, phone="0722345678"),
        )
    async with sessions() as session:
        await record_consent(session, TEST_ACTOR, contact.contact.id)
    return Foreign(case.id, case.reference, code, contact.contact.id)


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


DAYS = timedelta(days=10)
LISTINGS = {
    "CaseController.list_cases": "/cases?counsel=Counsel&station=Nyeri&limit=100",
    "CaseList.case_list": "/web/cases?q=HAKI",
    "CaseList.case_list_csv": "/web/cases.csv?q=HAKI",
    "HearingController.cause_list": (
        f"/hearings?counsel=Counsel&station=Nyeri&from={datetime.now(UTC).date() - DAYS}"
        f"&to={datetime.now(UTC).date() + DAYS}"
    ),
    "follow_ups_due": "/follow-ups/due?within=366",
    "WeekPage.my_week": "/web/",
}


@pytest.mark.parametrize("key", sorted(LISTINGS))
async def test_a_listings_filters_never_widen_it_past_the_lawyers_cases(
    app_client: Client, engine: AsyncEngine, accounts: dict[str, Account], key: str
) -> None:
    """The world's award, hearings and cases are another team's (served on the Attorney
    General, so a follow-up is due); the lawyer has a case of their own."""
    assert POLICY[key].name == "CASE_LIST"
    await make_world(engine, accounts, mine=False)
    lawyer = accounts["lawyer"].user.id
    await registered_case(make_sessionmaker(engine), lead=lawyer, reference="HAKI/MINE/1")
    app_client.headers.pop("Authorization", None)
    for role, shown in (("lawyer", False), ("admin", True)):
        headers = await fresh_headers(engine, accounts[role])
        answer = await app_client.get(LISTINGS[key], headers=headers)
        app_client.cookies.clear()
        assert answer.status_code == 200, answer.text
        assert ("HAKI/T/1" in answer.text) is shown, (role, key)
