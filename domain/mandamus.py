"""Judicial review to compel payment (mandamus), as Order 53 of the Civil Procedure Rules runs it.

Order 53 r.3(1): "When leave has been granted to apply for an order of mandamus, prohibition or
certiorari, the application shall be made within twenty-one days by notice of motion to the
High Court". Counted as IGPA s.57(a) counts (domain/periods.py): leave granted on 1 March 2021,
day 1 is 2 March and day 21 is 22 March, the last day to file; 23 March is late.

Late is not void: the 21 days are set by the Rules, not by the Law Reform Act, and the High
Court has been asked to enlarge them (Order 50 r.6; e.g. Republic v Speaker of Nairobi City
County Assembly ex parte Evans Kidero [2017] KEHC 6101 (KLR)). So Haki records a late notice of
motion with a warning instead of refusing it (docs/law.md, "Mandamus": a lawyer to confirm).

The matter is styled "Republic v [the accounting officer] ex parte [the applicant]": the
Republic applies on the applicant's behalf, against the officer who must pay (GPA s.21(3)).
"""

from dataclasses import dataclass
from datetime import date

from domain.periods import in_words, last_day_within

MOTION_DAYS = 21
"""days after leave within which the notice of motion is filed (Order 53 r.3(1))"""
SOURCE = "Civil Procedure Rules Order 53 r.3(1)"


def last_day_for_motion(leave_on: date) -> date:
    return last_day_within(leave_on, MOTION_DAYS)


@dataclass(frozen=True)
class MotionTime:
    leave_on: date
    filed_on: date

    @property
    def last_day(self) -> date:
        return last_day_for_motion(self.leave_on)

    @property
    def days_after_leave(self) -> int:
        return (self.filed_on - self.leave_on).days

    @property
    def late(self) -> bool:
        return self.filed_on > self.last_day

    @property
    def warning(self) -> str:
        """What the API answers a late filing with (pages say it from the catalog)."""
        return (
            f"The notice of motion was filed {self.days_after_leave} days after the leave granted "
            f"on {in_words(self.leave_on)}; {SOURCE} allows {MOTION_DAYS} days, to "
            f"{in_words(self.last_day)}. It is recorded: unless the court enlarges the time, "
            "the leave may have lapsed."
        )


def styled(respondent: str, applicant: str, accounting_officer: str | None = None) -> str:
    """The title of the judicial review: the accounting officer by name or office when the award
    records one, else the accounting officer of the department the award names."""
    officer = accounting_officer or f"Accounting Officer, {respondent}"
    return f"Republic v {officer} ex parte {applicant}"
