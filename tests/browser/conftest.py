"""Haki served by uvicorn on a loopback port, and Debian's Chromium driven by Playwright.

Without /usr/bin/chromium the browser tests are skipped on a developer's machine and fail in
CI (`CI` set), where .ci/run installs it: a green CI must mean they ran.
"""

import os
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.async_api import Browser, Page, async_playwright

from service.app import create_app
from service.settings import Settings
from tests.browser.axe import assert_accessible

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}


def _chromium_or_skip() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (Debian's chromium package; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def served(database_url: str) -> Iterator[str]:
    """The app on a port the system picked, in a thread with its own event loop."""
    _chromium_or_skip()
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    app = create_app(database_url, Settings())
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    listening.close()


@pytest.fixture(scope="session")
async def chromium(served: str) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        await browser.close()


@pytest.fixture
async def tab(chromium: Browser, served: str) -> AsyncIterator[Page]:
    """A fresh browser profile (no cookies) per test, at desktop size."""
    context = await chromium.new_context(
        base_url=served, viewport=DESKTOP, accept_downloads=True, locale="en-KE"
    )
    context.set_default_timeout(15_000)
    page = await context.new_page()
    yield page
    await context.close()


async def shoot(page: Page, name: str) -> None:
    """Writes the page at desktop width and at 360 px into screenshots/ (git-ignored), and
    fails on a serious or critical axe violation at either width."""
    SCREENSHOTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
    await page.set_viewport_size(PHONE)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}-360px.png"), full_page=True)
    await assert_accessible(page)
    await page.set_viewport_size(DESKTOP)


async def sign_in(page: Page, username: str, password: str) -> None:
    await page.goto("/")
    await page.get_by_label("Username").fill(username)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(re.compile(r"/web/?$"))
