"""The API's documentation in a real browser: Swagger UI draws every operation from Haki's own
files, and the page's Content-Security-Policy refuses nothing it needs."""

from playwright.async_api import Page, Request, Response, expect

from tests.conftest import Account


async def test_the_docs_render_under_their_policy_without_a_request_elsewhere(tab: Page) -> None:
    complaints: list[str] = []
    elsewhere: list[str] = []
    failed: list[str] = []

    def complain(text: str, kind: str = "error") -> None:
        if kind == "error":
            complaints.append(text)

    def leaving(request: Request) -> None:
        if not request.url.startswith(("http://127.0.0.1", "data:")):
            elsewhere.append(request.url)

    def answered(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    tab.on("console", lambda message: complain(f"{message.text} {message.location}", message.type))
    tab.on("pageerror", lambda error: complain(str(error)))
    tab.on("request", leaving)
    tab.on("response", answered)
    await tab.goto("/schema")
    await expect(tab.locator(".opblock").first).to_be_visible()
    assert await tab.locator(".opblock").count() > 50, "every operation is drawn"
    await expect(tab.get_by_text("/cases/{case_id}/parties").first).to_be_visible()
    assert failed == [] and complaints == [], (failed, complaints)
    assert elsewhere == [], elsewhere


async def test_authorize_sends_the_token_with_try_it_out(
    tab: Page, accounts: dict[str, Account]
) -> None:
    """The bearer scheme the document declares is what Swagger UI's Authorize fills in: signed
    in there, "Try it out" on GET /auth/me answers 200 with the account."""
    lawyer = accounts["lawyer"]
    answer = await tab.request.post(
        "/auth/login",
        data={"username": lawyer.user.username, "password": lawyer.password},
    )
    token = (await answer.json())["token"]
    await tab.goto("/schema")
    await tab.get_by_role("button", name="Authorize").first.click()
    await tab.locator(".modal-ux input").first.fill(token)
    await tab.locator(".modal-ux").get_by_role("button", name="Apply credentials").click()
    await expect(
        tab.locator(".modal-ux").get_by_role("button", name="Remove authorization")
    ).to_be_visible()
    await tab.locator(".modal-ux button.btn-done").click()

    me = tab.locator(".opblock-get", has=tab.locator('[data-path="/auth/me"]'))
    await me.locator(".opblock-summary").first.click()
    await me.get_by_role("button", name="Try it out").click()
    await me.get_by_role("button", name="Execute").click()
    status = me.locator(".live-responses-table .response .response-col_status").first
    await expect(status).to_have_text("200")
    await expect(me.locator(".live-responses-table .microlight").first).to_contain_text(
        lawyer.user.username
    )
