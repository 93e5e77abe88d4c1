"""The stage an imported case enters, checked against the court track, and its `imported` event."""

from datetime import date

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Case, CaseEvent
from domain.errors import N_, Said
from domain.stages import Stage
from service.usecases.importing.case_rows import CaseRow
from service.usecases.importing.running import STAGE_NEEDS, Context, RowRefused
from statemachines.facts import Facts
from statemachines.tracks import machine_of

NEEDS = {
    "court_number_known": ("court_number", Said(N_("the court number"))),
    "judgment_date_given": ("judgment_on", Said(N_("the day judgment was delivered"))),
    "outcome_given": ("judgment_outcome", Said(N_("the judgment's outcome"))),
    "judgment_favours_claimants": ("judgment_outcome", Said(N_("a judgment allowing the claim"))),
    "judgment_dismissed_claim": ("judgment_outcome", Said(N_("a judgment dismissing the claim"))),
    "stay_stated": ("stay_of_execution", Said(N_("yes or no for a stay of execution"))),
}
"""what each guard of the court track asks of an import row, in the row's own columns"""


async def haki_is_ahead(session: AsyncSession, case: Case, row: CaseRow) -> bool:
    """Whether the case moved on in Haki from the row's stage (a payment brought in later
    took it to compensation, a lawyer recorded the next step): Haki's record then stands.
    A row at a stage the case never reached in Haki contradicts it, and is refused."""
    history = await session.exec(
        select(CaseEvent.trigger, CaseEvent.to_stage).where(CaseEvent.case_id == case.id)
    )
    events = list(history.all())
    if all(trigger in ("open", "imported") for trigger, _ in events):
        return False
    if row.stage in {stage for _, stage in events}:
        return True
    said = Said(
        N_(
            "The case has moved in Haki since it was imported (it is at the stage %(stage)s) "
            "and was never at the stage %(given)s: record its steps in Haki."
        ),
        {"stage": case.stage, "given": row.stage},
    )
    raise RowRefused([("stage", said)])


def enter_stage(
    context: Context,
    case: Case,
    row: CaseRow,
    changed: tuple[str, ...],
    left: Stage | None,
    stage: Stage,
    since: date,
) -> None:
    """Puts the case at `stage` with one `imported` event, if the court track could reach
    it on the row's facts."""
    facts = Facts(
        occurred_on=row.judgment_on,
        outcome=row.judgment_outcome,
        court_number=row.court_number,
        neutral_citation=row.neutral_citation,
        stay_of_execution=row.stay_of_execution,
        awards=1,  # the awards file brings them: the case track asks no more of an import
        awards_settled=True,
    )
    track = machine_of(case)
    reach = track.reach(case, stage, facts)
    if reach.path is None:
        problems = dict(NEEDS[g.name] for g in reach.blocked if g.name in NEEDS)
        raise RowRefused(
            [(column, Said(STAGE_NEEDS, {"stage": stage, "needs": needs}))
             for column, needs in problems.items()]
            or [("stage", Said(N_("The stage %(stage)s cannot be reached on the court track."),
                               {"stage": stage}))]
        )  # fmt: skip
    track.enter(case, stage)
    case.stage_since = since
    context.pending.row(
        CaseEvent,
        case_id=case.id,
        trigger="imported",
        from_stage=left,
        to_stage=stage,
        occurred_on=since,
        recorded_at=context.now,
        recorded_by=context.actor.user_id,
        note=f"imported from {context.file_name}",
        details={
            **context.source,
            "changed": list(changed),
            **({"filed_on": row.filed_on.isoformat()} if row.filed_on else {}),
        },
    )
