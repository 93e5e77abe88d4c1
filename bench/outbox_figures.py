"""The outbox benchmark's figures: texts per second, lag, duplicates at the gateway and in the
database, statuses, and the workers' CPU."""

import asyncio
from datetime import UTC, datetime

import aiohttp
import asyncpg
import psutil
from haki_workers import Processes

AT_THE_GATEWAY = """
SELECT count(*) AS requests, count(DISTINCT a.text) AS texts,
       min(a.at) AS first, max(a.at) AS last,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY lag) AS quantiles,
       max(lag) AS worst
FROM (SELECT a.text, a.at, extract(epoch FROM a.at - n.created_at)::float8 AS lag
      FROM arrivals a
      JOIN deliveries d ON d.body = a.text
      JOIN notifications n ON n.id = d.notification_id
      WHERE n.id BETWEEN $1 AND $2) AS a
"""
STRANGERS = """
SELECT count(*) FROM arrivals a WHERE NOT EXISTS (SELECT FROM deliveries d WHERE d.body = a.text)
"""
IN_THE_DATABASE = """
SELECT count(DISTINCT n.id) AS notifications, count(d.id) AS deliveries,
       count(DISTINCT d.notification_id) AS expanded, count(DISTINCT d.body) AS bodies,
       count(DISTINCT d.provider_id) AS provider_ids,
       count(*) FILTER (WHERE d.attempts > 1) AS retried
FROM notifications n LEFT JOIN deliveries d ON d.notification_id = n.id
WHERE n.id BETWEEN $1 AND $2
"""
STATUSES = """
SELECT 'deliveries ' || d.status AS status, count(*) FROM deliveries d
WHERE d.notification_id BETWEEN $1 AND $2 GROUP BY 1
UNION ALL
SELECT 'notifications ' || status, count(*) FROM notifications
WHERE id BETWEEN $1 AND $2 GROUP BY 1
ORDER BY 1
"""


async def figures(
    sms: str, dsn: str, ids: tuple[int, int]
) -> tuple[asyncpg.Record, asyncpg.Record, list[asyncpg.Record], int, float]:
    """For the notifications with ids in `ids`: their texts at the gateway and their lag, the
    database's count of deliveries, statuses; and the gateway's texts no delivery has, its CPU."""
    async with aiohttp.ClientSession() as http, http.get(f"{sms}/arrivals") as response:
        got = await response.json()
    db = await asyncpg.connect(dsn)
    try:
        await db.execute("CREATE TEMPORARY TABLE arrivals (text text NOT NULL, at timestamptz)")
        await db.copy_records_to_table(
            "arrivals",
            records=[(text, datetime.fromtimestamp(at, UTC)) for text, at in got["arrivals"]],
        )
        await db.execute("ANALYZE arrivals")
        return (
            await db.fetchrow(AT_THE_GATEWAY, *ids),
            await db.fetchrow(IN_THE_DATABASE, *ids),
            await db.fetch(STATUSES, *ids),
            await db.fetchval(STRANGERS),
            got["cpu"],
        )
    finally:
        await db.close()


def worker_cpu(processes: Processes) -> float:
    """CPU-seconds (user and system) the workers have used so far."""
    return sum(sum(psutil.Process(w.pid).cpu_times()[:2]) for w in processes)


def report(
    sms: str,
    dsn: str,
    ids: tuple[int, int],
    left: asyncpg.Record,
    began: datetime | None,
    cpu_used: float | None = None,
    warm_texts: int = 0,
) -> None:
    """Prints one part: texts per second from `began` (the backlog), the lag, duplicates by
    text at the gateway and by delivery in the database, statuses and anything left unsent."""
    gate, db, statuses, strangers, cpu = asyncio.run(figures(sms, dsn, ids))
    if began is not None and gate["requests"]:
        for label, seconds in [
            ("  from the workers' start to the last text", gate["last"] - began),
            ("  first to last text at the gateway", gate["last"] - gate["first"]),
        ]:
            rate = gate["requests"] / seconds.total_seconds()
            print(f"{label:<50}{seconds.total_seconds():8.1f}{rate:10,.0f}")
    unit, scale, places = ("s", 1, 1) if began is not None else ("ms", 1000, 0)
    if gate["requests"]:
        lags = "".join(f"{s * scale:8.{places}f}" for s in [*gate["quantiles"], gate["worst"]])
        title = f"  lag, queued -> at the gateway ({unit})"
        print(f"{title:<50}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}\n{'':<50}{lags}")
    twice = gate["requests"] - gate["texts"]
    extra = db["deliveries"] - db["expanded"]
    print(
        f"  duplicates at the gateway: {twice} ({gate['requests']:,} texts, {gate['texts']:,}"
        f" distinct, {strangers} matching no delivery)"
    )
    print(
        f"  duplicates in the database: {extra} ({db['notifications']:,} notifications,"
        f" {db['deliveries']:,} deliveries, {db['bodies']:,} distinct texts,"
        f" {db['provider_ids']:,} distinct messageIds, {db['retried']} claimed twice or more)"
    )
    counts = ", ".join(f"{row['status']} {row['count']:,}" for row in statuses)
    print(f"  statuses: {counts}")
    if any(left):
        print(
            f"  NOT DONE when the wait ended: {left['notifications']:,} notifications not"
            f" expanded, {left['deliveries']:,} deliveries queued or sending"
        )
    print(f"  (the gateway has used {cpu:.1f} CPU-seconds so far)")
    if cpu_used is not None and gate["requests"]:
        per_text = cpu_used / (gate["requests"] - warm_texts) * 1000
        print(f"  workers' CPU: {cpu_used:.1f} s, {per_text:.2f} ms per text")
