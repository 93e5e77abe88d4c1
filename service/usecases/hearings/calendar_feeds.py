"""Calendar feeds: a secret address per user that opens their hearings, and nothing else."""

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, update
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.cases import Case
from domain.errors import N_, NotFound
from domain.hearings import CalendarFeed, Hearing
from domain.users import CaseMember, User
from service.usecases.accounts.audit import audit

LOOK_BACK = timedelta(days=90)
"""how far back a feed reaches: recent dates stay visible with their outcome"""

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,100}")
"""what `secrets.token_urlsafe` makes; anything else is refused before it reaches the database"""

UNKNOWN = N_("No calendar feed is at this address: it may have been replaced or revoked.")


@dataclass(frozen=True)
class FeedItem:
    """One hearing as the feed shows it, with the dates it was adjourned from and to."""

    hearing: Hearing
    case: Case
    adjourned_from: datetime | None
    adjourned_to: datetime | None


@dataclass(frozen=True)
class Feed:
    owner: User
    items: list[FeedItem]


def _token_hash(token: str) -> str:
    """The same scheme as session tokens (service/usecases/accounts/users.py), in another table: a
    feed token is not a sign-in, so it must never be found where sessions are looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


async def _revoke_live(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> int:
    revoked = await session.exec(
        update(CalendarFeed)
        .where(col(CalendarFeed.user_id) == user_id, col(CalendarFeed.revoked_at).is_(None))
        .values(revoked_at=now)
    )
    return int(revoked.rowcount or 0)


async def issue_feed(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> str:
    """A new secret feed token, shown once; the user's earlier feeds stop working at once.

    One live feed per user: rotating is how a leaked link is closed. The user's row is locked
    so that two issues at the same moment still leave exactly one live feed.
    """
    token = secrets.token_urlsafe(32)
    async with session.begin():
        user = (
            await session.exec(select(User).where(User.id == user_id).with_for_update())
        ).first()
        if user is None:
            raise NotFound(N_("No user has the id %(id)s."), id=user_id)
        now = utcnow()
        replaced = await _revoke_live(session, user_id, now)
        session.add(CalendarFeed(token_hash=_token_hash(token), user_id=user_id, created_at=now))
        audit(session, actor, "calendar_feed.issue", "user", user_id, replaced=replaced)
    return token


async def revoke_feeds(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> None:
    async with session.begin():
        revoked = await _revoke_live(session, user_id, utcnow())
        audit(session, actor, "calendar_feed.revoke", "user", user_id, revoked=revoked)


async def feed_for_token(session: AsyncSession, token: str, now: datetime | None = None) -> Feed:
    """The owner of a live feed token and their hearings from LOOK_BACK ago onwards.

    An unknown, malformed or revoked token, or one whose owner is disabled, gets the same
    NotFound, so a guesser learns nothing. Reading writes nothing, not even an audit row:
    phones poll every few minutes, and the feed holds no survivor's name or personal data
    (see service/calendar/ics.py), which is what the audit trail is for.
    """
    if not TOKEN_SHAPE.fullmatch(token):
        raise NotFound(UNKNOWN)
    owner = (
        await session.exec(
            select(User)
            .join(CalendarFeed, col(CalendarFeed.user_id) == User.id)
            .where(
                CalendarFeed.token_hash == _token_hash(token),
                col(CalendarFeed.revoked_at).is_(None),
                col(User.disabled_at).is_(None),
            )
        )
    ).first()
    if owner is None:
        raise NotFound(UNKNOWN)
    return Feed(owner, await _hearings_of(session, owner.id, (now or utcnow()) - LOOK_BACK))


async def _hearings_of(
    session: AsyncSession, user_id: uuid.UUID, since: datetime
) -> list[FeedItem]:
    """Hearings of the cases on whose team the user is, as of this read: leaving a team takes
    its dates out of the feed on the next poll."""
    earlier, later = aliased(Hearing), aliased(Hearing)
    rows = await session.exec(
        select(Hearing, Case, earlier.starts_at, later.starts_at)
        .join(Case, col(Case.id) == Hearing.case_id)
        .join(
            CaseMember,
            and_(col(CaseMember.case_id) == Hearing.case_id, col(CaseMember.user_id) == user_id),
        )
        .outerjoin(earlier, col(earlier.id) == Hearing.adjourned_from_id)
        .outerjoin(later, col(later.adjourned_from_id) == Hearing.id)
        .where(col(Hearing.starts_at) >= since)
        .order_by(col(Hearing.starts_at), col(Hearing.id))
    )
    return [FeedItem(hearing, case, before, after) for hearing, case, before, after in rows.all()]
