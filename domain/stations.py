"""Court stations a hearing may sit at, as the Judiciary names them, so a cause list groups them.

A mistyped station would put a hearing on nobody's cause list; naming the station as the
register does is the whole point, so an unknown name is refused with the nearest known ones.
"""

import difflib
import re

from domain.errors import InvalidInput

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
)  # fmt: skip


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.casefold().replace("'", "")).strip()


_BY_KEY = {_key(name): name for name in STATIONS}


def known_station(name: str, field: str = "station") -> str:
    """The station's name as the Judiciary writes it, from any spacing, case or punctuation."""
    found = _BY_KEY.get(_key(name))
    if found is None:
        near = difflib.get_close_matches(name, STATIONS, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise InvalidInput(f"unknown court station '{name}'{hint}", field=field)
    return found
