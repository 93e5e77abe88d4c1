"""The addresses the SMS gateway calls when a family dials the USSD code, texts the short code,
or opts out of our sender id. The last part of each address is the credential, as for delivery
reports (service/deliveries/controller.py): a wrong or unset secret answers 404.

Each answers within the gateway's time limit (Africa's Talking ends a USSD session when the
application takes over 15 seconds): past HAKI_PHONE_ANSWER_SECONDS a USSD caller is told to
dial again, and a text is refused with 503 for the gateway to send again (it is handled once).
"""

import asyncio
import hmac
from typing import Annotated

from litestar import Response, post
from litestar.datastructures import State
from litestar.enums import MediaType, RequestEncodingType
from litestar.exceptions import ServiceUnavailableException
from litestar.params import Body, PathParameter
from msgspec import Meta, Struct, field

from domain.errors import N_, NotFound
from notifications import phone_replies as say
from service.dependencies import Db
from service.openapi import responses
from service.usecases.families import texts_in, ussd
from service.usecases.families.phone_callers import PhoneRules

Secret = Annotated[str, PathParameter(description="HAKI_SMS_REPORT_SECRET; any other answers 404")]
Number = Annotated[str, Meta(min_length=1, max_length=20)]
GatewayId = Annotated[str, Meta(min_length=1, max_length=100)]
Form = Body(media_type=RequestEncodingType.URL_ENCODED)
NO_SUCH_ADDRESS = N_("No such address.")


def _checked(state: State, secret: str) -> None:
    expected: str | None = state.settings.sms_report_secret
    if not expected or not hmac.compare_digest(secret.encode(), expected.encode()):
        raise NotFound(NO_SUCH_ADDRESS)


def phone_rules(state: State) -> PhoneRules:
    """Built once by create_app from the settings, with the server's secret."""
    rules: PhoneRules = state.phone_rules
    return rules


class UssdIn(Struct, rename="camel"):
    """The form Africa's Talking posts at each step of a session; networkCode and any other
    field are accepted and ignored."""

    session_id: GatewayId
    service_code: Annotated[str, Meta(max_length=40)]
    phone_number: Number
    text: Annotated[str, Meta(max_length=200)] = ""
    """the answers so far, joined by `*`; empty on the first step"""


class TextIn(Struct):
    """The form Africa's Talking posts for an incoming text (linkId, date, networkCode and any
    other field are accepted and ignored)."""

    id: GatewayId
    sender: Number = field(name="from")
    to: Annotated[str, Meta(max_length=20)]
    text: Annotated[str, Meta(max_length=1600)] = ""


class TextOut(Struct):
    handled: str
    """status, stop, language or reply; `again` for a text handled before"""


class OptOutIn(Struct, rename="camel"):
    """The gateway's notice that a number opted out of our sender id."""

    phone_number: Number
    sender_id: Annotated[str, Meta(max_length=40)] = ""


class OptOutOut(Struct):
    received: bool = True


@post(
    "/phones/ussd/{secret:str}",
    status_code=200,
    tags=["phones"],
    responses=responses(400, 404, 422),
    summary="A step of a USSD session (configure this address as the USSD callback)",
    media_type=MediaType.TEXT,
)
async def ussd_session(
    db: Db, state: State, secret: Secret, data: Annotated[UssdIn, Form]
) -> Response[str]:
    """Answers `CON …` to go on or `END …` to finish, as plain text."""
    _checked(state, secret)
    asked = ussd.UssdAsked(data.session_id, data.phone_number, data.text)
    try:
        async with asyncio.timeout(state.settings.phone_answer_seconds):
            screen = await ussd.ussd_screen(db, phone_rules(state), state.status_codes, asked)
    except TimeoutError:
        screen = ussd.Screen(say.busy(ussd.language_of(asked)), more=False)
    return Response(screen.reply, media_type=MediaType.TEXT)


@post(
    "/phones/sms/{secret:str}",
    status_code=200,
    tags=["phones"],
    responses=responses(400, 404, 422, 503),
    summary="A text to the office's short code (configure this address for incoming messages)",
)
async def text_from_a_phone(
    db: Db, state: State, secret: Secret, data: Annotated[TextIn, Form]
) -> TextOut:
    _checked(state, secret)
    texted = texts_in.TextIn(data.id, data.sender, data.text)
    try:
        async with asyncio.timeout(state.settings.phone_answer_seconds):
            kind = await texts_in.text_received(db, phone_rules(state), state.status_codes, texted)
    except TimeoutError:
        raise ServiceUnavailableException("busy: send the text again") from None
    return TextOut(kind)


@post(
    "/phones/opt-outs/{secret:str}",
    status_code=200,
    tags=["phones"],
    responses=responses(400, 404, 422),
    summary="A number opted out of our sender id (configure this as the bulk SMS opt-out address)",
)
async def opt_out_from_the_gateway(
    db: Db, state: State, secret: Secret, data: Annotated[OptOutIn, Form]
) -> OptOutOut:
    _checked(state, secret)
    await texts_in.opted_out(db, phone_rules(state), data.phone_number)
    return OptOutOut()
