"""Judicial review to compel payment (Order 53), declared as data: leave, then the motion.

The case an award's `enforce` step opens follows this route, not the petition's: leave is
sought ex parte by chamber summons, the notice of motion follows within 21 days of leave
(domain/mandamus.py), and the judgment grants mandamus (allowed) or refuses it (dismissed).
"""

from domain.cases import Case
from domain.stages import Stage as S
from statemachines import guards as g
from statemachines import machine, routes
from statemachines.effects import record_court_number, record_judgment, record_stay
from statemachines.facts import Facts

OPEN = (S.INTAKE, S.LEAVE_SOUGHT, S.LEAVE_GRANTED, S.MOTION_FILED, S.HEARING, S.JUDGMENT_RESERVED)
ENDED = (S.LEAVE_REFUSED, S.JUDGMENT, S.WITHDRAWN)

Route = routes.Route[Case, Facts]

ROUTES = (
    # trigger                 from                        to                    guards, effect
    Route("seek_leave",            (S.INTAKE,),           S.LEAVE_SOUGHT,       (g.APPLICATION_NUMBER_KNOWN,), record_court_number),
    Route("grant_leave",           (S.LEAVE_SOUGHT,),     S.LEAVE_GRANTED),
    Route("refuse_leave",          (S.LEAVE_SOUGHT,),     S.LEAVE_REFUSED),
    # within 21 days of leave (Order 53 r.3(1)); later is recorded with a warning, not refused
    Route("file_notice_of_motion", (S.LEAVE_GRANTED,),    S.MOTION_FILED),
    Route("set_down_for_hearing",  (S.MOTION_FILED,),     S.HEARING),
    Route("reserve_judgment",      (S.HEARING,),          S.JUDGMENT_RESERVED),
    Route("deliver_judgment",      (S.JUDGMENT_RESERVED,), S.JUDGMENT,          (g.JUDGMENT_DATE_GIVEN, g.OUTCOME_GIVEN), record_judgment),
    Route("appeal",                (S.JUDGMENT,),         S.APPEALED,           (g.STAY_STATED,), record_stay),
    Route("determine_appeal",      (S.APPEALED,),         S.JUDGMENT,           (g.JUDGMENT_DATE_GIVEN, g.OUTCOME_GIVEN), record_judgment),
    Route("withdraw",              OPEN,                  S.WITHDRAWN),
    Route("close",                 ENDED,                 S.CLOSED),
)  # fmt: skip

MANDAMUS_TRACK = machine.TrackMachine(S, ROUTES, Facts())
