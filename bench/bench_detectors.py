"""Every detector and named pattern, one request each over HTTP, on both stores (issue 12).

The demo (``JIANDU_BENCH_CASES`` cases, default 20,000) is generated into an embedded store
and exported; Neo4j gets the same export through the bulk path (``jiandu bulk-files`` and
``neo4j-admin database import full``, then ``jiandu migrate``). Each store is served as
``jiandu serve`` runs it, and each detector is asked by an admin (the whole province, the
heaviest scope), twice: the figure is the second answer (the first warms the caches, and is
printed on stderr beside it). Each selects only ``__typename`` of its items, so the figure is
the detector's own work, not the serialisation of its answer.

Stores made before may be given instead: ``JIANDU_BENCH_STORE`` (an embedded store of the
demo) and ``JIANDU_BENCH_NEO4J_STORE`` (a Neo4j store directory the bulk path filled from its
export); above 100,000 cases Neo4j gets bench_scale's page cache and heap.

Baseline, per store, in the same run: one full read of every node and relationship through
the port (``scan_nodes``/``scan_rels``), which a detector needing a full read would pay at
least once; a ratio below 1 says it reads less than the whole store.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.bench_api import _request
from bench.bench_report import _full_read, _seconds
from bench.neo4j_tool import bulk_filled, served_store, unavailable
from bench.report import emit
from bench.served import Client, served
from graph.adapters.embedded import EmbeddedStore
from loaders.demo.generator import DEFAULT_TODAY, write_demo
from loaders.export import export_store

CASES = int(os.environ.get("JIANDU_BENCH_CASES", "20000"))
SECRET = "bench-detectors-" + "d" * 40
START_TIMEOUT = 600.0
T = DEFAULT_TODAY
PATTERNS = (
    "OFFICIAL_COMPLAINTS_ACROSS_CASES", "AGENCY_REPEATED_OVERDUE",
    "CASE_INTERVENTION_FLAWED_REVIEW", "REVIEWER_LINKED_TO_CASE", "REPEAT_PETITIONER",
    "FREQUENT_INTERVENER", "SAME_APPROVERS", "REPEATED_REDUCTIONS", "REDUCTION_AT_THE_LINE",
    "DOUBTFUL_MEDICAL_CERTIFICATE", "CROSS_REGION_WITHOUT_AGREEMENT", "DUPLICATED_INSPECTION",
)  # fmt: skip
DETECTORS: dict[str, str] = {
    "repeatPetitions": "{ repeatPetitions { __typename } }",
    "sentenceRedFlags": "{ sentenceRedFlags { __typename } }",
    "duplicateInspections": "{ duplicateInspections(windowDays: 30) { __typename } }",
    "overdueUnits": f'{{ overdueUnits(today: "{T}") {{ __typename }} }}',
    "agreementGaps": '{ agreementGaps(from: "2024-01-01", to: "2024-12-31") { __typename } }',
    "conflictedAssignments": "{ conflictedAssignments { __typename } }",
    "conflictedAssignments_hops2": "{ conflictedAssignments(hops: 2) { __typename } }",
    "recurrences": "{ recurrences { __typename } }",
    "unitLinkage": "{ unitLinkage { __typename } }",
    "commonProblems": "{ commonProblems { __typename } }",
    "rectificationEscalations": f'{{ rectificationEscalations(today: "{T}") {{ __typename }} }}',
    "attentionList": f'{{ attentionList(today: "{T}") {{ __typename }} }}',
    "overdueReports": f'{{ overdueReports(today: "{T}") {{ __typename }} }}',
    "likelyDuplicates": "{ likelyDuplicates { __typename } }",
    **{
        f"pattern_{name}": f'{{ pattern(name: {name}, today: "{T}") {{ __typename }} }}'
        for name in PATTERNS
    },
}


def _ask(backend: str, store_url: str, baseline: float) -> None:
    from api.auth import create_token

    token = create_token(role="admin", region=None, subject="bench", secret=SECRET, ttl_hours=2)
    env = {"JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "WARNING", "JIANDU_AUTH": "on",
           "JIANDU_REQUEST_SECONDS": "600"}  # fmt: skip
    with served(store_url, env, START_TIMEOUT) as port:
        client = Client(port, token)
        try:
            for name, query in DETECTORS.items():
                request = _request(port, {"query": query}, token)
                cold, _, _ = client.send(request)
                took, status, body = client.send(request)
                errors = body.get("errors")
                if status != 200 or errors:
                    raise RuntimeError(f"{backend} {name}: {status} {json.dumps(errors)[:300]}")
                found = next(iter(body["data"].values()))
                size = len(found) if isinstance(found, list) else 1
                print(
                    f"# bench_detectors: {backend} {name}: {took:.3f} s ({cold:.3f} s cold), "
                    f"{size} items; load average {os.getloadavg()[0]:.2f}",
                    file=sys.stderr,
                    flush=True,
                )
                emit(f"detectors.{backend}.{name}", took, "s", baseline)
        finally:
            client.close()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="jiandu-bench-detectors-"))
    # Stores made before may be given (the million-case demo takes minutes to make):
    # JIANDU_BENCH_STORE, an embedded store of the demo; JIANDU_BENCH_NEO4J_STORE, a Neo4j
    # store directory the bulk path filled from its export. Neither is changed or removed.
    given, given_neo4j = (
        os.environ.get("JIANDU_BENCH_STORE"),
        os.environ.get("JIANDU_BENCH_NEO4J_STORE"),
    )
    for name, path in (("JIANDU_BENCH_STORE", given), ("JIANDU_BENCH_NEO4J_STORE", given_neo4j)):
        if path and not Path(path).is_dir():
            raise SystemExit(f"{name}={path}: no such store")  # never an empty one instead
    try:
        embedded = Path(given) if given else work / "store"
        with EmbeddedStore(embedded) as store:
            if not given:
                write_demo(store, cases=CASES, progress=False)
            if not given_neo4j:
                export_store(store, work / "export", progress=False)
            read = _seconds(lambda: _full_read(store))
            elements = sum(store.counts().nodes.values()) + sum(store.counts().rels.values())
        print(
            f"# bench_detectors: {elements:,} elements; full read {read:.2f} s; "
            f"load average {os.getloadavg()[0]:.2f}",
            file=sys.stderr,
        )
        if os.environ.get("JIANDU_BENCH_EMBEDDED") != "0":
            _ask("embedded", str(embedded), read)
        why = unavailable()
        if why is not None:
            print(f"# bench_detectors: Neo4j skipped ({why})", file=sys.stderr)
            return
        neo4j_dir = Path(given_neo4j) if given_neo4j else work / "neo4j"
        if not given_neo4j:
            bulk_filled(work / "export", work, neo4j_dir)
        # Above 100,000 cases Neo4j is served as bench_scale serves it (JIANDU_BENCH_NEO4J_*_MIB).
        with served_store(neo4j_dir, keep=bool(given_neo4j), cases=CASES) as (uri, neo4j):
            read = _seconds(lambda: _full_read(neo4j))
            print(f"# bench_detectors: Neo4j full read {read:.2f} s", file=sys.stderr)
            _ask("neo4j", uri, read)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
