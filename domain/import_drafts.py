"""An import file checked on the import page and kept until its administrator imports it.

The page checks a file first (a dry run) and offers to import it; the file waits here, bound
to the administrator who sent it and to its sha256, so the import writes exactly the file
that was checked without asking for it again. A draft holds personal data (names, places):
it lives an hour at most, is deleted when imported, and the expired ones are purged.
"""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


class ImportDraft(SQLModel, table=True):
    __tablename__ = "import_drafts"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    kind: str = Field(max_length=20)
    """what the file holds (service/imports/layouts.py's ImportKind)"""
    file_name: str = Field(max_length=200)
    sha256: str = Field(max_length=64)
    data: bytes = Field(sa_type=sa.LargeBinary)
    rows: int
    """the rows the check found, all of which the import writes"""
    created_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=sa.DateTime(timezone=True), index=True)
