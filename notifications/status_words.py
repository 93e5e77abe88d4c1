"""What a family is told of their case's stage: a short, safe phrase, never a detail of it."""

from domain.stages import Stage
from notifications.i18n import N_, Language
from notifications.words import Words

STAGES = {
    # TRANSLATORS: a case's stage as its family reads it when they ask where the case is
    # (here and below): short and plain, naming no detail of the case.
    Stage.INTAKE: N_("Being prepared for court"),
    Stage.FILED: N_("Filed in court"),
    Stage.PLEADINGS: N_("The parties are filing their papers"),
    Stage.HEARING: N_("Being heard in court"),
    Stage.JUDGMENT_RESERVED: N_("Waiting for judgment"),
    Stage.JUDGMENT: N_("Judgment delivered"),
    Stage.AWARDED: N_("The court ordered compensation"),
    Stage.DISMISSED: N_("The court dismissed the case"),
    Stage.APPEALED: N_("On appeal"),
    Stage.SETTLED: N_("Settled"),
    Stage.WITHDRAWN: N_("Withdrawn from court"),
    Stage.COMPENSATION: N_("Waiting for the Government to pay"),
    Stage.CLOSED: N_("Closed"),
}


def stage_in_words(stage: Stage, language: Language) -> str:
    return Words(language)(STAGES[stage])
