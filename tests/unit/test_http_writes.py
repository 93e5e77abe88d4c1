"""An answer's head goes to the socket with its body in one write; a head that no write follows
in the same turn of the event loop (a HEAD, a streamed answer) still goes, at the next turn."""

import asyncio
from typing import Any

from service.http_writes import HeadWithBody

HEAD = b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\n"


class Socket:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str) -> Any:
        return ("127.0.0.1", 8000) if name == "sockname" else None


async def test_the_head_goes_with_the_body() -> None:
    socket = Socket()
    transport = HeadWithBody(socket, asyncio.get_running_loop())  # type: ignore[arg-type]
    transport.write(HEAD)
    transport.write(b"{}")
    await asyncio.sleep(0)
    assert socket.writes == [HEAD + b"{}"]
    assert transport.get_extra_info("sockname") == ("127.0.0.1", 8000)


async def test_a_head_alone_goes_at_the_next_turn_or_on_close() -> None:
    socket = Socket()
    transport = HeadWithBody(socket, asyncio.get_running_loop())  # type: ignore[arg-type]
    transport.write(HEAD)
    assert socket.writes == []
    await asyncio.sleep(0)
    assert socket.writes == [HEAD]
    transport.write(HEAD)
    transport.close()
    assert socket.writes == [HEAD, HEAD] and socket.closed


async def test_what_is_not_a_head_is_written_at_once() -> None:
    socket = Socket()
    transport = HeadWithBody(socket, asyncio.get_running_loop())  # type: ignore[arg-type]
    transport.write(b"5\r\nhello\r\n")
    assert socket.writes == [b"5\r\nhello\r\n"]
