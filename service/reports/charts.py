"""Charts for campaigns and press statements: matplotlib drawn to SVG, in shillings, with the
words of notifications/chart_words.py (English or Swahili)."""

import io
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from notifications.chart_words import OutstandingChartWords, UnpaidChartWords

matplotlib.use("Agg")  # no display on a server: draw to files only

SVG = "image/svg+xml"
SHILLINGS = FuncFormatter(lambda value, _: f"{value:,.0f}")
INK, BARS, LINE = "#222222", "#8c2d19", "#1f4e79"
_lock = threading.Lock()
"""matplotlib keeps global state (fonts, rc settings) that is not safe across threads"""


@contextmanager
def _drawing() -> Iterator[None]:
    """One chart at a time, every label (titles, names, ticks drawn at saving) plain text:
    matplotlib reads `$...$` as mathematics, so one respondent named with dollar signs broke
    the chart for everyone, or was drawn as a formula."""
    with _lock, matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        yield


def _axes(ax: Axes, title: str) -> None:
    ax.set_title(title, fontsize=11, color=INK)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="both", alpha=0.25)


def _svg(figure: Figure, title: str) -> bytes:
    """Text stays text (`svg.fonttype: none`), so a browser shows it sharp and a screen reader
    or a search finds it; no date in the metadata, so the same figures give the same file.
    A bare Figure, never pyplot: nothing registers it, so nothing must be closed."""
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "haki"}):
        figure.savefig(out, format="svg", metadata={"Title": title, "Date": None})
    return out.getvalue()


def _empty(ax: Axes, words: str) -> None:
    ax.text(0.5, 0.5, words, ha="center", va="center", transform=ax.transAxes, color=INK)
    ax.set_xticks([])
    ax.set_yticks([])


def unpaid_chart(
    words: UnpaidChartWords,
    by_agency: Sequence[tuple[str, Decimal]],
    by_age: Sequence[tuple[str, Decimal]],
) -> bytes:
    """Two panels: outstanding per agency (largest on top) and per time since judgment.
    Shillings become floats here for drawing only; the figures stay Decimal elsewhere."""
    title = words.title
    shown = words.labels.get
    with _drawing():
        figure = Figure(figsize=(11, 5.5), layout="constrained")
        figure.suptitle(title, fontsize=14, color=INK)
        agency, age = figure.subplots(1, 2, width_ratios=(3, 2))
        _axes(agency, words.by_agency)
        _axes(age, words.by_age)
        if not by_agency:
            _empty(agency, words.empty)
            _empty(age, words.empty)
            return _svg(figure, title)
        ranked = sorted(by_agency, key=lambda row: row[1])
        names = [shown(name, name) for name, _ in ranked]
        agency.barh(names, [float(v) for _, v in ranked], color=BARS)
        agency.set_xlabel("Ksh")
        agency.xaxis.set_major_formatter(SHILLINGS)
        agency.tick_params(axis="x", labelrotation=30)
        age.bar(
            [shown(name, name) for name, _ in by_age], [float(v) for _, v in by_age], color=BARS
        )
        age.set_ylabel("Ksh")
        age.yaxis.set_major_formatter(SHILLINGS)
        age.tick_params(axis="x", labelrotation=20)
        return _svg(figure, title)


def outstanding_chart(
    words: OutstandingChartWords, months: Sequence[tuple[date, Decimal]]
) -> bytes:
    """One point per month end, labelled by month."""
    title = words.title
    with _drawing():
        figure = Figure(figsize=(11, 5), layout="constrained")
        ax = figure.subplots()
        _axes(ax, title)
        ax.title.set_fontsize(14)
        names = [words.months[day] for day, _ in months]
        ax.plot(names, [float(v) for _, v in months], marker="o", color=LINE, label=words.series)
        ax.fill_between(names, [float(v) for _, v in months], alpha=0.1, color=LINE)
        ax.set_ylim(bottom=0)
        ax.set_ylabel("Ksh")
        ax.set_xlabel(words.month_end)
        ax.yaxis.set_major_formatter(SHILLINGS)
        ax.tick_params(axis="x", labelrotation=60)
        ax.legend(loc="upper left", frameon=False)
        return _svg(figure, title)
