"""Concurrent writers on one record at the issue's size (issue 14): 50 writers over HTTP, 100
updates each, on one case of the embedded store served as ``jiandu serve`` runs it. Each
update reads the version and writes with it; it lands or gets CONFLICT (and is not
retried). Checked: every answer is one or the other, the final version is one plus the
number landed, each landed version appears once, and the audit trail holds one update per
landed write. Baseline: one writer alone, the same 100 updates.

Prints landed, conflicts and writes/s, and exits 1 if an invariant fails.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.report import emit
from bench.served import Client, served

SECRET = "bench-writers-" + "w" * 40
WRITERS, UPDATES = 50, 100
START_TIMEOUT = 180.0
READ = "query($id: ID!) { node(id: $id) { version } }"
UPDATE = """mutation($id: ID!, $v: Int!, $cause: String!) {
  updateCase(id: $id, version: $v, input: {cause: $cause}) { version } }"""


def _writer(port: int, token: str, case: str, w: int, out: dict[str, Any]) -> None:
    client = Client(port, token)
    try:
        for k in range(UPDATES):
            _, _, read = client.send(client.encode(READ, {"id": case}))
            version = read["data"]["node"]["version"]
            _, status, body = client.send(
                client.encode(UPDATE, {"id": case, "v": version, "cause": f"{w}-{k}"})
            )
            errors = body.get("errors") or []
            with out["lock"]:
                if not errors:
                    out["landed"].append(body["data"]["updateCase"]["version"])
                elif [e.get("extensions", {}).get("code") for e in errors] == ["CONFLICT"]:
                    out["codes"]["CONFLICT"] += 1
                else:
                    out["codes"][f"other {status}"] += 1
    finally:
        client.close()


def _round(port: int, token: str, case: str, writers: int) -> tuple[dict[str, Any], float]:
    out: dict[str, Any] = {"lock": threading.Lock(), "landed": [], "codes": Counter()}
    threads = [
        threading.Thread(target=_writer, args=(port, token, case, w, out)) for w in range(writers)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out, time.perf_counter() - started


def main() -> None:
    from api.auth import create_token
    from graph.adapters.embedded import EmbeddedStore
    from graph.model.validate import make_node
    from graph.store import Batch
    from schema.generic.ids import to_global

    load = os.getloadavg()[0]
    token = create_token(role="admin", region=None, subject="bench", secret=SECRET, ttl_hours=2)
    env = {"JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "WARNING", "JIANDU_AUTH": "on"}
    tmp = Path(tempfile.mkdtemp(prefix="jiandu-bench-writers-"))
    fields = {"case_number": "(2024)川0104刑初1号", "cause": "盗窃", "kind": "CRIMINAL",
              "stage": "TRIAL", "region_code": "510104"}  # fmt: skip
    try:
        with EmbeddedStore(tmp / "store") as store:
            store.write(
                Batch(nodes=[make_node("Case", f"case:{n}", fields) for n in ("alone", "many")])
            )
        with served(str(tmp / "store"), env, START_TIMEOUT) as port:
            alone, alone_s = _round(port, token, to_global("Case", "case:alone"), 1)
            many, many_s = _round(port, token, to_global("Case", "case:many"), WRITERS)
        with EmbeddedStore(tmp / "store", read_only=True) as store:
            final = store.get_nodes(["case:many"])["case:many"].version
            audited = [
                e for e in store.audit_entries(target="case:many") if e.record.operation == "update"
            ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    landed, codes = many["landed"], many["codes"]
    sent = WRITERS * UPDATES
    other = sum(v for k, v in codes.items() if k != "CONFLICT")
    print(
        f"# bench_writers: {WRITERS} writers × {UPDATES}: {len(landed)} landed, "
        f"{codes['CONFLICT']} CONFLICT, other {other}; final version {final}; "
        f"load average {load:.2f}",
        file=sys.stderr,
    )
    emit("writers_50x100_landed", len(landed), "writes")
    emit("writers_50x100_conflicts", codes["CONFLICT"], "answers")
    rate, alone_rate = sent / many_s, UPDATES / alone_s
    emit("writers_50x100_attempts_per_s", rate, "attempts/s", alone_rate)
    failed = [
        what
        for what, ok in [
            ("every answer landed or CONFLICT", len(landed) + codes["CONFLICT"] == sent),
            ("final version = 1 + landed", final == 1 + len(landed)),
            ("each landed version once", sorted(landed) == list(range(2, len(landed) + 2))),
            ("one audit entry per landed write", len(audited) == len(landed)),
            ("the writer alone always lands", len(alone["landed"]) == UPDATES),
        ]
        if not ok
    ]
    if failed:
        print(f"# bench_writers: FAILED: {'; '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
