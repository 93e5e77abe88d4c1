"""The full export: every table as CSV, the register in the import layouts, the documents
(with personal data only) and a manifest, all read from one snapshot of the database.
Audited, personal data or not."""

import io
import json
import zipfile
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from service.usecases.accounts.audit import audit
from service.usecases.exporting.import_files import import_files
from service.usecases.exporting.tables import table_csvs
from service.usecases.records.document_keys import opened_documents
from service.usecases.records.sealing import Keyring

Files = dict[str, bytes]


async def export_everything(
    sessions: async_sessionmaker[AsyncSession],
    actor: Actor,
    *,
    with_personal_data: bool,
    keyring: Keyring | None = None,
    now: datetime | None = None,
) -> Files:
    """`tables/NAME.csv` for every table, `import/KIND.csv` for `haki import`, with personal
    data and the keys `documents/ID.EXT` for each document (its name in tables/documents.csv),
    and `manifest.json` saying what each file holds and what was left out."""
    now = now or utcnow()
    async with sessions() as session, session.begin():
        connection = await session.connection(
            execution_options={"isolation_level": "REPEATABLE READ"}
        )
        revision = (
            await connection.execute(text("SELECT version_num FROM alembic_version"))
        ).scalar()
        tables = await table_csvs(connection, with_personal_data)
        warnings: list[str] = []
        layouts = await import_files(session, with_personal_data, warnings)
        opened = {}
        if with_personal_data and keyring is not None:
            opened = await opened_documents(session, keyring, warnings)
    files: Files = {f"tables/{t.name}.csv": t.body for t in tables}
    files |= opened
    files |= {f"import/{kind}.csv": body for kind, body in layouts.items()}
    manifest = {
        "exported_at": now.isoformat(),
        "schema_revision": revision,
        "with_personal_data": with_personal_data,
        "tables": {
            t.name: {"file": f"tables/{t.name}.csv", "rows": t.rows, "columns": t.columns,
                     "left_empty": t.blanked, "withheld": t.withheld}
            for t in tables
        },
        "import": {
            "order": [f"import/{kind}.csv" for kind in layouts],
            "how": "haki import KIND FILE, in this order, into an empty database",
            "warnings": warnings,
        },
        "documents": {"files": sorted(opened), "opened": with_personal_data and bool(keyring)},
    }  # fmt: skip
    files["manifest.json"] = json.dumps(manifest, indent=2).encode()
    async with sessions() as session, session.begin():
        audit(
            session, actor, "export.full", "export", None,
            with_personal_data=with_personal_data, tables=len(tables),
        )  # fmt: skip
    return files


def zipped(files: Files) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return out.getvalue()
