"""Prometheus metrics of the API, kept with prometheus-client (one registry per app, so that
two apps in one process, as in the tests, count apart)."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._requests = Counter(
            "jiandu_http_requests",
            "HTTP requests by method, route and status.",
            ("method", "route", "status"),
            registry=self.registry,
        )
        self._latency = Histogram(
            "jiandu_http_request_duration_seconds",
            "Time to answer a request.",
            ("route",),
            buckets=BUCKETS,
            registry=self.registry,
        )
        self._errors = Counter(
            "jiandu_graphql_errors",
            "GraphQL errors by extensions.code.",
            ("code",),
            registry=self.registry,
        )

    def request(self, method: str, route: str, status: int, seconds: float) -> None:
        self._requests.labels(method, route, str(status)).inc()
        self._latency.labels(route).observe(seconds)

    def errors(self, codes: list[str]) -> None:
        for code in codes:
            self._errors.labels(code).inc()

    def render(self) -> str:
        return generate_latest(self.registry).decode()
