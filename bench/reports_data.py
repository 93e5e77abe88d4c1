"""Generated awards for bench/reports.py: a realistic spread, straight into table rows.

Respondents, judgments 2010 to today, stations, 1-3 heads at 12% or 14%, most never paid, some
paid in full; each award's positions computed by `domain.positions.position_rows` as it is
generated, with the award's facts that the database's triggers would copy onto them (the load
skips the triggers, which took most of its time; bench/reports_load.py checks a sample against
what the use case writes). A survivor holds awards of one chunk only, so her count of awards
is the chunk's.
"""

import random
import sys
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.calendar import nairobi_today  # noqa: E402
from domain.interest import Head, Payment, statement  # noqa: E402
from domain.money import cents  # noqa: E402
from domain.positions import position_rows  # noqa: E402
from domain.stations import STATIONS  # noqa: E402
from service.settings import Settings  # noqa: E402

TODAY = nairobi_today(datetime.now(UTC))
FIRST_JUDGMENT = date(2010, 1, 1)
CHUNK = 20_000  # awards per COPY transaction, each generated in a worker process
COUNTIES = ["Nairobi", "Mombasa", "Kisumu", "Nakuru", "Uasin Gishu", "Kakamega", "Garissa"]
RESPONDENTS = {  # share of awards; a County Government's share is spread over COUNTIES
    "Attorney General": 35,
    "National Police Service": 25,
    "Inspector General": 15,
    "Ministry of Interior": 10,
    "County Government": 15,
}
BUSY = ["Nairobi (Milimani)", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Nyeri"]
NEVER_PAID = 0.55  # of awards, no payment at all
PAID_IN_FULL = 0.15  # of the awards paid something, the last payment clears them
AGAIN = 0.05  # of awards, to a survivor who already holds one from an earlier case
ALLOCATION = Settings().payment_allocation
FACTS = [
    "survivor_id",
    "respondent",
    "judgment_on",
    "served_on",
    "rate_percent",
    "closed_on",
    "court_station",
    "survivor_awards",
]
"""the award's facts on its positions, which the triggers of migration 0010 would copy"""
COLUMNS = {
    "cases": [
        "id",
        "reference",
        "title",
        "kind",
        "court_level",
        "court_station",
        "court_number",
        "respondents",
        "lead_counsel",
        "stage",
        "stage_since",
        "judgment_on",
        "version",
        "opened_at",
    ],
    "survivors": ["id", "code", "full_name", "created_at"],
    "case_claimants": ["case_id", "survivor_id"],
    "awards": [
        "id",
        "case_id",
        "survivor_id",
        "respondent",
        "judgment_on",
        "rate_percent",
        "rate_as_ordered",
        "stage",
        "stage_since",
        "served_on",
        "version",
        "created_at",
    ],
    "award_heads": ["award_id", "kind", "amount", "interest_from"],
    "payments_received": ["award_id", "received_on", "amount", "payer", "reference", "recorded_at"],
    "award_positions": [
        "award_id",
        "valid_from",
        "valid_to",
        "awarded",
        "principal",
        "unpaid_interest",
        "accrued",
        "paid_to_interest",
        "paid_to_principal",
        "bearing",
        "bearing_from",
        "bearing_sum",
        "bearing_day_sum",
        "bearing_latest",
        *FACTS,
    ],
}
Tables = dict[str, list[tuple[Any, ...]]]


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def respondent(rng: random.Random) -> str:
    chosen = rng.choices(list(RESPONDENTS), weights=list(RESPONDENTS.values()))[0]
    return f"{chosen} of {rng.choice(COUNTIES)}" if chosen == "County Government" else chosen


def heads_of(rng: random.Random, judged: date, filed: date) -> tuple[Head, ...]:
    """General damages from judgment; maybe exemplary from filing; maybe costs once taxed."""
    heads = [Head("general", Decimal(rng.randrange(150_000, 4_000_000)), judged)]
    if rng.random() < 0.4:
        heads.append(Head("exemplary", Decimal(rng.randrange(100_000, 1_000_000)), filed))
    if rng.random() < 0.5:
        taxed = judged + timedelta(days=rng.randrange(60, 400))
        heads.append(Head("costs", Decimal(rng.randrange(50_000, 500_000)), min(taxed, TODAY)))
    return tuple(heads)


def payments_of(
    rng: random.Random, heads: tuple[Head, ...], rate: Decimal, after: date
) -> tuple[Payment, ...]:
    """None for most; else 1-5 part payments (3-14% of the principal each, never over 70% in
    all), the last clearing the award for some."""
    if rng.random() < NEVER_PAID:
        return ()
    principal = sum((h.amount for h in heads), Decimal(0))
    paid: list[Payment] = []
    day = after
    for n in range(rng.randint(1, 5)):
        day += timedelta(days=rng.randrange(60, 500))
        if day > TODAY:
            break
        share = Decimal(rng.randrange(3, 15)) / 100
        paid.append(Payment(day, cents(principal * share), f"PV-{n}"))
    day += timedelta(days=rng.randrange(30, 400))
    if paid and day <= TODAY and rng.random() < PAID_IN_FULL:
        owed = statement(heads, rate, tuple(paid), day, ALLOCATION).outstanding
        paid.append(Payment(day, owed, "PV-final"))
    return tuple(paid)


def stage_of(
    rng: random.Random, judged: date, served: date | None, paid: tuple[Payment, ...], full: bool
) -> tuple[str, date]:
    """The award's stage and since when, roughly as the machine would have left it."""
    if rng.random() < 0.02:
        return rng.choice(["set_aside", "written_off"]), day_between(rng, judged, TODAY)
    if full:
        return "paid_in_full", paid[-1].on
    if paid:
        return "partially_paid", paid[0].on
    if served is not None:
        return rng.choice(["served_on_ag", "served_on_ag", "enforcement"]), served
    return rng.choice(["awarded", "decree_extracted", "certificate_issued"]), judged


def survivor_of(
    tables: Tables, rng: random.Random, case: uuid.UUID, n: int, judged: date, known: int
) -> uuid.UUID:
    """A new survivor, or for some awards one of the first `known` (earlier cases'), once a case."""
    if known and rng.random() < AGAIN:
        again: uuid.UUID = tables["survivors"][rng.randrange(known)][0]
        if (case, again) not in tables["case_claimants"][-3:]:
            return again
    survivor = uuid.UUID(int=rng.getrandbits(128))
    now = datetime.now(UTC)
    tables["survivors"].append((survivor, f"S-{judged.year}-{n:07d}", f"Survivor {n}", now))
    return survivor


def add_award(
    tables: Tables,
    rng: random.Random,
    case: uuid.UUID,
    n: int,
    dates: tuple[date, date],
    known: int,
    station: str,
) -> None:
    """Award `n` in `case` (judged and filed on `dates`, at `station`), to a survivor not yet in
    the case; its positions carry the award's facts but the survivor's count of awards, known
    once the chunk is generated."""
    now = datetime.now(UTC)
    judged, filed = dates
    award = uuid.UUID(int=rng.getrandbits(128))
    survivor = survivor_of(tables, rng, case, n, judged, known)
    rate = Decimal(rng.choice([12, 12, 12, 14]))
    heads = heads_of(rng, judged, filed)
    served = judged + timedelta(days=rng.randrange(20, 500)) if rng.random() < 0.75 else None
    served = served if served is not None and served <= TODAY else None
    paid = payments_of(rng, heads, rate, served or judged)
    full = bool(paid) and paid[-1].reference == "PV-final"
    stage, since = stage_of(rng, judged, served, paid, full)
    against = respondent(rng)
    closed = since if stage in ("set_aside", "written_off") else None
    tables["case_claimants"].append((case, survivor))
    tables["awards"].append(
        (
            award,
            case,
            survivor,
            against,
            judged,
            rate,
            f"{rate}% a year from judgment",
            stage,
            since,
            served,
            1,
            now,
        )
    )
    tables["award_heads"] += [(award, h.name, h.amount, h.interest_from) for h in heads]
    tables["payments_received"] += [
        (award, p.on, p.amount, "National Treasury", f"{p.reference}-{n}", now) for p in paid
    ]
    facts = (survivor, against, judged, served, rate, closed, station, 0)
    tables["award_positions"] += [
        (*(row[c] for c in COLUMNS["award_positions"][: -len(FACTS)]), *facts)
        for row in position_rows(award, judged, heads, rate, paid, ALLOCATION)
    ]


def generate(first: int, count: int) -> Tables:
    """Awards `first` to `first + count - 1`: cases of 1-3 claimants, one award each."""
    rng = random.Random(first)
    tables: Tables = {name: [] for name in COLUMNS}
    n = first
    while n < first + count:
        case = uuid.UUID(int=rng.getrandbits(128))
        judged = day_between(rng, FIRST_JUDGMENT, TODAY)
        filed = judged - timedelta(days=rng.randrange(365, 2500))
        station = rng.choice(BUSY) if rng.random() < 0.5 else rng.choice(STATIONS)
        tables["cases"].append(
            (
                case,
                f"HAKI/BENCH/{n}",
                "Survivors v Attorney General & others",
                rng.choice(["constitutional_petition", "civil_claim"]),
                "high_court",
                station,
                f"Petition No. E{n} of {filed.year}",
                ["Attorney General"],
                "Bench Counsel",
                "compensation",
                judged,
                judged,
                1,
                datetime.now(UTC),
            )
        )
        known = len(tables["survivors"])
        for _ in range(min(rng.choice([1, 1, 1, 2, 2, 3]), first + count - n)):
            add_award(tables, rng, case, n, (judged, filed), known, station)
            n += 1
    held = Counter(award[2] for award in tables["awards"])
    survivor = -len(FACTS)  # where the facts begin
    tables["award_positions"] = [
        (*row[:-1], held[row[survivor]]) for row in tables["award_positions"]
    ]
    return tables
