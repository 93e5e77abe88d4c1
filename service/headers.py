"""Headers every answer carries unless its route set its own: no caching, no sniffing, no
framing.

Answers hold names, phone numbers, letters and exports: a shared computer's cache or a proxy
must not keep them (`Cache-Control: no-store`; the stylesheet and the documentation's pinned
files say they may be kept). A browser must not read a CSV or JSON as a page
(`X-Content-Type-Options: nosniff`), and no other site may put an answer in a frame
(`frame-ancestors 'none'`). The pages set a stricter policy of their own (service/web/render.py).
"""

from litestar.types import Message, Scope

ANSWERS = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
"""no script runs in an answer opened in a tab: the letter keeps its inline style, a chart its
drawing"""
DOCS = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)
"""Swagger UI (service/api_docs.py): its own files and Haki's schema, nothing from elsewhere;
its styles are set by script, and its icons are data: URLs in its stylesheet"""
DOCS_PATH = "/schema"
DEFAULTS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def _encoded(headers: dict[str, str]) -> tuple[tuple[bytes, bytes], ...]:
    return tuple((name.lower().encode(), value.encode()) for name, value in headers.items())


FOR_ANSWERS = _encoded({**DEFAULTS, "Content-Security-Policy": ANSWERS})
FOR_DOCS = _encoded({**DEFAULTS, "Content-Security-Policy": DOCS})
"""encoded once: done per answer through Litestar's header object, a fortieth of the server's CPU
in a profile of bench/transitions.py"""


async def security_headers(message: Message, scope: Scope) -> None:
    """Litestar's `before_send` hook: it sees every answer, the refusals of routes that do not
    exist among them. A header the route set itself is kept."""
    if message["type"] != "http.response.start":
        return
    headers = list(message.get("headers", ()))
    given = {name.lower() for name, _ in headers}
    path = str(scope.get("path", ""))
    docs = path == DOCS_PATH or path.startswith(DOCS_PATH + "/")
    headers += [
        (name, value) for name, value in (FOR_DOCS if docs else FOR_ANSWERS) if name not in given
    ]
    message["headers"] = headers
