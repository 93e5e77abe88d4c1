"""The OpenAPI document is valid, declares the bearer scheme, and says of each operation what
the policy table enforces: a sign-in where the guard asks for one, none where it does not."""

from typing import Any

from openapi_spec_validator import validate

from service.app import create_app
from service.auth.policy import route_key
from service.auth.rules import POLICY, Rule

APP = create_app("postgresql+asyncpg://unused/unused")
SCHEMA: dict[str, Any] = APP.openapi_schema.to_schema()

PUBLIC = {
    "GET /health/live",
    "GET /health/ready",
    "POST /auth/login",
    "GET /status/{code}",
    "GET /calendar/{feed_file}",
    "POST /notifications/sms-reports/{secret}",
    "POST /phones/ussd/{secret}",
    "POST /phones/sms/{secret}",
    "POST /phones/opt-outs/{secret}",
}
"""Reached without an account: a family's code, a calendar app's or the SMS gateway's secret
addresses, the load balancer's probes and the sign-in itself"""


def documented() -> dict[str, Rule]:
    """Each operation of the schema, `METHOD /path`, with its handler's rule in the table."""
    operations: dict[str, Rule] = {}
    paths = SCHEMA["paths"]
    for route in APP.routes:
        for handler in getattr(route, "route_handlers", []):
            for method in handler.http_methods - {"OPTIONS"}:
                if method.lower() in paths.get(route.path_format, {}):
                    operations[f"{method} {route.path_format}"] = POLICY[route_key(handler)]
    return operations


def test_the_document_is_valid_openapi() -> None:
    validate(SCHEMA)


def test_the_bearer_scheme_is_declared() -> None:
    assert SCHEMA["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": SCHEMA["components"]["securitySchemes"]["bearer"]["description"],
    }
    assert "security" not in SCHEMA, "no blanket requirement: each operation says its own"


def test_each_operation_asks_for_a_sign_in_exactly_when_the_policy_does() -> None:
    operations = documented()
    assert len(operations) == sum(
        method != "parameters" for item in SCHEMA["paths"].values() for method in item
    ), "every documented operation was matched to its handler"
    wrong = []
    for name, rule in operations.items():
        method, path = name.split(" ", 1)
        security = SCHEMA["paths"][path][method.lower()].get("security")
        expected = None if rule is Rule.PUBLIC else [{"bearer": []}]
        if security != expected:
            wrong.append(f"{name}: {rule.name} but security {security}")
    assert wrong == []


def test_the_public_operations_are_the_ones_meant_to_be() -> None:
    public = {name for name, rule in documented().items() if rule is Rule.PUBLIC}
    assert public == PUBLIC
