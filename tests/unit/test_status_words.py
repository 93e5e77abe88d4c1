"""Every stage of a case has a short phrase for its family, in English and in Swahili."""

import pytest

from domain.stages import Stage
from notifications.i18n import Language
from notifications.status_words import STAGES, stage_in_words


def test_every_stage_has_a_phrase() -> None:
    assert set(STAGES) == set(Stage)


@pytest.mark.parametrize("stage", list(Stage))
def test_each_phrase_is_short_and_said_in_both_languages(stage: Stage) -> None:
    english, swahili = (stage_in_words(stage, language) for language in Language)
    assert english == STAGES[stage]
    assert swahili != english, "translated, not fallen back to English"
    assert max(len(english), len(swahili)) <= 40, "short enough for a feature phone's screen"


def test_the_phrases_a_family_is_most_likely_to_see() -> None:
    assert stage_in_words(Stage.JUDGMENT_RESERVED, Language.SW) == "Inasubiri hukumu"
    assert stage_in_words(Stage.COMPENSATION, Language.EN) == "Waiting for the Government to pay"
