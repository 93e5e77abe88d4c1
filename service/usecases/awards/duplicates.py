"""The same money or the same court date written twice is refused by a unique index, and the
refusal says in words what it clashes with.

The index decides, not a look before writing: twenty identical requests at once meet it in the
database, where one commits and the others find its row (a unique check waits for the
transaction holding the same key). Each write is tried in a savepoint, so a clash leaves the
caller's transaction usable (an import goes on with its next row) and raises `Conflict`.
"""

from datetime import date
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, Disbursement, PaymentReceived
from domain.errors import N_, Conflict
from domain.hearings import Hearing

Entry = TypeVar("Entry", PaymentReceived, Disbursement)
LIVE_SITTING = "uq_hearings_live_sitting"


def _clashed(error: IntegrityError, index: str) -> bool:
    return f'"{index}"' in str(error.orig)


def _live(kind: type[Entry], award: Award, reference: str) -> Any:
    """Entries of the award with the reference that are not reversals and not reversed."""
    reversal = aliased(kind)
    reversed_ = select(reversal.id).where(col(reversal.reverses_id) == kind.id).exists()
    return (
        (col(kind.award_id) == award.id)
        & (col(kind.reference) == reference)
        & col(kind.reverses_id).is_(None)
        & ~reversed_
    )


async def prior_reversals(
    session: AsyncSession, kind: type[Entry], award: Award, reference: str
) -> int:
    """How many entries with this reference were reversed: a new entry counts them, so it
    differs in the index from each of them and from no live one."""
    reversal = aliased(kind)
    counted = select(func.count()).where(
        col(kind.award_id) == award.id,
        col(kind.reference) == reference,
        col(kind.reverses_id).is_(None),
        select(reversal.id).where(col(reversal.reverses_id) == kind.id).exists(),
    )
    return int((await session.exec(counted)).one())


async def add_entry(session: AsyncSession, award: Award, entry: Entry) -> Entry:
    """The entry written, or `Conflict` naming the live entry with its reference."""
    kind = type(entry)
    entry.prior_reversals = await prior_reversals(session, kind, award, entry.reference)
    try:
        async with session.begin_nested():
            session.add(entry)
            await session.flush()
    except IntegrityError as error:
        if not _clashed(error, f"uq_{kind.__tablename__}_live_reference"):
            raise
        raise await _entry_clash(session, kind, award, entry.reference) from None
    return entry


async def _entry_clash(
    session: AsyncSession, kind: type[Entry], award: Award, reference: str
) -> Conflict:
    live = select(kind).where(_live(kind, award, reference)).order_by(col(kind.id))
    there = (await session.exec(live)).first()
    on = _day(there) if there is not None else "—"
    if kind is PaymentReceived:
        return Conflict(
            N_(
                "A payment with the reference %(reference)s is already recorded on this award, "
                "received on %(on)s; if the State paid twice, record the second payment with "
                "its own reference."
            ),
            reference=reference,
            on=on,
        )
    return Conflict(
        N_(
            "Money passed on with the reference %(reference)s is already recorded on this "
            "award, paid on %(on)s; if the money was sent twice, record the second with its "
            "own reference."
        ),
        reference=reference,
        on=on,
    )


def _day(entry: PaymentReceived | Disbursement) -> date:
    return entry.received_on if isinstance(entry, PaymentReceived) else entry.paid_on


async def write_sitting(session: AsyncSession, hearing: Hearing) -> None:
    """The hearing added or moved, or `Conflict` if the case has that date for that purpose."""
    purpose, starts_at = hearing.purpose, hearing.starts_at  # a failed flush expires them
    try:
        async with session.begin_nested():
            session.add(hearing)
            await session.flush()
    except IntegrityError as error:
        if not _clashed(error, LIVE_SITTING):
            raise
        raise Conflict(
            N_(
                "This case already has a court date for %(purpose)s set for %(at)s; open that "
                "date to change it rather than setting it again."
            ),
            purpose=purpose,
            at=starts_at,
        ) from None
