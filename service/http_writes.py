"""uvicorn's httptools protocol, with an answer's head and body written to the socket together.

uvicorn writes the status line and headers when the application sends `http.response.start`,
and the body in a second write when it sends `http.response.body`: two sends on the socket for
every answer, where one carries both. Each send is a system call and, on loopback, the TCP work
of both ends; the second was about a twentieth of the server's CPU a step in a profile of
bench/transitions.py. Here the head is held until the body's write, which takes it along; should
no write follow in the same turn of the event loop (a streamed answer, a HEAD, 100 Continue), it
goes out on its own at the loop's next turn, as it would have a moment earlier.
"""

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class HeadWithBody:
    """The connection's transport, but for a head of an answer (`HTTP/…` up to the blank line
    ending the headers), which waits for the next write or the loop's next turn."""

    __slots__ = ("_head", "_loop", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._head: bytes | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self._transport.write(head + data)
        elif data[:5] == b"HTTP/" and data[-4:] == b"\r\n\r\n":
            self._head = bytes(data)
            self._loop.call_soon(self.flush)
        else:
            self._transport.write(data)

    def flush(self) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self._transport.write(head)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class OneWriteProtocol(HttpToolsProtocol):
    """`uvicorn.run(http=OneWriteProtocol)`: httptools, each answer's head sent with its body."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(HeadWithBody(transport, self.loop))  # type: ignore[arg-type]
