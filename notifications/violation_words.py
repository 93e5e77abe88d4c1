"""The words of violation records in English or Swahili: agencies, sex, age bands, how much
of a date is known, and the chart of the research figures.

Types of violation are not here: an administrator adds them with their names in both
languages (the vocabulary is data), so they come from the database.
"""

from dataclasses import dataclass

from notifications.i18n import N_, Language
from notifications.words import Words

AGENCIES = {
    "kenya_police_service": N_("Kenya Police Service"),
    "administration_police": N_("Administration Police Service"),
    "dci": N_("Directorate of Criminal Investigations"),
    "gsu": N_("General Service Unit"),
    "kdf": N_("Kenya Defence Forces"),
    "county_enforcement": N_("County enforcement officers"),
    "prisons": N_("Kenya Prisons Service"),
    "other": N_("Another agency"),
}
SEXES = {
    "female": N_("Female"),
    "male": N_("Male"),
    "intersex": N_("Intersex"),
    "not_known": N_("Not known"),
}
AGE_BANDS = {
    "under_18": N_("Under 18"),
    "18_24": N_("18 to 24"),
    "25_34": N_("25 to 34"),
    "35_49": N_("35 to 49"),
    "50_64": N_("50 to 64"),
    "65_plus": N_("65 and over"),
    "not_known": N_("Not known"),
}
PRECISIONS = {
    "day": N_("On that day"),
    "month": N_("Only the month is known"),
    "year": N_("Only the year is known"),
}
WORDS = {"agency": AGENCIES, "sex": SEXES, "age_band": AGE_BANDS, "precision": PRECISIONS}
"""each coded column's words, by the column's name"""


def said(language: Language, column: str, code: str) -> str:
    """A code as the reader's language says it; a name (a county) stays as it is."""
    words = WORDS.get(column, {})
    return Words(language)(words[code]) if code in words else code


@dataclass(frozen=True)
class ViolationChartWords:
    title: str
    by_year: str
    by_agency: str
    records: str
    empty: str
    agencies: dict[str, str]


def violation_chart_words(language: Language, years: str) -> ViolationChartWords:
    _ = Words(language)
    return ViolationChartWords(
        title=_("Violations documented, %(years)s", years=years),
        by_year=_("Violations by year"),
        by_agency=_("Violations by agency"),
        records=_("Violations"),
        empty=_("No violations recorded"),
        agencies={code: _(words) for code, words in AGENCIES.items()}
        | {"other (fewer than 3 survivors)": _("other (fewer than 3 survivors)")},
    )


PARTNER_KINDS = {
    "medical": N_("Medical care"),
    "psychosocial": N_("Psychosocial care"),
    "legal_aid": N_("Legal aid"),
    "economic_support": N_("Economic support"),
}
REFERRAL_STATUSES = {
    "made": N_("Referred"),
    "accepted": N_("Accepted by the partner"),
    "attended": N_("Attended"),
    "closed": N_("Closed"),
}
REFERRAL_STEPS = {
    "accept": N_("The partner accepted the referral"),
    "attend": N_("The survivor attended"),
    "close": N_("Close the referral"),
}
OUTCOMES = {
    "completed": N_("Care completed"),
    "declined_by_partner": N_("Declined by the partner"),
    "did_not_attend": N_("The survivor did not attend"),
    "withdrew": N_("The survivor withdrew"),
    "referred_on": N_("Referred on to another partner"),
}
