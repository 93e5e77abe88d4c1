"""The machine both tracks share: a track's routes (statemachines/routes.py) bound to a row by
`transitions`.

`transitions` cannot bind to a SQLModel row (it sets attributes the ORM rejects), so a small
`Track` wrapper carries the stage; its setter is the only code that writes a row's stage. The
machine changes the row in memory only: the use case persists it in its own transaction.

The machine is `transitions`' plain `Machine`, not its `AsyncMachine`: every guard and effect is
a plain function of the row and the facts, and the asyncio machine's tasks and gathers cost about
seven times as much CPU for the same step (70 µs against 10 µs), a tenth of the server's time in
a profile of bench/transitions.py. A step runs from start to end without awaiting anything, so
two requests can never interleave inside one.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any, Generic

from transitions import Machine
from transitions.core import EventData

from domain.errors import N_, GuardFailed, Step, TransitionNotAllowed, UnknownTrigger
from statemachines.routes import Chance, Facts, Reach, Route, Row, chance_of

# transitions logs four INFO lines per step; the histories are the record we keep. Profiling
# bench/transitions.py, that chatter and its logging thread took about a fifth of the server.
logging.getLogger("transitions").setLevel(logging.WARNING)


class Track:
    def __init__(self, row: Any, stages: type[StrEnum]) -> None:
        self.row = row
        self.stages = stages

    @property
    def stage(self) -> str:
        return str(self.row.stage.value)

    @stage.setter
    def stage(self, value: str) -> None:
        self.row.stage = self.stages(value)


class TrackMachine(Generic[Row, Facts]):
    """One shared Machine per track; rows are lent registered wrappers while they move."""

    def __init__(
        self, stages: type[StrEnum], routes: tuple[Route[Row, Facts], ...], no_facts: Facts
    ) -> None:
        self.stages = stages
        self.routes = routes
        self.triggers = frozenset(route.trigger for route in routes)
        self._no_facts = no_facts
        self._idle: list[Track] = []
        self._from: dict[StrEnum, tuple[Route[Row, Facts], ...]] = {}
        self._onward_of: dict[StrEnum, frozenset[StrEnum]] = {}
        self._machine = Machine(
            model=None,
            states=[stage.value for stage in stages],
            transitions=[
                {
                    "trigger": route.trigger,
                    "source": [stage.value for stage in route.sources],
                    "dest": route.dest.value,
                    "conditions": [self._guarded(route)],
                    "after": [self._effect(route)],
                }
                for route in routes
            ],
            model_attribute="stage",
            auto_transitions=False,
            send_event=True,
        )

    def routes_from(self, stage: StrEnum) -> tuple[Route[Row, Facts], ...]:
        """Kept per stage: the routes are fixed, and an import asks for every row's way."""
        found = self._from.get(stage)
        if found is None:
            found = self._from[stage] = tuple(r for r in self.routes if stage in r.sources)
        return found

    def gathers(self, row: Any, trigger: str) -> bool:
        """Whether a guard of `trigger` from the row's stage reads facts gathered from other
        records: a step whose guards do not is taken without reading them."""
        return any(
            guard.gathered
            for route in self.routes_from(row.stage)
            if route.trigger == trigger
            for guard in route.guards
        )

    def allowed(self, row: Any) -> list[Route[Row, Facts]]:
        """Routes open from the row's stage whose facts about the row itself already hold."""
        return [
            route
            for route in self.routes_from(row.stage)
            if all(g.check(row, self._no_facts) for g in route.guards if g.about_row_only)
        ]

    def chances(self, row: Any, facts: Facts) -> list[Chance[Row, Facts]]:
        """Each trigger from the row's stage, with whether the records allow it now, from a day,
        or not at all. `facts` are the records' (gathered by the use case, dated today); what
        only a person can assert (a date, an outcome) is asked for by the step's form."""
        found: dict[str, Chance[Row, Facts]] = {}
        for route in self.routes_from(row.stage):
            failing = [g for g in route.answered_by_records if not g.check(row, facts)]
            if any(g.selects_route for g in failing):
                continue
            chance = chance_of(route, failing, row, facts)
            known = found.get(route.trigger)
            if known is None or chance.rank < known.rank:
                found[route.trigger] = chance
        return list(found.values())

    async def fire(self, row: Any, trigger: str, facts: Facts) -> StrEnum:
        """Moves `row` along `trigger` in memory and returns the stage it left, or says why not."""
        if trigger not in self.triggers:
            raise UnknownTrigger(
                N_("“%(trigger)s” is not a step of this track; its steps are: %(known)s."),
                "trigger",
                trigger=trigger,
                known=[Step(name) for name in sorted(self.triggers)],
            )
        from_stage = row.stage
        candidates = [route for route in self.routes_from(from_stage) if route.trigger == trigger]
        if not candidates:
            allowed = list(dict.fromkeys(route.trigger for route in self.allowed(row)))
            raise TransitionNotAllowed(trigger, from_stage, allowed)
        with self._tracking(row) as track:
            moved = track.trigger(trigger, facts=facts)  # type: ignore[attr-defined]
        if not moved:
            reasons = {
                g.refusal: g.refusing(row, facts)
                for route in candidates
                for g in route.guards
                if g.selects_route
            }
            raise GuardFailed(trigger, [reasons[r] for r in sorted(reasons)])
        return from_stage  # type: ignore[no-any-return]

    def reach(self, row: Any, stage: StrEnum, facts: Facts) -> "Reach[Row, Facts]":
        """The shortest route from the first stage to `stage` whose guards the facts satisfy.

        For records brought in from elsewhere: the import enters the stage in one event, and
        this says whether the machine could have got there with what the record states.
        """
        start = next(iter(self.stages))
        paths: dict[StrEnum, list[Route[Row, Facts]]] = {start: []}
        frontier, stopped = [start], []
        while frontier and stage not in paths:
            following = []
            for here in frontier:
                for route in self.routes_from(here):
                    failed = [g for g in route.guards if not g.check(row, facts)]
                    if failed:
                        stopped.append((route, [g for g in failed if not g.selects_route]))
                    elif route.dest not in paths:
                        paths[route.dest] = [*paths[here], route]
                        following.append(route.dest)
            frontier = following
        # what stopped the last step into the stage, else what stopped any step towards it
        into = [guards for route, guards in stopped if route.dest == stage]
        towards = [guards for route, guards in stopped if stage in self._onward(route.dest)]
        blocked = [g for guards in (into or towards) for g in guards]
        return Reach(paths.get(stage), list(dict.fromkeys(blocked)))

    def _onward(self, stage: StrEnum) -> frozenset[StrEnum]:
        """Every stage some sequence of routes leads to from `stage`, guards aside."""
        if stage not in self._onward_of:
            seen, frontier = {stage}, [stage]
            while frontier:
                frontier = [
                    r.dest for s in frontier for r in self.routes_from(s) if r.dest not in seen
                ]
                seen.update(frontier)
            self._onward_of[stage] = frozenset(seen)
        return self._onward_of[stage]

    def enter(self, row: Any, stage: StrEnum) -> None:
        """Puts an imported row at its stage, through the machine's own `set_state` (no
        trigger, no guard, no effect: `reach` has said the machine could get there)."""
        with self._tracking(row) as track:
            self._machine.set_state(stage.value, model=track)

    @contextmanager
    def _tracking(self, row: Any) -> Iterator[Track]:
        """Lends a wrapper already added to the machine, pointed at `row`.

        `add_model` binds every trigger and state method afresh: done per step it took a tenth
        of the server's time in a profile of bench/transitions.py. The machine reads the stage
        through the wrapper's property, so pointing a registered wrapper at another row is all
        a step needs.
        """
        if self._idle:
            track = self._idle.pop()
            track.row = row
        else:
            track = Track(row, self.stages)
            self._machine.add_model(track, initial=row.stage.value)
        try:
            yield track
        finally:
            self._idle.append(track)

    @staticmethod
    def _guarded(route: Route[Row, Facts]) -> Callable[[EventData], bool]:
        def check(event: EventData) -> bool:
            row, facts = _row(event), event.kwargs["facts"]
            for guard in route.guards:
                if not guard.check(row, facts):
                    if guard.selects_route:
                        return False
                    raise GuardFailed(route.trigger, guard.refusing(row, facts), guard.name)
            return True

        return check

    def _effect(self, route: Route[Row, Facts]) -> Callable[[EventData], None]:
        def apply(event: EventData) -> None:
            if route.effect is not None and event.transition is not None:
                source = self.stages(event.transition.source)
                route.effect(_row(event), event.kwargs["facts"], source)

        return apply


def _row(event: EventData) -> Any:
    track = event.model
    assert isinstance(track, Track)
    return track.row
