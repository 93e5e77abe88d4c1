"""One language's catalog and Babel formats behind one object, for the wording of a letter."""

from datetime import date
from decimal import Decimal

from notifications.formatting import long_date, shillings, yearly_rate
from notifications.i18n import Language, translations


class Words:
    """`_("… %(name)s …", name=value)`: the catalog's sentence, then the named values in it.

    Called `_` and `ngettext` where it is used, so that `pybabel extract` finds the messages.
    """

    def __init__(self, language: Language) -> None:
        self.language = language
        self._catalog = translations(language)

    def __call__(self, message: str, /, **values: object) -> str:
        text: str = self._catalog.gettext(message)
        return text % values if values else text

    def plural(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        text: str = self._catalog.ngettext(singular, plural, n)
        return text % values

    def money(self, amount: Decimal) -> str:
        return shillings(amount, self.language)

    def day(self, day: date) -> str:
        return long_date(day, self.language)

    def rate(self, percent: Decimal) -> str:
        return yearly_rate(percent, self.language)
