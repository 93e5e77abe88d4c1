"""axe-core (tests/browser/vendor/axe-core) on the page a browser test has open, at the
desktop width and at 360 px: a serious or critical violation fails the test."""

from pathlib import Path

from playwright.async_api import Page

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.10.3"
WIDTHS = ({"width": 1366, "height": 900}, {"width": 360, "height": 740})
RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.help}: ` +
              v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; '))"""


async def violations(page: Page) -> list[str]:
    """The serious and critical violations at each width; the page keeps the last width's
    size afterwards, so a caller that cares sets it again."""
    found = []
    for size in WIDTHS:
        await page.set_viewport_size(size)
        # evaluated, not added as a <script>: the pages' Content-Security-Policy forbids that
        if not await page.evaluate("() => typeof axe !== 'undefined'"):
            await page.evaluate(AXE.read_text())
            assert await page.evaluate("() => axe.version") == AXE_VERSION
        found += [f"{size['width']}px {v}" for v in await page.evaluate(RUN)]
    return found


async def assert_accessible(page: Page) -> None:
    found = await violations(page)
    assert not found, f"axe on {page.url}:\n" + "\n".join(found)
