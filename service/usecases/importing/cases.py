"""Cases brought in from a register kept elsewhere, matched on court number and station.

A new case is opened as any case is (claimants, first event, audit) and then enters its
stage in one `imported` event, once the court track says the row's facts could have taken
it there. A case already in Haki is updated, with an `imported` event naming what changed.
"""

from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any, ClassVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.calendar import nairobi_midnight, nairobi_today
from domain.cases import Case, CaseClaimant, CaseEvent
from domain.citations import NeutralCitation
from domain.citations import parse_neutral_citation as citation
from domain.court_numbers import CourtNumber
from domain.errors import N_, InvalidInput, Said
from domain.stages import CaseKind, CourtLevel, JudgmentOutcome, Stage
from domain.stations import listed_station, merged_station
from service.imports.cells import Cells
from service.usecases.accounts.audit import audit
from service.usecases.cases.register import read_court_number
from service.usecases.importing.claimants import checked_code, move_counters, survivors_named
from service.usecases.importing.lookups import (
    case_with_reference,
    cases_numbered,
    claimants_of,
    prefetch_cases,
    remember_case,
)
from service.usecases.importing.running import STAGE_NEEDS, TAKEN, Context, Outcome, RowRefused
from statemachines.facts import Facts
from statemachines.tracks import machine_of

BEFORE_JUDGMENT = (
    Stage.INTAKE,
    Stage.FILED,
    Stage.PLEADINGS,
    Stage.HEARING,
    Stage.JUDGMENT_RESERVED,
)
NEEDS = {
    "court_number_known": ("court_number", Said(N_("the court number"))),
    "judgment_date_given": ("judgment_on", Said(N_("the day judgment was delivered"))),
    "outcome_given": ("judgment_outcome", Said(N_("the judgment's outcome"))),
    "judgment_favours_claimants": ("judgment_outcome", Said(N_("a judgment allowing the claim"))),
    "judgment_dismissed_claim": ("judgment_outcome", Said(N_("a judgment dismissing the claim"))),
    "stay_stated": ("stay_of_execution", Said(N_("yes or no for a stay of execution"))),
}
"""what each guard of the court track asks of an import row, in the row's own columns"""


@dataclass(frozen=True)
class CaseRow:
    reference: str
    title: str
    kind: CaseKind
    court_level: CourtLevel
    court_station: str
    court_number: CourtNumber | None
    lead_counsel: str
    claimants: tuple[str, ...]
    names: tuple[str, ...]
    respondents: tuple[str, ...]
    stage: Stage
    stage_since: date
    opened_on: date
    filed_on: date | None
    judgment_on: date | None
    judgment_outcome: JudgmentOutcome | None
    neutral_citation: NeutralCitation | None
    stay_of_execution: bool | None

    def fields(self) -> dict[str, Any]:
        """The case's columns as this row gives them (stage aside: the machine writes that)."""
        return {
            "reference": self.reference,
            "title": self.title,
            "kind": self.kind,
            "court_level": self.court_level,
            "court_station": self.court_station,
            "court_number": self.court_number and str(self.court_number),
            "respondents": list(self.respondents),
            "lead_counsel": self.lead_counsel,
            "judgment_on": self.judgment_on,
            "judgment_outcome": self.judgment_outcome,
            "neutral_citation": self.neutral_citation and str(self.neutral_citation),
            "stay_of_execution": self.stay_of_execution,
        }


def _in_order(cells: Cells, days: list[tuple[str, date | None]]) -> None:
    given = [(name, day) for name, day in days if day is not None]
    for (before, early), (after, late) in pairwise(given):
        if late < early:
            said = Said(
                N_("%(late)s is before %(column)s, %(early)s."),
                {"late": late, "column": before, "early": early},
            )
            cells.fail(after, said)


def _codes(text: str) -> list[str]:
    return [checked_code(code) for code in text.split("|") if code.strip()]


class CaseImporter:
    key_column = "court_number"
    fields: ClassVar[dict[str, str]] = {}

    def parse(self, cells: Cells) -> CaseRow | None:
        # checked against the Judiciary's list as the pages check it, with a "did you mean"
        station = cells.read("court_station", listed_station, True)
        number = cells.read("court_number", read_court_number, False)
        named = number.station if number else None
        if station and named:  # a station the number names is the case's, as opening reads it
            station = cells.read("court_station", lambda given: merged_station(given, named), True)
        claimants = cells.read("claimants", _codes, True) or []
        names = cells.names("claimant_names")
        if len(names) > len(claimants):
            counted: dict[str, object] = {"names": len(names), "claimants": len(claimants)}
            cells.fail(
                "claimant_names", Said(N_("%(names)s names for %(claimants)s claimants."), counted)
            )
        stage = cells.choice("stage", Stage) or Stage.INTAKE
        opened_on, filed_on = cells.day("opened_on"), cells.day("filed_on")
        judgment_on, outcome = (
            cells.day("judgment_on"),
            cells.choice("judgment_outcome", JudgmentOutcome),
        )
        since = cells.day("stage_since")
        # as in Haki, steps may be dated before the file was opened (recorded after the
        # fact), but never before the step that brought the case to the stage it left
        steps = [("filed_on", filed_on), ("judgment_on", judgment_on), ("stage_since", since)]
        _in_order(cells, steps if stage != Stage.INTAKE else steps[:2])
        if stage in BEFORE_JUDGMENT and (judgment_on or outcome):
            cells.fail(
                "stage",
                Said(N_("A case at the stage %(stage)s has no judgment, yet the row gives one."),
                     {"stage": stage}),
            )  # fmt: skip
        dates = [d for d in (opened_on, filed_on, judgment_on) if d]
        opened_on = opened_on or min([*dates, since] if since else dates, default=None)
        opened_on = opened_on or nairobi_today(cells.now)
        since = since or max([d for d in (filed_on, judgment_on) if d], default=opened_on)
        try:
            nairobi_midnight(opened_on, "opened_on")
        except InvalidInput as error:
            cells.fail("opened_on", error.said)
        row = CaseRow(
            reference=cells.required("reference"),
            title=cells.required("title"),
            kind=cells.choice("kind", CaseKind, required=True) or CaseKind.CIVIL_CLAIM,
            court_level=cells.choice("court_level", CourtLevel, True) or CourtLevel.HIGH_COURT,
            court_station=station or "",
            court_number=number,
            lead_counsel=cells.required("lead_counsel"),
            claimants=tuple(dict.fromkeys(claimants)),
            names=tuple(names),
            respondents=tuple(cells.names("respondents", required=True)),
            stage=stage,
            stage_since=since,
            opened_on=opened_on,
            filed_on=filed_on,
            judgment_on=judgment_on,
            judgment_outcome=outcome,
            neutral_citation=cells.read("neutral_citation", citation, False),
            stay_of_execution=cells.flag("stay_of_execution"),
        )
        return row

    def key(self, row: CaseRow) -> tuple[Any, ...]:
        if row.court_number is None:
            return ("reference", row.reference)
        return (row.court_station, str(row.court_number))

    def order(self, rows: list[tuple[int, CaseRow]]) -> list[tuple[int, CaseRow]]:
        return rows

    async def prefetch(self, session: AsyncSession, context: Context, rows: list[CaseRow]) -> None:
        numbered = [(r.court_station, str(r.court_number)) for r in rows if r.court_number]
        await prefetch_cases(session, context, numbered, [r.reference for r in rows])
        named = {c: n for r in rows for c, n in zip(r.claimants, r.names, strict=False)}
        codes = list(dict.fromkeys(c for r in rows for c in r.claimants))
        await survivors_named(session, context, codes, [named.get(c, "") for c in codes])

    async def apply(self, session: AsyncSession, context: Context, row: CaseRow) -> Outcome:
        key = f"{row.court_number or row.reference} at {row.court_station}"
        case = await _find(session, context, row)
        if case is None:
            await _open(session, context, row)
            return Outcome("created", key)
        changed = [name for name, value in row.fields().items() if getattr(case, name) != value]
        changed += await _claimants_added(session, context, case, row)
        moves = case.stage != row.stage or case.stage_since != row.stage_since
        moves = moves and not await _haki_is_ahead(session, case, row)
        if not changed and not moves:
            return Outcome("unchanged", key)
        for name in changed:
            if name != "claimants":
                setattr(case, name, row.fields()[name])
        if moves:
            changed.append("stage")
        stage, since = (row.stage, row.stage_since) if moves else (case.stage, case.stage_since)
        _enter(session, context, case, row, tuple(changed), case.stage, stage, since)
        audit(session, context.actor, "case.import", "case", case.id, **context.source)
        return Outcome("updated", key, tuple(changed))

    async def finish(self, session: AsyncSession, context: Context) -> None:
        await move_counters(session)

    def conflict(self, error: IntegrityError) -> tuple[str, Said]:
        named = getattr(error.orig, "constraint_name", None) or ""
        if "court_number" in named:
            return "court_number", Said(N_("Another case at this court has this court number."))
        if "reference" in named:
            return "reference", Said(N_("Another case in Haki already has this reference."))
        return "claimants", Said(TAKEN)


async def _find(session: AsyncSession, context: Context, row: CaseRow) -> Case | None:
    if row.court_number is not None:
        found = await cases_numbered(session, context, (row.court_station, str(row.court_number)))
        same_level = [case for case in found if case.court_level == row.court_level]
        if same_level or found:
            return (same_level or found)[0]
    case = await case_with_reference(session, context, row.reference)
    return case if case is not None and case.court_number is None else None


async def _open(session: AsyncSession, context: Context, row: CaseRow) -> None:
    """A case new to Haki, written without a flush so that a batch of rows goes in together:
    its history starts with the import, the one event that brought it to its stage."""
    survivors = await survivors_named(session, context, row.claimants, row.names)
    case = Case(
        **row.fields(),
        stage_since=row.opened_on,
        opened_at=nairobi_midnight(row.opened_on, "opened_on"),
    )
    session.add(case)
    session.add_all(CaseClaimant(case_id=case.id, survivor_id=s.id) for s in survivors)
    audit(session, context.actor, "case.import", "case", case.id, **context.source)
    remember_case(context, case, list(row.claimants))
    _enter(session, context, case, row, ("opened",), None, row.stage, row.stage_since)


async def _claimants_added(
    session: AsyncSession, context: Context, case: Case, row: CaseRow
) -> list[str]:
    known = await claimants_of(session, context, case)
    dropped = sorted(set(known) - set(row.claimants))
    if dropped:
        said = Said(
            N_(
                "%(codes)s is a claimant in Haki but not in the row: an import adds claimants, "
                "it never removes one."
            ),
            {"codes": dropped},
        )
        raise RowRefused([("claimants", said)])
    survivors = await survivors_named(session, context, row.claimants, row.names)
    new = [s for s in survivors if s.code not in known]
    session.add_all(CaseClaimant(case_id=case.id, survivor_id=s.id) for s in new)
    known.extend(s.code for s in new)
    return ["claimants"] if new else []


async def _haki_is_ahead(session: AsyncSession, case: Case, row: CaseRow) -> bool:
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


def _enter(
    session: AsyncSession,
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
    session.add(
        CaseEvent(
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
    )
