"""The browser interface's sign-in and session through HTTP: the sign-in page's refusals, a
session's cookie and its end, and what a cookie may not do (write by a form without its token,
sign in from another site, reach the JSON API). Apart from tests/web/test_pages.py, which works
through the pages once signed in."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from service.database import make_sessionmaker
from service.usecases.accounts import signin
from tests.conftest import Account
from tests.factories import awarded_and_part_paid, registered_case
from tests.web.conftest import Browser, sign_in


async def test_a_form_without_its_token_or_an_api_write_by_cookie_is_refused(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    lawyer = accounts["lawyer"]
    case, _ = await registered_case(make_sessionmaker(engine), lead=lawyer.user.id)
    await sign_in(web, lawyer)
    step = {"trigger": "withdraw", "version": "1"}
    forged = await web.post(f"/web/cases/{case.id}/steps", data=step | {"_form_token": "0" * 64})
    assert forged.status_code == 403 and "reload the page" in forged.text
    assert (await web.post(f"/web/cases/{case.id}/steps", data=step)).status_code == 403
    by_cookie = await web.post(
        f"/cases/{case.id}/transitions", json={"trigger": "withdraw", "version": 1}
    )
    assert by_cookie.status_code == 401
    unchanged = await web.get(f"/cases/{case.id}", headers=lawyer.headers)
    assert unchanged.json()["stage"] == "intake"


async def test_the_sign_in_page_refuses_as_the_api_does_and_keeps_the_username(
    web: Browser, accounts: dict[str, Account], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the four tries at one instant: the wait after the third is 1 s, which a loaded machine's
    # password checks alone could outlast
    instant = utcnow()
    monkeypatch.setattr(signin, "utcnow", lambda: instant)
    wrong = {"username": "test.viewer", "password": "not-the-password"}
    answers = [await web.post("/web/login", data=wrong) for _ in range(4)]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert "The username or password is wrong" in answers[0].text
    assert 'value="test.viewer"' in answers[0].text
    assert "not-the-password" not in answers[0].text
    assert "Too many failed sign-ins: wait 1 seconds" in answers[3].text
    assert "haki_session" not in answers[3].headers.get("set-cookie", "")


async def test_signing_out_ends_the_session(web: Browser, accounts: dict[str, Account]) -> None:
    token = await sign_in(web, accounts["viewer"])
    session = web.cookies["haki_session"]
    assert (await web.post("/web/logout", data={"_form_token": token})).status_code == 303
    web.cookies.set("haki_session", session)
    again = await web.get("/web/cases")
    assert again.status_code == 303 and again.headers["location"] == "/web/login?next=/web/cases"


async def test_the_session_cookie_is_httponly_and_samesite(
    web: Browser, accounts: dict[str, Account]
) -> None:
    viewer = accounts["viewer"]
    response = await web.post(
        "/web/login", data={"username": "test.viewer", "password": viewer.password}
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie


async def test_a_sign_in_form_posted_from_another_site_is_refused(
    web: Browser, accounts: dict[str, Account]
) -> None:
    viewer = {"username": "test.viewer", "password": accounts["viewer"].password}
    elsewhere = await web.post(
        "/web/login", data=viewer, headers={"Origin": "https://evil.example"}
    )
    assert elsewhere.status_code == 403 and "haki_session" not in elsewhere.headers.get(
        "set-cookie", ""
    )
    here = await web.post("/web/login", data=viewer, headers={"Origin": "http://testserver.local"})
    assert here.status_code == 303


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "null"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
    ids=["sandboxed-frame", "sandboxed-frame-fetch-metadata", "cross-site", "sibling-site"],
)
async def test_a_sign_in_from_a_sandboxed_frame_or_another_site_sets_no_session(
    web: Browser, accounts: dict[str, Account], headers: dict[str, str]
) -> None:
    """A page elsewhere must not sign the reader's browser into someone else's account."""
    viewer = {"username": "test.viewer", "password": accounts["viewer"].password}
    forged = await web.post("/web/login", data=viewer, headers=headers)
    assert forged.status_code == 403, forged.text
    assert "haki_session" not in forged.headers.get("set-cookie", "")
    assert "sign-in page yourself" in forged.text
    web.cookies.set("haki_lang", "sw")
    in_swahili = await web.post("/web/login", data=viewer, headers=headers)
    assert in_swahili.status_code == 403 and "ukurasa wa kuingia" in in_swahili.text
    fetched = await web.post("/web/login", data=viewer, headers={"Sec-Fetch-Site": "same-origin"})
    assert fetched.status_code == 303


async def test_the_session_cookie_opens_pages_never_the_json_api(
    web: Browser, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    """A cookie is sent by the browser on its own, so it signs in only /web: the API, the full
    export with personal data included, wants the bearer token an API client sends."""
    award = await awarded_and_part_paid(make_sessionmaker(engine), lead=accounts["lawyer"].user.id)
    await sign_in(web, accounts["admin"])
    assert (await web.get("/web/cases")).status_code == 200
    for path in (
        "/exports/full.zip?with_personal_data=true",
        "/cases",
        f"/cases/{award.case_id}/parties",
        f"/awards/{award.id}/demand-letter?format=html",
        "/reports/unpaid?format=csv",
        "/auth/me",
    ):
        refused = await web.get(path)
        assert refused.status_code == 401, (path, refused.status_code)
    bearer = await web.get("/cases", headers=accounts["admin"].headers)
    assert bearer.status_code == 200, "an API client's token still works beside a cookie"
