"""The column layout of each kind of import file: what a clerk fills in, and what it means.

The template CSV, the README's tables and the check of a file's header all read this one
table, so the documentation cannot drift from what the importer accepts.
"""

import csv
import io
from dataclasses import dataclass
from enum import StrEnum

from domain.awards import AwardStage, HeadKind
from domain.hearings import HearingPurpose, HearingStatus
from domain.stages import CaseKind, CourtLevel, JudgmentOutcome, Stage
from domain.violations import AgeBand, Agency, Sex
from service.spreadsheet_cells import neutralised


class ImportKind(StrEnum):
    CASES = "cases"
    HEARINGS = "hearings"
    AWARDS = "awards"
    PAYMENTS = "payments"
    VIOLATIONS = "violations"


COURT_RECORDS = (ImportKind.CASES, ImportKind.HEARINGS, ImportKind.AWARDS, ImportKind.PAYMENTS)
"""the court's half of the record, whose layouts the README shows; the violation records'
layout is in docs/violation-records.md"""


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    meaning: str
    example: str = ""
    longest: int | None = None
    """characters Haki keeps for it (each name, in a list), as the API's own limit"""


LIST_SEPARATOR = "|"
"""between the names in one cell (claimants, respondents): never the file's own delimiter"""
LISTED = frozenset({"claimants", "claimant_names", "respondents"})
"""the columns holding several names"""


def _one_of(kind: type[StrEnum]) -> str:
    return "one of " + ", ".join(member.value for member in kind)


DATE = "2021-03-14 or 14/03/2021"
COURT = (
    Column("court_number", True, "as the registry writes it", "Petition No. E123 of 2021", 120),
    Column("court_station", True, "the court station, as the Judiciary names it", "Nyeri", 80),
)

LAYOUTS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.CASES: (
        Column("reference", True, "the office's own file reference", "HAKI/LIT/2021/007", 40),
        Column("title", True, "the case's title", "J.K. v Attorney General & 2 others", 300),
        Column("kind", True, _one_of(CaseKind), "constitutional_petition"),
        Column("court_level", True, _one_of(CourtLevel), "high_court"),
        Column("court_station", True, "the court station, as the Judiciary names it", "Nyeri", 80),
        Column(
            "court_number",
            False,
            "as the registry writes it; needed for every stage after intake",
            "Petition No. E123 of 2021",
            120,
        ),
        Column("lead_counsel", True, "the advocate leading the case", "Achieng Odhiambo", 120),
        Column(
            "claimants",
            True,
            f"survivor codes (S-YYYY-NNNN), separated by {LIST_SEPARATOR}",
            "S-2021-0042",
        ),
        Column(
            "claimant_names",
            False,
            f"their names in the same order, separated by {LIST_SEPARATOR} (personal data; "
            "a survivor new to Haki without one is registered under the code)",
            "Joseph Kamau",
            200,
        ),
        Column(
            "respondents",
            True,
            f"separated by {LIST_SEPARATOR}",
            "Attorney General | Inspector General",
            120,
        ),
        Column("stage", False, f"{_one_of(Stage)}; intake when empty", "judgment"),
        Column("stage_since", False, f"the day it reached the stage: {DATE}", "14/03/2024"),
        Column("opened_on", False, f"the day the office opened the file: {DATE}", "2021-01-05"),
        Column("filed_on", False, f"the day the matter was filed: {DATE}", "2021-02-01"),
        Column("judgment_on", False, f"the day judgment was delivered: {DATE}", "2024-03-14"),
        Column("judgment_outcome", False, _one_of(JudgmentOutcome), "allowed"),
        Column("neutral_citation", False, "the judgment's citation", "[2024] KEHC 1234 (KLR)", 60),
        Column("stay_of_execution", False, "for an appealed case: yes or no", ""),
    ),
    ImportKind.HEARINGS: (
        *COURT,
        Column(
            "starts_at",
            True,
            f"day and time in Nairobi: {DATE}, then HH:MM",
            "14/03/2021 09:30",
        ),
        Column("purpose", True, _one_of(HearingPurpose), "mention"),
        Column("status", False, f"{_one_of(HearingStatus)}; scheduled when empty", "held"),
        Column("outcome", False, "what happened, or why it was adjourned or vacated", ""),
        Column("sitting_station", False, "where it sits, when not the case's station", "", 80),
        Column("court_room", False, "", "Court 3", 60),
        Column("judicial_officer", False, "", "Hon. Lady Justice A. Mwangi", 120),
    ),
    ImportKind.AWARDS: (
        *COURT,
        Column("claimant", True, "the survivor code the award is for", "S-2021-0042"),
        Column("respondent", True, "who must pay", "Attorney General", 120),
        Column(
            "department",
            False,
            "the department, county government, commission or office that pays",
            "National Police Service",
            200,
        ),
        Column(
            "accounting_officer",
            False,
            "its accounting officer, who pays under GPA s.21(3)",
            "Inspector-General of the National Police Service",
            200,
        ),
        *(
            column
            for head in HeadKind
            for column in (
                Column(head.value, False, f"{head.value} damages, shillings", "1,250,000.00")
                if head != HeadKind.COSTS
                else Column(head.value, False, "costs, shillings", "150,000"),
                Column(
                    f"{head.value}_interest_from",
                    False,
                    f"judgment, filing or a day ({DATE}); no interest when empty"
                    + ("" if head != HeadKind.COSTS else ", or the taxing day if costs_taxed_on"),
                    "judgment",
                ),
                Column(
                    f"{head.value}_rate_percent",
                    False,
                    "the head's own rate, percent a year; the award's rate when empty",
                    "",
                ),
            )
        ),
        Column("costs_taxed_on", False, f"the day the costs were taxed: {DATE}", ""),
        Column(
            "costs_to_be_taxed", False, "yes: costs awarded, to be taxed later; no when empty", ""
        ),
        Column("rate_as_ordered", False, "the rate in the decree's words", "court rates", 120),
        Column("rate_percent", False, "percent a year; the court rate when empty", "12"),
        Column(
            "stage",
            False,
            "awarded, decree_extracted, certificate_issued, served_on_ag, stayed, "
            "enforcement, set_aside or written_off; awarded when empty (payments come from "
            "the payments file)",
            "served_on_ag",
        ),
        Column("stage_since", False, f"the day it reached the stage: {DATE}", ""),
        Column("certificate_on", False, f"certificate of order issued: {DATE}", "2024-05-02"),
        Column("served_on", False, f"certificate served on the AG: {DATE}", "2024-05-20"),
        Column("settled_on", False, f"a settlement by consent after judgment: {DATE}", ""),
        Column("settlement_amount", False, "the sum the settlement agreed, shillings", ""),
    ),
    ImportKind.PAYMENTS: (
        *COURT,
        Column("claimant", True, "the survivor code of the award", "S-2021-0042"),
        Column("respondent", True, "the respondent of the award", "Attorney General", 120),
        Column("entry", False, "received (from the State) or disbursed (to the survivor)", ""),
        Column("paid_on", True, DATE, "30/06/2024"),
        Column("amount", True, "shillings", "400,000.00"),
        Column("payer", False, "who paid (received); the respondent when empty", "Treasury", 120),
        Column("reference", True, "the payment's reference", "IFMIS 2024/8812", 120),
        Column(
            "method",
            False,
            "disbursed: mpesa, bank, cheque, or retained (costs kept by counsel or the "
            "organisation)",
            "",
        ),
        Column("beneficiary", False, "disbursed: who received it", "", 120),
    ),
    ImportKind.VIOLATIONS: (
        Column("survivor", True, "the survivor's code, already in Haki", "S-2021-0042"),
        Column("year", True, "the year it happened", "2021"),
        Column("month", False, "1 to 12, when known", "6"),
        Column("day", False, "1 to 31, when the month is known too", ""),
        Column("county", True, "one of Kenya's 47 counties", "Kisumu", 60),
        Column("sub_county", False, "a sub-county of that county", "Nyando", 60),
        Column("place", False, "where, in words (personal data)", "", 300),
        Column(
            "types",
            True,
            f"violations of the vocabulary, by code or name, separated by {LIST_SEPARATOR}",
            "torture | arbitrary_arrest",
            200,
        ),
        Column("agency", True, _one_of(Agency), "kenya_police_service"),
        Column("unit", False, "the unit or police station", "Ahero Police Station", 200),
        Column("perpetrators", False, "how many, 1 to 1000", "3"),
        Column("officers", False, "names of officers (personal data)", "", 1000),
        Column("sex", False, f"the survivor's: {_one_of(Sex)}", "male"),
        Column("age_band", False, f"the survivor's age then: {_one_of(AgeBand)}", "25_34"),
        Column("disability", False, "the survivor has a disability: yes or no", ""),
    ),
}
AWARD_STAGES_IMPORTED = (
    AwardStage.AWARDED,
    AwardStage.DECREE_EXTRACTED,
    AwardStage.CERTIFICATE_ISSUED,
    AwardStage.SERVED_ON_AG,
    AwardStage.STAYED,
    AwardStage.ENFORCEMENT,
    AwardStage.SET_ASIDE,
    AwardStage.WRITTEN_OFF,
)


def template_csv(kind: ImportKind) -> str:
    """A header and one example row, to open in a spreadsheet and fill in."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in LAYOUTS[kind]])
    writer.writerow([neutralised(c.example) for c in LAYOUTS[kind]])
    return out.getvalue()


def layout_markdown(kinds: tuple[ImportKind, ...] = COURT_RECORDS) -> str:
    """The layouts as the README's tables, or another document's (a test keeps each in step)."""
    lines = []
    for kind in kinds:
        columns = LAYOUTS[kind]
        lines += [f"**{kind}.csv**", "", "| column | required | what it holds |", "|---|---|---|"]
        for c in columns:
            example = f" (e.g. `{c.example}`)" if c.example else ""
            text = f"{c.meaning}{example}".replace("|", "\\|")
            lines.append(f"| `{c.name}` | {'yes' if c.required else ''} | {text} |")
        lines.append("")
    return "\n".join(lines)
