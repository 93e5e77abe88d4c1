"""Requests built from the world's records alone: users, feeds, status codes, the family's
phone, a new case, an award, violation records and partners."""

import uuid
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlmodel import select

from domain.contacts import Contact
from domain.family_phones import FamilyMessage
from domain.referrals import Partner, PartnerKind
from service.database import make_sessionmaker
from service.settings import Settings
from service.usecases.families.family_messages import leave_message
from service.usecases.families.status_codes import CodeRules, issue_code
from service.usecases.hearings.calendar_feeds import issue_feed
from service.usecases.records.referrals import PartnerIn, add_partner
from service.usecases.records.violations import ViolationIn, record_violation
from tests.conftest import REPORT_SECRET
from tests.deliveries import sms_delivery
from tests.e2e.authorisation.world import Form, World
from tests.factories import TEST_ACTOR


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
