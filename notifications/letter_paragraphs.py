"""The paragraphs of the demand letter: the matter, the facts and the law, the follow-ups made,
the demand and the remedy, and whom the letter is copied to. Each sentence is a catalog one.

A letter for one decree holder keeps the sentences of a single award; a letter for several
names them all and leaves each one's certificate and rate to their own schedule.
"""

from babel.lists import format_list

from domain.awards import FollowUp
from notifications.letter_facts import CONTACTS, COURTS, Claim, DemandLetter
from notifications.words import Words


def subject(letter: DemandLetter, _: Words) -> tuple[str, ...]:
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


def copy_to(letter: DemandLetter, _: Words) -> tuple[str, ...]:
    """The accounting officers who must pay (GPA s.21(3)), each once."""
    offices: list[str] = []
    for claim in letter.claims:
        office = _office(claim, _)
        if office and office not in offices:
            offices.append(office)
    return tuple(offices)


def _office(claim: Claim, _: Words) -> str | None:
    officer, department = claim.accounting_officer, claim.department
    if officer and department and department.lower() not in officer.lower():
        # TRANSLATORS: whom the letter is copied to: "Principal Secretary, State Department
        # for Internal Security (National Police Service)"
        return _("%(officer)s (%(department)s)", officer=officer, department=department)
    if officer:
        return officer
    if department:
        return _("The Accounting Officer, %(department)s", department=department)
    return None


def facts(letter: DemandLetter, _: Words) -> tuple[str, ...]:
    if len(letter.claims) == 1:
        return _one_claim(letter, letter.claims[0], _)
    names = format_list([c.decree_holder for c in letter.claims], locale=_.language.locale)
    acting = _(
        "We act for %(decree_holders)s, the decree holders in this matter, and write about the "
        "sums awarded to each of them against the Government, which remain unpaid.",
        decree_holders=names,
    )
    judgment = _(
        "Judgment was delivered on %(judgment_on)s. The court awarded each decree holder the "
        "sums set out in their statement below, with the certificate of order each rests on.",
        judgment_on=_.day(letter.judgment_on),
    )
    return acting, judgment, _law(_)


def _one_claim(letter: DemandLetter, claim: Claim, _: Words) -> tuple[str, ...]:
    acting = _(
        "We act for %(decree_holder)s, the decree holder in this matter, and write about the "
        "sums awarded against the respondent, %(respondent)s, which remain unpaid.",
        decree_holder=claim.decree_holder,
        respondent=claim.respondent,
    )
    if claim.bears_interest:
        # TRANSLATORS: as_ordered quotes the decree in the language it was written in
        # (usually English), e.g. "12% p.a. from judgment" or "court rates".
        judgment = _(
            "Judgment was delivered on %(judgment_on)s. The court awarded the sums set out "
            "below, with interest at %(rate)s a year (in the words of the decree: "
            "“%(as_ordered)s”).",
            judgment_on=_.day(letter.judgment_on),
            rate=_.rate(claim.rate_percent),
            as_ordered=claim.rate_as_ordered,
        )
    else:
        judgment = _(
            "Judgment was delivered on %(judgment_on)s. The court awarded the sums set out below.",
            judgment_on=_.day(letter.judgment_on),
        )
    return acting, judgment, certified(letter, claim, _), _law(_)


def _law(_: Words) -> str:
    # TRANSLATORS: cite the Act by its official English title as well, so the reference is
    # unambiguous in court.
    return _(
        "Under section 21(3) of the Government Proceedings Act (Cap. 40), the accounting "
        "officer of the Government department concerned must pay the decree holder, or us as "
        "their advocates, the amount certified together with any interest lawfully due on it."
    )


def certified(letter: DemandLetter, claim: Claim, _: Words) -> str:
    """The certificate of order the claim rests on, and the certificate of costs if any."""
    if claim.served_on is not None:
        certificate = _(
            "A certificate of order against the Government was issued on %(certificate_on)s "
            "and served on your office on %(served_on)s.",
            certificate_on=_.day(claim.certificate_on),
            served_on=_.day(claim.served_on),
        )
    else:
        certificate = _(
            "A certificate of order against the Government was issued on %(certificate_on)s; "
            "a copy is served on you with this letter.",
            certificate_on=_.day(claim.certificate_on),
        )
    costs = _costs_certificate(letter, claim, _)
    return f"{certificate} {costs}" if costs else certificate


def _costs_certificate(letter: DemandLetter, claim: Claim, _: Words) -> str | None:
    """Costs taxed after the certificate of order were certified on their own (GPA s.21(1),
    proviso): the letter cites that certificate of costs and its service."""
    certified_heads = [
        h for h in claim.heads if h.certificate_on and h.certificate_on <= letter.dated
    ]
    if not certified_heads:
        return None
    head = max(certified_heads, key=lambda h: h.certificate_on or letter.dated)
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


def follow_ups(letter: DemandLetter, _: Words) -> tuple[str, ...]:
    """Each follow-up once: a follow-up logged for the whole case is one row per award."""
    seen: dict[tuple[object, ...], FollowUp] = {}
    for claim in letter.claims:
        for row in claim.follow_ups:
            seen.setdefault((row.on, row.kind, row.reference, row.answered_on), row)
    return tuple(_follow_up(row, _) for row in sorted(seen.values(), key=lambda r: r.on))


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


def demand(letter: DemandLetter, _: Words) -> tuple[str, ...]:
    ngettext = _.plural
    days = letter.pay_within_days
    outstanding = _.money(letter.outstanding)
    rates = {c.rate_percent for c in letter.claims if c.bears_interest}
    if len(rates) == 1:
        demanded = ngettext(
            "We therefore demand payment of %(outstanding)s, with further interest at %(rate)s "
            "a year from %(as_of)s until payment in full, within %(days)s day of the date of "
            "this letter.",
            "We therefore demand payment of %(outstanding)s, with further interest at %(rate)s "
            "a year from %(as_of)s until payment in full, within %(days)s days of the date of "
            "this letter.",
            days,
            outstanding=outstanding,
            rate=_.rate(rates.pop()),
            as_of=_.day(letter.dated),
            days=days,
        )
    elif rates:
        demanded = ngettext(
            "We therefore demand payment of %(outstanding)s, with further interest at the rates "
            "ordered from %(as_of)s until payment in full, within %(days)s day of the date of "
            "this letter.",
            "We therefore demand payment of %(outstanding)s, with further interest at the rates "
            "ordered from %(as_of)s until payment in full, within %(days)s days of the date of "
            "this letter.",
            days,
            outstanding=outstanding,
            as_of=_.day(letter.dated),
            days=days,
        )
    else:
        demanded = ngettext(
            "We therefore demand payment of %(outstanding)s within %(days)s day of the date of "
            "this letter.",
            "We therefore demand payment of %(outstanding)s within %(days)s days of the date "
            "of this letter.",
            days,
            outstanding=outstanding,
            days=days,
        )
    return demanded, _("Please quote our reference with the payment."), _remedy(letter, _)


def _remedy(letter: DemandLetter, _: Words) -> str:
    if any(c.in_enforcement for c in letter.claims):
        return _(
            "Proceedings for judicial review and an order of mandamus compelling the "
            "accounting officer to pay are already before the court; the decree holder will "
            "pursue them, with costs, unless payment is made within that time."
        )
    return _(
        "If payment is not made within that time, the decree holder will, without further "
        "notice, apply to the High Court for judicial review and an order of mandamus "
        "compelling the accounting officer to pay, and will ask that the Government bear "
        "the costs of the application."
    )
