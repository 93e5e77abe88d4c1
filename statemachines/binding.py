"""Binds the court-track table to one case row through a shared `transitions` AsyncMachine.

`transitions` cannot bind to a SQLModel row (it sets attributes the ORM rejects), so a small
`CaseTrack` wrapper carries the stage; its setter is the only code that writes `Case.stage`.
The machine only changes the row in memory: the use case persists it in its own transaction.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from transitions.core import EventData
from transitions.extensions.asyncio import AsyncMachine

from domain.cases import Case
from domain.errors import GuardFailed, TransitionNotAllowed, UnknownTrigger
from domain.stages import Stage
from statemachines.case_track import ROUTES, TRIGGERS, Route, routes_from
from statemachines.facts import Facts


class CaseTrack:
    def __init__(self, case: Case) -> None:
        self.case = case

    @property
    def stage(self) -> str:
        return self.case.stage.value

    @stage.setter
    def stage(self, value: str) -> None:
        self.case.stage = Stage(value)


def _case_and_facts(event: EventData) -> tuple[Case, Facts]:
    track = event.model
    assert isinstance(track, CaseTrack)
    facts: Facts = event.kwargs["facts"]
    return track.case, facts


def _guard_callback(route: Route) -> Any:
    def check(event: EventData) -> bool:
        case, facts = _case_and_facts(event)
        for guard in route.guards:
            if not guard.check(case, facts):
                raise GuardFailed(route.trigger, guard.refusal)
        return True

    return check


def _effect_callback(route: Route) -> Any:
    def apply(event: EventData) -> None:
        if route.effect is not None:
            route.effect(*_case_and_facts(event))

    return apply


# transitions logs four INFO lines per step; the case history is the record we keep. Profiling
# bench/transitions.py, that chatter and its logging thread took about a fifth of the server.
logging.getLogger("transitions").setLevel(logging.WARNING)

_MACHINE = AsyncMachine(
    model=None,
    states=[stage.value for stage in Stage],
    transitions=[
        {
            "trigger": route.trigger,
            "source": [stage.value for stage in route.sources],
            "dest": route.dest.value,
            "conditions": [_guard_callback(route)],
            "after": [_effect_callback(route)],
        }
        for route in ROUTES
    ],
    model_attribute="stage",
    auto_transitions=False,
    send_event=True,
)


def allowed_routes(case: Case) -> list[Route]:
    """Routes open from the case's stage whose facts about the case itself already hold."""
    return [
        route
        for route in routes_from(case.stage)
        if all(guard.check(case, Facts()) for guard in route.guards if guard.about_case_only)
    ]


async def fire(case: Case, trigger: str, facts: Facts) -> Stage:
    """Moves `case` along `trigger` in memory and returns the stage it left, or raises why not."""
    if trigger not in TRIGGERS:
        raise UnknownTrigger(
            f"unknown trigger '{trigger}'; the court track knows: {', '.join(sorted(TRIGGERS))}",
            field="trigger",
        )
    from_stage = case.stage
    if trigger not in {route.trigger for route in routes_from(from_stage)}:
        raise TransitionNotAllowed(
            trigger, from_stage.value, [route.trigger for route in allowed_routes(case)]
        )
    with _tracking(case) as track:
        await track.trigger(trigger, facts=facts)  # type: ignore[attr-defined]
    return from_stage


_IDLE: list[CaseTrack] = []


@contextmanager
def _tracking(case: Case) -> Iterator[CaseTrack]:
    """Lends a wrapper already added to the machine, pointed at `case`.

    `add_model` binds every trigger and state method afresh: done per step it took a tenth of
    the server's time in a profile of bench/transitions.py. The machine reads the stage through
    the wrapper's property, so pointing a registered wrapper at another row is all a step needs.
    """
    if _IDLE:
        track = _IDLE.pop()
        track.case = case
    else:
        track = CaseTrack(case)
        _MACHINE.add_model(track, initial=case.stage.value)
    try:
        yield track
    finally:
        _IDLE.append(track)
