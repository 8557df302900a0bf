"""Prometheus metrics, written out in the text exposition format (no extra dependency)."""

from __future__ import annotations

import bisect
import threading
from collections import Counter

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: Counter[tuple[str, str, str]] = Counter()
        self._errors: Counter[str] = Counter()
        self._buckets: dict[str, list[int]] = {}
        self._sums: dict[str, float] = {}
        self._counts: Counter[str] = Counter()

    def request(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self._requests[(method, route, str(status))] += 1
            buckets = self._buckets.setdefault(route, [0] * len(BUCKETS))
            index = bisect.bisect_left(BUCKETS, seconds)
            if index < len(BUCKETS):
                buckets[index] += 1
            self._sums[route] = self._sums.get(route, 0.0) + seconds
            self._counts[route] += 1

    def errors(self, codes: list[str]) -> None:
        with self._lock:
            self._errors.update(codes)

    def render(self) -> str:
        with self._lock:
            lines = [
                "# HELP jiandu_http_requests_total HTTP requests by method, route and status.",
                "# TYPE jiandu_http_requests_total counter",
            ]
            for (method, route, status), n in sorted(self._requests.items()):
                lines.append(
                    f'jiandu_http_requests_total{{method="{method}",route="{route}",'
                    f'status="{status}"}} {n}'
                )
            lines += [
                "# HELP jiandu_http_request_duration_seconds Time to answer a request.",
                "# TYPE jiandu_http_request_duration_seconds histogram",
            ]
            for route, buckets in sorted(self._buckets.items()):
                total = 0
                for bound, n in zip(BUCKETS, buckets, strict=True):
                    total += n
                    lines.append(
                        f'jiandu_http_request_duration_seconds_bucket{{route="{route}",'
                        f'le="{bound}"}} {total}'
                    )
                lines += [
                    f'jiandu_http_request_duration_seconds_bucket{{route="{route}",le="+Inf"}} '
                    f"{self._counts[route]}",
                    f'jiandu_http_request_duration_seconds_sum{{route="{route}"}} '
                    f"{self._sums[route]:.6f}",
                    f'jiandu_http_request_duration_seconds_count{{route="{route}"}} '
                    f"{self._counts[route]}",
                ]
            lines += [
                "# HELP jiandu_graphql_errors_total GraphQL errors by extensions.code.",
                "# TYPE jiandu_graphql_errors_total counter",
            ]
            for code, n in sorted(self._errors.items()):
                lines.append(f'jiandu_graphql_errors_total{{code="{code}"}} {n}')
        return "\n".join(lines) + "\n"
