"""The words of notifications: one GSM-7 segment per SMS, and nothing unsafe to a family."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from domain.stations import STATIONS
from notifications.formatting import clock_time
from notifications.gsm7 import SEGMENT, clipped, fits_one_sms, plain, septets
from notifications.i18n import Language
from notifications.messages import TEMPLATES, Recipient, render

ROOT = Path(__file__).resolve().parents[2]
WORST_DAY = datetime(2026, 9, 30, tzinfo=UTC)
"""a Wednesday in September: the longest weekday and month in English, and in Swahili"""
PURPOSES = (
    "mention",
    "directions",
    "hearing",
    "submissions",
    "judgment_delivery",
    "ruling_delivery",
)


def hearing(hour: int = 6, **overrides: Any) -> dict[str, Any]:
    """The longest plausible values: a 40-character reference (the column's limit, as the
    review opened to enforce an award gets), a six-digit judicial review number, the longest
    station's name, a court room as long as the column allows."""
    return {
        "rule": "counsel 1 day before",
        "due_at": "2026-09-29T06:00:00+00:00",
        "late": True,
        "hearing_id": "8d0f4f5e-0000-4000-8000-000000000000",
        "starts_at": (WORST_DAY + timedelta(hours=hour, minutes=30)).isoformat(),
        "purpose": "judgment_delivery",
        "station": max(STATIONS, key=len),
        "court_room": "Courtroom 12, Milimani Commercial Courts, second floor, east",
        "case_reference": "HAKI/LIT/2021/0001/JR-1a2b3c/APPEAL-0002",
        "court_number": "JR Misc. Application E123456 of 2021",
    } | overrides


CHASE = {
    "award_id": "5b0f4f5e-0000-4000-8000-000000000000",
    "case_reference": "HAKI/LIT/2021/0001/JR-1a2b3c/APPEAL-0002",
    "respondent": "Cabinet Secretary, Ministry of Interior and National Administration",
    "next_due": "2026-09-30",
    "silent_days": 9999,
    "escalate": True,
    "late": True,
}
JUDGMENT = {"outcome": "partly_allowed", "occurred_on": "2026-09-30"}
PAYMENT = {"amount": "999999999999.99", "received_on": "2026-09-30"}
"""the largest sum NUMERIC(14,2) holds"""
PAYLOADS = {
    "hearing_reminder": hearing(),
    "follow_up_due": CHASE,
    "escalation": CHASE,
    "judgment_delivered": JUDGMENT,
    "payment_received": PAYMENT,
    "notice_to_sue_due": CHASE | {"served_on": "2026-09-30", "suit_from": "2026-10-31"},
    "appeal_deadline": CHASE
    | {
        "decided_on": "2026-09-16",
        "last_day": "2026-09-30",
        "what": "a notice of appeal to the Court of Appeal",
        "days": 14,
        "source": "Court of Appeal Rules 2010 r.75(2); 2022 Rules r.77",
        "court_number": "HCCHRPET/E045/2026",
    },
    "family_call_back": {
        "case_reference": "HAKI/LIT/2021/0001/JR-1a2b3c/APPEAL-0002",
        "survivor_code": "S-2024-123456789",
        "call_back_by": "2026-09-30T14:00:00+00:00",
        "message_id": "00000000-0000-0000-0000-000000000000",
    },
    "referral_follow_up": CHASE
    | {
        "referral_id": "5b0f4f5e-0000-4000-8000-000000000001",
        "kind": "economic_support",
        "status": "accepted",
    },
    "motion_deadline": CHASE
    | {
        "leave_on": "2026-09-16",
        "last_day": "2026-10-07",
        "days": 21,
        "source": "Civil Procedure Rules Order 53 r.3(1)",
        "court_number": "JR Misc. Application E188 of 2026",
    },
}


def person(audience: str, language: Language, channel: str, **more: Any) -> Recipient:
    family = {"survivor_code": "S-2024-123456789", "toll_free": "+254 800 720 720"}
    return Recipient(
        audience, language, channel, **(family if audience == "family" else {}), **more
    )


def test_the_gsm7_alphabet_counts_the_extension_table_twice() -> None:
    assert septets("Kesi S-2024-0042: saa 3:30 asubuhi.") == 35
    assert septets("Ksh 1,000 [€]") == 16
    assert septets("Ksh\u00a01,000") is None, "Babel's no-break space is not GSM-7"
    assert septets("\u2018quoted\u2019 \u2013 and\u2026") is None, "typography is not GSM-7"
    assert (
        plain("Ksh\u00a01,000 \u2018ok\u2019 \u2013 yes\u2026 \u2713")
        == "Ksh 1,000 'ok' - yes... ?"
    )
    assert fits_one_sms("x" * SEGMENT) and not fits_one_sms("x" * (SEGMENT - 1) + "€")


def test_a_field_of_any_length_is_cut_short_until_the_sms_fits() -> None:
    text = clipped(lambda value: f"Due: {value}.", "y" * 400)
    assert text == f"Due: {'y' * 151}...." and len(text) == SEGMENT


@pytest.mark.parametrize(
    ("nairobi", "en", "sw"),
    [
        ("06:30", "06:30", "12:30 alfajiri"),
        ("09:30", "09:30", "3:30 asubuhi"),
        ("14:00", "14:00", "8:00 mchana"),
        ("17:15", "17:15", "11:15 jioni"),
        ("19:00", "19:00", "1:00 usiku"),
        ("12:00", "12:00", "6:00 mchana"),
        ("00:00", "00:00", "6:00 usiku"),
    ],
)
def test_swahili_messages_tell_swahili_time(nairobi: str, en: str, sw: str) -> None:
    hour, minute = map(int, nairobi.split(":"))
    instant = WORST_DAY + timedelta(hours=hour - 3, minutes=minute)
    assert (clock_time(instant, Language.EN), clock_time(instant, Language.SW)) == (en, sw)


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize(("kind", "audience"), sorted(TEMPLATES))
def test_every_sms_fits_one_gsm7_segment_with_the_longest_values(
    kind: str, audience: str, language: Language
) -> None:
    cases = [PAYLOADS[kind]]
    if kind == "hearing_reminder":
        cases = [hearing(hour, purpose=p) for hour in range(24) for p in PURPOSES]
    for payload in cases:
        for amounts in (False, True):
            sms = render(kind, payload, person(audience, language, "sms", amounts=amounts))
            if sms is None:
                continue
            assert sms.subject is None
            assert septets(sms.body) is not None, f"not GSM-7: {sms.body!r}"
            assert fits_one_sms(sms.body), f"{septets(sms.body)} septets: {sms.body!r}"


@pytest.mark.parametrize("language", list(Language))
def test_a_team_sms_gives_up_the_court_room_before_the_station(language: Language) -> None:
    roomy = render("hearing_reminder", hearing(), person("team", language, "sms"))
    assert roomy is not None
    assert max(STATIONS, key=len) in roomy.body and "Courtroom 12" not in roomy.body
    short = hearing(station="Nyeri", court_room="Court 4", case_reference="HAKI/LIT/2021/001")
    snug = render("hearing_reminder", short, person("team", language, "sms"))
    assert snug is not None and "HAKI/LIT/2021/001 (JR Misc." in snug.body
    assert snug.body.endswith(
        ", Nyeri, Court 4. " + {"en": "(late)", "sw": "(imechelewa)"}[language]
    )


SECRET = {
    "respondent": "National Police Service",
    "station": "Kapenguria",
    "court_room": "Court 7",
    "court_number": "Petition E31 of 2020",
    "case_reference": "HAKI/LIT/2021/001",
    "judicial_officer": "Hon. Lady Justice R. Wanjiru",
}
FAMILY_KINDS = sorted(kind for kind, audience in TEMPLATES if audience == "family")


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("channel", ["sms", "email", "log"])
@pytest.mark.parametrize("kind", FAMILY_KINDS)
def test_a_family_message_reveals_nothing_but_the_code_the_news_and_the_number(
    kind: str, channel: str, language: Language
) -> None:
    """Every payload field a family must not see is put in every family payload, as if a
    later change carried it there; the outcome and the sum too, which are never said (the
    sum only to a contact who opted in)."""
    payload = hearing(**SECRET) | JUDGMENT | {"outcome": "dismissed"}
    payload |= {"amount": "7654321.89", "received_on": "2026-09-30"}
    for purpose in PURPOSES:
        message = render(kind, payload | {"purpose": purpose}, person("family", language, channel))
        if message is None:
            assert kind == "hearing_reminder" and purpose not in PURPOSES[-2:]
            continue
        text = f"{message.subject} {message.body}".casefold()
        assert "s-2024-123456789" in text and "+254 800 720 720" in text
        leaked = [v for v in SECRET.values() if v.casefold() in text]
        leaked += [
            w
            for w in ("7,654,321", "7654321", "dismiss", "allow", "kataliwa", "kubaliwa")
            if w in text
        ]
        assert leaked == [], message


@pytest.mark.parametrize("language", list(Language))
def test_only_a_contact_who_opted_in_is_told_the_sum(language: Language) -> None:
    told = render("payment_received", PAYMENT, person("family", language, "sms", amounts=True))
    assert told is not None and "999,999,999,999.99" in told.body


def test_a_kind_reaches_only_its_audiences() -> None:
    nobody = [
        ("follow_up_due", "family"),
        ("escalation", "family"),
        ("follow_up_due", "advocacy"),
        ("hearing_reminder", "advocacy"),
        ("judgment_delivered", "team"),
        ("payment_received", "advocacy"),
        ("a_kind_not_yet_written", "team"),
    ]
    for kind, audience in nobody:
        payload = PAYLOADS.get(kind, {})
        assert render(kind, payload, person(audience, Language.EN, "email")) is None
    mention = hearing(purpose="mention")
    assert render("hearing_reminder", mention, person("family", Language.SW, "sms")) is None
    with pytest.raises(ValueError, match="survivor's code"):
        render("judgment_delivered", JUDGMENT, Recipient("family", Language.EN, "sms"))


FAMILY_EXAMPLES = {
    "hearing_reminder": hearing(purpose="judgment_delivery", starts_at="2026-12-10T06:30:00+00:00"),
    "judgment_delivered": {"outcome": "allowed", "occurred_on": "2026-12-10"},
    "payment_received": {"amount": "400000.00", "received_on": "2027-06-30"},
}


def family_examples() -> list[str]:
    """The family SMS of the families' API page (docs/api/families.md), as the code renders them."""
    texts = []
    for language in Language:
        for kind, payload in FAMILY_EXAMPLES.items():
            for amounts in (False, True) if kind == "payment_received" else (False,):
                to = Recipient("family", language, "sms", "S-2024-0042", amounts)
                purposes = PURPOSES[-2:] if kind == "hearing_reminder" else (None,)
                for purpose in purposes:
                    sms = render(kind, payload | ({"purpose": purpose} if purpose else {}), to)
                    assert sms is not None
                    texts.append(sms.body)
    return texts


def test_the_docs_show_the_family_messages_as_they_are_sent() -> None:
    readme = (ROOT / "docs" / "api" / "families.md").read_text()
    shown = [f"`{text}` ({len(text)} characters)" for text in family_examples()]
    missing = [text for text in shown if text not in readme]
    assert missing == [], "update docs/api/families.md's 'What families receive'"
