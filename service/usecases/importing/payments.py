"""Money received from the State and passed on to survivors, brought in from the books.

Each entry goes through the same ledger write as one recorded in Haki (what is owed on its
day, the award's track, the case following it, the positions the reports read), in date
order; only the message to the family is left out, since the money came long ago.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, Disbursement, DisbursementMethod, PaymentReceived
from domain.errors import N_, InvalidInput, Said
from domain.money import kes
from service.imports.cells import Cells
from service.usecases.awards.disbursements import book_disbursement
from service.usecases.awards.payments import book_payment
from service.usecases.importing.lookups import (
    awards_of,
    case_of,
    claimant_of,
    court_of,
    prefetch_cases_and_awards,
)
from service.usecases.importing.running import TAKEN, Context, Outcome


class Entry(StrEnum):
    RECEIVED = "received"
    DISBURSED = "disbursed"


@dataclass(frozen=True)
class PaymentRow:
    court_station: str
    court_number: str
    claimant: str
    respondent: str
    entry: Entry
    paid_on: date
    amount: Decimal
    payer: str | None
    reference: str
    method: DisbursementMethod | None
    beneficiary: str | None


class PaymentImporter:
    key_column = "amount"
    fields: ClassVar[dict[str, str]] = {"received_on": "paid_on", "occurred_on": "paid_on"}

    def parse(self, cells: Cells) -> PaymentRow | None:
        station, number = court_of(cells)
        entry = cells.choice("entry", Entry) or Entry.RECEIVED
        method = cells.choice("method", DisbursementMethod)
        beneficiary = cells.text("beneficiary")
        if entry is Entry.DISBURSED and (method is None or not beneficiary):
            said = Said(
                N_("A disbursement needs its method (mpesa, bank or cheque) and beneficiary.")
            )
            cells.fail("method" if method is None else "beneficiary", said)
        return PaymentRow(
            court_station=station,
            court_number=number,
            claimant=cells.required("claimant").upper(),
            respondent=cells.required("respondent"),
            entry=entry,
            paid_on=cells.day("paid_on", required=True) or date.min,
            amount=cells.amount("amount", required=True) or Decimal(0),
            payer=cells.text("payer"),
            reference=cells.required("reference"),
            method=method,
            beneficiary=beneficiary,
        )

    def key(self, row: PaymentRow) -> tuple[Any, ...]:
        return (
            row.court_station,
            row.court_number,
            row.claimant,
            row.respondent,
            row.entry,
            row.reference,
        )

    def order(self, rows: list[tuple[int, PaymentRow]]) -> list[tuple[int, PaymentRow]]:
        """The ledger is kept in date order, money received before money passed on."""
        return sorted(rows, key=lambda item: (item[1].paid_on, item[1].entry != Entry.RECEIVED))

    async def prefetch(
        self, session: AsyncSession, context: Context, rows: list[PaymentRow]
    ) -> None:
        keys = [(r.court_station, r.court_number) for r in rows]
        await prefetch_cases_and_awards(session, context, keys, [r.claimant for r in rows])

    async def apply(self, session: AsyncSession, context: Context, row: PaymentRow) -> Outcome:
        case = await case_of(session, context, (row.court_station, row.court_number))
        survivor = await claimant_of(session, context, case, row.claimant)
        award = (await awards_of(session, context, case)).get((survivor.id, row.respondent))
        label = f"{row.entry} {kes(row.amount)} on {row.paid_on.isoformat()} ({row.reference})"
        if award is None:
            raise InvalidInput(
                N_(
                    "No award to %(claimant)s against %(respondent)s in this case; import the "
                    "awards file first."
                ),
                "respondent",
                claimant=row.claimant,
                respondent=row.respondent,
            )
        before = await _booked(session, context, award, row)
        if before is not None:
            if (before.amount, _day(before)) != (row.amount, row.paid_on):
                raise InvalidInput(
                    N_(
                        "%(reference)s is already in the ledger as %(amount)s on %(on)s; a "
                        "ledger entry is corrected by reversal in Haki."
                    ),
                    "reference",
                    reference=row.reference,
                    amount=before.amount,
                    on=_day(before),
                )
            return Outcome("unchanged", label)
        actor, now = context.actor, context.now
        if row.entry is Entry.RECEIVED:
            payer = row.payer or award.respondent
            entry: PaymentReceived | Disbursement = await book_payment(
                session, actor, award, row.paid_on, row.amount, payer, row.reference,
                context.rules.compensation, now,
            )  # fmt: skip
        else:
            assert row.method is not None and row.beneficiary is not None  # parse checked
            entry = await book_disbursement(
                session, actor, award, row.paid_on, row.amount, row.method, row.beneficiary,
                row.reference, now,
            )  # fmt: skip
        context.cache[("entries", award.id)][(row.entry, row.reference)] = entry
        return Outcome("created", label)

    async def finish(self, session: AsyncSession, context: Context) -> None:
        """Each entry wrote all it implies."""

    def conflict(self, error: IntegrityError) -> tuple[str, Said]:
        return "reference", Said(TAKEN)


def _day(entry: PaymentReceived | Disbursement) -> date:
    return entry.received_on if isinstance(entry, PaymentReceived) else entry.paid_on


async def _booked(
    session: AsyncSession, context: Context, award: Award, row: PaymentRow
) -> PaymentReceived | Disbursement | None:
    """The entry of this award with the row's reference, if the ledger has one already."""
    key = ("entries", award.id)
    if key not in context.cache:
        received = await session.exec(
            select(PaymentReceived).where(
                PaymentReceived.award_id == award.id, col(PaymentReceived.reverses_id).is_(None)
            )
        )
        passed = await session.exec(
            select(Disbursement).where(
                Disbursement.award_id == award.id, col(Disbursement.reverses_id).is_(None)
            )
        )
        context.cache[key] = {
            **{(Entry.RECEIVED, p.reference): p for p in received},
            **{(Entry.DISBURSED, d.reference): d for d in passed},
        }
    found: PaymentReceived | Disbursement | None = context.cache[key].get(
        (row.entry, row.reference)
    )
    return found
