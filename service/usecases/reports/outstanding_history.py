"""What the State owed on court awards at the end of each month: the unpaid report, per month."""

import calendar
from datetime import date
from decimal import Decimal

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from service.usecases.reports.unpaid import unpaid_awards


def month_ends(today: date, months: int) -> list[date]:
    """The last day of each of the `months` months up to today's, oldest first; the current
    month ends today, as nothing later is known."""
    ends = []
    year, month = today.year, today.month
    for _ in range(months):
        last = date(year, month, calendar.monthrange(year, month)[1])
        ends.append(min(last, today))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ends[::-1]


async def outstanding_by_month(
    session: AsyncSession, today: date, months: int
) -> list[tuple[date, Decimal]]:
    """Principal and interest outstanding on each month end, from the same figures as
    GET /reports/unpaid (one query per month); nothing was owed before the first judgment."""
    connection = await session.connection()
    first = (await connection.execute(text("SELECT min(judgment_on) FROM awards"))).scalar()
    points = []
    for end in month_ends(today, months):
        if first is None or end < first:
            points.append((end, Decimal("0.00")))
            continue
        report = await unpaid_awards(session, end, breakdowns=())
        points.append((end, report.totals["outstanding"]))
    return points
