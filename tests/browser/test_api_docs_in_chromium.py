"""The API's documentation in a real browser: Swagger UI draws every operation from Haki's own
files, and the page's Content-Security-Policy refuses nothing it needs."""

from playwright.async_api import Page, Request, Response, expect


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
