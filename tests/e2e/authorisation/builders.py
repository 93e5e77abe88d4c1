"""Builders of the requests that need more than the world: referrals, payments reversed,
imports checked, documents, examinations and violation records corrected."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import select

from domain.awards import DisbursementMethod, PaymentReceived
from domain.documents import DocumentKind, RecordKind
from domain.examinations import ExaminationForm
from domain.users import User
from service.amounts import Shillings
from service.database import make_sessionmaker
from service.imports.layouts import ImportKind
from service.usecases.awards.costs_certificate import certify_costs
from service.usecases.awards.disbursements import disburse
from service.usecases.awards.entries import DisbursementIn
from service.usecases.awards.orders import CompensationRules
from service.usecases.awards.taxed_costs import add_taxed_costs
from service.usecases.importing.drafts import keep_draft
from service.usecases.importing.request import ImportRequest
from service.usecases.records.documents import DocumentRules, Upload, keep_document
from service.usecases.records.examinations import NewExamination, record_examination
from service.usecases.records.referrals import ReferralIn, refer
from service.usecases.records.sealing import keyring_of
from tests.conftest import TEST_DOCUMENT_KEYS
from tests.e2e.authorisation.record_requests import VIOLATION, a_partner, a_violation
from tests.e2e.authorisation.world import P3_FORM, Build, CsvUpload, Form, Multipart, World
from tests.factories import TEST_ACTOR


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
