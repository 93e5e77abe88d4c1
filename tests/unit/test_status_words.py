"""Every stage of a case has a short phrase for its family, in English and in Swahili, and no
phrase tells what the court decided or speaks of money."""

import re

import pytest

from domain.stages import Stage
from notifications.i18n import Language
from notifications.status_words import STAGES, stage_in_words

OUTCOME_WORDS = {
    Language.EN: (
        r"dismiss\w*|award\w*|paid|pay\w*|compensat\w*|amount\w*|money|shilling\w*|ksh\w*|"
        r"won|win\w*|lost|los(e|ing)|favou?r\w*|order\w*|settle\w*|withdr[ae]w\w*|"
        r"government|damages|allowed|rejected|refused"
    ),
    Language.SW: (
        r"\w*tupili\w*|\w*fidia\w*|\w*lipa\w*|\w*lipw\w*|malipo|\w*lipo\w*|kiasi|shilingi|pesa|"
        r"fedha|\w*tuzo\w*|\w*shind\w*|\w*serikali\w*|\w*amuru\w*|\w*agiz\w*|maelewano|"
        r"\w*ondole\w*|\w*kataa\w*|\w*kubali\w*|\w*patan\w*|\w*suluhu\w*"
    ),
}
"""words, in each language, that would tell the outcome, a payment or a sum"""


def outcome_words(text: str, language: Language) -> list[str]:
    """The outcome words in `text`, in either language: a Swahili page may quote English."""
    return [
        found.group()
        for words in OUTCOME_WORDS.values()
        for found in re.finditer(rf"\b({words})\b", text, re.IGNORECASE)
    ]


def test_every_stage_has_a_phrase() -> None:
    assert set(STAGES) == set(Stage)


@pytest.mark.parametrize("stage", list(Stage))
def test_each_phrase_is_short_and_said_in_both_languages(stage: Stage) -> None:
    english, swahili = (stage_in_words(stage, language) for language in Language)
    assert english == STAGES[stage]
    assert swahili != english, "translated, not fallen back to English"
    assert max(len(english), len(swahili)) <= 40, "short enough for a feature phone's screen"


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("stage", list(Stage))
def test_no_phrase_tells_the_outcome_or_speaks_of_money(stage: Stage, language: Language) -> None:
    said = stage_in_words(stage, language)
    assert outcome_words(said, language) == [], said


def test_the_word_lists_would_catch_the_old_phrases() -> None:
    """The lists bite: each phrase the status page used to show after a judgment is caught."""
    for said, language in (
        ("The court ordered compensation", Language.EN),
        ("The court dismissed the case", Language.EN),
        ("Waiting for the Government to pay", Language.EN),
        ("Settled", Language.EN),
        ("Withdrawn from court", Language.EN),
        ("Mahakama imeamuru fidia ilipwe", Language.SW),
        ("Mahakama imetupilia mbali kesi", Language.SW),
        ("Inasubiri malipo kutoka kwa Serikali", Language.SW),
        ("Imeondolewa mahakamani", Language.SW),
    ):
        assert outcome_words(said, language), said


def test_after_a_judgment_every_outcome_reads_alike() -> None:
    """Whether the court awarded or dismissed, the family reads the same words as on the day
    of the judgment, as the SMS says it: the lawyer tells them the outcome first."""
    for language in Language:
        said = {
            stage_in_words(s, language) for s in (Stage.JUDGMENT, Stage.AWARDED, Stage.DISMISSED)
        }
        assert len(said) == 1
        ended = (Stage.SETTLED, Stage.WITHDRAWN, Stage.COMPENSATION)
        assert len({stage_in_words(s, language) for s in ended}) == 1


def test_the_phrases_a_family_is_most_likely_to_see() -> None:
    assert stage_in_words(Stage.JUDGMENT_RESERVED, Language.SW) == "Inasubiri hukumu"
    assert stage_in_words(Stage.JUDGMENT, Language.EN) == "Judgment given; your lawyer will call"
    assert stage_in_words(Stage.COMPENSATION, Language.EN) == "In its final steps"
    assert stage_in_words(Stage.AWARDED, Language.SW) == "Hukumu imetolewa; wakili wako atakupigia"
