"""The court track without a database: routes, guards, refusals and effects."""

import asyncio
from datetime import date

import pytest

from domain.cases import Case
from domain.citations import parse_neutral_citation
from domain.court_numbers import parse_court_number
from domain.errors import GuardFailed, TransitionNotAllowed, UnknownTrigger
from domain.stages import CaseKind, CourtLevel, JudgmentOutcome, Stage
from notifications.i18n import Language
from service.web.said import said
from statemachines.case_track import CASE_TRACK, OPEN, ROUTES
from statemachines.facts import Facts

JUDGMENT_FACTS = Facts(occurred_on=date(2024, 5, 2), outcome=JudgmentOutcome.ALLOWED)


def a_case(stage: Stage = Stage.INTAKE, **fields: object) -> Case:
    case = Case(
        reference="HAKI/T/1",
        title="A v Attorney General",
        kind=CaseKind.CONSTITUTIONAL_PETITION,
        court_level=CourtLevel.HIGH_COURT,
        court_station="Nairobi",
        lead_counsel="Counsel",
        stage_since=date(2020, 1, 1),
        **fields,
    )
    case.stage = stage
    return case


def satisfying(route_trigger: str) -> Facts:
    """Facts that pass every request-borne guard of a trigger."""
    return Facts(
        occurred_on=date(2024, 5, 2),
        outcome=JudgmentOutcome.ALLOWED,
        court_number=parse_court_number("Petition E1 of 2024"),
        stay_of_execution=False,
        awards=1,
        awards_settled=route_trigger != "reopen",
    )


@pytest.mark.parametrize(
    ("trigger", "source", "dest"),
    [(r.trigger, s, r.dest) for r in ROUTES for s in r.sources],
)
async def test_every_route_moves_from_each_source_to_its_destination(
    trigger: str, source: Stage, dest: Stage
) -> None:
    outcome = JudgmentOutcome.DISMISSED if trigger == "dismiss" else JudgmentOutcome.ALLOWED
    case = a_case(source, judgment_outcome=outcome)
    left = await CASE_TRACK.fire(case, trigger, satisfying(trigger))
    assert (left, case.stage) == (source, dest)


async def test_the_whole_journey_to_closed() -> None:
    case = a_case()
    steps = [
        ("file", Facts(court_number=parse_court_number("Petition No. E123 of 2021"))),
        ("exchange_pleadings", Facts()),
        ("set_down_for_hearing", Facts()),
        ("reserve_judgment", Facts()),
        ("deliver_judgment", JUDGMENT_FACTS),
        ("award", Facts(awards=1)),
        ("pursue_compensation", Facts(awards=1)),
        ("close", Facts(awards=1, awards_settled=True)),
    ]
    for trigger, facts in steps:
        await CASE_TRACK.fire(case, trigger, facts)
    assert case.stage == Stage.CLOSED
    assert case.court_number == "Petition E123 of 2021"
    assert (case.judgment_on, case.judgment_outcome) == (date(2024, 5, 2), JudgmentOutcome.ALLOWED)


async def test_a_trigger_not_allowed_names_the_stage_and_what_is_allowed() -> None:
    case = a_case(Stage.FILED)
    with pytest.raises(TransitionNotAllowed) as refused:
        await CASE_TRACK.fire(case, "deliver_judgment", JUDGMENT_FACTS)
    assert refused.value.current_stage == "filed"
    assert refused.value.allowed == ["exchange_pleadings", "settle", "withdraw"]
    words = said(refused.value, Language.EN)
    assert "“Judgment delivered” cannot be recorded at the stage Filed" in words
    assert "now possible: Pleadings exchanged, Settled, Withdrawn." in words
    assert "deliver_judgment" not in words and "'filed'" not in words
    assert case.stage == Stage.FILED


async def test_closed_case_allows_nothing() -> None:
    with pytest.raises(TransitionNotAllowed, match=r"stage closed: the record is closed"):
        await CASE_TRACK.fire(a_case(Stage.CLOSED), "settle", Facts())


async def test_an_unknown_trigger_lists_the_known_ones() -> None:
    with pytest.raises(
        UnknownTrigger, match=r"“win” is not a step of this track.*deliver judgment"
    ):
        await CASE_TRACK.fire(a_case(), "win", Facts())


@pytest.mark.parametrize(
    ("stage", "trigger", "facts", "fields", "reason"),
    [
        (Stage.INTAKE, "file", Facts(), {}, "court number the registry gave is needed"),
        (
            Stage.JUDGMENT_RESERVED,
            "deliver_judgment",
            Facts(outcome=JudgmentOutcome.ALLOWED),
            {},
            "date the judgment was delivered",
        ),
        (
            Stage.JUDGMENT_RESERVED,
            "deliver_judgment",
            Facts(occurred_on=date(2024, 1, 1)),
            {},
            "outcome of the judgment is needed",
        ),
        (
            Stage.JUDGMENT,
            "award",
            Facts(),
            {"judgment_outcome": JudgmentOutcome.DISMISSED},
            "did not allow the claim",
        ),
        (
            Stage.JUDGMENT,
            "dismiss",
            Facts(),
            {"judgment_outcome": JudgmentOutcome.PARTLY_ALLOWED},
            "so it was not dismissed",
        ),
        (Stage.JUDGMENT, "appeal", Facts(), {}, "execution is stayed"),
        (
            Stage.JUDGMENT,
            "award",
            Facts(),
            {"judgment_outcome": JudgmentOutcome.ALLOWED},
            "record the award first",
        ),
        (
            Stage.COMPENSATION,
            "close",
            Facts(awards=2, awards_settled=False),
            {},
            "every award must be disbursed, set aside or written off",
        ),
        (
            Stage.CLOSED,
            "reopen",
            Facts(awards=1, awards_settled=True),
            {"judgment_outcome": JudgmentOutcome.ALLOWED},
            "unsettled again",
        ),
    ],
)
async def test_guards_refuse_with_the_missing_fact_and_change_nothing(
    stage: Stage, trigger: str, facts: Facts, fields: dict[str, object], reason: str
) -> None:
    case = a_case(stage, **fields)
    with pytest.raises(GuardFailed, match=reason):
        await CASE_TRACK.fire(case, trigger, facts)
    assert case.stage == stage
    assert case.judgment_on is None or "judgment_on" in fields


async def test_filing_keeps_an_existing_court_number() -> None:
    case = a_case(court_number="Petition 572 of 2013")
    await CASE_TRACK.fire(case, "file", Facts())
    assert (case.stage, case.court_number) == (Stage.FILED, "Petition 572 of 2013")


async def test_judgment_records_date_outcome_and_citation() -> None:
    case = a_case(Stage.JUDGMENT_RESERVED)
    citation = parse_neutral_citation("[2022] KEHC 11609 (KLR)")
    await CASE_TRACK.fire(
        case,
        "deliver_judgment",
        Facts(date(2022, 6, 1), JudgmentOutcome.PARTLY_ALLOWED, neutral_citation=citation),
    )
    assert case.neutral_citation == "[2022] KEHC 11609 (KLR)"
    assert case.judgment_outcome == JudgmentOutcome.PARTLY_ALLOWED


async def test_appeal_records_whether_execution_is_stayed() -> None:
    case = a_case(Stage.AWARDED, judgment_outcome=JudgmentOutcome.ALLOWED)
    await CASE_TRACK.fire(case, "appeal", Facts(stay_of_execution=True))
    assert (case.stage, case.stay_of_execution) == (Stage.APPEALED, True)


async def test_an_appeal_is_lodged_after_the_decree_is_extracted() -> None:
    """Extracting the decree (the case at compensation) does not end the time for appeal."""
    case = a_case(Stage.COMPENSATION, judgment_outcome=JudgmentOutcome.ALLOWED)
    await CASE_TRACK.fire(case, "appeal", Facts(stay_of_execution=False))
    assert (case.stage, case.stay_of_execution) == (Stage.APPEALED, False)


def test_allowed_routes_apply_the_facts_on_record() -> None:
    dismissed = a_case(Stage.JUDGMENT, judgment_outcome=JudgmentOutcome.DISMISSED)
    allowed = a_case(Stage.JUDGMENT, judgment_outcome=JudgmentOutcome.ALLOWED)
    assert [r.trigger for r in CASE_TRACK.allowed(dismissed)] == [
        "dismiss",
        "appeal",
        "settle",
        "withdraw",
    ]
    assert [r.trigger for r in CASE_TRACK.allowed(allowed)] == [
        "award",
        "appeal",
        "settle",
        "withdraw",
    ]


def test_settle_and_withdraw_are_open_from_every_open_stage_only() -> None:
    for trigger in ("settle", "withdraw"):
        route = next(r for r in ROUTES if r.trigger == trigger)
        assert set(route.sources) == set(OPEN)


async def test_wrappers_are_reused_and_never_shared_between_concurrent_steps() -> None:
    cases = [a_case(Stage.HEARING) for _ in range(5)]
    await asyncio.gather(*(CASE_TRACK.fire(case, "reserve_judgment", Facts()) for case in cases))
    assert all(case.stage == Stage.JUDGMENT_RESERVED for case in cases)
    registered = len(CASE_TRACK._machine.models)
    with pytest.raises(GuardFailed):
        await CASE_TRACK.fire(a_case(), "file", Facts())
    await CASE_TRACK.fire(a_case(), "file", satisfying("file"))
    assert len(CASE_TRACK._machine.models) == registered == len(CASE_TRACK._idle)


async def test_a_reused_wrapper_follows_its_new_row() -> None:
    first, second = a_case(Stage.HEARING), a_case(Stage.FILED)
    await CASE_TRACK.fire(first, "reserve_judgment", Facts())
    with pytest.raises(TransitionNotAllowed, match="stage filed"):
        await CASE_TRACK.fire(second, "reserve_judgment", Facts())
    await CASE_TRACK.fire(second, "exchange_pleadings", Facts())
    assert (first.stage, second.stage) == (Stage.JUDGMENT_RESERVED, Stage.PLEADINGS)


def test_only_the_steps_whose_guards_read_the_awards_ask_for_them() -> None:
    """A step reads the case's awards only when a guard needs them (court_track.take_step)."""
    reads = {
        (stage, route.trigger)
        for route in ROUTES
        for stage in route.sources
        if CASE_TRACK.gathers(a_case(stage), route.trigger)
    }
    assert reads == {
        (Stage.JUDGMENT, "award"),
        (Stage.COMPENSATION, "close"),
        (Stage.CLOSED, "reopen"),
    }
    assert not CASE_TRACK.gathers(a_case(Stage.DISMISSED), "close")
