"""Which importer reads which kind of file."""

from typing import Any

from service.imports.layouts import ImportKind
from service.usecases.importing.awards import AwardImporter
from service.usecases.importing.cases import CaseImporter
from service.usecases.importing.hearings import HearingImporter
from service.usecases.importing.payments import PaymentImporter
from service.usecases.importing.running import Importer
from service.usecases.importing.violations import ViolationImporter

IMPORTERS: dict[ImportKind, Importer[Any]] = {
    ImportKind.CASES: CaseImporter(),
    ImportKind.HEARINGS: HearingImporter(),
    ImportKind.AWARDS: AwardImporter(),
    ImportKind.PAYMENTS: PaymentImporter(),
    ImportKind.VIOLATIONS: ViolationImporter(),
}
