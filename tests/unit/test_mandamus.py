"""Judicial review to compel payment without a database: the 21 days after leave counted as
IGPA s.57 counts them, the styling of the matter, and every route of its machine."""

from datetime import date

import pytest

from domain.mandamus import MotionTime, styled
from domain.stages import CaseTrack, Stage
from statemachines.mandamus_track import MANDAMUS_TRACK, ROUTES
from statemachines.tracks import machine_of
from tests.unit.test_case_track import a_case, satisfying


@pytest.mark.parametrize(
    ("filed_on", "days", "late"),
    [
        (date(2021, 9, 20), 0, False),  # the day of leave itself
        (date(2021, 10, 11), 21, False),  # day 21: 21 September is day 1
        # day 21 was Utamaduni Day's Monday off (10 October 2021 a Sunday): s.57(b) runs the
        # period to Tuesday the 12th
        (date(2021, 10, 12), 22, False),
        (date(2021, 10, 13), 23, True),
        (date(2022, 1, 3), 105, True),
    ],
)
def test_the_notice_of_motion_is_due_within_21_days_of_leave(
    filed_on: date, days: int, late: bool
) -> None:
    time = MotionTime(date(2021, 9, 20), filed_on)
    assert (time.last_day, time.days_after_leave, time.late) == (date(2021, 10, 12), days, late)


def test_the_last_day_runs_over_a_month_and_a_year_end() -> None:
    assert MotionTime(date(2026, 12, 17), date(2026, 12, 17)).last_day == date(2027, 1, 7)


def test_the_matter_is_styled_against_the_accounting_officer_ex_parte_the_applicant() -> None:
    assert styled("Ministry of Interior", "S-2021-0001") == (
        "Republic v Accounting Officer, Ministry of Interior ex parte S-2021-0001"
    )
    assert styled("Ministry of Interior", "Wanjiku Demo", "The Principal Secretary, Interior") == (
        "Republic v The Principal Secretary, Interior ex parte Wanjiku Demo"
    )


@pytest.mark.parametrize(
    ("trigger", "source", "dest"),
    [(r.trigger, s, r.dest) for r in ROUTES for s in r.sources],
)
async def test_every_route_moves_from_each_source_to_its_destination(
    trigger: str, source: Stage, dest: Stage
) -> None:
    case = a_case(source, track=CaseTrack.MANDAMUS)
    left = await MANDAMUS_TRACK.fire(case, trigger, satisfying(trigger))
    assert (left, case.stage) == (source, dest)


def test_a_case_on_the_mandamus_track_is_moved_by_its_own_machine() -> None:
    review = a_case(track=CaseTrack.MANDAMUS)
    assert machine_of(review) is MANDAMUS_TRACK
    triggers = [r.trigger for r in machine_of(review).allowed(review)]
    assert triggers == ["seek_leave", "withdraw"]
    petition = a_case()
    assert next(r.trigger for r in machine_of(petition).allowed(petition)) == "file"
