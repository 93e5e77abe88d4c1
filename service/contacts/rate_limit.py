"""The limit on status questions: Litestar's own limiter, counted per client address.

The counts live in the process's memory (Litestar's default store), so the limit holds per
API process: behind N replicas or `--workers N` an address may ask up to N times as often.
With 40-bit codes that is still far from guessing one; a shared store can replace it later.
"""

from typing import Any

from litestar import Request
from litestar.exceptions import TooManyRequestsException
from litestar.middleware.rate_limit import DURATION_VALUES, RateLimitConfig, RateLimitMiddleware
from litestar.types import Receive, Scope, Send

from service.errors import http_problem

STORE = "status_lookups"
"""a store of its own, so no other limiter ever counts against the families' one"""


class RetryAfter(RateLimitMiddleware):
    """Litestar's refusal says when to come back only in `RateLimit-Reset`; clients know
    `Retry-After` (RFC 9110), so the refusal carries both, as problem details. It is sent from
    here rather than raised: raised, it passed the access log and the request metrics as an
    error of ours (a 500) before the app's handler answered 429."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except TooManyRequestsException as refused:
            headers = dict(refused.headers or {})
            wait = headers.get(self.config.rate_limit_reset_header_key) or str(
                DURATION_VALUES[self.unit]
            )
            problem = http_problem(
                TooManyRequestsException(
                    detail=f"too many questions from this address: wait {wait} seconds, "
                    "then ask again",
                    headers=headers | {"Retry-After": wait},
                )
            )
            request: Request[Any, Any, Any] = Request(scope)
            answer = problem.to_response(request).to_asgi_response(app=None, request=request)
            await answer(scope, receive, send)


def per_client(per_minute: int) -> RateLimitConfig:
    return RateLimitConfig(
        rate_limit=("minute", per_minute), middleware_class=RetryAfter, store=STORE
    )
