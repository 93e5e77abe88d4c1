"""Every page of the browser interface, found in the app's route table rather than listed.

A page added under /web is walked by the Kiswahili and accessibility tests the day it is
merged. A route whose address takes an id this walk cannot fill fails loudly, naming the
query to add to IDS, so no page escapes by having a new kind of id.
"""

import re
from html.parser import HTMLParser
from itertools import product

from litestar import Litestar
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

IDS = {
    "case_id": "SELECT id FROM cases ORDER BY reference",
    "award_id": "SELECT id FROM awards ORDER BY case_id, id",
    "hearing_id": "SELECT id FROM hearings ORDER BY starts_at",
    "user_id": "SELECT id FROM users ORDER BY username",
    "contact_id": "SELECT id FROM contacts ORDER BY id",
    "code": "SELECT code FROM survivors ORDER BY code",
    "survivor_code": "SELECT code FROM survivors ORDER BY code",
    "violation_id": "SELECT id FROM violations ORDER BY occurred_on, id",
}
"""How to fill each path parameter: a query for the ids of the demo-like register, in order."""
NOT_PAGES = {
    "/web/language/{lang:str}",
    "/web/static/{name:str}",
    "/web/documents/{document_id:uuid}/file",
}
"""GET routes under /web that answer with a redirect or a file, never a page."""
FILES = re.compile(r"\.(csv|svg|ics|zip|pdf)$")
"""downloads the pages link to (a browser saves them rather than showing them)"""
PARAMETER = re.compile(r"\{(\w+):\w+\}")


def page_routes(app: Litestar) -> list[str]:
    """The GET routes under /web, as the route table writes them."""
    return sorted(
        route.path
        for route in app.routes
        if route.path.startswith("/web")
        and "GET" in getattr(route, "methods", set())
        and route.path not in NOT_PAGES
        and not FILES.search(route.path)
    )


async def addresses(app: Litestar, engine: AsyncEngine, per_id: int | None = None) -> list[str]:
    """Each page route with its ids filled from the register: every id, or the first `per_id`."""
    found: dict[str, list[str]] = {}
    async with engine.connect() as db:
        for name, query in IDS.items():
            found[name] = [str(value) for value in (await db.execute(text(query))).scalars()]
    walked = []
    for route in page_routes(app):
        names = PARAMETER.findall(route)
        unknown = [name for name in names if name not in IDS]
        assert not unknown, f"tests/pages.py cannot fill {unknown} in {route}: add it to IDS"
        values = [found[name][:per_id] for name in names]
        for filled in product(*values):
            address = route
            for value in filled:
                address = PARAMETER.sub(value, address, count=1)
            walked.append(address)
    return walked


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes, and the attributes read out or shown."""

    SPOKEN = ("alt", "placeholder", "aria-label", "title")
    UNSEEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.images: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.UNSEEN:
            self._hidden += 1
        values = dict(attrs)
        self._add(*(values.get(name) for name in self.SPOKEN))
        if tag == "input" and values.get("type") in {"submit", "button"}:
            self._add(values.get("value"))
        if tag == "img" and values.get("src"):
            self.images.append(str(values["src"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.UNSEEN:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._add(data)

    def _add(self, *found: str | None) -> None:
        for value in found:
            words = " ".join((value or "").split())
            if words:
                self.texts.append(words)


def read(html: str) -> VisibleText:
    """A page's (or an SVG chart's) visible text and the images it shows."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser
