"""Money received from the State and passed on to survivors, brought in from the books.

Each entry goes through the same checks and arithmetic as one recorded in Haki (what is owed
on its day, the award's track, the case following it, the positions the reports read), in
date order, against the batch's copy of its award's ledger (receipts.py, passed_on.py); only
the message to the family is left out, since the money came long ago.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, DisbursementMethod
from domain.errors import N_, InvalidInput, Said
from domain.money import kes
from service.imports.cells import Cells
from service.usecases.importing.ledgers import ledger_of, prefetch_ledgers
from service.usecases.importing.lookups import awards_of, case_of, claimant_of, court_of
from service.usecases.importing.passed_on import pass_on
from service.usecases.importing.payment_facts import prefetch_payment_facts
from service.usecases.importing.receipts import receive
from service.usecases.importing.running import TAKEN, Context, Outcome
from service.usecases.importing.writes import Described


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
        await prefetch_payment_facts(session, context, keys, [r.claimant for r in rows])
        named = []
        for key, row in zip(keys, rows, strict=True):
            survivor = context.cache[("survivor", row.claimant)]
            for case in context.cache[("case", key)][:1]:
                known = context.cache[("awards", case.id)]
                if survivor is not None and (survivor.id, row.respondent) in known:
                    named.append((known[(survivor.id, row.respondent)], row))
        awards = {award.id: award for award, _ in named}.values()
        await prefetch_ledgers(session, context, awards)
        paid = [
            a.id for a, row in named if row.entry is Entry.RECEIVED and not _booked(context, a, row)
        ]
        await prefetch_ledgers(session, context, (), paid)

    async def apply(self, session: AsyncSession, context: Context, row: PaymentRow) -> Outcome:
        case = await case_of(session, context, (row.court_station, row.court_number))
        survivor = await claimant_of(session, context, case, row.claimant)
        known = await awards_of(session, context, case)
        for held in (case, *known.values()):  # a row replayed alone read them as records
            if not isinstance(held, Described) and held in session:
                session.expunge(held)
        award = known.get((survivor.id, row.respondent))
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
        await prefetch_ledgers(session, context, [award])
        before = _booked(context, award, row)
        if before is not None:
            if before != (row.amount, row.paid_on):
                raise InvalidInput(
                    N_(
                        "%(reference)s is already in the ledger as %(amount)s on %(on)s; a "
                        "ledger entry is corrected by reversal in Haki."
                    ),
                    "reference",
                    reference=row.reference,
                    amount=before[0],
                    on=before[1],
                )
            return Outcome("unchanged", label)
        if row.entry is Entry.RECEIVED:
            await prefetch_ledgers(session, context, (), [award.id])  # its positions read
            await receive(session, context, case, award, row)
        else:
            await pass_on(session, context, case, award, row)
        return Outcome("created", label)

    async def finish(self, session: AsyncSession, context: Context) -> None:
        """Each entry wrote all it implies."""

    def conflict(self, error: IntegrityError) -> tuple[str, Said]:
        return "reference", Said(TAKEN)


def _booked(context: Context, award: Award, row: PaymentRow) -> tuple[Decimal, date] | None:
    """The amount and day of the award's entry with the row's reference, if the ledger has
    one already (a reversal aside)."""
    ledger = ledger_of(context, award)
    if row.entry is Entry.RECEIVED:
        days = {
            p.reference: (p.amount, p.received_on) for p in ledger["received"] if not p.reverses_id
        }
    else:
        days = {d.reference: (d.amount, d.paid_on) for d in ledger["passed"] if not d.reverses_id}
    return days.get(row.reference)
