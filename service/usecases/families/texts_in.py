"""Texts a family sends to the office's short code: a keyword (HALI, STATUS, STOP, ACHA, LUGHA)
or words for the case team; and the gateway's word that a number opted out.

Each text is handled once, in one transaction with the row that marks its gateway id taken: a
text the gateway sends again finds the row and changes nothing. The number and the words are
never logged; the words are kept only as a message on the case for its team.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base import utcnow
from domain.errors import NotFound
from domain.phone_words import AskStatus, ChangeLanguage, Reply, Stop, read_text
from notifications import phone_replies as say
from notifications.i18n import Language
from service.usecases.accounts.audit import audit
from service.usecases.families import status_codes
from service.usecases.families.consent import withdraw_within
from service.usecases.families.family_messages import leave_message
from service.usecases.families.phone_callers import (
    FAMILY_BY_PHONE,
    Caller,
    PhoneRules,
    caller,
    contacts_at,
    over_the_limit,
    reply_by_sms,
    take_once,
)
from service.usecases.families.status_codes import CodeRules

KINDS = {AskStatus: "status", Stop: "stop", ChangeLanguage: "language", Reply: "reply"}


@dataclass(frozen=True)
class TextIn:
    message_id: str
    """the gateway's id of the text: the same text sent again is handled once"""
    sender: str
    text: str


async def text_received(
    session: AsyncSession,
    rules: PhoneRules,
    codes: CodeRules,
    texted: TextIn,
    now: datetime | None = None,
) -> str:
    """Handles the text; says what it was (status, stop, language, reply), or `again`."""
    now = now or utcnow()
    who = caller(rules, texted.sender)
    request = read_text(texted.text)
    kind = KINDS[type(request)]
    key = f"sms:{texted.message_id}"
    async with session.begin():
        limited = isinstance(request, AskStatus) and await over_the_limit(session, rules, who, now)
        if not await take_once(session, key, who, kind, now):
            return "again"
        if isinstance(request, AskStatus):
            if not limited:
                await _answer_status(session, rules, codes, key, who, request, now)
        elif isinstance(request, Stop):
            await _stop(session, rules, key, who, request.language, now)
        elif isinstance(request, ChangeLanguage):
            await _change_language(session, key, who, request.language, now)
        else:
            await _pass_on(session, key, who, request.words, now)
    return kind


async def opted_out(
    session: AsyncSession, rules: PhoneRules, number: str, now: datetime | None = None
) -> int:
    """The gateway says the number opted out of our sender id: consent is withdrawn as STOP
    withdraws it, without a confirmation (the gateway would not deliver one). Safe to repeat.
    Returns how many contacts withdrew."""
    now = now or utcnow()
    who = caller(rules, number)
    async with session.begin():
        stopping = await contacts_at(session, who.number, only_consenting=False)
        for contact in stopping:
            await withdraw_within(session, FAMILY_BY_PHONE, contact.id, now)
    return len(stopping)


async def _answer_status(
    session: AsyncSession,
    rules: PhoneRules,
    codes: CodeRules,
    key: str,
    who: Caller,
    asked: AskStatus,
    now: datetime,
) -> None:
    """The same two checks as the USSD menu; the same "not found" for a wrong code and for a
    right one from another phone, in the language of the number's contact if it has one."""
    try:
        found = await status_codes.family_status(
            session, codes, asked.code, None, now, phone=who.number
        )
    except NotFound:
        known = await contacts_at(session, who.number)
        language = known[0].language if known else Language.SW
        body = say.not_found(language, rules.toll_free)
        await reply_by_sms(session, key, who.number, language, body, now)
        return
    body = say.status_answer(found.language, found.survivor_code, found.stage, found.next_court_day)
    await reply_by_sms(session, key, who.number, found.language, body, now, found.contact_id)


async def _stop(
    session: AsyncSession, rules: PhoneRules, key: str, who: Caller, word: str, now: datetime
) -> None:
    """Every contact at the number stops at once, as withdrawing consent in Haki stops them;
    the confirmation goes to the number alone, with no contact it could be cancelled with."""
    stopping = await contacts_at(session, who.number, only_consenting=False)
    for contact in stopping:
        await withdraw_within(session, FAMILY_BY_PHONE, contact.id, now)
    language = stopping[0].language if stopping else word
    await reply_by_sms(
        session, key, who.number, language, say.stopped(language, rules.toll_free), now
    )


async def _change_language(
    session: AsyncSession, key: str, who: Caller, language: str, now: datetime
) -> None:
    changing = await contacts_at(session, who.number)
    for contact in changing:
        contact.language = language
        session.add(contact)
        audit(
            session, FAMILY_BY_PHONE, "contact.update", "contact", contact.id, fields=["language"]
        )
    if changing:
        await session.flush()
        body = say.language_changed(language)
        await reply_by_sms(session, key, who.number, language, body, now, changing[0].id)


async def _pass_on(session: AsyncSession, key: str, who: Caller, words: str, now: datetime) -> None:
    """Words from a consenting contact reach their case team; from any other number, nothing
    is kept (a stranger cannot fill the team's list)."""
    writing = await contacts_at(session, who.number)
    for contact in writing:
        await leave_message(session, contact, words, now)
    if writing:
        first = writing[0]
        body = say.reply_received(first.language)
        await reply_by_sms(session, key, who.number, first.language, body, now, first.id)
