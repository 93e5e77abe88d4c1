"""A statement's lines in the reader's language: the domain writes them in plain English for
the API and the exports; a page or a letter says the same from the line's kind and facts."""

from domain.interest import Line, LineKind
from notifications.i18n import Language
from notifications.words import Words


def statement_line(line: Line, language: Language) -> str:
    _ = Words(language)
    paid = line.payment
    if line.kind is LineKind.INTEREST and line.since is not None and line.rate is not None:
        return _(
            "interest from %(since)s to %(until)s at %(rate)s a year",
            since=_.day(line.since),
            until=_.day(line.on),
            rate=_.rate(line.rate),
        )
    if line.kind is LineKind.INTEREST and line.since is not None:
        return _(
            "interest from %(since)s to %(until)s at each head's own rate",
            since=_.day(line.since),
            until=_.day(line.on),
        )
    if line.kind is LineKind.SETTLEMENT and line.replaced is not None:
        return _(
            "settlement by consent: %(amount)s owed from this day in place of the %(owed)s "
            "owed under the judgment",
            amount=_.money(line.outstanding),
            owed=_.money(line.replaced),
        )
    if line.kind is LineKind.PAYMENT and paid is not None:
        return _("payment received, reference %(reference)s", reference=paid.reference or "—")
    if line.kind is LineKind.REVERSAL and paid is not None:
        return _(
            "payment %(reference)s of %(amount)s received %(day)s reversed: %(reason)s; "
            "treated as never received",
            reference=paid.reference or "—",
            amount=_.money(paid.amount),
            day=_.day(paid.on),
            reason=paid.reversal_reason,
        )
    return line.text
