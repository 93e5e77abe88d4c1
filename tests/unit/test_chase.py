"""When the Attorney General is chased next, and when silence becomes a case for mandamus."""

from datetime import date

from domain.chase import ChaseRules, chase_state

SERVED = date(2024, 4, 2)


def test_first_follow_up_30_days_after_service() -> None:
    state = chase_state(SERVED, None, None, today=date(2024, 4, 20))
    assert (state.next_due, state.silent_days, state.escalate) == (date(2024, 5, 2), 18, False)
    assert not state.due_by(date(2024, 5, 1)) and state.due_by(date(2024, 5, 2))


def test_each_follow_up_sets_the_next_30_days_on() -> None:
    state = chase_state(SERVED, date(2024, 5, 6), None, today=date(2024, 5, 10))
    assert state.next_due == date(2024, 6, 5)


def test_silence_of_90_days_since_service_or_last_answer_escalates() -> None:
    letters_unanswered = chase_state(SERVED, date(2024, 6, 5), None, today=date(2024, 7, 1))
    assert (letters_unanswered.silent_days, letters_unanswered.escalate) == (90, True)
    answered = chase_state(SERVED, date(2024, 6, 5), date(2024, 6, 20), today=date(2024, 7, 1))
    assert (answered.silent_days, answered.escalate) == (11, False)


def test_cadence_and_escalation_are_settings() -> None:
    rules = ChaseRules(cadence_days=14, escalate_after_days=60)
    state = chase_state(SERVED, None, None, today=date(2024, 6, 1), rules=rules)
    assert (state.next_due, state.escalate) == (date(2024, 4, 16), True)
