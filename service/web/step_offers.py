"""The steps the case page offers: the machines' answer (service/usecases/cases/possible_steps.py)
as buttons, near steps disabled with the reason in the reader's words, the rest not shown."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.mandamus import last_day_for_motion
from notifications.i18n import N_
from statemachines.routes import Chance, Openness

# the facts a step's guards ask for, as form fields (statemachines/guards.py names them)
FIELDS_FOR_GUARD = {
    "court_number_known": ("court_number",),
    "application_number_known": ("court_number",),
    "judgment_date_given": ("occurred_on",),
    "outcome_given": ("outcome", "neutral_citation"),
    "stay_stated": ("stay_of_execution",),
}

MISSING_FACT = {
    "court_number_known": ("court_number", N_("Give the court number as the registry wrote it.")),
    "application_number_known": (
        "court_number",
        N_("Give the number the registry gave the application for leave."),
    ),
    "outcome_given": ("outcome", N_("Choose the outcome of the judgment.")),
    "stay_stated": ("stay_of_execution", N_("Say whether execution is stayed pending the appeal.")),
}
"""a step's form refused for a fact its guard asks for: the field and the reader's words"""

AWARD_FIRST = N_("Record the award below first: the case is awarded once an award is recorded.")
WAITING_WORDS = {
    "an_award_recorded": AWARD_FIRST,
    "waiting_period_over": N_(
        "Possible from %(day)s: a certificate of order against the Government is issued only "
        "after %(days)s days from the judgment of %(judgment)s have passed, and once any costs "
        "it includes are taxed (Government Proceedings Act s.21(1))."
    ),
}
"""why a near step waits, for each guard that can keep a step near (statemachines/ marks them
`opens_on` or `awaits_record`); a unit test keeps the two lists in step"""
FROM_DAY = N_("Possible from %(day)s.")


@dataclass(frozen=True)
class StepForm:
    trigger: str
    to: str
    asks: tuple[str, ...] = ()
    """the facts beyond date, note and evidence this step needs"""
    required: tuple[str, ...] = ()
    blocked: str = ""
    """why the step cannot be taken yet (a catalog message), shown beside it disabled"""
    from_day: date | None = None
    """the first day it can be taken, when time alone stands in the way"""
    judgment_on: date | None = None
    waiting_days: int = 21
    since: date | None = None
    """the day the time for this step began to run (leave granted, for a notice of motion)"""
    last_day: date | None = None
    """the last day the rules give for this step; later, it is recorded with a warning"""


def step_form(chance: Chance[Any, Any], row: Any, waiting_days: int = 21) -> StepForm | None:
    """The step as the page offers it: a form, disabled with its reason, or not at all."""
    if chance.openness is Openness.NO:
        return None
    route = chance.route
    asks: list[str] = []
    for guard in route.guards:
        asks += [f for f in FIELDS_FOR_GUARD.get(guard.name, ()) if f not in asks]
    required = tuple(f for f in asks if f != "neutral_citation")
    blocked = ""
    if chance.openness is Openness.LATER:
        words = [WAITING_WORDS[g.name] for g in chance.waiting_for if g.name in WAITING_WORDS]
        blocked = words[0] if words else FROM_DAY
    since = last_day = None
    if route.trigger == "file_notice_of_motion":
        since, last_day = row.stage_since, last_day_for_motion(row.stage_since)
    return StepForm(
        route.trigger,
        str(route.dest.value),
        tuple(asks),
        required,
        blocked,
        chance.opens_on,
        getattr(row, "judgment_on", None),
        waiting_days,
        since,
        last_day,
    )


def offered(chances: list[Chance[Any, Any]], row: Any, waiting_days: int = 21) -> list[StepForm]:
    forms = (step_form(chance, row, waiting_days) for chance in chances)
    return [form for form in forms if form is not None]
