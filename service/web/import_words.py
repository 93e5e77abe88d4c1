"""The import page's words: each kind of file, and each column of the layouts by a label in
the reader's language (the file's own header, which is what the clerk sees in the
spreadsheet, is shown beside it)."""

from domain.awards import HeadKind
from notifications.i18n import N_, Language, translations
from notifications.letter_facts import HEADS
from service.imports.layouts import ImportKind

KINDS = {
    ImportKind.CASES: N_("Cases"),
    ImportKind.HEARINGS: N_("Court dates"),
    ImportKind.AWARDS: N_("Awards"),
    ImportKind.PAYMENTS: N_("Payments received and disbursed"),
    ImportKind.VIOLATIONS: N_("Violation records"),
}

COLUMNS = {
    "(file)": N_("The file as a whole"),
    "(row)": N_("The whole row"),
    "reference": N_("Our reference"),
    "title": N_("Title"),
    "kind": N_("Kind of case"),
    "court_level": N_("Court"),
    "court_station": N_("Court station"),
    "court_number": N_("Court number"),
    "lead_counsel": N_("Lead counsel"),
    "claimants": N_("Claimants (survivor codes)"),
    "claimant_names": N_("Claimants' names"),
    "respondents": N_("Respondents"),
    "stage": N_("Stage"),
    "stage_since": N_("The day it reached the stage"),
    "opened_on": N_("Opened on"),
    "filed_on": N_("Date filed"),
    "judgment_on": N_("Day judgment was delivered"),
    "judgment_outcome": N_("Outcome"),
    "neutral_citation": N_("Neutral citation"),
    "stay_of_execution": N_("Execution stayed"),
    "starts_at": N_("Date and time (Nairobi)"),
    "purpose": N_("Kind of court date"),
    "status": N_("Status of the court date"),
    "outcome": N_("What happened"),
    "sitting_station": N_("Station where it sits"),
    "court_room": N_("Court room"),
    "judicial_officer": N_("Judge or magistrate"),
    "claimant": N_("Claimant"),
    "respondent": N_("Respondent"),
    "department": N_("Department that pays"),
    "accounting_officer": N_("Accounting officer"),
    "costs_taxed_on": N_("Taxed on"),
    "costs_to_be_taxed": N_("Costs to be taxed"),
    "rate_as_ordered": N_("Rate as ordered"),
    "rate_percent": N_("Rate (percent a year)"),
    "certificate_on": N_("Certificate of order issued on"),
    "served_on": N_("Served on the Attorney General on"),
    "settled_on": N_("Settled on"),
    "settlement_amount": N_("Settlement amount (Ksh)"),
    "entry": N_("Received or disbursed"),
    "paid_on": N_("Paid on"),
    "amount": N_("Amount (Ksh)"),
    "payer": N_("Paid by"),
    "method": N_("Method"),
    "beneficiary": N_("Paid to"),
    "survivor": N_("Survivor code"),
    "year": N_("Year"),
    "month": N_("Month"),
    "day": N_("Day"),
    "county": N_("County"),
    "sub_county": N_("Sub-county"),
    "place": N_("Place"),
    "types": N_("What was done"),
    "agency": N_("Agency of the perpetrators"),
    "unit": N_("Unit or station"),
    "perpetrators": N_("Number of perpetrators"),
    "officers": N_("Officers' names"),
    "sex": N_("Survivor's sex"),
    "age_band": N_("Survivor's age then"),
    "disability": N_("Survivor with a disability"),
}
"""a column by its label; the awards' heads are named by HEADS below"""
OF_A_KIND = {(ImportKind.PAYMENTS, "reference"): N_("Reference")}
"""a column whose meaning differs in one kind of file"""
HEAD_PARTS = {
    "": N_("%(head)s (Ksh)"),
    "_interest_from": N_("%(head)s: interest from"),
    "_rate_percent": N_("%(head)s: rate (percent a year)"),
}
UNKNOWN = N_("A column Haki does not know")


def column_label(kind: ImportKind, column: str, language: Language) -> str:
    """The column by its label in `language`; a column the layout does not have (a header
    Haki refused) is called so."""
    gettext = translations(language).gettext
    known = OF_A_KIND.get((kind, column)) or COLUMNS.get(column)
    if known:
        return gettext(known)
    for head in HeadKind:
        part = column.removeprefix(head.value)
        if part != column and part in HEAD_PARTS:
            return gettext(HEAD_PARTS[part]) % {"head": gettext(HEADS[head])}
    return gettext(UNKNOWN)
