"""The charts' words: every label a report puts on a chart is in the catalogs, in Swahili too."""

from datetime import date

from notifications.chart_words import LABELS, unpaid_chart_words
from notifications.i18n import Language
from service.reports.formats import OTHER
from service.usecases.reports.unpaid_sql import AGES, NOT_SERVED


def test_the_report_labels_are_the_catalogued_ones() -> None:
    assert set(LABELS) == {*AGES, NOT_SERVED, OTHER}


def test_each_label_has_its_swahili() -> None:
    words = unpaid_chart_words(Language.SW, date(2026, 1, 1))
    assert all(words.labels[label] != label for label in LABELS)
    assert words.labels["over 3 years"] == "zaidi ya miaka 3"
