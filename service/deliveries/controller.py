"""The address the SMS gateway posts delivery reports to; its last part is the credential."""

import hmac
from typing import Annotated

from litestar import post
from litestar.datastructures import State
from litestar.enums import RequestEncodingType
from litestar.params import Body, PathParameter
from msgspec import Meta, Struct

from domain.errors import NotFound
from service.dependencies import Db
from service.openapi import responses
from service.usecases.families.delivery_reports import UNKNOWN_MESSAGE, Report, record_report

Secret = Annotated[str, PathParameter(description="HAKI_SMS_REPORT_SECRET; any other answers 404")]


class DeliveryReportIn(Struct, rename="camel"):
    """The form fields Africa's Talking posts; others it sends (networkCode, retryCount…) are
    accepted and ignored."""

    id: Annotated[str, Meta(min_length=1, max_length=100)]
    status: Annotated[str, Meta(min_length=1, max_length=40)]
    phone_number: Annotated[str, Meta(min_length=1, max_length=20)]
    failure_reason: Annotated[str, Meta(max_length=100)] = ""
    """only with Rejected or Failed"""


class DeliveryReportOut(Struct):
    status: str
    """the delivery's status after the report"""


@post(
    "/notifications/sms-reports/{secret:str}",
    status_code=200,
    tags=["notifications"],
    responses=responses(400, 404),
    summary="A delivery report from the SMS gateway (configure this address in its dashboard)",
)
async def sms_delivery_report(
    db: Db,
    state: State,
    secret: Secret,
    data: Annotated[DeliveryReportIn, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> DeliveryReportOut:
    """No Authorization header: the gateway cannot send one. A wrong or unset secret gets the
    same 404 as a message we never sent, so a guesser learns nothing."""
    expected: str | None = state.settings.sms_report_secret
    if not expected or not hmac.compare_digest(secret.encode(), expected.encode()):
        raise NotFound(UNKNOWN_MESSAGE)
    report = Report(data.id, data.status, data.phone_number, data.failure_reason or None)
    return DeliveryReportOut(status=await record_report(db, report))
