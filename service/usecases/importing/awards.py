"""Awards brought in from a register kept elsewhere, matched on the case, the claimant and
the respondent. An award enters its stage on the compensation track in one `imported` event,
once the track says the row's dates could have taken it there; a served award is chased
from the next tick of the clock, as any award served in Haki."""

import uuid
from typing import Any, ClassVar, cast

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardEvent, AwardHead, AwardStage, HeadKind
from domain.errors import N_, InvalidInput, Said
from service.imports.cells import Cells
from service.usecases.awards.chase_reminders import plan_follow_ups
from service.usecases.awards.positions import refresh_positions
from service.usecases.importing.award_cases import prefetch_award_facts
from service.usecases.importing.award_heads import (
    PAYMENT_STAGES,
    changes,
    heads_ordered,
)
from service.usecases.importing.award_positions import hold_facts, new_positions
from service.usecases.importing.award_rows import AwardRow, award_row
from service.usecases.importing.lookups import awards_of, case_of, claimant_of
from service.usecases.importing.running import STAGE_NEEDS, TAKEN, Context, Outcome, RowRefused
from service.usecases.importing.writes import Described
from statemachines.award_rules import AwardFacts
from statemachines.award_track import AWARD_TRACK
from statemachines.guards import FAVOURABLE

NEEDS = {
    "waiting_period_over": (
        "certificate_on",
        Said(
            N_(
                "the day the certificate of order was issued, once the waiting period after "
                "judgment had passed"
            )
        ),
    ),
    "certificate_on_record": ("certificate_on", Said(N_("the certificate of order's date"))),
}
REARRANGED = {"rate_percent", "settled_on", "settlement_amount"}
IMPORTED = "imported awards"
"""`Context.kept`: the ids of the awards the file made or changed, whose chase `finish` plans"""
"""what changes the arithmetic of an award already in Haki: its positions are written again"""


class AwardImporter:
    key_column = "claimant"
    fields: ClassVar[dict[str, str]] = {"interest_from": "general_interest_from"}

    def parse(self, cells: Cells) -> AwardRow | None:
        return award_row(cells)

    def key(self, row: AwardRow) -> tuple[Any, ...]:
        return (row.court_station, row.court_number, row.claimant, row.respondent)

    def order(self, rows: list[tuple[int, AwardRow]]) -> list[tuple[int, AwardRow]]:
        return rows

    async def prefetch(self, session: AsyncSession, context: Context, rows: list[AwardRow]) -> None:
        keys = [(r.court_station, r.court_number) for r in rows]
        await prefetch_award_facts(session, context, keys, [r.claimant for r in rows])
        survivors: set[uuid.UUID] = set()
        cases: set[uuid.UUID] = set()
        for key, row in zip(keys, rows, strict=True):
            for case in context.cache[("case", key)][:1]:
                survivor = context.cache[("survivor", row.claimant)]
                known = context.cache[("awards", case.id)]
                if survivor is not None and (survivor.id, row.respondent) not in known:
                    survivors.add(survivor.id)
                    cases.add(case.id)
        await hold_facts(session, context, survivors, cases)

    async def apply(self, session: AsyncSession, context: Context, row: AwardRow) -> Outcome:
        case = await case_of(session, context, (row.court_station, row.court_number))
        label = f"{row.court_number} at {row.court_station}: {row.claimant} v {row.respondent}"
        if case.judgment_on is None or case.judgment_outcome not in FAVOURABLE:
            raise InvalidInput(
                N_(
                    "The case has no judgment allowing the claim on record (the cases file "
                    "gives the date and outcome of the judgment)."
                ),
                "court_number",
            )
        if row.settled_on is not None and row.settled_on < case.judgment_on:
            raise InvalidInput(
                N_(
                    "A settlement after judgment is dated on or after the judgment of %(judgment)s."
                ),
                "settled_on",
                judgment=case.judgment_on,
            )
        survivor = await claimant_of(session, context, case, row.claimant)
        known = await awards_of(session, context, case)
        award = known.get((survivor.id, row.respondent))
        heads = await heads_ordered(session, context, case, row)
        if award is None:
            await hold_facts(session, context, {survivor.id}, {case.id})
            award = cast(
                Award,
                Described(
                    context.pending.row(
                        Award,
                        case_id=case.id,
                        survivor_id=survivor.id,
                        respondent=row.respondent,
                        department=row.department,
                        accounting_officer=row.accounting_officer,
                        judgment_on=case.judgment_on,
                        rate_percent=row.rate_percent
                        if row.rate_percent is not None
                        else context.rules.compensation.court_rate,
                        rate_as_ordered=row.rate_as_ordered,
                        costs_to_be_taxed=row.costs_to_be_taxed,
                        settled_on=row.settled_on,
                        settlement_amount=row.settlement_amount,
                        stage_since=case.judgment_on,
                    )
                ),
            )
            for k, a, i, r in heads:
                context.pending.row(
                    AwardHead,
                    award_id=award.id,
                    kind=k,
                    amount=a,
                    interest_from=i,
                    rate_percent=r,
                    taxed_on=row.costs_taxed_on if k == HeadKind.COSTS else None,
                )
            known[(survivor.id, row.respondent)] = award
            _enter(context, award, row, None, ("awarded",))
            new_positions(context, award, heads)
            context.audit("award.import", "award", award.id)
            return Outcome("created", label)
        changed = await changes(session, award, row, heads)
        if not changed:
            return Outcome("unchanged", label)
        if "heads" in changed or (award.stage in PAYMENT_STAGES and "stage" in changed):
            said = Said(
                N_(
                    "The award in Haki differs in its heads or has been paid since: correct it "
                    "in Haki, not by import."
                )
            )
            raise RowRefused([("general", said)])
        if "stage" in changed:
            _enter(context, award, row, award.stage, tuple(changed))
        else:
            _record(context, award, award.stage, tuple(changed))
        if REARRANGED.intersection(changed):
            await refresh_positions(session, award, context.rules.compensation.allocation)
        context.audit("award.import", "award", award.id, changed=changed)
        return Outcome("updated", label, tuple(changed))

    async def finish(self, session: AsyncSession, context: Context) -> None:
        """The file's served awards get the follow-up reminder the clock would give them (the
        rest of Haki's are the clock's: planning them all at the end of every file cost a
        tenth of an awards import)."""
        imported = context.kept.get(IMPORTED)
        if imported:
            connection = await session.connection()
            await plan_follow_ups(connection, context.rules.chase, context.now, list(imported))

    def conflict(self, error: IntegrityError) -> tuple[str, Said]:
        return "claimant", Said(TAKEN)


def _enter(
    context: Context,
    award: Award,
    row: AwardRow,
    left: AwardStage | None,
    changed: tuple[str, ...],
) -> None:
    award.certificate_on, award.served_on = row.certificate_on, row.served_on
    facts = AwardFacts(
        occurred_on=row.certificate_on,
        waiting_days=context.rules.compensation.certificate_wait_days,
    )
    reach = AWARD_TRACK.reach(award, row.stage, facts)
    problems = dict(NEEDS[g.name] for g in reach.blocked if g.name in NEEDS)
    if (
        reach.path is not None
        and any(r.trigger == "serve_on_ag" for r in reach.path)
        and not row.served_on
    ):
        problems["served_on"] = Said(
            N_("the day the certificate was served on the Attorney General")
        )
    if reach.path is None or problems:
        unreached = N_("The stage %(stage)s cannot be reached on the compensation track.")
        raise RowRefused(
            [(column, Said(STAGE_NEEDS, {"stage": row.stage, "needs": needs}))
             for column, needs in problems.items()]
            or [("stage", Said(unreached, {"stage": row.stage}))]
        )  # fmt: skip
    if row.stage == AwardStage.STAYED:
        award.stayed_from = (
            AwardStage.SERVED_ON_AG if row.served_on
            else AwardStage.CERTIFICATE_ISSUED if row.certificate_on
            else AwardStage.AWARDED
        )  # fmt: skip
    AWARD_TRACK.enter(award, row.stage)
    dates = [d for d in (award.judgment_on, row.certificate_on, row.served_on) if d]
    award.stage_since = row.stage_since or max(dates)
    _record(context, award, left, changed)


def _record(
    context: Context,
    award: Award,
    left: AwardStage | None,
    changed: tuple[str, ...],
) -> None:
    context.kept.setdefault(IMPORTED, set()).add(award.id)
    context.pending.row(
        AwardEvent,
        award_id=award.id,
        trigger="imported",
        from_stage=left,
        to_stage=award.stage,
        occurred_on=award.stage_since,
        recorded_at=context.now,
        recorded_by=context.actor.user_id,
        note=f"imported from {context.file_name}",
        details={**context.source, "changed": list(changed)},
    )
