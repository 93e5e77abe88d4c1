"""The cases' filter read from a query string, the one way for GET /cases, the cases page and
its CSV: a new filter is added here once. An empty value means "any", as a form sends it."""

from enum import StrEnum
from typing import Annotated, TypeVar

from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import QueryParameter

from domain.stages import CaseKind, CourtLevel, Stage
from service.auth.identity import SignedIn
from service.auth.policy import case_scope, reads_free_text
from service.text import LINE
from service.usecases.cases.finding import CaseFilter, CaseSort

Code = TypeVar("Code", bound=StrEnum)
Text = Annotated[str, QueryParameter(max_length=120, pattern=LINE)]


def _codes(kind: type[StrEnum]) -> str:
    return f"one of: {', '.join(code.value for code in kind)}; empty for any"


def _chosen(kind: type[Code], value: str, label: str) -> Code | None:
    if not value.strip():
        return None
    try:
        return kind(value.strip())
    except ValueError:
        raise ValidationException(f"{label}: '{value}' is not one Haki knows") from None


def case_filter(
    request: SignedIn,
    q: Annotated[
        str,
        QueryParameter(
            max_length=120,
            pattern=LINE,
            description="part of the reference, a court number in any form, a survivor's "
            "code, words of the title, part of counsel's name (a claimant's name: "
            "administrators and lawyers only)",
        ),
    ] = "",
    stage: Annotated[str, QueryParameter(max_length=48, description=_codes(Stage))] = "",
    court_level: Annotated[str, QueryParameter(max_length=48, description=_codes(CourtLevel))] = "",
    kind: Annotated[str, QueryParameter(max_length=48, description=_codes(CaseKind))] = "",
    station: Text = "",
    counsel: Text = "",
    court_number: Annotated[
        str,
        QueryParameter(max_length=120, pattern=LINE, description="any Kenyan form; normalised"),
    ] = "",
    sort: Annotated[str, QueryParameter(max_length=20, description=_codes(CaseSort))] = "",
) -> CaseFilter:
    """A lawyer's listing is limited to her team's cases (case_scope); a name is searched only
    for the roles that read names (reads_free_text)."""
    return CaseFilter(
        stage=_chosen(Stage, stage, "Stage"),
        court_level=_chosen(CourtLevel, court_level, "Court"),
        kind=_chosen(CaseKind, kind, "Kind"),
        court_station=station.strip() or None,
        lead_counsel=counsel.strip() or None,
        court_number=court_number.strip() or None,
        member=case_scope(request.user),
        search=q.strip() or None,
        names=reads_free_text(request.user),
        sort=_chosen(CaseSort, sort, "Sort") or CaseSort.NEWEST,
    )


def asked(where: CaseFilter) -> dict[str, str]:
    """The filter as its query string's values, to fill the form and the links again."""
    values = {
        "q": where.search,
        "stage": where.stage,
        "court_level": where.court_level,
        "kind": where.kind,
        "station": where.court_station,
        "counsel": where.lead_counsel,
        "court_number": where.court_number,
        "sort": None if where.sort is CaseSort.NEWEST else where.sort,
    }
    return {name: str(value) for name, value in values.items() if value}


FILTER = {"where": Provide(case_filter, sync_to_thread=False)}
Where = NamedDependency[CaseFilter]
