"""The one input of the import use case: the API's body and query, the import page's form and
the CLI's arguments all parse into it, so none repeats the argument list."""

import hashlib
from dataclasses import dataclass

from service.imports.layouts import ImportKind


@dataclass(frozen=True)
class ImportRequest:
    """One file to bring in: what the API's body and query and the import page's form both
    parse into, and the CLI's arguments too."""

    kind: ImportKind
    data: bytes
    file_name: str
    dry_run: bool

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()
