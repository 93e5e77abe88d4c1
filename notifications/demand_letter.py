"""The wording of the demand letter to the Attorney General, every sentence from the catalogs.

The facts come in as a DemandLetter; what leaves is a ComposedLetter of translated lines and
paragraphs, which `notifications.rendering` lays out as plain text or HTML.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.awards import AwardHead, FollowUp, FollowUpKind, HeadKind
from domain.interest import Statement
from domain.stages import CourtLevel
from notifications.i18n import N_, Language
from notifications.words import Words

COURTS = {
    CourtLevel.MAGISTRATES_COURT: N_("Magistrates' Court"),
    CourtLevel.HIGH_COURT: N_("High Court"),
    CourtLevel.EMPLOYMENT_AND_LABOUR_RELATIONS_COURT: N_("Employment and Labour Relations Court"),
    CourtLevel.ENVIRONMENT_AND_LAND_COURT: N_("Environment and Land Court"),
    CourtLevel.COURT_OF_APPEAL: N_("Court of Appeal"),
    CourtLevel.SUPREME_COURT: N_("Supreme Court"),
}
HEADS = {
    HeadKind.GENERAL: N_("General damages"),
    HeadKind.EXEMPLARY: N_("Exemplary damages"),
    HeadKind.AGGRAVATED: N_("Aggravated damages"),
    HeadKind.SPECIAL: N_("Special damages"),
    HeadKind.COSTS: N_("Costs"),
}
CONTACTS = {
    # TRANSLATORS: how a follow-up was made, in a list of them: "3 May 2021: letter, our ref. …"
    FollowUpKind.LETTER: N_("letter"),
    FollowUpKind.CALL: N_("telephone call"),
    FollowUpKind.VISIT: N_("visit to your office"),
    FollowUpKind.EMAIL: N_("e-mail"),
}


@dataclass(frozen=True)
class DemandLetter:
    """What the records say, as of the letter's date."""

    dated: date
    our_reference: str
    court_level: CourtLevel
    court_station: str
    court_number: str | None
    title: str
    decree_holder: str
    respondent: str
    judgment_on: date
    certificate_on: date
    served_on: date | None
    """None until service is on record: the letter then serves the certificate itself"""
    rate_percent: Decimal
    rate_as_ordered: str
    heads: tuple[AwardHead, ...]
    statement: Statement
    follow_ups: tuple[FollowUp, ...]
    in_enforcement: bool
    pay_within_days: int
    organisation: str
    lead_counsel: str

    @property
    def bears_interest(self) -> bool:
        return self.rate_percent > 0 and any(h.interest_from is not None for h in self.heads)


@dataclass(frozen=True)
class Row:
    label: str
    amount: str
    total: bool = False


@dataclass(frozen=True)
class ComposedLetter:
    language: Language
    letterhead: str
    reference: str
    dated: str
    addressee: tuple[str, ...]
    salutation: str
    subject: tuple[str, ...]
    facts: tuple[str, ...]
    follow_ups_intro: str | None
    follow_ups: tuple[str, ...]
    table_heading: str
    rows: tuple[Row, ...]
    demand: tuple[str, ...]
    sign_off: tuple[str, ...]


def compose(letter: DemandLetter, language: Language) -> ComposedLetter:
    _ = Words(language)
    return ComposedLetter(
        language=language,
        letterhead=letter.organisation,
        reference=_("Our ref.: %(reference)s", reference=letter.our_reference),
        dated=_("Nairobi, %(date)s", date=_.day(letter.dated)),
        addressee=(
            _("The Hon. Attorney General"),
            _("State Law Office"),
            _("Sheria House, Harambee Avenue"),
            _("P.O. Box 40112-00200"),
            _("Nairobi"),
        ),
        salutation=_("Dear Sir/Madam,"),
        subject=_subject(letter, _),
        facts=_facts(letter, _),
        follow_ups_intro=(
            _("We have already followed up this payment with your office:")
            if letter.follow_ups
            else None
        ),
        follow_ups=tuple(_follow_up(row, _) for row in letter.follow_ups),
        table_heading=_(
            "Statement of the sums due as at %(date)s", date=_.day(letter.statement.as_of)
        ),
        rows=_rows(letter, _),
        demand=_demand(letter, _),
        sign_off=(
            _("Yours faithfully,"),
            _("For and on behalf of %(organisation)s", organisation=letter.organisation),
            letter.lead_counsel,
            _("Advocate for the decree holder"),
        ),
    )


def _subject(letter: DemandLetter, _: Words) -> tuple[str, ...]:
    # TRANSLATORS: the court and its station, e.g. "High Court at Nairobi (Milimani)".
    court = _(
        "%(court)s at %(station)s",
        court=_(COURTS[letter.court_level]),
        station=letter.court_station,
    )
    if letter.court_number:
        # TRANSLATORS: the subject line. The court number ("Petition E31 of 2020") and the
        # title ("W.D. v Attorney General & 2 others") are quoted from the court record.
        matter = _(
            "RE: %(court_number)s in the %(court)s: %(title)s",
            court_number=letter.court_number,
            court=court,
            title=letter.title,
        )
    else:
        matter = _("RE: %(title)s in the %(court)s", title=letter.title, court=court)
    return matter, _("Demand for payment under the certificate of order against the Government")


def _facts(letter: DemandLetter, _: Words) -> tuple[str, ...]:
    acting = _(
        "We act for %(decree_holder)s, the decree holder in this matter, and write about the "
        "sums awarded against the respondent, %(respondent)s, which remain unpaid.",
        decree_holder=letter.decree_holder,
        respondent=letter.respondent,
    )
    if letter.bears_interest:
        # TRANSLATORS: as_ordered quotes the decree in the language it was written in
        # (usually English), e.g. "12% p.a. from judgment" or "court rates".
        judgment = _(
            "Judgment was delivered on %(judgment_on)s. The court awarded the sums set out "
            "below, with interest at %(rate)s a year (in the words of the decree: "
            "“%(as_ordered)s”).",
            judgment_on=_.day(letter.judgment_on),
            rate=_.rate(letter.rate_percent),
            as_ordered=letter.rate_as_ordered,
        )
    else:
        judgment = _(
            "Judgment was delivered on %(judgment_on)s. The court awarded the sums set out below.",
            judgment_on=_.day(letter.judgment_on),
        )
    if letter.served_on is not None:
        certificate = _(
            "A certificate of order against the Government was issued on %(certificate_on)s "
            "and served on your office on %(served_on)s.",
            certificate_on=_.day(letter.certificate_on),
            served_on=_.day(letter.served_on),
        )
    else:
        certificate = _(
            "A certificate of order against the Government was issued on %(certificate_on)s; "
            "a copy is served on you with this letter.",
            certificate_on=_.day(letter.certificate_on),
        )
    costs = _costs_certificate(letter, _)
    if costs:
        certificate = f"{certificate} {costs}"
    # TRANSLATORS: cite the Act by its official English title as well, so the reference is
    # unambiguous in court.
    law = _(
        "Under section 21(3) of the Government Proceedings Act (Cap. 40), the accounting "
        "officer of the Government department concerned must pay the decree holder, or us as "
        "their advocates, the amount certified together with any interest lawfully due on it."
    )
    return acting, judgment, certificate, law


def _follow_up(row: FollowUp, _: Words) -> str:
    # TRANSLATORS: one follow-up: its date, how it was made (letter, telephone call …) and
    # our reference, e.g. "3 May 2021: letter, our ref. HAKI/AG/2021/17".
    contact = _(
        "%(on)s: %(kind)s, our ref. %(reference)s",
        on=_.day(row.on),
        kind=_(CONTACTS[row.kind]),
        reference=row.reference,
    )
    if row.answered_on is None:
        return contact
    return _(
        "%(contact)s; answered on %(answered_on)s",
        contact=contact,
        answered_on=_.day(row.answered_on),
    )


def _rows(letter: DemandLetter, _: Words) -> tuple[Row, ...]:
    position = letter.statement
    rows = [Row(_head(head, letter.rate_percent, _), _.money(head.amount)) for head in letter.heads]
    if len(rows) > 1:
        rows.append(Row(_("Total awarded"), _.money(position.principal)))
    if letter.bears_interest:
        label = _(
            "Interest at %(rate)s a year to %(date)s",
            rate=_.rate(letter.rate_percent),
            date=_.day(position.as_of),
        )
        rows.append(Row(label, _.money(position.interest)))
    rows.append(Row(_("Less: payments received"), _.money(position.paid)))
    rows.append(Row(_("Amount outstanding"), _.money(position.outstanding), total=True))
    return tuple(rows)


def _head(head: AwardHead, rate_percent: Decimal, _: Words) -> str:
    if head.interest_from is None or rate_percent == 0:
        return _(HEADS[head.kind])
    return _(
        "%(head)s (interest from %(since)s)",
        head=_(HEADS[head.kind]),
        since=_.day(head.interest_from),
    )


def _demand(letter: DemandLetter, _: Words) -> tuple[str, ...]:
    ngettext = _.plural
    days = letter.pay_within_days
    outstanding = _.money(letter.statement.outstanding)
    if letter.bears_interest:
        demand = ngettext(
            "We therefore demand payment of %(outstanding)s, with further interest at %(rate)s "
            "a year from %(as_of)s until payment in full, within %(days)s day of the date of "
            "this letter.",
            "We therefore demand payment of %(outstanding)s, with further interest at %(rate)s "
            "a year from %(as_of)s until payment in full, within %(days)s days of the date of "
            "this letter.",
            days,
            outstanding=outstanding,
            rate=_.rate(letter.rate_percent),
            as_of=_.day(letter.statement.as_of),
            days=days,
        )
    else:
        demand = ngettext(
            "We therefore demand payment of %(outstanding)s within %(days)s day of the date of "
            "this letter.",
            "We therefore demand payment of %(outstanding)s within %(days)s days of the date "
            "of this letter.",
            days,
            outstanding=outstanding,
            days=days,
        )
    if letter.in_enforcement:
        remedy = _(
            "Proceedings for judicial review and an order of mandamus compelling the "
            "accounting officer to pay are already before the court; the decree holder will "
            "pursue them, with costs, unless payment is made within that time."
        )
    else:
        remedy = _(
            "If payment is not made within that time, the decree holder will, without further "
            "notice, apply to the High Court for judicial review and an order of mandamus "
            "compelling the accounting officer to pay, and will ask that the Government bear "
            "the costs of the application."
        )
    return demand, _("Please quote our reference with the payment."), remedy


def _costs_certificate(letter: DemandLetter, _: Words) -> str | None:
    """Costs taxed after the certificate of order were certified on their own (GPA s.21(1),
    proviso): the letter cites that certificate of costs and its service."""
    certified = [h for h in letter.heads if h.certificate_on and h.certificate_on <= letter.dated]
    if not certified:
        return None
    head = max(certified, key=lambda h: h.certificate_on or letter.dated)
    assert head.certificate_on is not None  # filtered above
    if head.served_on is not None and head.served_on <= letter.dated:
        return _(
            "The costs taxed on %(taxed_on)s were certified separately, by a certificate of "
            "costs issued on %(certificate_on)s and served on your office on %(served_on)s.",
            taxed_on=_.day(head.taxed_on or head.certificate_on),
            certificate_on=_.day(head.certificate_on),
            served_on=_.day(head.served_on),
        )
    return _(
        "The costs taxed on %(taxed_on)s were certified separately, by a certificate of "
        "costs issued on %(certificate_on)s; a copy is served on you with this letter.",
        taxed_on=_.day(head.taxed_on or head.certificate_on),
        certificate_on=_.day(head.certificate_on),
    )
