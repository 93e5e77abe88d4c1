"""Status codes: a consenting contact asks where the case is, and learns its stage and next
court date in their language, and nothing else. A code works for a year (HAKI_STATUS_CODE_DAYS)
after it is issued or renewed; its hash is keyed with the server's secret."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import NAIROBI
from domain.cases import Case, CaseClaimant, Survivor
from domain.contacts import Contact, StatusCode, consenting
from domain.errors import N_, InvalidInput, NotFound
from domain.family_codes import code_hash, code_key, new_code, normalised
from domain.hearings import Hearing, HearingStatus
from domain.stages import Stage
from notifications.i18n import Language
from service.settings import Settings
from service.usecases.accounts.audit import audit
from service.usecases.cases.register import get_case

UNKNOWN = N_("No case answers to this code: check it, or ask the office for a new one.")
NOTHING_TO_RENEW = N_(
    "This contact has no status code for this case that can be renewed (none was issued, or "
    "it was revoked): issue a new one."
)


@dataclass(frozen=True)
class CodeRules:
    """How codes are kept: the key of their hashes, and how long one works."""

    key: bytes
    lifetime: timedelta

    @classmethod
    def of(cls, settings: Settings) -> "CodeRules":
        """`settings` as service/secret_key.py completed them, with the secret filled in."""
        if not settings.secret_key:
            raise ValueError("settings without a secret key: pass them through with_secret_key")
        return cls(code_key(settings.secret_key), timedelta(days=settings.status_code_days))


@dataclass(frozen=True)
class Issued:
    code: str
    """shown to the lawyer this once; Haki keeps only its keyed hash"""
    expires_at: datetime


@dataclass(frozen=True)
class LiveCode:
    """A contact's code for a case as staff see it: never the code, which is not kept."""

    contact_id: uuid.UUID
    issued_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class FamilyStatus:
    """All a status code opens: never a name, a sum, the violation or the court."""

    survivor_code: str
    stage: Stage
    next_court_day: date | None
    """in Nairobi"""
    language: Language
    """the contact's, unless the family asked for the other"""
    contact_id: uuid.UUID | None = None
    """whose code it is: an answer sent to them by SMS is cancelled if they withdraw"""


async def _revoke(
    session: AsyncSession, case_id: uuid.UUID, contact_id: uuid.UUID, now: datetime
) -> int:
    revoked = await session.exec(
        update(StatusCode)
        .where(
            col(StatusCode.case_id) == case_id,
            col(StatusCode.contact_id) == contact_id,
            col(StatusCode.revoked_at).is_(None),
        )
        .values(revoked_at=now)
    )
    return int(revoked.rowcount or 0)


async def issue_code(
    session: AsyncSession,
    actor: Actor,
    rules: CodeRules,
    case_id: uuid.UUID,
    contact_id: uuid.UUID,
) -> Issued:
    """A new code, shown once; the contact's earlier code for the case stops working, so a
    lost or overheard code is closed by issuing another. The contact's row is locked, as
    withdrawing consent locks it, so a code is never issued beside a withdrawal."""
    code = new_code()
    now = utcnow()
    expires_at = now + rules.lifetime
    async with session.begin():
        await get_case(session, case_id)
        contact = await session.get(Contact, contact_id, with_for_update=True)
        claimant = (
            await session.get(CaseClaimant, (case_id, contact.survivor_id)) if contact else None
        )
        if contact is None or claimant is None:  # the same words: a contact id is not probed
            raise InvalidInput(
                N_("No contact with the id %(id)s speaks for a claimant in this case."),
                "contact_id",
                id=contact_id,
            )
        if not contact.consents:
            raise InvalidInput(
                N_(
                    "This contact has not consented to hear about the case, withdrew, or has a "
                    "new phone or e-mail since consenting: record consent first."
                ),
                "contact_id",
            )
        replaced = await _revoke(session, case_id, contact_id, now)
        session.add(
            StatusCode(
                code_hash=code_hash(str(normalised(code)), rules.key),
                case_id=case_id,
                contact_id=contact_id,
                created_at=now,
                expires_at=expires_at,
            )
        )
        audit(
            session,
            actor,
            "status_code.issue",
            "case",
            case_id,
            contact_id=str(contact_id),
            replaced=replaced,
        )
    return Issued(code, expires_at)


async def renew_code(
    session: AsyncSession,
    actor: Actor,
    rules: CodeRules,
    case_id: uuid.UUID,
    contact_id: uuid.UUID,
) -> datetime:
    """The contact's code for the case works for another full term from now, even once it has
    expired: the family keeps the code they know. A revoked code stays revoked (it was closed
    because it was lost or overheard, or consent withdrawn): issue a new one instead. Locks
    as issuing does, so a renewal never revives a code beside a withdrawal of consent."""
    now = utcnow()
    async with session.begin():
        await get_case(session, case_id)
        contact = await session.get(Contact, contact_id, with_for_update=True)
        live = (
            await session.exec(
                select(StatusCode).where(
                    StatusCode.case_id == case_id,
                    StatusCode.contact_id == contact_id,
                    col(StatusCode.revoked_at).is_(None),
                )
            )
        ).first()
        if contact is None or not contact.consents or live is None:
            raise NotFound(NOTHING_TO_RENEW)
        live.expires_at = now + rules.lifetime
        session.add(live)
        audit(
            session,
            actor,
            "status_code.renew",
            "case",
            case_id,
            contact_id=str(contact_id),
            expires_at=live.expires_at.isoformat(),
        )
    return live.expires_at


async def live_codes(session: AsyncSession, case_id: uuid.UUID) -> list[LiveCode]:
    """The case's codes not revoked, expired ones too, so the lawyer sees what to renew."""
    async with session.begin():
        await get_case(session, case_id)
        rows = await session.exec(
            select(StatusCode)
            .where(StatusCode.case_id == case_id, col(StatusCode.revoked_at).is_(None))
            .order_by(col(StatusCode.expires_at))
        )
        return [LiveCode(r.contact_id, r.created_at, r.expires_at) for r in rows]


async def revoke_codes(
    session: AsyncSession, actor: Actor, case_id: uuid.UUID, contact_id: uuid.UUID
) -> int:
    """Safe to repeat; refused only when the contact never had a code for the case."""
    async with session.begin():
        await get_case(session, case_id)
        ever = await session.exec(
            select(func.count())
            .select_from(StatusCode)
            .where(StatusCode.case_id == case_id, StatusCode.contact_id == contact_id)
        )
        if not ever.one():
            raise NotFound(
                N_("The contact %(id)s has no status code for this case."), id=contact_id
            )
        revoked = await _revoke(session, case_id, contact_id, utcnow())
        audit(
            session,
            actor,
            "status_code.revoke",
            "case",
            case_id,
            contact_id=str(contact_id),
            revoked=revoked,
        )
    return revoked


async def family_status(
    session: AsyncSession,
    rules: CodeRules,
    typed: str,
    language: Language | None,
    now: datetime | None = None,
    phone: str | None = None,
) -> FamilyStatus:
    """An unknown, malformed, expired or revoked code, or one whose contact withdrew consent or
    has a new phone or e-mail since, gets the same NotFound, so a guesser learns nothing; asked
    from a `phone` (USSD, SMS), so does a code whose contact has another number. Nothing
    is written, not even an audit row: the answer holds no personal data, and a public route
    must not let anyone fill tables."""
    code = normalised(typed)
    if code is None:
        raise NotFound(UNKNOWN)
    now = now or utcnow()
    query = (
        select(Survivor.code, Case.id, Case.stage, Contact)
        .select_from(StatusCode)
        .join(Contact, col(Contact.id) == StatusCode.contact_id)
        .join(Survivor, col(Survivor.id) == Contact.survivor_id)
        .join(Case, col(Case.id) == StatusCode.case_id)
        .where(
            StatusCode.code_hash == code_hash(code, rules.key),
            col(StatusCode.revoked_at).is_(None),
            consenting(),
            col(StatusCode.expires_at) > now,
        )
    )
    if phone is not None:
        query = query.where(col(Contact.phone) == phone)
    found = (await session.exec(query)).first()
    if found is None:
        raise NotFound(UNKNOWN)
    survivor_code, case_id, stage, contact = found
    next_at = (
        await session.exec(
            select(func.min(Hearing.starts_at)).where(
                Hearing.case_id == case_id,
                Hearing.status == HearingStatus.SCHEDULED,
                col(Hearing.starts_at) > now,
            )
        )
    ).one()
    return FamilyStatus(
        survivor_code,
        Stage(stage),
        next_at.astimezone(NAIROBI).date() if next_at else None,
        language or Language(contact.language),
        contact.id,
    )
