"""The import rules from the settings, for the command line and the API alike."""

from service.clock import clock_rules
from service.settings import Settings
from service.usecases.awards.orders import CompensationRules
from service.usecases.importing.running import ImportRules


def import_rules(settings: Settings) -> ImportRules:
    return ImportRules(
        max_bytes=settings.import_max_bytes,
        compensation=CompensationRules(
            settings.certificate_wait_days, settings.court_rate, settings.payment_allocation
        ),
        chase=clock_rules(settings).chase,
    )
