"""The cases found, as a CSV in the reader's language, through the one CSV rule (formulas
escaped: service/spreadsheet_cells.py). Names only when the caller passes them, which it does
only for the roles that read claimants' names."""

import uuid
from collections.abc import Sequence

from babel.support import NullTranslations
from litestar import Response

from domain.calendar import NAIROBI
from notifications.i18n import N_, Language, translations
from service.reports.formats import csv_text
from service.usecases.cases.finding import CaseRow
from service.web.labels import LABELS
from service.web.render import HEADERS

COLUMNS = (
    N_("Reference"),
    N_("Court number"),
    N_("Court"),
    N_("Station"),
    N_("Title"),
    N_("Kind"),
    N_("Stage"),
    N_("Claimants"),
    N_("Lead counsel"),
    N_("Next court date"),
    N_("Outstanding (Ksh)"),
    N_("Served on the Attorney General"),
    N_("Days since service"),
)
NAMES = N_("Claimants' names")


def _label(catalog: NullTranslations, kind: str, code: object) -> str:
    return catalog.gettext(LABELS[kind].get(code, str(code)))  # type: ignore[call-overload]


def _row(
    catalog: NullTranslations, row: CaseRow, codes: list[str], names: list[tuple[str, str]] | None
) -> list[object]:
    case = row.case
    when = row.next_court_date.astimezone(NAIROBI) if row.next_court_date else None
    cells: list[object] = [
        case.reference,
        case.court_number,
        _label(catalog, "court", case.court_level),
        case.court_station,
        case.title,
        _label(catalog, "kind", case.kind),
        _label(catalog, "stage", case.stage),
        ", ".join(codes),
        case.lead_counsel,
        when.strftime("%Y-%m-%d %H:%M") if when else None,
        row.outstanding,
        row.served_on,
        row.days_since_service,
    ]
    if names is not None:
        cells.insert(8, "; ".join(f"{name} ({code})" for code, name in names))
    return cells


def case_csv(
    language: Language,
    rows: Sequence[CaseRow],
    codes: dict[uuid.UUID, list[str]],
    names: dict[uuid.UUID, list[tuple[str, str]]] | None,
    filename: str,
) -> Response[str]:
    catalog = translations(language)
    columns = [catalog.gettext(column) for column in COLUMNS]
    if names is not None:
        columns.insert(8, catalog.gettext(NAMES))
    lines = [
        _row(catalog, row, codes[row.case.id], None if names is None else names[row.case.id])
        for row in rows
    ]
    return Response(
        csv_text(columns, lines),
        media_type="text/csv; charset=utf-8",
        headers=HEADERS | {"Content-Disposition": f'attachment; filename="{filename}"'},
    )
