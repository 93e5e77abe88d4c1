"""Files checked on the import page, waiting for their administrator to import them.

The check is a dry run; when it finds nothing wrong the file is kept here, bound to who sent
it and to its sha256, so the import writes exactly what was checked. Importing deletes the
draft in the same breath: a second confirm of the same draft (another tab, a double click
past the form's token) finds nothing and writes nothing. A draft holds personal data, so it
lives an hour and the expired ones are purged on every check and by the worker's clock.
"""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.import_drafts import ImportDraft
from service.imports.layouts import ImportKind
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportReport, ImportRules, run_import

KEEP = timedelta(hours=1)
"""how long a checked file waits: a clerk imports it minutes after the check, or checks again"""


async def keep_draft(
    session: AsyncSession, user_id: uuid.UUID, checked: ImportRequest, rows: int, now: datetime
) -> ImportDraft:
    """The checked file kept for its administrator; drafts past their hour go first."""
    await session.exec(delete(ImportDraft).where(col(ImportDraft.expires_at) <= now))
    draft = ImportDraft(
        user_id=user_id,
        kind=checked.kind.value,
        file_name=checked.file_name,
        sha256=checked.sha256,
        data=checked.data,
        rows=rows,
        created_at=now,
        expires_at=now + KEEP,
    )
    session.add(draft)
    await session.commit()
    return draft


async def import_draft(
    sessions: async_sessionmaker[AsyncSession],
    actor: Actor,
    draft_id: uuid.UUID,
    sha256: str,
    rules: ImportRules,
    now: datetime,
) -> ImportReport | None:
    """Imports the draft if it is this administrator's, within its hour and the same file;
    None otherwise (another's, used, expired: all alike, so an id says nothing of others).

    The draft is deleted in a transaction held open while the file is imported, committed only
    when the import was written: a concurrent confirm waits on the row and then finds none; a
    file the database now refuses (a colleague imported a row meanwhile) keeps its draft."""
    if actor.user_id is None:
        return None
    taking = (
        delete(ImportDraft)
        .where(col(ImportDraft.id) == draft_id)
        .where(col(ImportDraft.user_id) == actor.user_id)
        .where(col(ImportDraft.expires_at) > now)
        .returning(col(ImportDraft.kind), col(ImportDraft.file_name), col(ImportDraft.data))
    )
    async with sessions() as session:
        transaction = await session.begin()
        try:
            taken = (await session.exec(taking)).first()
            if taken is None:
                return None
            given = ImportRequest(ImportKind(taken.kind), taken.data, taken.file_name, False)
            if given.sha256 != sha256:
                return None
            report = await run_import(sessions, actor, given, rules=rules, now=now)
            if report.written:
                await transaction.commit()
            return report
        finally:
            if transaction.is_active:
                await transaction.rollback()


async def purge_expired(engine: AsyncEngine, now: datetime) -> None:
    """Run by the clock: a file past its hour is not kept for a check nobody confirmed."""
    async with engine.begin() as connection:
        await connection.execute(delete(ImportDraft).where(col(ImportDraft.expires_at) <= now))
