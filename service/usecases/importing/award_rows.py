"""A row of the awards file read into an award's facts, each cell checked as Haki's pages
check it; what the row means for an award already in Haki is the importer's (awards.py)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from domain.awards import AwardStage, HeadKind
from domain.calendar import not_in_future
from domain.errors import N_, Said
from service.imports.cells import Cells, day_written
from service.imports.layouts import AWARD_STAGES_IMPORTED
from service.usecases.importing.lookups import court_of

Head = tuple[HeadKind, Decimal, str | None, Decimal | None]
"""a head as the file gives it: kind, amount, the start written, its own rate"""


@dataclass(frozen=True)
class AwardRow:
    court_station: str
    court_number: str
    claimant: str
    respondent: str
    department: str
    accounting_officer: str
    heads: tuple[Head, ...]
    rate_as_ordered: str
    rate_percent: Decimal | None
    stage: AwardStage
    stage_since: date | None
    certificate_on: date | None
    served_on: date | None
    costs_taxed_on: date | None = None
    costs_to_be_taxed: bool = False
    settled_on: date | None = None
    settlement_amount: Decimal | None = None


HEAD_COLUMNS = [
    (kind, kind.value, f"{kind.value}_interest_from", f"{kind.value}_rate_percent")
    for kind in HeadKind
]
"""each head's columns, named once for the file rather than for every row"""


def _interest_from(text: str, cells: Cells, column: str) -> str:
    if text.lower() in ("judgment", "filing"):
        return text.lower()
    return not_in_future(day_written(text), cells.now, column).isoformat()


def award_row(cells: Cells) -> AwardRow:
    """The row's award; a cell that cannot be read is noted in `cells`, named by its column."""
    station, number = court_of(cells)
    heads = []
    for kind, amount_column, column, rate_column in HEAD_COLUMNS:
        amount = cells.amount(amount_column)
        start = cells.read(column, partial(_interest_from, cells=cells, column=column), False)
        rate = cells.rate(rate_column)
        if amount is not None:
            heads.append((kind, amount, start, rate))
    if not heads and not cells.errors:
        cells.fail("general", Said(N_("No amount awarded: give at least one head.")))
    stage = cells.choice("stage", AwardStage) or AwardStage.AWARDED
    if stage not in AWARD_STAGES_IMPORTED:
        said = Said(
            N_(
                "The stage %(stage)s follows from the payments file: give the stage the "
                "award was at before it was paid, and import the payments."
            ),
            {"stage": stage},
        )
        cells.fail("stage", said)
    certificate_on, served_on = cells.day("certificate_on"), cells.day("served_on")
    settled_on, settled_for = cells.day("settled_on"), cells.amount("settlement_amount")
    if (settled_on is None) != (settled_for is None):
        cells.fail("settled_on", Said(N_("A settlement needs both its day and its sum.")))
    if certificate_on and served_on and served_on < certificate_on:
        cells.fail("served_on", Said(N_("Served before the certificate was issued.")))
    return AwardRow(
        court_station=station,
        court_number=number,
        claimant=cells.required("claimant").upper(),
        respondent=cells.required("respondent"),
        department=cells.text("department") or "",
        accounting_officer=cells.text("accounting_officer") or "",
        heads=tuple(heads),
        rate_as_ordered=cells.text("rate_as_ordered") or "court rates",
        rate_percent=cells.rate("rate_percent"),
        stage=stage,
        stage_since=cells.day("stage_since"),
        certificate_on=certificate_on,
        served_on=served_on,
        costs_taxed_on=cells.day("costs_taxed_on"),
        costs_to_be_taxed=bool(cells.flag("costs_to_be_taxed")),
        settled_on=settled_on,
        settlement_amount=settled_for,
    )
