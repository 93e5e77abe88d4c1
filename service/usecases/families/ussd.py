"""The USSD menu: a family dials the office's code, chooses a language, types their status code,
and reads the stage and the next court date on the screen. Nothing reaches the phone's inbox.

The gateway sends every answer of the session so far at each step, so Haki keeps no session of
its own: a session that timed out half-way has left nothing behind, and the next dial starts
afresh. Only the step that checks a code writes (one row, keyed on the session, for the limit
per number), so a step sent twice by the gateway is answered alike and counted once.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base import utcnow
from domain.errors import NotFound
from domain.phone_words import ussd_step
from notifications import phone_replies as say
from notifications.i18n import Language
from service.usecases.families import status_codes
from service.usecases.families.phone_callers import (
    PhoneRules,
    caller,
    over_the_limit,
    take_once,
)
from service.usecases.families.status_codes import CodeRules


@dataclass(frozen=True)
class UssdAsked:
    session_id: str
    phone_number: str
    text: str
    """the answers so far, joined by `*`; empty when the family has just dialled"""


@dataclass(frozen=True)
class Screen:
    text: str
    more: bool
    """True: the session goes on (CON); False: it ends with this screen (END)"""

    @property
    def reply(self) -> str:
        """As the gateway reads it: `CON …` or `END …`."""
        return f"{'CON' if self.more else 'END'} {self.text}"


def language_of(asked: UssdAsked) -> str:
    """The language chosen so far, Kiswahili before one is."""
    return ussd_step(asked.text).language or Language.SW


async def ussd_screen(
    session: AsyncSession,
    rules: PhoneRules,
    codes: CodeRules,
    asked: UssdAsked,
    now: datetime | None = None,
) -> Screen:
    now = now or utcnow()
    who = caller(rules, asked.phone_number)
    step = ussd_step(asked.text)
    if step.lost:
        return Screen(say.off_the_menu(step.language or Language.SW), more=False)
    if step.language is None:
        return Screen(say.CHOOSE_LANGUAGE, more=True)
    if step.code is None:
        return Screen(say.enter_code(step.language), more=True)
    async with session.begin():
        limited = await over_the_limit(session, rules, who, now)
        first = await take_once(session, f"ussd:{asked.session_id}", who, "status", now)
        if limited and first:
            return Screen(say.too_many(step.language), more=False)
        try:
            found = await status_codes.family_status(
                session, codes, step.code, Language(step.language), now, phone=who.number
            )
        except NotFound:
            return Screen(say.not_found(step.language, rules.toll_free), more=False)
    answer = say.status_answer(
        step.language, found.survivor_code, found.stage, found.next_court_day
    )
    return Screen(answer, more=False)
