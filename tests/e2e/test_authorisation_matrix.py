"""Every route of the app, for every role, on the lawyer's own case and on someone else's,
against the answer the access rules promise. Routes come from the app's route table: a new
route fails here until it is given an expectation (in tests/e2e/authorisation/: the API's
court routes, its other routes, or the pages) and a rule in service/auth/rules.py."""

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.auth.policy import guard, route_key
from service.auth.rules import POLICY
from tests.conftest import Account
from tests.e2e.authorisation.api_court_routes import COURT
from tests.e2e.authorisation.api_people_routes import PEOPLE
from tests.e2e.authorisation.page_routes import PAGES
from tests.e2e.authorisation.world import OK, ROLES, fresh_headers, make_world, sent
from tests.e2e.helpers import Client

EXPECTED = COURT | PEOPLE | PAGES


def page_answers(response: Any, expected: str | int) -> None:
    """A page answers in HTML: done (a page, or on to the next one), a refusal page, or, to
    someone not signed in, the sign-in page."""
    location = response.headers.get("location", "")
    if expected == OK:
        assert response.status_code in {200, 303}, response.text
        assert not location.startswith("/web/login?next="), location
    elif expected == 401:
        assert response.status_code == 303 and location.startswith("/web/login?next="), location
    else:
        assert response.status_code == expected, response.text
        assert response.headers["content-type"].startswith("text/html")


def promised(rule: str, role: str, mine: bool) -> str | int:
    """The answer the access rules promise, written out independently of the policy table."""
    if rule == "public":
        return OK
    if role == "anonymous":
        return 401
    if rule == "signed_in":
        return OK
    if rule == "admin":
        return OK if role == "admin" else 403
    if rule == "staff":
        return OK if role in {"admin", "lawyer"} else 403
    if rule == "names_survivor":  # the survivor code in the body: refused as an unknown code is
        if role in {"advocacy", "viewer"}:
            return 403
        return 422 if role == "lawyer" and not mine else OK
    if rule == "case_read":
        return 404 if role == "lawyer" and not mine else OK
    # case_change, case_personal, survivor_personal, contact_personal
    if role in {"advocacy", "viewer"}:
        return 403
    return 404 if role == "lawyer" and not mine else OK


APP_ROUTES = sorted(
    {
        route_key(handler)
        for app_route in create_app("postgresql+asyncpg://unused/unused").routes
        for handler in getattr(app_route, "route_handlers", [])
        if handler.http_methods != {"OPTIONS"} and not app_route.path.startswith("/schema")
    }
)


def test_every_route_is_checked_before_it_answers() -> None:
    """The policy runs as the before-request hook of the router holding every route: a handler,
    controller or router that set its own hook would replace it, and a cached answer would be
    served before it, so either would open a route to anyone."""
    unchecked = [
        route_key(handler)
        for app_route in create_app("postgresql+asyncpg://unused/unused").routes
        for handler in getattr(app_route, "route_handlers", [])
        if handler.http_methods != {"OPTIONS"} and not app_route.path.startswith("/schema")
        if handler.resolve_before_request() is not guard or handler.cache
    ]
    assert unchecked == []


def test_every_route_has_a_rule_and_an_expectation() -> None:
    assert set(APP_ROUTES) - set(POLICY) == set(), "routes without an access rule"
    assert set(APP_ROUTES) - set(EXPECTED) == set(), "routes missing from this matrix"
    assert set(POLICY) == set(APP_ROUTES), "rules for routes that no longer exist"


@pytest.mark.parametrize("mine", [True, False], ids=["own-case", "others-case"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", APP_ROUTES)
async def test_access(
    app_client: Client,
    engine: AsyncEngine,
    accounts: dict[str, Account],
    key: str,
    role: str,
    mine: bool,
) -> None:
    rule, build = EXPECTED[key]
    world = await make_world(engine, accounts, mine)
    method, path, body = await build(world)
    headers = await fresh_headers(engine, None if role == "anonymous" else accounts[role])
    app_client.headers.pop("Authorization", None)
    response = await app_client.request(
        method, path, headers=headers, follow_redirects=False, **sent(body)
    )
    app_client.cookies.clear()  # a page's sign-in sets one: it must not sign in later requests
    expected = promised(rule, role, mine)
    if key in PAGES:
        page_answers(response, expected)
        return
    if expected == OK:
        assert 200 <= response.status_code < 300, (method, path, response.text)
    else:
        assert response.status_code == expected, (method, path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
