"""How a track is declared: its routes and their guards, as data; and what a listing of the
steps says of each trigger (now, from a day, or not at all).

The tables of each track (statemachines/case_track.py, mandamus_track.py, award_track.py) are
made of these; statemachines/machine.py binds them to `transitions` and to a row.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from domain.errors import Said

Row = TypeVar("Row")
Facts = TypeVar("Facts")


@dataclass(frozen=True)
class Guard(Generic[Row, Facts]):
    name: str
    refusal: str
    check: Callable[[Row, Facts], bool]
    about_row_only: bool = False
    """Reads only the row, so a listing of the triggers allowed now can apply it."""
    selects_route: bool = False
    """Failing means "another route of this trigger applies", not "refused"."""
    explain: Callable[[Row, Facts], Said] | None = None
    """The refusal worked out for this row and these facts (e.g. the first day allowed), where
    the fixed words of `refusal` would leave the person to do the arithmetic."""
    gathered: bool = False
    """Reads facts the use case gathers from the records (the awards, the costs taxed), not
    what a person asserts: a listing of the steps possible now applies it once it has them."""
    opens_on: Callable[[Row, Facts], date] | None = None
    """Time alone satisfies this guard: the first day it holds, for a step offered "from" then."""
    awaits_record: bool = False
    """Failing, the step is near: it waits for something a person records elsewhere (an award),
    so a listing shows it with the reason rather than hiding it."""

    def refusing(self, row: Row, facts: Facts) -> Said:
        return self.explain(row, facts) if self.explain is not None else Said(self.refusal)


@dataclass(frozen=True)
class Route(Generic[Row, Facts]):
    trigger: str
    sources: tuple[StrEnum, ...]
    dest: StrEnum
    guards: tuple[Guard[Row, Facts], ...] = ()
    effect: Callable[[Row, Facts, StrEnum], None] | None = None
    """Records on the row the facts the step was taken with; gets the stage it left."""

    @property
    def asks_for(self) -> list[str]:
        """What a person must supply to take this step: the guards the row cannot answer."""
        return [guard.refusal for guard in self.guards if not guard.about_row_only]

    @property
    def answered_by_records(self) -> tuple[Guard[Row, Facts], ...]:
        """The guards a listing can apply without a person's answer: the row and the records."""
        return tuple(g for g in self.guards if g.about_row_only or g.gathered or g.opens_on)


class Openness(StrEnum):
    NOW = "now"
    LATER = "later"
    """near: possible from a day, or once something is recorded elsewhere"""
    NO = "no"


@dataclass(frozen=True)
class Chance(Generic[Row, Facts]):
    """Whether a trigger can be taken now, later, or not at all from the row's stage."""

    route: Route[Row, Facts]
    openness: Openness
    opens_on: date | None = None
    """the first day it is possible, when time alone stands in the way"""
    waiting_for: tuple[Guard[Row, Facts], ...] = ()
    """the guards the records do not yet satisfy, first met first"""
    reasons: tuple[Said, ...] = ()
    """what those guards say for this row (the API's words; pages use the catalog's)"""

    @property
    def rank(self) -> int:
        return list(Openness).index(self.openness)


def chance_of(
    route: Route[Row, Facts], failing: list[Guard[Row, Facts]], row: Row, facts: Facts
) -> Chance[Row, Facts]:
    if not failing:
        return Chance(route, Openness.NOW)
    reasons = tuple(g.refusing(row, facts) for g in failing)
    if not all(g.opens_on or g.awaits_record for g in failing):
        return Chance(route, Openness.NO, None, tuple(failing), reasons)
    days = [g.opens_on(row, facts) for g in failing if g.opens_on is not None]
    return Chance(route, Openness.LATER, max(days, default=None), tuple(failing), reasons)


@dataclass(frozen=True)
class Reach(Generic[Row, Facts]):
    path: list[Route[Row, Facts]] | None
    """None: the stage cannot be reached with these facts"""
    blocked: list[Guard[Row, Facts]]
    """guards that stopped a route on the way, first met first"""
