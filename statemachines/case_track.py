"""The court track of a case, declared as data: read this table to know every legal route."""

from domain.cases import Case
from domain.stages import Stage as S
from statemachines import guards as g
from statemachines import machine, routes
from statemachines.effects import record_court_number, record_judgment, record_stay
from statemachines.facts import Facts

OPEN = (S.INTAKE, S.FILED, S.PLEADINGS, S.HEARING, S.JUDGMENT_RESERVED, S.JUDGMENT, S.APPEALED)
ENDED = (S.DISMISSED, S.SETTLED, S.WITHDRAWN)


Route = routes.Route[Case, Facts]

ROUTES = (
    # trigger               from                          to                    guards, effect
    Route("file",                 (S.INTAKE,),            S.FILED,              (g.COURT_NUMBER_KNOWN,), record_court_number),
    Route("exchange_pleadings",   (S.FILED,),             S.PLEADINGS),
    Route("set_down_for_hearing", (S.PLEADINGS,),         S.HEARING),
    Route("reserve_judgment",     (S.HEARING,),           S.JUDGMENT_RESERVED),
    Route("deliver_judgment",     (S.JUDGMENT_RESERVED,), S.JUDGMENT,           (g.JUDGMENT_DATE_GIVEN, g.OUTCOME_GIVEN), record_judgment),
    Route("award",                (S.JUDGMENT,),          S.AWARDED,            (g.JUDGMENT_FAVOURS_CLAIMANTS, g.AN_AWARD_RECORDED)),
    Route("dismiss",              (S.JUDGMENT,),          S.DISMISSED,          (g.JUDGMENT_DISMISSED_CLAIM,)),
    # a decree extracted (the case at compensation) does not end the time for appeal
    Route("appeal",               (S.JUDGMENT, S.AWARDED, S.DISMISSED, S.COMPENSATION), S.APPEALED, (g.STAY_STATED,), record_stay),
    Route("determine_appeal",     (S.APPEALED,),          S.JUDGMENT,           (g.JUDGMENT_DATE_GIVEN, g.OUTCOME_GIVEN), record_judgment),
    Route("settle",               OPEN,                   S.SETTLED),
    Route("withdraw",             OPEN,                   S.WITHDRAWN),
    Route("pursue_compensation",  (S.AWARDED,),           S.COMPENSATION),
    Route("close",                (S.COMPENSATION,),      S.CLOSED,             (g.AWARDS_SETTLED,)),
    Route("close",                ENDED,                  S.CLOSED),
    Route("reopen",               (S.CLOSED,),            S.COMPENSATION,       (g.JUDGMENT_FAVOURS_CLAIMANTS, g.AN_AWARD_UNSETTLED)),
)  # fmt: skip

CASE_TRACK = machine.TrackMachine(S, ROUTES, Facts())
