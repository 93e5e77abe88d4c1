"""The office's letterhead from the settings (HAKI_OFFICE_*), for the demand letters.

The logo file is read when a letter is written and carried inside it as a data: URI, so the
HTML letter a browser opens and the PDF both hold the image without a second request. A logo
that cannot be read leaves the letterhead without one and says so in the log (the path is a
setting, not personal data).
"""

import base64
import logging
from pathlib import Path

from notifications.letter_facts import Office
from service.settings import Settings
from service.usecases.awards.demand_letter import LetterRules

LOG = logging.getLogger(__name__)
IMAGES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


def logo_uri(path: Path | None) -> str | None:
    if path is None:
        return None
    kind = IMAGES.get(path.suffix.lower())
    if kind is None:
        LOG.warning("HAKI_OFFICE_LOGO is not a PNG, JPEG or SVG file: %s", path)
        return None
    try:
        data = path.read_bytes()
    except OSError as error:
        LOG.warning("HAKI_OFFICE_LOGO cannot be read (%s): %s", error.strerror, path)
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def letter_rules(settings: Settings) -> LetterRules:
    office = Office(
        name=settings.office_name,
        address=tuple(line.strip() for line in settings.office_address.split(";") if line.strip()),
        phone=settings.office_phone,
        email=settings.office_email,
        logo=logo_uri(settings.office_logo),
    )
    return LetterRules(settings.demand_days, settings.organisation, office)
