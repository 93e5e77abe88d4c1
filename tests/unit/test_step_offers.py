"""The case page has words for every guard that can keep a step near (issue 18 item 2)."""

from service.web.step_offers import WAITING_WORDS
from statemachines.award_track import AWARD_TRACK
from statemachines.case_track import CASE_TRACK


def test_every_guard_that_keeps_a_step_near_has_words_on_the_page() -> None:
    near = {
        guard.name
        for machine in (CASE_TRACK, AWARD_TRACK)
        for route in machine.routes
        for guard in route.guards
        if guard.opens_on is not None or guard.awaits_record
    }
    assert near == set(WAITING_WORDS)
