"""No request stalls the others (issue 14). On the 2,000-case demo, in the embedded store and then
in a real Neo4j server (``JIANDU_BENCH_NEO4J=0`` skips it), served as ``jiandu serve`` runs it,
one client times ``node(id)`` back to back: alone (the baseline), then while a second client
sends, back to back:

- ``fragments``: the 1.4 KB document the issue found (24 fragments, each spreading the next
  twice), which the cost check refuses;
- ``conflicted_hops4``: ``conflictedAssignments(hops: 4)``, the heaviest walk the limits
  allow (a variable may ask no more);
- ``repeat_petitions``: ``repeatPetitions``, a scan of every complaint;
- ``neighbourhood_depth4``: ``neighbourhood(depth: 4, limit: 1000)`` from the busiest court.

For each it prints how long the heavy request takes (what its own client waits, whatever the
answer: data, QUERY_TOO_LARGE or TIMEOUT) and the ``node(id)`` p99 beside it, against the
baseline. ``JIANDU_BENCH_SECONDS`` sets the time per scenario (default 8).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.bench_api import _request
from bench.neo4j_tool import server_tool, unavailable
from bench.report import emit, percentile
from bench.served import Client, served

SECRET = "bench-stall-" + "s" * 40
CASES = 2_000
START_TIMEOUT = 180.0
NODE = "query($id: ID!) { node(id: $id) { id ... on Case { caseNumber cause } } }"
LEVELS = 24
FRAGMENTS = "\n".join(
    [
        "{ ...F0 }",
        *(
            f"fragment F{i} on Query {{ ...F{i + 1} a{i}: __typename ...F{i + 1} }}"
            for i in range(LEVELS)
        ),
        f"fragment F{LEVELS} on Query {{ __typename }}",
    ]
)
HEAVY = {
    "fragments": (FRAGMENTS, {}),
    "conflicted_hops4": ("{ conflictedAssignments(hops: 4) { caseId reasons } }", {}),
    "repeat_petitions": ("{ repeatPetitions { keyId complaintIds } }", {}),
    "neighbourhood_depth4": (
        "query($id: ID!) { neighbourhood(id: $id, depth: 4, limit: 1000) { nodes { id } } }",
        {"id": "agency:510100:COURT"},
    ),
}


def _send(client: Client, request: bytes) -> tuple[float, str]:
    """Seconds to the whole answer, and what it was: data or the first error code."""
    took, status, body = client.send(request)
    errors = body.get("errors") or []
    code = errors[0].get("extensions", {}).get("code", "?") if errors else f"data ({status})"
    return took, str(code)


def _quick(port: int, token: str, ids: list[str], seconds: float) -> list[float]:
    client = Client(port, token)
    samples: list[float] = []
    try:
        requests = [client.encode(NODE, {"id": i}) for i in ids]
        end = time.monotonic() + seconds
        k = 0
        while time.monotonic() < end:
            took, _ = _send(client, requests[k % len(requests)])
            samples.append(took)
            k += 1
    finally:
        client.close()
    return samples


def _heavy(
    port: int,
    token: str,
    query: str,
    variables: dict[str, Any],
    stop: threading.Event,
    out: list[tuple[float, str]],
) -> None:
    client = Client(port, token)
    try:
        request = _request(port, {"query": query, "variables": variables}, token)
        while not stop.is_set():
            out.append(_send(client, request))
    finally:
        client.close()


def _scenarios(backend: str, store_url: str, ids: list[str], token: str, seconds: float) -> None:
    env = {"JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "WARNING", "JIANDU_AUTH": "on"}
    with served(store_url, env, START_TIMEOUT) as port:
        _quick(port, token, ids, 1.0)  # warm up
        alone = _quick(port, token, ids, seconds)
        base_p99 = percentile(alone, 99) * 1000
        emit(f"stall.{backend}.node_alone_p99", base_p99, "ms")
        for name, (query, variables) in HEAVY.items():
            stop, heavy = threading.Event(), list[tuple[float, str]]()
            worker = threading.Thread(
                target=_heavy, args=(port, token, query, variables, stop, heavy)
            )
            worker.start()
            time.sleep(0.2)
            beside = _quick(port, token, ids, seconds)
            stop.set()
            worker.join()
            answers = sorted({code for _, code in heavy})
            took = max(t for t, _ in heavy) * 1000
            print(
                f"# bench_stall: {backend} {name}: {len(heavy)} sent, answers {answers}, "
                f"longest {took:.0f} ms; load average {os.getloadavg()[0]:.2f}",
                file=sys.stderr,
            )
            emit(f"stall.{backend}.{name}_longest", took, "ms")
            p99 = percentile(beside, 99) * 1000
            emit(f"stall.{backend}.node_beside_{name}_p99", p99, "ms", base_p99)


def main() -> None:
    from api.auth import create_token
    from graph.adapters.embedded import EmbeddedStore
    from graph.adapters.neo4j import Neo4jStore
    from loaders.demo import write_demo
    from schema.generic.ids import to_global

    seconds = float(os.environ.get("JIANDU_BENCH_SECONDS", "8"))
    token = create_token(role="admin", region=None, subject="bench", secret=SECRET, ttl_hours=2)
    ids = [to_global("Case", f"case:{n:07d}") for n in range(1, 201)]
    HEAVY["neighbourhood_depth4"][1]["id"] = to_global("Agency", "agency:510100:COURT")
    if os.environ.get("JIANDU_BENCH_EMBEDDED") != "0":
        tmp = Path(tempfile.mkdtemp(prefix="jiandu-bench-stall-"))
        try:
            with EmbeddedStore(tmp / "store") as store:
                write_demo(store, cases=CASES)
            _scenarios("embedded", str(tmp / "store"), ids, token, seconds)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    why = unavailable()
    if why is not None:
        print(f"# bench_stall: Neo4j skipped ({why})", file=sys.stderr)
        return
    with server_tool().Neo4jServer() as server:
        with Neo4jStore(server.uri) as store:
            write_demo(store, cases=CASES)
        _scenarios("neo4j", server.uri, ids, token, seconds)


if __name__ == "__main__":
    main()
