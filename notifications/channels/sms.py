"""The SMS channel: Africa's Talking's bulk SMS API, or any gateway that answers in its shape."""

import asyncio
import json
import logging
from typing import Any
from urllib.parse import urlencode
from urllib.request import getproxies, proxy_bypass

import httpcore
import httpx

from notifications.channels.base import Outcome, Outgoing, Result

log = logging.getLogger("haki.channels.sms")

# A recipient's statusCode in the gateway's answer, as Africa's Talking documents them
# (developers.africastalking.com/docs/sms/sending/bulk).
CODES = {
    100: "Processed",
    101: "Sent",
    102: "Queued",
    401: "RiskHold",
    402: "InvalidSenderId",
    403: "InvalidPhoneNumber",
    404: "UnsupportedNumberType",
    405: "InsufficientBalance",
    406: "UserInBlacklist",
    407: "CouldNotRoute",
    409: "DoNotDisturbRejection",
    500: "InternalServerError",
    501: "GatewayError",
    502: "RejectedByGateway",
}
ACCEPTED = {100, 101, 102}
NOT_NOW = {405, 500, 501, 502}
"""refused for now (our balance, their fault): the gateway did not send it, so trying later is
safe; every other refusal is for good"""

TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=10.0, pool=30.0)
"""a text waiting for a free connection past `pool` is not sent (RETRY): nothing was written"""
CONNECTIONS = 32
"""at most this many requests in flight per process; the rest of a round wait for one"""
KEEP_ALIVE = 2.0
"""seconds an idle connection is kept: well under the idle time after which gateways and their
proxies close one (nginx's default is 75 s), so Haki drops an idle connection before the
gateway does, and a send rarely meets one the gateway is closing"""


Slot = httpcore.AsyncHTTPConnection | httpcore.AsyncConnectionPool
"""what a send borrows: one connection, or a pool of one through the environment's proxy"""


class SmsGateway:
    """One POST per message over connections kept alive between them. The gateway takes no
    idempotency key, so any failure after the request may have reached it is UNKNOWN, never
    RETRY: a family must not get it twice.

    What is safe to send again is what never left: the connection could not be made
    (ConnectError, ConnectTimeout) or none was free in time (`pool` of the timeout). A
    kept-alive connection that the gateway closed while it sat idle is found closed when it is taken
    for a text (readable while idle: httpcore's `has_expired`) and is dropped before a byte is
    written; one the gateway closes in the instant of writing fails after bytes may have left
    (RemoteProtocolError, WriteError, ReadError) and is UNKNOWN, like any cut-off send. httpcore
    never re-sends a request by itself (its `retries` are for connecting only, and 0 here).

    Requests go to httpcore, under httpx, directly: httpx's own layers (request building,
    cookies, auth and redirect hooks, response decoding) cost as much CPU per text as the HTTP
    exchange itself, and a form POST to one URL needs none of them.
    """

    name = "sms"

    def __init__(
        self,
        base_url: str,
        username: str,
        api_key: str,
        sender_id: str | None = None,
        timeout: httpx.Timeout = TIMEOUT,
    ) -> None:
        if httpx.URL(base_url).scheme not in ("http", "https"):
            raise ValueError("the SMS gateway's URL must start with https:// (or http://)")
        self._url = (base_url.rstrip("/") + "/version1/messaging").encode()
        self._username = username
        self._sender_id = sender_id
        self._headers = [
            (b"apiKey", api_key.encode()),
            (b"Accept", b"application/json"),
            (b"Content-Type", b"application/x-www-form-urlencoded"),
            (b"User-Agent", b"haki"),
        ]
        self._timeouts = {
            "connect": timeout.connect,
            "read": timeout.read,
            "write": timeout.write,
        }
        # one connection per slot, lent to one send at a time: httpcore's pool looks over every
        # connection it holds (a system call each) whenever a request starts or ends, which
        # costs more CPU than it saves when each holds one; the last one back is lent first
        # (LIFO), so a few warm connections carry a light load
        self._origin = httpcore.URL(self._url).origin
        self._certificates = httpx.create_ssl_context()  # read once, not once per connection
        self._proxy = _proxy(httpx.URL(base_url))
        self._clients: asyncio.Queue[Slot] = asyncio.LifoQueue()
        for _ in range(CONNECTIONS):
            self._clients.put_nowait(self._connection())
        self._pool_wait = timeout.pool

    async def send(self, message: Outgoing) -> Result:
        form = {"username": self._username, "to": message.address, "message": message.body}
        if self._sender_id:
            form["from"] = self._sender_id
        try:
            async with asyncio.timeout(self._pool_wait):
                client = await self._clients.get()
        except TimeoutError:
            result = Result(Outcome.RETRY, error="gateway not reached: no connection free")
            log.info("delivery %d: %s %s", message.delivery_id, result.outcome, result.error)
            return result
        try:
            if isinstance(client, httpcore.AsyncHTTPConnection) and (
                client.is_closed() or client.has_expired()
            ):
                # closed by either side, failed, idle too long, or (readable while idle) being
                # closed by the gateway: dropped before a byte of this text is written
                await client.aclose()
                client = self._connection()
            response = await client.request(
                b"POST",
                self._url,
                headers=self._headers,
                content=urlencode(form).encode(),
                extensions={"timeout": self._timeouts},
            )
        except (httpcore.ConnectError, httpcore.ConnectTimeout, httpcore.PoolTimeout) as error:
            result = Result(Outcome.RETRY, error=f"gateway not reached: {type(error).__name__}")
        except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError) as error:
            # timed out, cut off, garbled: after sending
            result = Result(
                Outcome.UNKNOWN,
                error=f"no answer from the gateway after sending: {type(error).__name__}",
            )
        else:
            result = _read(response.status, response.content, message.address)
        finally:
            self._clients.put_nowait(client)
        log.info("delivery %d: %s %s", message.delivery_id, result.outcome, result.error or "")
        return result

    def _connection(self) -> Slot:
        """Opened by its first request. Through a proxy, httpcore's pool of one, which tunnels
        to the gateway and checks its connection itself."""
        if self._proxy is None:
            return httpcore.AsyncHTTPConnection(
                self._origin, ssl_context=self._certificates, keepalive_expiry=KEEP_ALIVE, retries=0
            )
        return httpcore.AsyncConnectionPool(
            ssl_context=self._certificates,
            proxy=self._proxy,
            max_connections=1,
            max_keepalive_connections=1,
            keepalive_expiry=KEEP_ALIVE,
            retries=0,
        )

    async def close(self) -> None:
        while not self._clients.empty():
            await self._clients.get_nowait().aclose()


def _proxy(url: httpx.URL) -> httpcore.Proxy | None:
    """The proxy the environment names for the gateway (HTTPS_PROXY, ALL_PROXY, NO_PROXY…), as
    httpx's client honoured it: an office that reaches the internet through one still does."""
    if proxy_bypass(url.host):
        return None
    proxies = getproxies()
    found = proxies.get(url.scheme) or proxies.get("all")
    return httpcore.Proxy(found) if found else None


def _read(status: int, content: bytes, address: str) -> Result:
    if status in (401, 403):
        return Result(Outcome.DEAD, error=f"gateway credentials refused (HTTP {status})")
    if status == 504:
        # a proxy gave up waiting on the gateway, which may have sent it all the same
        return Result(Outcome.UNKNOWN, error="gateway timed out behind its proxy (HTTP 504)")
    if status >= 500 or status in (408, 429):
        return Result(Outcome.RETRY, error=f"gateway busy or failing (HTTP {status})")
    if status >= 300:
        return Result(Outcome.DEAD, error=f"gateway refused the request (HTTP {status})")
    try:
        data = json.loads(content)["SMSMessageData"]
        recipients = data["Recipients"]
    except (ValueError, KeyError, TypeError):
        recipients = None
    if not isinstance(recipients, list) or not all(isinstance(r, dict) for r in recipients):
        return Result(Outcome.UNKNOWN, error=f"gateway answer not understood (HTTP {status})")
    if not recipients:
        said = str(data.get("Message", ""))[:100]
        return Result(Outcome.DEAD, error=f"gateway sent to no one: {said}")
    return _recipient(_ours(recipients, address))


def _ours(recipients: list[dict[str, Any]], address: str) -> dict[str, Any]:
    """The entry for our number; a gateway that rewrites numbers still answers one for one."""
    return next((r for r in recipients if r.get("number") == address), recipients[0])


def _recipient(entry: dict[str, Any]) -> Result:
    try:
        code = int(entry["statusCode"])
    except (KeyError, TypeError, ValueError):
        return Result(Outcome.UNKNOWN, error="gateway answer has no status code")
    said = f"{code} {CODES.get(code) or str(entry.get('status', 'unknown status'))[:40]}"
    if code in ACCEPTED:
        message_id = entry.get("messageId")
        return Result(Outcome.SENT, provider_id=str(message_id) if message_id else None)
    if code in NOT_NOW:
        return Result(Outcome.RETRY, error=f"gateway refused for now: {said}")
    return Result(Outcome.DEAD, error=f"gateway refused: {said}")
