"""Advocacy's working list: each award the State had not paid on a date, pseudonymously.

The awards the unpaid-awards report counts (service/usecases/reports/unpaid.py), one row each, with
the survivor's code (never a name), the case's reference, how long since judgment and since
service on the Attorney General, the respondent, the station, what is outstanding (interest to
the day as the report and the award's statement compute it) and the last follow-up; sorted by
any of them, so an officer can pick the longest unpaid for a campaign.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from service.usecases.reports.unpaid_sql import INTEREST


class ListOrder(StrEnum):
    """The columns the list sorts by; days and shillings first the largest, words A to Z."""

    SINCE_SERVICE = "since_service"
    SINCE_JUDGMENT = "since_judgment"
    OUTSTANDING = "outstanding"
    RESPONDENT = "respondent"
    STATION = "station"
    LAST_FOLLOW_UP = "last_follow_up"


_COLUMN = {
    ListOrder.SINCE_SERVICE: "days_since_service",
    ListOrder.SINCE_JUDGMENT: "days_since_judgment",
    ListOrder.OUTSTANDING: "outstanding",
    ListOrder.RESPONDENT: "respondent",
    ListOrder.STATION: "court_station",
    ListOrder.LAST_FOLLOW_UP: "last_follow_up",
}
LARGEST_FIRST = frozenset(
    {ListOrder.SINCE_SERVICE, ListOrder.SINCE_JUDGMENT, ListOrder.OUTSTANDING}
)
"""the natural direction of each column; `reverse` turns it"""

LIST = f"""
SELECT p.award_id, a.case_id, s.code AS survivor_code, c.reference AS case_reference,
       p.respondent, p.court_station, p.judgment_on,
       CASE WHEN p.served_on <= :as_of THEN p.served_on END AS served_on,
       (:as_of - p.judgment_on) AS days_since_judgment,
       CASE WHEN p.served_on <= :as_of THEN :as_of - p.served_on END AS days_since_service,
       p.principal + p.unpaid_interest + {INTEREST} AS outstanding,
       (SELECT max(f.on) FROM follow_ups f
         WHERE f.award_id = p.award_id AND f.on <= :as_of) AS last_follow_up
FROM award_positions p
JOIN awards a ON a.id = p.award_id
JOIN survivors s ON s.id = a.survivor_id
JOIN cases c ON c.id = a.case_id
WHERE p.valid_from <= :as_of AND (p.valid_to IS NULL OR p.valid_to > :as_of)
  AND p.judgment_on <= :as_of
  AND (p.principal > 0 OR p.unpaid_interest > 0)
  AND (p.closed_on IS NULL OR p.closed_on > :as_of)
ORDER BY {{column}} {{direction}} NULLS LAST, p.judgment_on, p.award_id
"""
"""the report's WHERE (unpaid_sql._unpaid) row by row; an award not yet served sorts last"""


@dataclass(frozen=True)
class UnpaidAward:
    award_id: uuid.UUID
    case_id: uuid.UUID
    survivor_code: str
    case_reference: str
    respondent: str
    court_station: str
    judgment_on: date
    served_on: date | None
    days_since_judgment: int
    days_since_service: int | None
    outstanding: Decimal
    last_follow_up: date | None


async def unpaid_list(
    session: AsyncSession, as_of: date, order: ListOrder, reverse: bool = False
) -> list[UnpaidAward]:
    """Every award unpaid on `as_of` (a day report_day has checked), in `order`."""
    largest_first = (order in LARGEST_FIRST) != reverse
    sql = LIST.format(column=_COLUMN[order], direction="DESC" if largest_first else "ASC")
    found = await (await session.connection()).execute(text(sql), {"as_of": as_of})
    return [UnpaidAward(**row._mapping) for row in found]
