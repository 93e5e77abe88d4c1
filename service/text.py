"""The shapes of text the API accepts: no control characters, so no NUL (which PostgreSQL
cannot store) and nothing invisible in a name; notes may keep their tabs and line breaks."""

from typing import Annotated

from msgspec import Meta

LINE = r"^[^\x00-\x1f\x7f]*$"
NOT_BLANK_LINE = r"^[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f\s][^\x00-\x1f\x7f]*$"
PARAGRAPH = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"

Reference = Annotated[str, Meta(min_length=1, max_length=40, pattern=NOT_BLANK_LINE)]
Title = Annotated[str, Meta(min_length=1, max_length=300, pattern=NOT_BLANK_LINE)]
Station = Annotated[str, Meta(min_length=1, max_length=80, pattern=NOT_BLANK_LINE)]
Name = Annotated[str, Meta(min_length=1, max_length=120, pattern=NOT_BLANK_LINE)]
FullName = Annotated[str, Meta(min_length=1, max_length=200, pattern=NOT_BLANK_LINE)]
Trigger = Annotated[
    str, Meta(min_length=1, max_length=40, pattern=NOT_BLANK_LINE, examples=["reserve_judgment"])
]
CourtNumberText = Annotated[
    str, Meta(max_length=120, pattern=LINE, examples=["Petition No. E123 of 2021"])
]
CitationText = Annotated[
    str, Meta(max_length=300, pattern=LINE, examples=["[2022] KEHC 11609 (KLR)"])
]
EvidenceRef = Annotated[str, Meta(max_length=200, pattern=LINE)]
Note = Annotated[str, Meta(max_length=4000, pattern=PARAGRAPH)]
PhoneText = Annotated[
    str, Meta(min_length=1, max_length=40, pattern=NOT_BLANK_LINE, examples=["0712 345 678"])
]
"""as typed; normalised to E.164 (+254712345678) or refused with a 422 that says why"""
EmailText = Annotated[
    str, Meta(min_length=3, max_length=254, pattern=NOT_BLANK_LINE, examples=["amina@example.org"])
]
ClockTime = Annotated[str, Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", examples=["07:00"])]
"""HH:MM as text: Litestar documents a `time` field as a duration, which it is not"""
SurvivorCode = Annotated[str, Meta(pattern=r"^S-\d{4}-\d{4,}$", examples=["S-2024-0042"])]
