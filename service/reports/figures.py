"""Time-to-payment and pipeline figures shaped for JSON and CSV, small cells merged on request."""

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from msgspec import Struct

from service.reports.formats import merge_small
from service.usecases.reports.pipeline import Pipeline, Tally
from service.usecases.reports.time_to_payment import Spread, TimeToPayment
from service.usecases.reports.time_to_payment_by import RespondentWait


class SpreadOut(Struct):
    awards: int
    lower_quartile_days: Decimal | None
    median_days: Decimal | None
    upper_quartile_days: Decimal | None
    shortest_days: int | None
    longest_days: int | None


class TimeToPaymentOut(Struct):
    as_of: str
    awards: int
    never_paid: int
    to_first_payment: SpreadOut
    to_payment_in_full: SpreadOut

    @classmethod
    def of(cls, t: TimeToPayment) -> "TimeToPaymentOut":
        def spread(s: Spread) -> SpreadOut:
            return SpreadOut(**asdict(s))

        first, full = spread(t.to_first_payment), spread(t.to_payment_in_full)
        return cls(t.as_of.isoformat(), t.awards, t.never_paid, first, full)


SPREAD_COLUMNS = [
    "awards",
    "lower_quartile_days",
    "median_days",
    "upper_quartile_days",
    "shortest_days",
    "longest_days",
]
TIME_TO_PAYMENT_COLUMNS = ["as_of", "measure", *SPREAD_COLUMNS]


def time_to_payment_rows(t: TimeToPayment) -> list[dict[str, Any]]:
    """One row per measure; the never-paid count in the `awards` column of its own row."""
    return _measures({"as_of": t.as_of}, t.to_first_payment, t.to_payment_in_full, t.never_paid)


def _measures(
    base: dict[str, Any], first: Spread, full: Spread, never_paid: int
) -> list[dict[str, Any]]:
    return [
        base | {"measure": "judgment_to_first_payment"} | asdict(first),
        base | {"measure": "judgment_to_payment_in_full"} | asdict(full),
        base | {"measure": "never_paid", "awards": never_paid},
    ]


class RespondentWaitOut(Struct):
    respondent: str
    survivors: int
    awards: int
    never_paid: int
    to_first_payment: SpreadOut
    to_payment_in_full: SpreadOut


class ByRespondentOut(Struct):
    as_of: str
    small_cells_merged: bool
    respondents: list[RespondentWaitOut]

    @classmethod
    def of(cls, as_of: date, merged: bool, waits: list[RespondentWait]) -> "ByRespondentOut":
        rows = [
            RespondentWaitOut(
                w.respondent,
                w.survivors,
                w.awards,
                w.never_paid,
                SpreadOut(**asdict(w.to_first_payment)),
                SpreadOut(**asdict(w.to_payment_in_full)),
            )
            for w in waits
        ]
        return cls(as_of.isoformat(), merged, rows)


BY_RESPONDENT_COLUMNS = ["as_of", "respondent", "survivors", "measure", *SPREAD_COLUMNS]


def by_respondent_rows(as_of: date, waits: list[RespondentWait]) -> list[dict[str, Any]]:
    """Three rows a respondent, as time_to_payment_rows, each naming it and its survivors."""
    return [
        row
        for w in waits
        for row in _measures(
            {"as_of": as_of, "respondent": w.respondent, "survivors": w.survivors},
            w.to_first_payment,
            w.to_payment_in_full,
            w.never_paid,
        )
    ]


class PipelineTable(StrEnum):
    STAGES = "stages"
    KINDS = "kinds"
    HEARINGS_PER_MONTH = "hearings_per_month"
    ADJOURNMENTS = "adjournments"


COLUMNS = {
    PipelineTable.STAGES: ["stage", "cases", "survivors"],
    PipelineTable.KINDS: ["kind", "cases", "survivors"],
    PipelineTable.HEARINGS_PER_MONTH: [
        "month",
        "hearings",
        "held",
        "adjourned",
        "vacated",
        "scheduled",
        "survivors",
    ],
    PipelineTable.ADJOURNMENTS: ["case_reference", "court_number", "adjournments", "hearings"],
}


def _counted(rows: list[dict[str, Any]], merge: bool) -> list[dict[str, Any]]:
    """Survivor ids become a count, after merging small cells if asked: ids never leave."""
    shaped = merge_small(rows, "survivors") if merge else rows
    return [row | {"survivors": len(row["survivors"])} for row in shaped]


def _tallies(name: str, tallies: list[Tally], merge: bool) -> list[dict[str, Any]]:
    rows = [{name: t.label, "cases": t.cases, "survivors": t.survivors} for t in tallies]
    return _counted(rows, merge)


def pipeline_tables(p: Pipeline, merge: bool) -> dict[PipelineTable, list[dict[str, Any]]]:
    """The most-adjourned list names cases by reference and court number, which are court
    records, and never a survivor: it is a list of cases, not a breakdown, so it is not merged."""
    return {
        PipelineTable.STAGES: _tallies("stage", p.stages, merge),
        PipelineTable.KINDS: _tallies("kind", p.kinds, merge),
        PipelineTable.HEARINGS_PER_MONTH: _counted(
            [asdict(m) for m in p.hearings_per_month], merge
        ),
        PipelineTable.ADJOURNMENTS: [asdict(a) for a in p.adjournments.most_adjourned],
    }


class StageOut(Struct):
    stage: str
    cases: int
    survivors: int


class KindOut(Struct):
    kind: str
    cases: int
    survivors: int


class MonthOut(Struct):
    month: str
    """YYYY-MM, Nairobi time; the merged row of small cells is labelled instead"""
    hearings: int
    held: int
    adjourned: int
    vacated: int
    scheduled: int
    survivors: int


class AdjournedOut(Struct):
    case_reference: str
    court_number: str | None
    adjournments: int
    hearings: int


class AdjournmentsOut(Struct):
    cases_with_hearings: int
    adjournments: int
    mean_per_case: Decimal | None
    most_adjourned: list[AdjournedOut]


class PipelineOut(Struct):
    stages: list[StageOut]
    kinds: list[KindOut]
    hearings_per_month: list[MonthOut]
    adjournments: AdjournmentsOut
    small_cells_merged: bool

    @classmethod
    def of(cls, p: Pipeline, merge: bool) -> "PipelineOut":
        tables = pipeline_tables(p, merge)
        a = p.adjournments
        return cls(
            stages=[StageOut(**row) for row in tables[PipelineTable.STAGES]],
            kinds=[KindOut(**row) for row in tables[PipelineTable.KINDS]],
            hearings_per_month=[MonthOut(**r) for r in tables[PipelineTable.HEARINGS_PER_MONTH]],
            adjournments=AdjournmentsOut(
                a.cases_with_hearings,
                a.adjournments,
                a.mean_per_case,
                [AdjournedOut(**row) for row in tables[PipelineTable.ADJOURNMENTS]],
            ),
            small_cells_merged=merge,
        )


def outstanding_series(
    rows: list[dict[str, Any]], label: str, merge: bool
) -> list[tuple[str, Decimal]]:
    """(label, outstanding) per row of an unpaid-report breakdown, for a chart; rows must
    carry `survivor_ids` when small cells are merged."""
    shaped = merge_small(rows, "survivor_ids") if merge else rows
    return [(str(row[label]), row["outstanding"]) for row in shaped]
