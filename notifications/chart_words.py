"""The words on the advocacy charts, in English or Swahili, from the catalogs.

Figures stay as the reports give them (agency and station names are proper names, never
translated); what a chart adds around them, its titles, axes, months and the labels of the
age buckets and of merged small cells, is said in the reader's language.
"""

from dataclasses import dataclass
from datetime import date

from babel.dates import format_skeleton

from notifications.formatting import long_date
from notifications.i18n import N_, Language
from notifications.words import Words

LABELS = (
    N_("0-90 days"),
    N_("91-365 days"),
    N_("1-3 years"),
    N_("over 3 years"),
    N_("not served"),
    N_("other (fewer than 3 survivors)"),
)
"""the report's own labels that a chart shows: service/usecases/unpaid_sql.AGES and
NOT_SERVED, service/reports/formats.OTHER (a test keeps them in step)"""


@dataclass(frozen=True)
class UnpaidChartWords:
    title: str
    by_agency: str
    by_age: str
    empty: str
    labels: dict[str, str]
    """a report label as shown; any other (a name) is shown as it is"""


@dataclass(frozen=True)
class OutstandingChartWords:
    title: str
    series: str
    month_end: str
    months: dict[date, str]


def unpaid_chart_words(language: Language, as_of: date) -> UnpaidChartWords:
    _ = Words(language)
    return UnpaidChartWords(
        title=_(
            "Court awards the State has not paid, as of %(day)s", day=long_date(as_of, language)
        ),
        by_agency=_("Outstanding by agency"),
        by_age=_("Outstanding by time since judgment"),
        empty=_("No unpaid awards"),
        labels={label: _(label) for label in LABELS},
    )


def outstanding_chart_words(
    language: Language, today: date, months: list[date]
) -> OutstandingChartWords:
    _ = Words(language)
    return OutstandingChartWords(
        title=_(
            "What the State owed on court awards at each month end, to %(day)s",
            day=long_date(today, language),
        ),
        series=_("principal and interest outstanding"),
        month_end=_("End of month (Nairobi)"),
        months={day: format_skeleton("yMMM", day, locale=language.locale) for day in months},
    )
