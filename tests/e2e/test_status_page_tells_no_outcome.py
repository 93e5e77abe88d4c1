"""The status page, at every stage of a case and of its award, in both languages: never the
outcome, a payment or a sum, as no SMS tells them (the lawyer tells the family first)."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.awards import AwardStage
from domain.stages import Stage
from notifications.i18n import Language
from notifications.status_words import stage_in_words
from tests.e2e.helpers import SERVED, Client, award_on, chase, judged
from tests.e2e.test_status_codes import ask, consenting, hearing_on, in_days, issue
from tests.unit.test_status_words import outcome_words


async def test_no_stage_of_the_case_or_its_award_shows_the_outcome(
    client: Client, engine: AsyncEngine
) -> None:
    case = await judged(client)
    award = await award_on(client, case)
    await chase(client, award, *SERVED)  # the case is in compensation
    await hearing_on(client, case, in_days(20))
    code = (await issue(client, case, await consenting(client, case))).json()["code"]

    shown: dict[tuple[Stage, AwardStage], dict[Language, str]] = {}
    # every stage of the case beside an award being chased, then every stage of the award while
    # the case is in compensation; straight to the rows, as the page reads the stages alone
    walk = [(stage, AwardStage.SERVED_ON_AG) for stage in Stage]
    walk += [(Stage.COMPENSATION, award_stage) for award_stage in AwardStage]
    for stage, award_stage in walk:
        async with engine.begin() as db:
            await db.execute(
                text("UPDATE cases SET stage = :stage WHERE id = :id"),
                {"stage": stage.value, "id": case["id"]},
            )
            await db.execute(
                text("UPDATE awards SET stage = :stage WHERE id = :id"),
                {"stage": award_stage.value, "id": award["id"]},
            )
        for language in Language:
            answer = await ask(client, code, lang=language.value)
            assert answer.status_code == 200, answer.text
            shown.setdefault((stage, award_stage), {})[language] = answer.json()["stage"]
            assert answer.json()["stage"] == stage_in_words(stage, language)
            assert outcome_words(answer.text, language) == [], (stage, award_stage, language)
    assert {stage for stage, _ in shown} == set(Stage)
    assert {award_stage for _, award_stage in shown} == set(AwardStage)
    decided = [shown[s, AwardStage.SERVED_ON_AG] for s in (Stage.AWARDED, Stage.DISMISSED)]
    assert decided[0] == decided[1], "an award and a dismissal read alike"
