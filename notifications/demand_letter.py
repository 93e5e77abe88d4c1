"""The demand letter to the Attorney General, every sentence from the catalogs: `compose` words
the facts (`letter_facts`) into a ComposedLetter that `notifications.rendering` lays out as
plain text, HTML or PDF. The paragraphs are in `letter_paragraphs`, the statements of the
sums in `letter_schedule`.
"""

from notifications import letter_paragraphs as paragraphs
from notifications import letter_schedule as schedule
from notifications.composed_letter import ComposedLetter, Letterhead
from notifications.i18n import Language
from notifications.letter_facts import DemandLetter, Office
from notifications.words import Words


def compose(letter: DemandLetter, language: Language) -> ComposedLetter:
    _ = Words(language)
    totals = schedule.case_totals(letter, _)
    return ComposedLetter(
        language=language,
        letterhead=_letterhead(letter.office, _),
        reference=_("Our ref.: %(reference)s", reference=letter.our_reference),
        dated=_("Nairobi, %(date)s", date=_.day(letter.dated)),
        addressee=(
            _("The Hon. Attorney General"),
            _("State Law Office"),
            _("Sheria House, Harambee Avenue"),
            _("P.O. Box 40112-00200"),
            _("Nairobi"),
        ),
        # TRANSLATORS: above the offices a copy of the letter goes to ("copies to")
        copy_heading=_("c.c."),
        copy_to=paragraphs.copy_to(letter, _),
        salutation=_("Dear Sir/Madam,"),
        subject=paragraphs.subject(letter, _),
        facts=paragraphs.facts(letter, _),
        follow_ups_intro=(
            _("We have already followed up this payment with your office:")
            if any(c.follow_ups for c in letter.claims)
            else None
        ),
        follow_ups=paragraphs.follow_ups(letter, _),
        schedules=tuple(schedule.schedule(letter, claim, _) for claim in letter.claims),
        totals_heading=(
            _("Total due in this matter as at %(date)s", date=_.day(letter.dated))
            if totals
            else None
        ),
        totals=totals,
        demand=paragraphs.demand(letter, _),
        closing=_("Yours faithfully,"),
        # TRANSLATORS: the caption under the line the advocate signs on
        signature=_("Signature"),
        sign_off=(
            _("For and on behalf of %(organisation)s", organisation=letter.organisation),
            letter.lead_counsel,
            _("Advocate for the decree holder")
            if len(letter.claims) == 1
            else _("Advocate for the decree holders"),
        ),
        # TRANSLATORS: the PDF's page numbers, "Page 1 of 2"
        page_words=(_("Page"), _("of")),
    )


def _letterhead(office: Office, _: Words) -> Letterhead:
    lines = list(office.address)
    if office.phone:
        lines.append(_("Tel.: %(phone)s", phone=office.phone))
    if office.email:
        lines.append(_("E-mail: %(email)s", email=office.email))
    return Letterhead(office.name, tuple(lines), office.logo)
