"""The audit trail: queried by target, actor and time; its hash chain verifies and catches
edited, reordered and removed entries."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from graph.adapters.embedded import DB_FILE, EmbeddedStore
from graph.audit import GENESIS, AuditRecord, chain, verify
from graph.store import Batch
from tests.api.api_client import data, gid
from tests.api.api_harness import Server
from tests.schema.generic.test_mutations import MOVE
from tests.worlds.sample import write_sample
from workflows.audit import verify_store

LOG = """query($target: ID, $actor: String, $since: DateTime, $until: DateTime, $first: Int,
        $after: String) {
  auditLog(target: $target, actor: $actor, since: $since, until: $until, first: $first,
           after: $after) {
    nodes { seq actor operation target targetId before after hash prevHash }
    pageInfo { hasNextPage endCursor } } }"""


@pytest.fixture
def audited(server: Server) -> Server:
    write_sample(server.store)
    with server.client("supervisor") as c:
        data(c, MOVE, id=gid("complaint:1"), v=1, move="ACCEPT")
        data(c, MOVE, id=gid("complaint:1"), v=2, move="HANDLE")
    with server.client("admin") as c:
        data(
            c,
            'mutation($id: ID!) { updateCase(id: $id, version: 1, input: {cause: "抢劫"}) { id } }',
            id=gid("case:cd-1"),
        )
    return server


def test_query_by_target_actor_and_time(audited: Server) -> None:
    today = dt.datetime.now(dt.UTC).date().isoformat()
    with audited.client("supervisor") as c:
        by_target = data(c, LOG, target=gid("complaint:1"))["auditLog"]["nodes"]
        by_actor = data(c, LOG, actor="admin@all")["auditLog"]["nodes"]
        since_today = data(c, LOG, since=f"{today}T00:00:00Z")["auditLog"]["nodes"]
        before_today = data(c, LOG, until=f"{today}T00:00:00Z")["auditLog"]["nodes"]
        first = data(c, LOG, first=2)["auditLog"]
        rest = data(c, LOG, first=2, after=first["pageInfo"]["endCursor"])["auditLog"]
    assert [e["operation"] for e in by_target] == ["transition:accept", "transition:handle"]
    assert by_target[0]["before"]["props"]["status"] == "REGISTERED"
    assert by_target[0]["after"]["props"]["status"] == "ACCEPTED"
    assert by_target[0]["targetId"] == gid("complaint:1")
    assert by_target[1]["prevHash"] == by_target[0]["hash"]
    assert [(e["actor"], e["target"]) for e in by_actor] == [("admin@all", "case:cd-1")]
    assert len(since_today) == 3 and before_today == []
    assert [e["seq"] for e in first["nodes"]] == [1, 2] and first["pageInfo"]["hasNextPage"]
    assert [e["seq"] for e in rest["nodes"]] == [3] and not rest["pageInfo"]["hasNextPage"]


def test_the_chain_verifies_through_graphql_and_the_use_case(audited: Server) -> None:
    with audited.client("admin") as c:
        verdict = data(c, "{ auditChain { ok checked problems } }")["auditChain"]
    assert verdict == {"ok": True, "checked": 3, "problems": []}
    assert verify_store(store=audited.store.inner).ok


def records(n: int) -> list[AuditRecord]:
    return [
        AuditRecord(
            "alice",
            f"2021-01-0{i + 1}T00:00:00+00:00",
            "update",
            f"case:{i}",
            {"v": i},
            {"v": i + 1},
        )
        for i in range(n)
    ]


def test_verify_catches_edited_reordered_and_removed_entries() -> None:
    entries = chain(records(4), 0, GENESIS)
    head = (entries[-1].seq, entries[-1].hash)
    assert verify(entries, head).ok
    edited = [*entries]
    edited[1] = type(entries[1])(
        2,
        AuditRecord(
            "mallory",
            *[
                getattr(entries[1].record, f)
                for f in ("at", "operation", "target", "before", "after")
            ],
        ),
        entries[1].prev_hash,
        entries[1].hash,
    )
    assert not verify(edited, head).ok
    assert not verify([entries[0], entries[2], entries[1], entries[3]], head).ok
    assert not verify([entries[0], entries[2], entries[3]], head).ok
    assert not verify(entries[:3], head).ok


def test_tampering_with_the_stored_log_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        store.write(Batch(audit=records(3)))
        assert verify_store(store=store).ok
    db = sqlite3.connect(path / DB_FILE)
    db.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 2")
    db.commit()
    db.close()
    with EmbeddedStore(path, read_only=True) as store:
        verdict = verify_store(store=store)
    assert not verdict.ok and any("entry 2" in p for p in verdict.problems)
