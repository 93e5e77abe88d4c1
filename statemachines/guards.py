"""Guards of the court track: each checks a fact, never a clerk, and says what is missing."""

from domain.cases import Case
from domain.errors import N_
from domain.stages import JudgmentOutcome
from statemachines.facts import Facts
from statemachines.routes import Guard

FAVOURABLE = {JudgmentOutcome.ALLOWED, JudgmentOutcome.PARTLY_ALLOWED}


CaseGuard = Guard[Case, Facts]

COURT_NUMBER_KNOWN = CaseGuard(
    "court_number_known",
    N_("the court number the registry gave is needed (e.g. Petition No. E123 of 2021)"),
    lambda case, facts: bool(case.court_number or facts.court_number),
)
APPLICATION_NUMBER_KNOWN = CaseGuard(
    "application_number_known",
    N_(
        "the registry's number of the application for leave is needed (e.g. Judicial Review "
        "Application No. E88 of 2021)"
    ),
    lambda case, facts: bool(case.court_number or facts.court_number),
)
JUDGMENT_DATE_GIVEN = CaseGuard(
    "judgment_date_given",
    N_("the date the judgment was delivered is needed"),
    lambda case, facts: facts.occurred_on is not None,
)
OUTCOME_GIVEN = CaseGuard(
    "outcome_given",
    N_("the outcome of the judgment is needed: allowed, partly allowed or dismissed"),
    lambda case, facts: facts.outcome is not None,
)
JUDGMENT_FAVOURS_CLAIMANTS = CaseGuard(
    "judgment_favours_claimants",
    N_("the judgment on record did not allow the claim, so there is nothing awarded"),
    lambda case, facts: case.judgment_outcome in FAVOURABLE,
    about_row_only=True,
)
JUDGMENT_DISMISSED_CLAIM = CaseGuard(
    "judgment_dismissed_claim",
    N_("the judgment on record allowed the claim (at least in part), so it was not dismissed"),
    lambda case, facts: case.judgment_outcome == JudgmentOutcome.DISMISSED,
    about_row_only=True,
)
STAY_STATED = CaseGuard(
    "stay_stated",
    N_("say whether execution is stayed pending the appeal"),
    lambda case, facts: facts.stay_of_execution is not None,
)
AN_AWARD_RECORDED = CaseGuard(
    "an_award_recorded",
    N_("record the award first: the case is awarded once an award is on record"),
    lambda case, facts: facts.awards > 0,
    gathered=True,
    awaits_record=True,
)
AN_AWARD_UNSETTLED = CaseGuard(
    "an_award_unsettled",
    N_("an award of the case must be unsettled again (a disbursement reversed) to reopen it"),
    lambda case, facts: facts.awards > 0 and not facts.awards_settled,
    gathered=True,
)
AWARDS_SETTLED = CaseGuard(
    "awards_settled",
    N_("every award must be disbursed, set aside or written off before the case is closed"),
    lambda case, facts: facts.awards_settled,
    gathered=True,
)
