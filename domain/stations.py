"""Court stations a hearing may sit at, as the Judiciary names them, so a cause list groups them.

A mistyped station would put a hearing on nobody's cause list; naming the station as the
register does is the whole point, so an unknown name is refused with the nearest known ones.
"""

import difflib
import re

from domain.errors import N_, InvalidInput

STATIONS = (
    "Nairobi (Milimani)", "Nairobi (Kibera)", "Nairobi (Makadara)", "Nairobi (Kahawa)",
    "Nairobi (JKIA)", "Nairobi (Supreme Court)", "Nairobi (Court of Appeal)",
    "Nairobi (ELRC)", "Nairobi (ELC)",
    "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Nyeri", "Meru", "Machakos", "Kakamega",
    "Kisii", "Kericho", "Bungoma", "Embu", "Garissa", "Kitale", "Malindi", "Migori", "Busia",
    "Homa Bay", "Kajiado", "Kiambu", "Kerugoya", "Murang'a", "Nyahururu", "Naivasha", "Narok",
    "Nanyuki", "Kitui", "Makueni", "Voi", "Lodwar", "Marsabit", "Isiolo", "Kabarnet", "Iten",
    "Kapenguria", "Siaya", "Vihiga", "Bomet", "Chuka", "Thika", "Kapsabet", "Kwale", "Lamu",
    "Garsen", "Mandera", "Wajir", "Moyale", "Maralal", "Ol Kalou", "Nyamira", "Kilgoris",
    "Kilifi", "Mavoko",
)  # fmt: skip


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.casefold().replace("'", "")).strip()


_BY_KEY = {_key(name): name for name in STATIONS}
_DIVISION = re.compile(r"^(?P<place>[^(]+?)\s*\((?P<division>[^)]+)\)$")


def place_of(name: str) -> str:
    """The town of a station: "Nairobi" for "Nairobi (Milimani)", the name itself elsewhere."""
    found = _DIVISION.match(name.strip())
    return found.group("place") if found else name.strip()


_COURTS = {"Supreme Court", "Court of Appeal", "ELRC", "ELC"}
"""divisions of Nairobi named after a court, which before a number name the court, not a station"""
PLACES = frozenset(place_of(name) for name in STATIONS)
_NAMED = (
    {_key(place): place for place in PLACES}
    | {
        _key(found.group("division")): name
        for name in STATIONS
        if (found := _DIVISION.match(name)) and found.group("division") not in _COURTS
    }
    | _BY_KEY
)
"""how a registry writes a station before a court number: Milimani, Nairobi, Kakamega"""


def station_named(text: str) -> str | None:
    """The station (or, for Nairobi's several courts, the town) a registry's word names, if any."""
    return _NAMED.get(_key(text))


def same_place(a: str, b: str) -> bool:
    return _key(place_of(a)) == _key(place_of(b))


def merged_station(case_station: str, named: str) -> str:
    """The case's station once its court number names one: the more precise of the two, or a
    refusal when they are different towns (a number from Kakamega on a case at Nakuru)."""
    given = station_named(case_station) or case_station.strip()
    if not same_place(given, named):
        raise InvalidInput(
            N_(
                "The court number names %(named)s but the court station is %(station)s; "
                "correct one of them."
            ),
            "court_station",
            named=named,
            station=case_station.strip(),
        )
    return given if _DIVISION.match(given) or given == named else named


_COURT_WORDS = re.compile(
    r"\s+(?:chief\s+)?(?:magistrates?\s+|high\s+|law\s+)?courts?$", re.IGNORECASE
)
"""what people add after a station's name: "Milimani Law Courts", "Nyeri High Court"."""
MAIN_COURTS = {"Nairobi": "Nairobi (Milimani)"}
"""a town with several stations, written alone, means its main law courts"""


def station_on_list(text: str) -> str | None:
    """The listed station a person or an older record means by `text`, if any: the name in any
    case or spacing, a Nairobi court by its own name ("Milimani"), or a town with its main law
    courts ("Nairobi" is Milimani), with "Law Courts" or "High Court" after it or not."""
    written = text.replace("\u2019", "'").strip()
    bare = _COURT_WORDS.sub("", written)
    named = next((found for t in (written, bare) if (found := _BY_KEY.get(_key(t)))), None)
    named = named or station_named(written) or station_named(bare)
    return MAIN_COURTS.get(named, named) if named else None


def listed_station(text: str, field: str = "court_station") -> str:
    """`station_on_list`, or a refusal in words naming the field by its label."""
    found = station_on_list(text)
    if found is None:
        near = difflib.get_close_matches(text.strip(), STATIONS, n=3, cutoff=0.5)
        raise InvalidInput(
            N_(
                "Court station: “%(typed)s” is not a station on the Judiciary's list; choose "
                "one from the list (near it: %(near)s)."
            )
            if near
            else N_(
                "Court station: “%(typed)s” is not a station on the Judiciary's list; choose "
                "one from the list."
            ),
            field,
            typed=text.strip(),
            near=near,
        )
    return found


def known_station(name: str, field: str = "station") -> str:
    """The station's name as the Judiciary writes it, from any spacing, case or punctuation."""
    found = _BY_KEY.get(_key(name))
    if found is None:
        near = difflib.get_close_matches(name, STATIONS, n=3, cutoff=0.5)
        raise InvalidInput(
            N_("“%(typed)s” is not a court station on the Judiciary's list (near it: %(near)s).")
            if near
            else N_("“%(typed)s” is not a court station on the Judiciary's list."),
            field,
            typed=name,
            near=near,
        )
    return found
