"""The time to appeal a decision, by the court that made it.

- High Court, Employment and Labour Relations Court, Environment and Land Court: a notice of
  appeal to the Court of Appeal is lodged within 14 days of the decision (Court of Appeal Rules,
  2010 r.75(2); the Court of Appeal Rules, 2022 (L.N. 40 of 2022, in force 8 July 2022) repealed
  them and keep a notice of appeal within 14 days, by our reading in r.77: a lawyer to confirm).
- A magistrate's court: an appeal to the High Court is filed within 30 days of the decree
  (Civil Procedure Act (Cap. 21) s.79G).

Counted as IGPA s.57(a) counts (domain/periods.py): "within 14 days" of a decision on 1 March
2021 runs to 15 March 2021, its last day. A decision of the Court of Appeal or the Supreme Court
has no deadline here.
"""

from dataclasses import dataclass
from datetime import date

from domain.periods import last_day_within
from domain.stages import CourtLevel

_TO_COURT_OF_APPEAL = (
    CourtLevel.HIGH_COURT,
    CourtLevel.EMPLOYMENT_AND_LABOUR_RELATIONS_COURT,
    CourtLevel.ENVIRONMENT_AND_LAND_COURT,
)


@dataclass(frozen=True)
class AppealDeadline:
    what: str
    """in words: "a notice of appeal to the Court of Appeal" """
    days: int
    source: str
    last_day: date


def appeal_deadline(level: CourtLevel, decided_on: date) -> AppealDeadline | None:
    if level in _TO_COURT_OF_APPEAL:
        return AppealDeadline(
            "a notice of appeal to the Court of Appeal",
            14,
            "Court of Appeal Rules 2010 r.75(2); 2022 Rules r.77",
            last_day_within(decided_on, 14),
        )
    if level == CourtLevel.MAGISTRATES_COURT:
        return AppealDeadline(
            "an appeal to the High Court",
            30,
            "Civil Procedure Act s.79G",
            last_day_within(decided_on, 30),
        )
    return None
