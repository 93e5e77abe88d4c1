"""How hard the dispatcher tries: batch size, attempts, back-off, the lease on a send."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class DispatchRules:
    batch: int = 100
    attempts: int = 6
    """after this many refusals-for-now a delivery is dead"""
    first_retry: timedelta = timedelta(seconds=30)
    longest_wait: timedelta = timedelta(hours=1)
    lease: timedelta = timedelta(minutes=5)
    """a delivery `sending` for longer than this was abandoned by a dispatcher that died"""
    toll_free: str = "0800 720 720"


def retry_at(now: datetime, attempts: int, rules: DispatchRules, rng: random.Random) -> datetime:
    """Exponential back-off with jitter: 30 s, 1 min, 2 min … up to an hour, each drawn from
    its upper half, so dispatchers retrying together do not hit a gateway in step."""
    ceiling = min(rules.first_retry * (1 << (attempts - 1)), rules.longest_wait)
    return now + ceiling * rng.uniform(0.5, 1.0)
