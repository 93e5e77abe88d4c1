"""The violation records written out in the import layout, so `haki import violations` of an
export rebuilds them. A pseudonymous file leaves place, unit and officers empty."""

from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Survivor
from domain.violations import Precision, Violation
from service.imports.layouts import LIST_SEPARATOR


def _row(v: Violation, code: str, personal: bool) -> dict[str, Any]:
    return {
        "survivor": code,
        "year": v.occurred_on.year,
        "month": v.occurred_on.month if v.precision is not Precision.YEAR else "",
        "day": v.occurred_on.day if v.precision is Precision.DAY else "",
        "county": v.county,
        "sub_county": v.sub_county,
        "place": v.place if personal else "",
        "types": f" {LIST_SEPARATOR} ".join(v.types),
        "agency": v.agency.value,
        "unit": v.unit if personal else "",
        "perpetrators": v.perpetrators,
        "officers": v.officers if personal else "",
        "sex": v.sex.value,
        "age_band": v.age_band.value,
        "disability": "" if v.disability is None else "yes" if v.disability else "no",
    }


async def violation_rows(session: AsyncSession, personal: bool) -> list[dict[str, Any]]:
    found = await session.exec(
        select(Violation, Survivor.code)
        .join(Survivor, col(Survivor.id) == Violation.survivor_id)
        .order_by(col(Survivor.code), col(Violation.occurred_on))
    )
    return [_row(v, code, personal) for v, code in found]
