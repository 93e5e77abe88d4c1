"""Kenya's 47 counties and their sub-counties, read from data/kenya_counties.csv.

A violation is counted by county in the yearly figures, so a county typed two ways would
split one county's count in two: an unknown name is refused with the nearest known ones.
The sub-counties are the 290 constituencies of the IEBC, which the national and county
governments use as sub-counties. The list was checked against two public lists found in
GitHub repositories (EddyO360/Public-Census-Management-System, chmodx5/next-express-user-auth);
where they disagree or are incomplete (Kisii, Nyamira, Migori, Bungoma), the IEBC's names
were kept. Nairobi is "Nairobi City", as the Constitution's First Schedule names it.
"""

import csv
import difflib
import re
from functools import cache
from pathlib import Path

from domain.errors import N_, NotInList

DATA = Path(__file__).parent / "data" / "kenya_counties.csv"
ALIASES = {"nairobi": "Nairobi City"}
"""how people name a county other than as the Constitution's First Schedule does"""


def _key(name: str) -> str:
    text = re.sub(r"['\u2019`]", "", name.casefold())
    return re.sub(r"[^a-z0-9]+", " ", text.removesuffix(" county")).strip()


@cache
def counties() -> dict[str, tuple[str, ...]]:
    """Each county, in the order of its code (Mombasa 1 … Nairobi City 47), with its
    sub-counties."""
    found: dict[str, list[str]] = {}
    with DATA.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            found.setdefault(row["county"], []).append(row["sub_county"])
    return {county: tuple(subs) for county, subs in found.items()}


def _refused(
    text: str, known: list[str], field: str, unknown: str, unknown_near: str, **values: object
) -> NotInList:
    near = difflib.get_close_matches(text.strip(), known, n=3, cutoff=0.6)
    message = unknown_near if near else unknown
    return NotInList(message, field, near, names=near, **values)


def county_named(text: str) -> str:
    """The county as the list names it; an unknown name is refused with a 'did you mean'."""
    keyed = {_key(name): name for name in counties()} | ALIASES
    county = keyed.get(_key(text))
    if county is None:
        raise _refused(
            text,
            list(counties()),
            "county",
            N_("That is not one of Kenya's 47 counties."),
            N_("That is not one of Kenya's 47 counties; did you mean %(names)s?"),
        )
    return county


def sub_county_named(county: str, text: str) -> str:
    """One of the county's sub-counties, as the list names it."""
    known = counties()[county]
    keyed = {_key(name): name for name in known}
    found = keyed.get(_key(text))
    if found is None:
        raise _refused(
            text,
            list(known),
            "sub_county",
            N_("That is not a sub-county of %(county)s."),
            N_("That is not a sub-county of %(county)s; did you mean %(names)s?"),
            county=county,
        )
    return found
