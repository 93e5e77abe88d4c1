"""The Litestar application: routes, errors, OpenAPI and the database it works on."""

import gc
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from dataclasses import replace
from importlib.metadata import version

from litestar import Litestar, Router
from litestar.datastructures import State
from litestar.di import Provide
from litestar.exceptions import MethodNotAllowedException, NotFoundException
from litestar.openapi import OpenAPIConfig

from notifications.i18n import load_catalogs
from service.amounts import TYPE_DECODERS, AmountSchema
from service.api_docs import SelfHostedSwagger
from service.audit.controller import AuditController
from service.auth.controller import AuthController
from service.auth.policy import guard, refusals, route_key
from service.auth.rules import POLICY
from service.awards.controller import AwardController, CaseAwardController
from service.awards.corrections import award_ledger, reverse_disbursement, reverse_payment
from service.awards.demand_letter import case_demand_letter_to_the_ag, demand_letter_to_the_ag
from service.awards.follow_ups import (
    award_follow_ups,
    follow_ups_due,
    log_case_follow_up_route,
    log_follow_up,
)
from service.calendar.controller import CalendarController
from service.cases.controller import CaseController
from service.cases.notices_controller import NoticeController
from service.cases.team_controller import TeamController
from service.contacts.controller import ContactController, SurvivorContactController
from service.contacts.staff import ContactDetailsIn, my_contact_details, user_contact_details
from service.contacts.status import IssueIn, StatusCodeController, status_router
from service.database import async_url, asyncpg_dsn, make_engine, make_sessionmaker
from service.deliveries.controller import sms_delivery_report
from service.dependencies import provide_session
from service.documents.controller import documents_router
from service.errors import problem_details, unexpected_problem
from service.examinations.controller import CaseExaminationController, get_examination
from service.examinations.schemas import ExaminationIn
from service.exports.controller import full_export
from service.headers import security_headers
from service.health import live, ready
from service.hearings.controller import (
    CaseHearingController,
    HearingController,
    ReminderRuleController,
)
from service.hearings.schemas import RuleIO
from service.idempotency import Idempotency, document_idempotency
from service.imports.controller import imports_router
from service.logs import RequestLog, configure_logging
from service.metrics import MetricsController
from service.migrate import check_current
from service.openapi import (
    document_access,
    document_refusals,
    document_security,
    refuse_unknown_fields,
)
from service.phones.controller import opt_out_from_the_gateway, text_from_a_phone, ussd_session
from service.phones.messages_controller import FamilyMessageController
from service.records.controller import ViolationController, ViolationTypeController
from service.records.referrals import PartnerController, ReferralController
from service.records.reports import ViolationReportController
from service.reports.controller import ReportController
from service.reports.formats import document_formats
from service.reports.unpaid import unpaid_report
from service.reports.unpaid_list import unpaid_award_list
from service.secret_key import with_document_keys, with_secret_key
from service.settings import Settings
from service.survivors.controller import SurvivorController, SurvivorIn
from service.usecases.accounts.session_cache import SessionCache, listening
from service.usecases.cases.cases_in import CaseIn
from service.usecases.cases.steps_in import StepIn
from service.usecases.families.contacts_in import ConsentIn, ContactChangesIn, ContactIn
from service.usecases.families.phone_callers import PhoneRules
from service.usecases.families.status_codes import CodeRules
from service.usecases.hearings.dates_in import (
    AdjournIn,
    HearingIn,
    HeldIn,
    RescheduleIn,
    VacateIn,
)
from service.usecases.records.sealing import keyring_of
from service.users.controller import UserController
from service.web.documents_page import document_pages
from service.web.imports_page import import_pages
from service.web.router import no_such_address, web_downloads, web_router
from service.web.session_pages import front_door
from service.worker import BESIDE_REQUESTS, background


def create_app(database_url: str, settings: Settings | None = None) -> Litestar:
    """`database_url` is an asyncpg URL; the app refuses to start on a database that is behind,
    and without the server's secret when the settings name a DATABASE_URL (service/secret_key)."""
    settings = with_document_keys(with_secret_key(settings or Settings()))
    assert settings.document_keys is not None  # with_document_keys filled them in
    load_catalogs()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncGenerator[None, None]:
        await check_current(database_url)
        engine = make_engine(database_url, settings.pool_size)
        app.state.engine = engine
        app.state.sessionmaker = make_sessionmaker(engine)
        try:
            async with listening(app.state.session_cache, asyncpg_dsn(database_url)):
                if settings.clock:
                    # uvicorn spent the first half of the stop time on the requests in hand
                    halved = replace(settings, stop_seconds=settings.stop_seconds / 2)
                    async with background(engine, halved, BESIDE_REQUESTS):
                        yield
                else:
                    yield
        finally:
            await engine.dispose()

    app = Litestar(
        route_handlers=[
            Router(
                "/",
                before_request=guard,
                route_handlers=[
                    AuthController,
                    CaseController,
                    TeamController,
                    NoticeController,
                    SurvivorController,
                    UserController,
                    AuditController,
                    CaseHearingController,
                    HearingController,
                    ReminderRuleController,
                    CalendarController,
                    CaseAwardController,
                    AwardController,
                    log_follow_up,
                    log_case_follow_up_route,
                    award_follow_ups,
                    demand_letter_to_the_ag,
                    case_demand_letter_to_the_ag,
                    follow_ups_due,
                    reverse_payment,
                    reverse_disbursement,
                    award_ledger,
                    SurvivorContactController,
                    ContactController,
                    StatusCodeController,
                    status_router(settings),
                    my_contact_details,
                    user_contact_details,
                    sms_delivery_report,
                    ussd_session,
                    FamilyMessageController,
                    text_from_a_phone,
                    opt_out_from_the_gateway,
                    ViolationController,
                    ViolationTypeController,
                    ViolationReportController,
                    ReferralController,
                    PartnerController,
                    ReportController,
                    unpaid_report,
                    unpaid_award_list,
                    live,
                    ready,
                    web_router,
                    web_downloads,
                    front_door,
                    imports_router(settings),
                    full_export,
                    MetricsController,
                    documents_router(settings),
                    document_pages(settings),
                    import_pages(settings),
                    CaseExaminationController,
                    get_examination,
                ],
            )
        ],
        state=State(
            {
                "settings": settings,
                "status_codes": CodeRules.of(settings),
                "phone_rules": PhoneRules.of(settings),
                "keyring": keyring_of(settings.document_keys),
                "session_cache": SessionCache(settings.session_cache_seconds),
            }
        ),
        dependencies={"db": Provide(provide_session)},
        lifespan=[lifespan],
        plugins=[problem_details, AmountSchema()],
        type_decoders=TYPE_DECODERS,
        middleware=[RequestLog(), Idempotency()],
        before_send=[security_headers],
        logging_config=None,  # service/logs.py sets up JSON logging for the whole process
        exception_handlers={
            Exception: unexpected_problem,
            NotFoundException: no_such_address,
            MethodNotAllowedException: no_such_address,
        },
        request_max_body_size=settings.max_body_bytes,
        openapi_config=OpenAPIConfig(
            title="Haki",
            version=version("haki"),
            description=(
                "Tracks litigation for survivors of torture and police violence in Kenya, "
                "from petition to payment. Errors are RFC 9457 problem details."
            ),
            path="/schema",
            render_plugins=[SelfHostedSwagger()],
        ),
    )
    refuse_unknown_fields(
        app,
        (CaseIn, StepIn, SurvivorIn, HearingIn, RescheduleIn, HeldIn, AdjournIn, VacateIn, RuleIO),
    )
    refuse_unknown_fields(app, (ContactIn, ContactChangesIn, ConsentIn, IssueIn, ContactDetailsIn))
    refuse_unknown_fields(app, (ExaminationIn,))
    document_access(app, POLICY, route_key)
    document_refusals(app, POLICY, route_key, refusals)
    document_security(app, POLICY, route_key, refusals)
    document_formats(app)
    document_idempotency(app)
    return app


def app_from_environment() -> Litestar:
    """The factory `haki serve` hands to uvicorn, so each worker process builds its own app."""
    settings = Settings()
    if not settings.database_url:
        raise RuntimeError("DATABASE_URL is not set: start Haki with `haki serve`")
    configure_logging()
    app = create_app(async_url(settings.database_url), settings)
    # what the process has built so far (modules, the app, the catalogs: some 300,000 objects)
    # lives as long as it does: out of the collector's sight, a full collection no longer walks
    # it (one took 0.18 s of a step's CPU every ten seconds or so under bench/transitions.py)
    gc.freeze()
    return app
