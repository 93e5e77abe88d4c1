"""What a family is told of their case's stage: a short, safe phrase, never a detail of it.

Never the outcome either, as no SMS tells it (notifications/family_messages.py): a dismissal is
news a survivor should hear from a person, and a win read by whoever holds the family's phone,
or has their status code, means money is coming and invites extortion. So every stage after a
judgment reads alike whatever the court decided: the judgment was given and the lawyer will
call; then the case is in its final steps (paying an award, a settlement, a withdrawal), then
closed. No phrase names an award, a dismissal, a payment, compensation or a sum.
"""

from domain.stages import Stage
from notifications.i18n import N_, Language
from notifications.words import Words

# TRANSLATORS: a case's stage as its family reads it, after any judgment whatever the court
# decided: never say or hint what it decided.
DECIDED = N_("Judgment given; your lawyer will call")
# TRANSLATORS: a case's stage as its family reads it, while an award is paid, or after a
# settlement or a withdrawal: never say which.
FINAL_STEPS = N_("In its final steps")

STAGES = {
    # TRANSLATORS: a case's stage as its family reads it when they ask where the case is
    # (here and below): short and plain, naming no detail of the case.
    Stage.INTAKE: N_("Being prepared for court"),
    Stage.FILED: N_("Filed in court"),
    # the mandamus route (Order 53): leave asked, then the motion; a ruling on leave is said as
    # a judgment is, without which way it went
    Stage.LEAVE_SOUGHT: N_("Filed in court"),
    Stage.LEAVE_GRANTED: N_("The parties are filing their papers"),
    Stage.LEAVE_REFUSED: DECIDED,
    Stage.MOTION_FILED: N_("The parties are filing their papers"),
    Stage.PLEADINGS: N_("The parties are filing their papers"),
    Stage.HEARING: N_("Being heard in court"),
    Stage.JUDGMENT_RESERVED: N_("Waiting for judgment"),
    Stage.JUDGMENT: DECIDED,
    Stage.AWARDED: DECIDED,
    Stage.DISMISSED: DECIDED,
    Stage.APPEALED: N_("On appeal"),
    Stage.SETTLED: FINAL_STEPS,
    Stage.WITHDRAWN: FINAL_STEPS,
    Stage.COMPENSATION: FINAL_STEPS,
    Stage.CLOSED: N_("Closed"),
}


def stage_in_words(stage: Stage, language: Language) -> str:
    return Words(language)(STAGES[stage])
