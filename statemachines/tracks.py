"""Which machine moves a case: the route it was opened on (domain/stages.py `CaseTrack`)."""

from domain.cases import Case
from domain.stages import CaseTrack
from statemachines.case_track import CASE_TRACK
from statemachines.facts import Facts
from statemachines.machine import TrackMachine
from statemachines.mandamus_track import MANDAMUS_TRACK

MACHINES: dict[CaseTrack, TrackMachine[Case, Facts]] = {
    CaseTrack.COURT: CASE_TRACK,
    CaseTrack.MANDAMUS: MANDAMUS_TRACK,
}


def machine_of(case: Case) -> TrackMachine[Case, Facts]:
    return MACHINES[CaseTrack(case.track)]
