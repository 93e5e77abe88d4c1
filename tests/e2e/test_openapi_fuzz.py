"""Schemathesis over the app's own OpenAPI schema, in-process, with valid and invalid data:
no server error, no invalid input accepted, every answer shaped as the schema documents it —
as an administrator with every kind of input, as each other role with valid input, and with no
sign-in at all, which every route but the public ones refuses."""

from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.auth.policy import route_key
from service.auth.rules import POLICY, Rule
from service.database import make_sessionmaker
from service.usecases.accounts.users import open_session
from tests.conftest import Account

# The schema is fixed by the code, so its operations are listed without a database. Invalid
# data can only be made for operations that take some input.
SCHEMA = create_app("postgresql+asyncpg://unused/unused").openapi_schema.to_schema()
RUNS = [
    (path, method.upper(), mode)
    for path, item in SCHEMA["paths"].items()
    for method, operation in item.items()
    for mode in GenerationMode
    if mode is GenerationMode.POSITIVE
    or operation.get("parameters")
    or operation.get("requestBody")
]


@pytest.fixture(scope="session")
def api_schema(database_url: str) -> Any:
    """A separate app instance: schemathesis runs its lifespan on its own event loop. Each test
    sends its own token, so schemathesis makes no Authorization header of the declared bearer
    scheme: a negative one would be replaced by the test's and the case be valid after all."""
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", create_app(database_url))
    schema.config.generation.update(with_security_parameters=False)
    return schema


@pytest.fixture
async def admin_token(engine: AsyncEngine, accounts: dict[str, Account]) -> str:
    """A fresh session per run: a run may call /auth/logout and end its own."""
    async with make_sessionmaker(engine)() as session, session.begin():
        return (await open_session(session, accounts["admin"].user, timedelta(hours=1))).token


@pytest.mark.parametrize(("path", "method", "mode"), RUNS)
def test_api_keeps_its_contract(
    api_schema: Any, admin_token: str, path: str, method: str, mode: GenerationMode
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def keeps_contract(case: Any) -> None:
        # Schema-valid input may still be refused by a domain rule no schema can state (the
        # court-number grammar, an unknown survivor code, a date in the future): those are
        # documented 404/409/422 answers, so "every valid-looking body is accepted" is off.
        case.call_and_validate(
            headers={"Authorization": f"Bearer {admin_token}"},
            excluded_checks=[positive_data_acceptance],
        )

    keeps_contract()


OPERATIONS = [(path, method) for path, method, mode in RUNS if mode is GenerationMode.POSITIVE]
PUBLIC = {
    (route.path_format, method)
    for route in create_app("postgresql+asyncpg://unused/unused").routes
    for handler in getattr(route, "route_handlers", [])
    if POLICY.get(route_key(handler)) is Rule.PUBLIC
    for method in handler.http_methods
}


@pytest.fixture
async def role_tokens(engine: AsyncEngine, accounts: dict[str, Account]) -> list[str]:
    """A fresh session for each role but the administrator's (whose run is above)."""
    tokens = []
    async with make_sessionmaker(engine)() as session, session.begin():
        for role in ("lawyer", "advocacy", "viewer"):
            signed = await open_session(session, accounts[role].user, timedelta(hours=1))
            tokens.append(signed.token)
    return tokens


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_every_role_gets_a_documented_answer_and_never_a_server_error(
    api_schema: Any, role_tokens: list[str], path: str, method: str
) -> None:
    """Few examples each, every one asked by each role: what differs from the administrator's
    run is only who asks, so a refusal must be one the schema documents."""

    @given(case=api_schema[path][method].as_strategy(generation_mode=GenerationMode.POSITIVE))
    @settings(max_examples=3, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def answers(case: Any) -> None:
        for token in role_tokens:
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"},
                excluded_checks=[positive_data_acceptance],
            )

    answers()


@pytest.mark.parametrize(("path", "method"), [o for o in OPERATIONS if o not in PUBLIC])
def test_no_route_answers_without_sign_in(api_schema: Any, path: str, method: str) -> None:
    @given(case=api_schema[path][method].as_strategy(generation_mode=GenerationMode.POSITIVE))
    @settings(max_examples=1, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def refused(case: Any) -> None:
        case.headers = {k: v for k, v in (case.headers or {}).items() if k != "Authorization"}
        response = case.call()
        assert response.status_code == 401, (method, path, response.status_code)

    refused()
