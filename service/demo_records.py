"""What the demo survivors' files hold beside the court record: family members who agreed to
hear of the case, and what was done to each survivor (violation records, linked to the cases
brought over them), so `make run` shows the record's pages and the research figures filled.
All of it fictional."""

import uuid
from datetime import date, datetime, time

import msgspec
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.calendar import NAIROBI
from domain.cases import CaseClaimant, Survivor
from domain.contacts import Channel
from notifications.i18n import Language
from service.usecases.families.consent import record_consent
from service.usecases.families.contacts import add_contact
from service.usecases.families.contacts_in import NewContact
from service.usecases.records.violations import ViolationIn, record_violation

# Family members who agreed to hear of the case (fictional numbers; without an SMS gateway set
# up, their texts go to the log).
DEMO_CONTACTS = (
    ("Juma Kiprono Mwangi", "Mwanaisha Mwangi", "sister", "0700 123 456", Language.SW),
    ("Brian Kipchumba", "Esther Chepkoech", "mother", "0711 654 321", Language.SW),
    ("Mwanajuma Wekesa", "Mwanajuma Wekesa", "self", "0722 000 111", Language.EN),
)


async def demo_contacts(
    sessions: async_sessionmaker[AsyncSession], codes: dict[str, str], admin: uuid.UUID
) -> None:
    actor = Actor("demo-data", "local", admin)
    for survivor, name, relationship, phone, language in DEMO_CONTACTS:
        new = NewContact(name, relationship, language, Channel.SMS, phone=phone)
        async with sessions() as session:
            contact = await add_contact(session, actor, codes[survivor], new)
        async with sessions() as session:
            await record_consent(session, actor, contact.contact.id)


# (survivor, years before the demo's today, month or 0 when only the year is known, county,
#  what was done, agency, unit, place)
DEMO_VIOLATIONS = (
    ("Juma Kiprono Mwangi", 13, 8, "Nairobi", ["torture", "arbitrary_arrest"], "kenya_police_service", "Kileleshwa Police Station", "the cells at Kileleshwa"),
    ("Halima Abdi Noor", 13, 8, "Nairobi", ["cruel_treatment", "arbitrary_arrest"], "kenya_police_service", "Kileleshwa Police Station", "the cells at Kileleshwa"),
    ("Peter Njoroge Kariuki", 12, 3, "Kiambu", ["extrajudicial_execution"], "kenya_police_service", None, "a road near Githurai market"),
    ("Akinyi Ouma Owino", 11, 7, "Kisumu", ["excessive_force_protest"], "gsu", None, "Kondele roundabout"),
    ("Mwanajuma Wekesa", 9, 0, "Mombasa", ["torture"], "administration_police", None, None),
    ("Brian Kipchumba", 8, 11, "Nakuru", ["death_in_custody"], "kenya_police_service", "Central Police Station, Nakuru", None),
    ("Samuel Otieno", 8, 2, "Nairobi", ["extrajudicial_execution"], "kenya_police_service", None, "Kibera, near the railway line"),
    ("Khadija Ali", 6, 5, "Garissa", ["enforced_disappearance"], "dci", None, None),
    ("Lilian Nekesa", 3, 9, "Kakamega", ["sexual_violence", "torture"], "administration_police", None, None),
    ("Daniel Mutwiri", 1, 4, "Meru", ["extrajudicial_execution"], "kenya_police_service", None, None),
)  # fmt: skip


async def _cases_of(session: AsyncSession, code: str) -> list[uuid.UUID]:
    found = await session.exec(
        select(CaseClaimant.case_id)
        .join(Survivor, col(Survivor.id) == CaseClaimant.survivor_id)
        .where(Survivor.code == code)
    )
    return list(found.all())


async def demo_violations(
    sessions: async_sessionmaker[AsyncSession],
    codes: dict[str, str],
    today: date,
    admin: uuid.UUID,
) -> None:
    """One record for each survivor of DEMO_VIOLATIONS, linked to every case naming them."""
    actor = Actor("demo-data", "local", admin)
    now = datetime.combine(today, time(12), tzinfo=NAIROBI)
    for name, years_ago, month, county, types, agency, unit, place in DEMO_VIOLATIONS:
        async with sessions() as session:
            cases = await _cases_of(session, codes[name])
        given = {
            "year": today.year - years_ago,
            "month": month or None,
            "county": county,
            "types": types,
            "agency": agency,
            "unit": unit,
            "place": place,
            "cases": cases,
        }
        entry = msgspec.convert({k: v for k, v in given.items() if v is not None}, ViolationIn)
        async with sessions() as session:
            await record_violation(session, actor, codes[name], entry, None, now)
