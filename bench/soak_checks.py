"""What the soak checks once the load and the faults are over, and the table it prints."""

import statistics
from collections import Counter
from datetime import datetime
from typing import Any

import asyncpg
from soak_clients import Ledger

from service.database import asyncpg_dsn

AFTER_RESTART = 15.0
"""seconds after PostgreSQL is back during which a 5xx still counts as the restart's: each
pooled connection the restart killed fails once (503) before the pool replaces it"""

CHECKS = {
    "due reminders not handed over (lost)": """
        SELECT count(*) FROM reminders WHERE status = 'pending' AND due_at <= now()""",
    "reminders handed over without their message (lost)": """
        SELECT count(*) FROM reminders r WHERE status = 'handed_over'
        AND NOT EXISTS (SELECT FROM notifications n WHERE n.dedup_key = 'reminder:' || r.id)""",
    "messages queued twice for one cause": """
        SELECT count(*) - count(DISTINCT dedup_key) FROM notifications""",
    "cases whose stage is not their last event's": """
        SELECT count(*) FROM cases c WHERE c.stage::text <> (SELECT e.to_stage::text
        FROM case_events e WHERE e.case_id = c.id ORDER BY e.id DESC LIMIT 1)""",
    "judgments delivered without their family message": """
        SELECT count(*) FROM case_events e WHERE e.trigger = 'deliver_judgment'
        AND NOT EXISTS (SELECT FROM notifications n
                        WHERE n.dedup_key = 'case-event:' || e.id || ':judgment_delivered')""",
    "payments without their family message": """
        SELECT count(*) FROM payments_received p WHERE p.reverses_id IS NULL
        AND NOT EXISTS (SELECT FROM notifications n WHERE n.dedup_key = 'payment:' || p.id)""",
    "payments recorded twice (a retried POST)": """
        SELECT count(*) FROM (SELECT award_id, reference FROM payments_received
        GROUP BY 1, 2 HAVING count(*) > 1) AS twice""",
    "survivors registered twice (a retried POST)": """
        SELECT count(*) - count(DISTINCT full_name) FROM survivors""",
    "notifications never expanded": """
        SELECT count(*) FROM notifications WHERE status = 'queued'""",
}
FIGURES = {
    "reminders": """
        SELECT status || CASE WHEN late THEN ' (late)' ELSE '' END, count(*)
        FROM reminders GROUP BY 1""",
    "deliveries": "SELECT status, count(*) FROM deliveries GROUP BY 1",
    "events": """
        SELECT 'case ' || trigger, count(*) FROM case_events GROUP BY 1
        UNION ALL SELECT 'award ' || trigger, count(*) FROM award_events GROUP BY 1""",
}
SENT = "SELECT body, status FROM deliveries WHERE channel = 'sms'"
EVENTS = """
SELECT 'case' AS kind, case_id::text AS id, trigger FROM case_events
UNION ALL SELECT 'award', award_id::text, trigger FROM award_events
"""


def at_the_gateway(
    arrivals: list[tuple[str, float]], deliveries: list[Any]
) -> tuple[int, int, int, int]:
    """(texts received twice, sent texts that never arrived, texts in doubt, of those how many
    did arrive), by body: a body may arrive at most as often as deliveries of it were sent or
    are in doubt."""
    came = Counter(text for text, _ in arrivals)
    sure, doubt = Counter(), Counter()
    for row in deliveries:
        if row["status"] in ("sent", "delivered"):
            sure[row["body"]] += 1
        elif row["status"] in ("sending", "unknown"):
            doubt[row["body"]] += 1
    twice = sum(max(0, n - sure[body] - doubt[body]) for body, n in came.items())
    lost = sum(max(0, n - came[body]) for body, n in sure.items())
    arrived = sum(min(doubt[body], max(0, came[body] - sure[body])) for body in doubt)
    return twice, lost, sum(doubt.values()), arrived


def server_errors(ledger: Ledger, window: tuple[float, float]) -> tuple[list[str], int]:
    """(5xx or dropped connections outside the restart, how many during it)"""
    during, outside = 0, []
    for instant, route, status in ledger.answers:
        if status == 0 or status >= 500:
            if window[0] <= instant <= window[1] + AFTER_RESTART:
                during += 1
            else:
                outside.append(f"{status} {route} {instant - window[1]:+.1f} s after the restart")
    return outside, during


def latency_rows(ledger: Ledger) -> list[str]:
    rows = []
    for route, seconds in sorted(ledger.latency.items()):
        if len(seconds) < 2:
            continue
        cuts = statistics.quantiles(seconds, n=100, method="inclusive")
        rows.append(
            f"  {route:<44} {len(seconds):>6} {cuts[49] * 1000:>8.0f} "
            f"{cuts[94] * 1000:>8.0f} {cuts[98] * 1000:>8.0f}"
        )
    return rows


async def report(
    url: str,
    ledger: Ledger,
    arrivals: list[tuple[str, float]],
    window: tuple[float, float],
    kills: int,
    began: datetime,
) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        checks = {name: await connection.fetchval(sql) for name, sql in CHECKS.items()}
        figures = {name: await connection.fetch(sql) for name, sql in FIGURES.items()}
        deliveries = await connection.fetch(SENT)
        committed = Counter(tuple(row) for row in await connection.fetch(EVENTS))
    finally:
        await connection.close()
    answered = Counter(ledger.acknowledged)
    checks["steps answered 201 but not in the database"] = sum(
        max(0, n - committed[key]) for key, n in answered.items()
    )
    twice, lost, doubt, arrived = at_the_gateway(arrivals, deliveries)
    checks["texts received twice at the gateway"] = twice
    checks["texts marked sent that never reached the gateway"] = lost
    outside, during = server_errors(ledger, window)
    checks["5xx or dropped connections outside the database restart"] = len(outside)

    print(
        f"\nsoak from {began:%Y-%m-%d %H:%M:%S} UTC: {ledger.requests} requests, "
        f"{kills} workers SIGKILLed and restarted, {len(arrivals)} texts at the gateway"
    )
    for note in ledger.notes:
        print(f"  {note}")
    print(f"  5xx or dropped connections during the restart (then retried): {during}")
    print(
        f"  texts in doubt (a worker killed mid-send; never re-sent): {doubt}, "
        f"of which {arrived} had reached the gateway"
    )
    fired = {trigger for _, _, trigger in answered}
    unseen = sum(max(0, n - answered[key]) for key, n in committed.items() if key[2] in fired)
    print(f"  steps committed whose answer a client never saw (lost in a fault): {unseen}")
    for line in outside[:10]:
        print(f"  outside the restart: {line}")
    print("\n  check                                                        found")
    for name, found in checks.items():
        print(f"  {name:<60} {found:>5}  {'ok' if found == 0 else 'FAILED'}")
    for name, rows in figures.items():
        print(f"\n  {name}: " + ", ".join(f"{label} {n}" for label, n in sorted(rows)))
    print(f"\n  {'route':<44} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    print("\n".join(latency_rows(ledger)))
    failed = [name for name, found in checks.items() if found]
    print(f"\n{'FAILED: ' + '; '.join(failed) if failed else 'all checks passed'}")
    if failed:
        raise SystemExit(1)
