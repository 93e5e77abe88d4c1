"""The register written back out in the import layouts, so that `haki import` of an export
into an empty database rebuilds the same statements and reports.

Payments reversed in Haki are left out with their reversals: a reversed payment counts as
never received. Pseudonymous files carry survivor codes and no names.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardHead, Disbursement, HeadKind, PaymentReceived
from domain.calendar import NAIROBI
from domain.cases import Case, CaseClaimant, CaseEvent, Survivor
from domain.hearings import Hearing
from service.imports.layouts import LAYOUTS, LIST_SEPARATOR, ImportKind
from service.spreadsheet_cells import cell
from service.usecases.exporting.violation_file import violation_rows
from service.usecases.importing.award_heads import file_stage

WITHHELD = "(withheld)"


def _csv(kind: ImportKind, rows: Iterable[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, [c.name for c in LAYOUTS[kind]], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(v) for k, v in row.items()})
    return out.getvalue().encode()


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


async def _claimants(session: AsyncSession) -> dict[Any, list[Survivor]]:
    rows = await session.exec(
        select(CaseClaimant.case_id, Survivor)
        .join(Survivor, col(Survivor.id) == CaseClaimant.survivor_id)
        .order_by(Survivor.code)
    )
    found: dict[Any, list[Survivor]] = defaultdict(list)
    for case_id, survivor in rows:
        found[case_id].append(survivor)
    return found


async def _filed(session: AsyncSession) -> dict[Any, str]:
    events = await session.exec(
        select(
            col(CaseEvent.case_id),
            col(CaseEvent.trigger),
            col(CaseEvent.occurred_on),
            col(CaseEvent.details),
        )
        .where(col(CaseEvent.trigger).in_(("file", "imported")))
        .order_by(col(CaseEvent.id))
    )
    filed: dict[Any, str] = {}
    for case_id, trigger, occurred_on, details in events:
        day = occurred_on.isoformat() if trigger == "file" else details.get("filed_on")
        if day and case_id not in filed:
            filed[case_id] = day
    return filed


async def cases_file(session: AsyncSession, personal: bool) -> tuple[bytes, dict[Any, Case]]:
    cases = list((await session.exec(select(Case).order_by(col(Case.opened_at)))).all())
    claimants, filed = await _claimants(session), await _filed(session)
    rows = (
        {
            "reference": c.reference,
            "title": c.title if personal else c.reference,
            "kind": c.kind.value,
            "court_level": c.court_level.value,
            "court_station": c.court_station,
            "court_number": c.court_number,
            "lead_counsel": c.lead_counsel,
            "claimants": LIST_SEPARATOR.join(s.code for s in claimants[c.id]),
            "claimant_names": LIST_SEPARATOR.join(s.full_name for s in claimants[c.id])
            if personal
            else "",
            "respondents": LIST_SEPARATOR.join(c.respondents),
            "stage": c.stage.value,
            "stage_since": _day(c.stage_since),
            "opened_on": _day(c.opened_at.astimezone(NAIROBI).date()),
            "filed_on": filed.get(c.id),
            "judgment_on": _day(c.judgment_on),
            "judgment_outcome": c.judgment_outcome and c.judgment_outcome.value,
            "neutral_citation": c.neutral_citation,
            "stay_of_execution": None
            if c.stay_of_execution is None
            else ("yes" if c.stay_of_execution else "no"),
        }
        for c in cases
    )
    return _csv(ImportKind.CASES, rows), {c.id: c for c in cases}


async def hearings_file(session: AsyncSession, cases: dict[Any, Case]) -> bytes:
    hearings = await session.exec(select(Hearing).order_by(col(Hearing.starts_at)))
    rows = []
    for h in hearings:
        case = cases[h.case_id]
        if case.court_number is None:
            continue  # a hearing of a case not yet filed has no key an import could match
        rows.append(
            {
                "court_number": case.court_number,
                "court_station": case.court_station,
                "starts_at": f"{h.starts_at.astimezone(NAIROBI):%Y-%m-%d %H:%M}",
                "purpose": h.purpose.value,
                "status": h.status.value,
                "outcome": h.outcome,
                "sitting_station": h.station if h.station != case.court_station else "",
                "court_room": h.court_room,
                "judicial_officer": h.judicial_officer,
            }
        )
    return _csv(ImportKind.HEARINGS, rows)


async def _heads(session: AsyncSession) -> dict[Any, dict[str, list[AwardHead]]]:
    """Each award's heads by kind, in the order recorded."""
    heads: dict[Any, dict[str, list[AwardHead]]] = defaultdict(dict)
    found = await session.exec(select(AwardHead).order_by(col(AwardHead.id)))
    for head in found:
        heads[head.award_id].setdefault(head.kind.value, []).append(head)
    return heads


def _head_cells(kind: str, heads: list[AwardHead]) -> tuple[dict[str, str], bool]:
    """A kind's heads as the awards file's cells: their amounts summed when they run interest
    alike (from one day, at one rate), else the first only (the second bool says so)."""
    first = heads[0]
    alike = [
        h
        for h in heads
        if (h.interest_from, h.rate_percent) == (first.interest_from, first.rate_percent)
    ]
    cells = {
        kind: f"{sum((h.amount for h in alike), Decimal(0)):.2f}",
        f"{kind}_interest_from": _day(first.interest_from),
        f"{kind}_rate_percent": "" if first.rate_percent is None else str(first.rate_percent),
    }
    if kind == HeadKind.COSTS.value and first.taxed_on is not None:
        cells["costs_taxed_on"] = _day(first.taxed_on)
    return cells, len(alike) < len(heads)


async def awards_file(
    session: AsyncSession, cases: dict[Any, Case], warnings: list[str]
) -> tuple[bytes, dict[Any, tuple[Award, str]]]:
    awards = list((await session.exec(select(Award).order_by(col(Award.created_at)))).all())
    codes = dict((await session.exec(select(Survivor.id, Survivor.code))).all())
    heads = await _heads(session)
    rows = []
    for a in awards:
        case = cases[a.case_id]
        stage = file_stage(a)
        row: dict[str, Any] = {
            "court_number": case.court_number,
            "court_station": case.court_station,
            "claimant": codes[a.survivor_id],
            "respondent": a.respondent,
            "department": a.department,
            "accounting_officer": a.accounting_officer,
            "rate_as_ordered": a.rate_as_ordered,
            "rate_percent": str(a.rate_percent),
            "stage": stage.value,
            "stage_since": _day(a.stage_since) if stage == a.stage else "",
            "certificate_on": _day(a.certificate_on),
            "served_on": _day(a.served_on),
            "settled_on": _day(a.settled_on),
            "settlement_amount": (
                "" if a.settlement_amount is None else f"{a.settlement_amount:.2f}"
            ),
        }
        row["costs_to_be_taxed"] = "yes" if a.costs_to_be_taxed else ""
        for kind, of_kind in heads[a.id].items():
            cells, left_out = _head_cells(kind, of_kind)
            row |= cells
            if left_out:
                warnings.append(
                    f"award {a.id} ({case.reference}, {codes[a.survivor_id]}): {kind} heads run "
                    "interest from different days or at different rates; import/awards.csv "
                    "holds the first only"
                )
        rows.append(row)
    return _csv(ImportKind.AWARDS, rows), {a.id: (a, codes[a.survivor_id]) for a in awards}


async def payments_file(
    session: AsyncSession,
    cases: dict[Any, Case],
    awards: dict[Any, tuple[Award, str]],
    personal: bool,
) -> bytes:
    reversed_ids = set(
        (
            await session.exec(
                select(PaymentReceived.reverses_id).where(
                    col(PaymentReceived.reverses_id).is_not(None)
                )
            )
        ).all()
    )
    reversed_ids |= set(
        (
            await session.exec(
                select(Disbursement.reverses_id).where(col(Disbursement.reverses_id).is_not(None))
            )
        ).all()
    )
    entries: list[tuple[date, int, dict[str, Any]]] = []
    for p in await session.exec(
        select(PaymentReceived).where(col(PaymentReceived.reverses_id).is_(None))
    ):
        if p.id in reversed_ids:
            continue
        entries.append(
            (
                p.received_on,
                0,
                {
                    "entry": "received",
                    "award": p.award_id,
                    "paid_on": p.received_on,
                    "amount": p.amount,
                    "payer": p.payer,
                    "reference": p.reference,
                },
            )
        )
    for d in await session.exec(
        select(Disbursement).where(col(Disbursement.reverses_id).is_(None))
    ):
        if d.id in reversed_ids:
            continue
        entries.append(
            (
                d.paid_on,
                1,
                {
                    "entry": "disbursed",
                    "award": d.award_id,
                    "paid_on": d.paid_on,
                    "amount": d.amount,
                    "reference": d.reference if personal else f"{WITHHELD} {d.id}",
                    "method": d.method.value,
                    "beneficiary": d.beneficiary if personal else WITHHELD,
                },
            )
        )
    rows = []
    for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1])):
        award, code = awards[entry.pop("award")]
        case = cases[award.case_id]
        rows.append(
            {
                **entry,
                "paid_on": _day(entry["paid_on"]),
                "amount": f"{entry['amount']:.2f}",
                "court_number": case.court_number,
                "court_station": case.court_station,
                "claimant": code,
                "respondent": award.respondent,
            }
        )
    return _csv(ImportKind.PAYMENTS, rows)


async def import_files(
    session: AsyncSession, personal: bool, warnings: list[str]
) -> dict[ImportKind, bytes]:
    """The five files; what they cannot hold is added to `warnings`, for the manifest."""
    cases_csv, cases = await cases_file(session, personal)
    awards_csv, awards = await awards_file(session, cases, warnings)
    return {
        ImportKind.CASES: cases_csv,
        ImportKind.HEARINGS: await hearings_file(session, cases),
        ImportKind.AWARDS: awards_csv,
        ImportKind.PAYMENTS: await payments_file(session, cases, awards, personal),
        ImportKind.VIOLATIONS: _csv(ImportKind.VIOLATIONS, await violation_rows(session, personal)),
    }
