"""The statement of the sums each decree holder is owed, in the letter: the heads as the decree
names them (exemplary and aggravated damages each on their own, costs "as taxed"), interest,
payments and the balance; then the interest head by head and period by period, so each
figure can be checked by hand (principal x rate x days / 365); and, for several decree
holders, the case's totals."""

from domain.awards import AwardHead, HeadKind
from domain.interest_schedule import InterestRow
from notifications.composed_letter import InterestLine, Row, Schedule
from notifications.i18n import N_
from notifications.letter_facts import HEADS, Claim, DemandLetter
from notifications.letter_paragraphs import certified
from notifications.words import Words

AS_TAXED = N_("Costs as taxed")
"""costs are demanded as the taxing officer certified them, in the words decrees use"""


def head_name(head: AwardHead, _: Words) -> str:
    return _(AS_TAXED) if head.kind is HeadKind.COSTS else _(HEADS[head.kind])


def schedule(letter: DemandLetter, claim: Claim, _: Words) -> Schedule:
    as_of = _.day(claim.statement.as_of)
    several = len(letter.claims) > 1
    return Schedule(
        heading=(
            _(
                "Statement of the sums due to %(decree_holder)s as at %(date)s",
                decree_holder=claim.decree_holder,
                date=as_of,
            )
            if several
            else _("Statement of the sums due as at %(date)s", date=as_of)
        ),
        certified=certified(letter, claim, _) if several else None,
        rows=_rows(claim, _),
        interest_heading=(
            _("Interest, head by head and period by period") if claim.schedule else None
        ),
        interest_columns=(
            _("Head"),
            _("On"),
            _("Rate"),
            _("From"),
            _("To"),
            _("Days"),
            _("Interest"),
        ),
        interest_lines=tuple(_line(claim, row, _) for row in claim.schedule),
    )


def _rows(claim: Claim, _: Words) -> tuple[Row, ...]:
    position = claim.statement
    rows = [Row(_head(head, claim, _), _.money(head.amount)) for head in claim.heads]
    if len(rows) > 1:
        rows.append(Row(_("Total awarded"), _.money(position.principal)))
    if claim.bears_interest:
        label = _(
            "Interest at %(rate)s a year to %(date)s",
            rate=_.rate(claim.rate_percent),
            date=_.day(position.as_of),
        )
        rows.append(Row(label, _.money(position.interest)))
    rows.append(Row(_("Less: payments received"), _.money(position.paid)))
    rows.append(Row(_("Amount outstanding"), _.money(position.outstanding), total=True))
    return tuple(rows)


def _head(head: AwardHead, claim: Claim, _: Words) -> str:
    if head.interest_from is None or claim.rate_percent == 0:
        return head_name(head, _)
    return _(
        "%(head)s (interest from %(since)s)",
        head=head_name(head, _),
        since=_.day(head.interest_from),
    )


def _line(claim: Claim, row: InterestRow, _: Words) -> InterestLine:
    cells = {
        "head": head_name(claim.heads[row.head], _),
        "principal": _.money(row.principal),
        "rate": _.rate(row.rate),
        "since": _.day(row.since),
        "until": _.day(row.until),
        "days": str(row.days),
    }
    # TRANSLATORS: one row of the interest schedule in a plain-text letter, where seven
    # columns do not fit: "General damages: Ksh1,000,000.00 at 12% from 1 March 2021 to
    # 31 December 2021, 305 days"
    sentence = _(
        "%(head)s: %(principal)s at %(rate)s from %(since)s to %(until)s, %(days)s days", **cells
    )
    return InterestLine(**cells, interest=_.money(row.interest), described=sentence)


def case_totals(letter: DemandLetter, _: Words) -> tuple[Row, ...]:
    """Each decree holder's balance and the case's, in a letter for several; else none."""
    if len(letter.claims) < 2:
        return ()
    rows = [Row(c.decree_holder, _.money(c.statement.outstanding)) for c in letter.claims]
    rows.append(Row(_("Total outstanding in this matter"), _.money(letter.outstanding), True))
    return tuple(rows)
