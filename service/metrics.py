"""Prometheus metrics at /metrics: each request counted and timed, and the state of the work
read from PostgreSQL at scrape time.

Request latency (`haki_request_duration_seconds`, by route template) is counted by each API
process; with `--workers N` they share PROMETHEUS_MULTIPROC_DIR (set by `haki serve`). Everything
else — transitions, reminders, the outbox, the oldest unpaid award — is counted in PostgreSQL by
a few cheap statements per scrape, so every replica reports the same totals, whichever process
did the work: aggregate them across instances with max(), not sum().
"""

import os
from collections.abc import Iterator
from typing import Any

from litestar import MediaType, Response, get
from litestar.datastructures import State
from litestar.plugins.prometheus import PrometheusController
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.openapi import responses

LABELS = ("method", "path", "status_code", "app_name")
"""`path` is the route's template (`/cases/{case_id}`), never the address with its ids"""
NOT_COUNTED = "/metrics"


class RequestCounts:
    """The request metrics Litestar's Prometheus middleware kept, under its names and labels
    (`haki_requests_total`, `haki_request_duration_seconds`, `haki_requests_in_progress`,
    `haki_requests_error_total`), counted by the access log's middleware (service/logs.py),
    which sees each answer's route, status and time already. As a middleware of its own it cost
    a twentieth of the server's CPU in a profile of bench/transitions.py: another layer around
    every request and every message sent, and the labels looked up four times a request.
    """

    def __init__(self, app_name: str) -> None:
        self.app_name = app_name
        self.total = Counter("haki_requests_total", "Total requests", LABELS)
        self.errors = Counter("haki_requests_error_total", "Total errors in requests", LABELS)
        self.duration = Histogram(
            "haki_request_duration_seconds", "Request duration, in seconds", LABELS
        )
        self.running = Gauge(
            "haki_requests_in_progress",
            "Total requests currently in progress",
            LABELS,
            multiprocess_mode="livesum",
        )
        self._answered: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}
        self._running: dict[tuple[str, str], Gauge] = {}

    def counts(self, path: str) -> bool:
        return NOT_COUNTED not in path

    def started(self, method: str, route: str) -> None:
        self._running_of(method, route).inc()

    def finished(self, method: str, route: str, status: int, seconds: float) -> None:
        self._running_of(method, route).dec()
        key = (method, route, status)
        answered = self._answered.get(key)
        if answered is None:
            values = (method, route, str(status), self.app_name)
            answered = self._answered[key] = (
                self.total.labels(*values),
                self.duration.labels(*values),
            )
        total, duration = answered
        total.inc()
        duration.observe(seconds)
        if status >= 500:
            self.errors.labels(method, route, str(status), self.app_name).inc()

    def _running_of(self, method: str, route: str) -> Gauge:
        """In progress is labelled with status 200, as Litestar's middleware labelled it."""
        gauge = self._running.get((method, route))
        if gauge is None:
            gauge = self._running[(method, route)] = self.running.labels(
                method, route, "200", self.app_name
            )
        return gauge


REQUESTS = RequestCounts("haki")

TRANSITIONS = """
SELECT 'case' AS machine, trigger, count(*) AS n FROM case_events GROUP BY trigger
UNION ALL
SELECT 'award', trigger, count(*) FROM award_events GROUP BY trigger
"""
REMINDERS = "SELECT status, late, count(*) AS n FROM reminders GROUP BY status, late"
DUE = """
SELECT count(*) AS n, coalesce(extract(epoch FROM now() - min(due_at)), 0) AS oldest
FROM reminders WHERE status = 'pending' AND due_at <= now()
"""
DELIVERIES = """
SELECT status, count(*) AS n, count(*) FILTER (WHERE attempts > 0 AND status = 'queued') AS retrying
FROM deliveries GROUP BY status
"""
WAITING = "SELECT count(*) FROM notifications WHERE status = 'queued'"
UNPAID = """
SELECT count(*) AS n, coalesce(current_date - min(judgment_on), 0) AS oldest FROM awards
WHERE stage NOT IN ('paid_in_full', 'disbursed', 'set_aside', 'written_off')
"""


class Snapshot(Collector):
    """The figures of one scrape, read from PostgreSQL just before."""

    def __init__(self) -> None:
        self.metrics: list[Metric] = []

    def collect(self) -> Iterator[Metric]:
        yield from self.metrics


def gauge(name: str, documentation: str, value: float) -> Metric:
    return GaugeMetricFamily(name, documentation, value=float(value))


async def snapshot(engine: AsyncEngine) -> Snapshot:
    taken = Snapshot()
    add = taken.metrics.append
    async with engine.begin() as db:
        await db.execute(text("SET LOCAL statement_timeout = '2s'"))
        transitions = CounterMetricFamily(
            "haki_transitions", "steps taken on a track", labels=["machine", "trigger"]
        )
        for row in await db.execute(text(TRANSITIONS)):
            transitions.add_metric([row.machine, row.trigger], row.n)
        add(transitions)
        reminders = GaugeMetricFamily(
            "haki_reminders",
            "reminders by status; late: after the grace",
            labels=["status", "late"],
        )
        for row in await db.execute(text(REMINDERS)):
            reminders.add_metric([row.status, str(row.late).lower()], row.n)
        add(reminders)
        due = (await db.execute(text(DUE))).one()
        add(gauge("haki_reminders_due", "pending and due now: the clock's backlog", due.n))
        add(gauge("haki_reminders_oldest_due_seconds", "the oldest due one's wait", due.oldest))
        deliveries = GaugeMetricFamily(
            "haki_outbox_deliveries", "deliveries by status", labels=["status"]
        )
        retrying = 0
        for row in await db.execute(text(DELIVERIES)):
            deliveries.add_metric([row.status], row.n)
            retrying += row.retrying
        add(deliveries)
        add(gauge("haki_outbox_retrying", "queued again after a failed attempt", retrying))
        waiting = (await db.execute(text(WAITING))).scalar_one()
        add(gauge("haki_outbox_notifications_queued", "not yet expanded into deliveries", waiting))
        unpaid = (await db.execute(text(UNPAID))).one()
        add(gauge("haki_awards_unpaid", "not yet paid, set aside or written off", unpaid.n))
        add(gauge("haki_oldest_unpaid_award_days", "since its judgment", unpaid.oldest))
    return taken


def process_registry() -> Any:
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return registry
    return REGISTRY


class MetricsController(PrometheusController):
    """Litestar's controller, with the figures from PostgreSQL added to each scrape."""

    @get(
        summary="Prometheus metrics",
        description="Counts and latencies only, never personal data.",
        tags=["operations"],
        media_type=MediaType.TEXT,
        responses=responses(401, 403),
    )
    async def get(self, state: State) -> Response[bytes]:
        registry = CollectorRegistry(auto_describe=True)
        registry.register(await snapshot(state.engine))
        body = generate_latest(process_registry()) + generate_latest(registry)
        return Response(body, headers={"Content-Type": CONTENT_TYPE_LATEST})
