"""Concurrent writers on one record over HTTP, on both stores (issue 14): each reads the
version, updates with it and, on CONFLICT, reads again and retries. Every write either lands
or gets CONFLICT; the final version is one plus the number that landed; no update is lost
(the audit trail holds exactly one entry per landed write, each with a distinct version)."""

from __future__ import annotations

import threading
from collections import Counter

from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.sample import write_sample

WRITERS, UPDATES = 8, 12  # the 50 × 100: bench/bench_writers.py
READ = "query($id: ID!) { node(id: $id) { version ... on Case { cause } } }"
UPDATE = """
mutation($id: ID!, $v: Int!, $cause: String!) {
  updateCase(id: $id, version: $v, input: {cause: $cause}) { version cause }
}"""


def test_concurrent_updates_land_or_conflict_and_none_is_lost(server: Server) -> None:
    write_sample(server.store)
    case = gid("case:cd-1")
    outcomes: Counter[str] = Counter()
    landed: list[int] = []
    lock = threading.Lock()
    faults: list[object] = []

    def writer(w: int) -> None:
        with server.client(timeout=60) as c:
            done = 0
            while done < UPDATES:
                version = data(c, READ, id=case)["node"]["version"]
                body = gql(c, UPDATE, id=case, v=version, cause=f"writer {w} update {done}")
                with lock:
                    if codes(body) == ["CONFLICT"]:
                        outcomes["CONFLICT"] += 1
                        continue
                    if codes(body):
                        faults.append(body)
                        return
                    outcomes["landed"] += 1
                    landed.append(body["data"]["updateCase"]["version"])
                done += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not faults, faults[:3]
    assert outcomes["landed"] == WRITERS * UPDATES
    assert sorted(landed) == list(range(2, WRITERS * UPDATES + 2))  # each version once
    node = server.store.get_nodes(["case:cd-1"])["case:cd-1"]
    assert node.version == 1 + outcomes["landed"]
    updates = [e for e in server.store.audit_entries(target="case:cd-1") if e.record.after]
    assert len([e for e in updates if e.record.operation == "update"]) == outcomes["landed"]
