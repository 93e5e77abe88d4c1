"""Spreadsheets as an office keeps them, generated: the same cases written the ways clerks
write them (two date forms, spaces, blank lines, court numbers spelt several ways), for the
import tests and bench/import.py."""

import csv
import io
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

STATIONS = ("Nyeri", "nairobi  (milimani)", "Mombasa", "KISUMU", "Nakuru", "Eldoret", "Machakos")
STAGES = (
    "intake", "filed", "pleadings", "hearing", "judgment_reserved", "judgment", "awarded",
    "compensation", "dismissed", "settled", "withdrawn",
)  # fmt: skip
JUDGED = {"judgment", "awarded", "compensation", "dismissed"}


def written(day: date, rng: random.Random) -> str:
    return day.isoformat() if rng.random() < 0.5 else f"{day:%d/%m/%Y}"


def court_number(i: int, year: int, rng: random.Random) -> str:
    """The i-th matter: e-filing numbers since 2020, old numbers before, spelt variously."""
    number = f"E{i}" if year >= 2020 else str(i)
    return rng.choice(
        (
            f"Petition No. {number} of {year}",
            f"Petition {number} of {year}",
            f"petition no.{number} of {year}",
            f"Constitutional Petition {number} of {year}",
        )
    )


@dataclass
class Matter:
    """One case of the generated register, with what the other files say of it."""

    i: int
    stage: str
    station: str
    number: str | None
    opened: date
    judged: date | None
    code: str
    rows: dict[str, str] = field(default_factory=dict)


def matters(count: int, seed: int = 7) -> list[Matter]:
    rng = random.Random(seed)
    made = []
    for i in range(1, count + 1):
        stage = STAGES[i % len(STAGES)]
        opened = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 8 * 365))
        year = opened.year
        number = None if stage == "intake" else court_number(i, year, rng)
        judged = opened + timedelta(days=rng.randrange(400, 900)) if stage in JUDGED else None
        code = f"S-{year}-{i:05d}"
        made.append(Matter(i, stage, rng.choice(STATIONS), number, opened, judged, code))
    return made


def case_row(m: Matter, rng: random.Random) -> dict[str, str]:
    judged = m.judged is not None
    outcome = "dismissed" if m.stage == "dismissed" else "allowed"
    filed = m.opened + timedelta(days=20)
    return {
        "reference": f"HAKI/LIT/{m.opened.year}/{m.i:05d}",
        "title": f"Claimant {m.i} v Attorney General & another",
        "kind": rng.choice(("constitutional_petition", "Constitutional petition", "civil_claim")),
        "court_level": "high_court",
        "court_station": m.station,
        "court_number": m.number or "",
        "lead_counsel": rng.choice(("Achieng Odhiambo", "Kiprono Langat", "Fatuma Said")),
        "claimants": m.code,
        "claimant_names": f"Survivor Number {m.i}",
        "respondents": "Attorney General | Inspector General of Police",
        "stage": m.stage,
        "opened_on": written(m.opened, rng),
        "filed_on": written(filed, rng) if m.number else "",
        "judgment_on": written(m.judged, rng) if m.judged else "",
        "judgment_outcome": outcome if judged else "",
    }


def hearing_row(m: Matter, rng: random.Random) -> dict[str, str]:
    day = m.opened + timedelta(days=60)
    return {
        "court_number": m.number or "",
        "court_station": m.station,
        "starts_at": f"{written(day, rng)} 09:30",
        "purpose": "mention",
        "status": rng.choice(("held", "adjourned")),
        "outcome": "directions given",
        "court_room": "Court 2",
    }


def award_row(m: Matter, rng: random.Random) -> dict[str, str]:
    assert m.judged is not None
    return {
        "court_number": m.number or "",
        "court_station": m.station,
        "claimant": m.code,
        "respondent": "Attorney General",
        "general": f"{rng.randrange(5, 60) * 100_000:,}.00",
        "general_interest_from": "judgment",
        "costs": f"{rng.randrange(1, 9) * 50_000}",
        "rate_as_ordered": "court rates",
        "stage": "served_on_ag",
        "certificate_on": written(m.judged + timedelta(days=40), rng),
        "served_on": written(m.judged + timedelta(days=55), rng),
    }


def payment_row(m: Matter, rng: random.Random) -> dict[str, str]:
    assert m.judged is not None
    return {
        "court_number": m.number or "",
        "court_station": m.station,
        "claimant": m.code,
        "respondent": "Attorney General",
        "paid_on": written(m.judged + timedelta(days=200), rng),
        "amount": "100,000.00",
        "payer": "The National Treasury",
        "reference": f"IFMIS/{m.i}",
    }


def violation_row(m: Matter, rng: random.Random) -> dict[str, str]:
    """What the survivor of the matter suffered, as an intake spreadsheet records it."""
    day = m.opened - timedelta(days=rng.randrange(30, 400))
    return {
        "survivor": m.code,
        "year": str(day.year),
        "month": str(day.month) if rng.random() < 0.7 else "",
        "day": "",
        "county": rng.choice(("Kisumu", "Nairobi", "Mombasa", "Nakuru", "Kakamega")),
        "types": rng.choice(("torture", "torture | Arbitrary arrest and detention")),
        "agency": "kenya_police_service",
        "unit": "Central Police Station",
        "sex": rng.choice(("male", "female")),
    }


def awarded(all_matters: Sequence[Matter]) -> Iterator[Matter]:
    return (m for m in all_matters if m.stage in {"awarded", "compensation"})


def sheet(
    rows: Sequence[dict[str, str]],
    *,
    delimiter: str = ",",
    bom: bool = True,
    blank_every: int = 0,
    seed: int = 11,
) -> tuple[bytes, list[int]]:
    """The rows as a CSV file with stray spaces and, every `blank_every` rows, a blank line;
    returns the file and the spreadsheet row number of each data row (the header is row 1)."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    columns = list(rows[0])
    writer.writerow(columns)
    numbers, line = [], 1
    for index, row in enumerate(rows, start=1):
        if blank_every and index % blank_every == 0:
            out.write("\r\n")
            line += 1
        writer.writerow([row.get(c, "") + (" " if rng.random() < 0.2 else "") for c in columns])
        line += 1
        numbers.append(line)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode(), numbers
