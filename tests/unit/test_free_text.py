"""An event's free text, as each kind of reader gets it: an import's file name is free text."""

import uuid
from datetime import UTC, date, datetime

from domain.cases import CaseEvent
from domain.stages import Stage
from service.cases.schemas import EventOut


def imported() -> CaseEvent:
    return CaseEvent(
        id=1,
        case_id=uuid.uuid4(),
        trigger="imported",
        to_stage=Stage.FILED,
        occurred_on=date(2024, 1, 9),
        recorded_at=datetime(2024, 1, 10, tzinfo=UTC),
        note="imported from Wanjiku register.csv",
        details={"file": "Wanjiku register.csv", "sha256": "ab", "changed": ["stage"]},
    )


def test_an_imported_events_file_name_is_withheld_with_its_note() -> None:
    shown = EventOut.of(imported(), free_text=False)
    assert shown.note is None and shown.evidence_ref is None
    assert shown.details == {"sha256": "ab", "changed": ["stage"]}
    assert shown.withheld == ["note", "file"]


def test_the_team_reads_it_whole() -> None:
    shown = EventOut.of(imported())
    assert shown.note == "imported from Wanjiku register.csv"
    assert shown.details["file"] == "Wanjiku register.csv" and shown.withheld == []
