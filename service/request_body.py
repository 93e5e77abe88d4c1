"""A request's body read whole before the app sees it, for the middlewares that must know it
first: the API's idempotency keys (a retry's body is compared with the first's) and the pages'
once-only forms (the form's token is in the body). Shared so both refuse the same bodies.
"""

from typing import Any

from litestar.types import Receive, Scope


async def read_body(receive: Receive) -> tuple[bytes, Receive]:
    """The whole body, and a `receive` that hands it to the app again."""
    chunks: list[bytes] = []
    while True:
        message: Any = await receive()
        chunks.append(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body"):
            break
    body = b"".join(chunks)
    given = False

    async def again() -> Any:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return body, again


def too_large(scope: Scope, limit: int) -> bool:
    """Read whole before the app sees it, so a body past the limit, or of a length not said
    (chunked), is left to the app."""
    headers = dict(scope["headers"])
    length = headers.get(b"content-length", b"" if b"transfer-encoding" in headers else b"0")
    return not length.isdigit() or int(length) > limit
