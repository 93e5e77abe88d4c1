"""What a person gives to open a case at intake. One input, that the API's JSON body and the
new-case page's form are both read into, so a field is added in one place
(service/cases/controller.py takes it; service/web/new_case.py reads the form into it).
"""

from datetime import date
from typing import Annotated

from msgspec import Meta, Struct

from domain.stages import CaseKind, CourtLevel
from service.text import CourtNumberText, Name, Note, Reference, Station, SurvivorCode, Title


class CaseIn(Struct, forbid_unknown_fields=True):
    reference: Reference
    title: Title
    kind: CaseKind
    court_level: CourtLevel
    court_station: Station
    lead_counsel: Name
    claimants: Annotated[list[SurvivorCode], Meta(min_length=1, max_length=50)]
    respondents: Annotated[list[Name], Meta(min_length=1, max_length=20)]
    court_number: CourtNumberText | None = None
    opened_on: date | None = None
    note: Note | None = None
