"""The chart of the research figures: violations by year and by agency, drawn as the
advocacy charts are (service/reports/charts.py), in the reader's language."""

from collections.abc import Sequence

from matplotlib.figure import Figure

from notifications.violation_words import ViolationChartWords
from service.reports.charts import BARS, INK, _axes, _drawing, _empty, _svg


def violation_chart(
    words: ViolationChartWords,
    by_year: Sequence[tuple[str, int]],
    by_agency: Sequence[tuple[str, int]],
) -> bytes:
    """Two panels: records per year, oldest first, and per agency, most on top."""
    with _drawing():
        figure = Figure(figsize=(11, 5.5), layout="constrained")
        figure.suptitle(words.title, fontsize=14, color=INK)
        years, agencies = figure.subplots(1, 2, width_ratios=(2, 3))
        _axes(years, words.by_year)
        _axes(agencies, words.by_agency)
        if not by_year:
            _empty(years, words.empty)
            _empty(agencies, words.empty)
            return _svg(figure, words.title)
        years.bar([year for year, _ in by_year], [n for _, n in by_year], color=BARS)
        years.set_ylabel(words.records)
        ranked = sorted(by_agency, key=lambda row: row[1])
        shown = [words.agencies.get(code, code) for code, _ in ranked]
        agencies.barh(shown, [n for _, n in ranked], color=BARS)
        agencies.set_xlabel(words.records)
        return _svg(figure, words.title)
