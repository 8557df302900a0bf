"""Neo4j goes away under a serving ``jiandu serve`` and under a running ``jiandu load``, and
comes back (issue 14). A Neo4j of its own, whose store outlives a restart, so that the
session's server is left alone.

- While it is down: ``/readyz`` answers 503, reads and writes get the coded error
  BACKEND_UNAVAILABLE within the request's budget, and nothing hangs.
- When it is back: the same server process answers again by itself, with the data written
  before the outage, and takes writes.
- A load it interrupts stops with a message that names the store, leaves the import marked
  unfinished, and the same command run again completes it: the export is the one an
  uninterrupted load gives.

Run with ``-s`` to see the outage and recovery times."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from neo4j import GraphDatabase

from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from loaders.demo.generator import write_demo
from loaders.export import export_store
from loaders.journal import unfinished
from tests.conftest import _server_tool
from tests.test_load_killed import files, load_command
from tests.test_two_servers import JIANDU, _client, _environment, _serve, answer, data
from tests.worlds.demo import emptied

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parent.parent
CASES = 200
NODE = "query($id: ID!) { node(id: $id) { storeId version ... on Case { cause } } }"
CREATE = "mutation($input: CreateCaseInput!) { createCase(input: $input) { id version } }"
UPDATE = """mutation($id: ID!, $version: Int!, $cause: String!) {
  updateCase(id: $id, version: $version, input: {cause: $cause}) { version cause } }"""


def _case(n: int) -> dict[str, Any]:
    return {
        "storeId": f"case:outage-{n}",
        "caseNumber": f"(2024)川0104刑初{9000 + n}号",
        "cause": "盗窃",
        "kind": "CRIMINAL",
        "stage": "TRIAL",
        "regionCode": "510104",
    }


def _codes(body: dict[str, Any]) -> set[str]:
    return {e.get("extensions", {}).get("code") for e in body.get("errors", [])}


@pytest.fixture(scope="module")
def neo4j(neo4j_server: str) -> Iterator[Any]:
    """A Neo4j of this test's own (the session's, asked for first, decides whether Neo4j can
    run here at all), its store kept across ``halt`` and ``start``."""
    tool: ModuleType = _server_tool()
    with tool.Neo4jServer(keep_store=True) as server:
        yield server


def test_serve_answers_unavailable_while_neo4j_is_down_and_recovers_by_itself(
    neo4j: Any, tmp_path: Path
) -> None:
    uri = neo4j.uri
    subprocess.run(
        [str(JIANDU), "--store", uri, "migrate"],
        env=_environment(),
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    with _serve(uri, tmp_path / "serve.log") as serving, _client(serving) as client:
        case = data(client, CREATE, input=_case(1))["createCase"]
        assert data(client, NODE, id=case["id"])["node"]["cause"] == "盗窃"

        down = time.monotonic()
        neo4j.halt()
        halted = time.monotonic() - down

        ready = client.get("/readyz")
        assert ready.status_code == 503, ready.text
        assert ready.json()["status"] == "unavailable" and uri.split("//")[1] in ready.text

        asked = time.monotonic()
        read = answer(client, NODE, id=case["id"])
        read_took = time.monotonic() - asked
        assert _codes(read) == {"BACKEND_UNAVAILABLE"}, read
        assert read["data"] == {"node": None}
        asked = time.monotonic()
        write = answer(client, UPDATE, id=case["id"], version=case["version"], cause="抢劫")
        write_took = time.monotonic() - asked
        assert _codes(write) == {"BACKEND_UNAVAILABLE"}, write
        assert serving.process.poll() is None, "the server must outlive the outage"

        up = time.monotonic()
        neo4j.start()
        restarted = time.monotonic() - up
        back = time.monotonic()
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() - back < 60, "not ready 60 s after Neo4j came back"
            time.sleep(0.1)
        recovered = time.monotonic() - back
        # The data written before the outage is there, and the failed write changed nothing.
        assert data(client, NODE, id=case["id"])["node"] == {
            "storeId": "case:outage-1",
            "version": case["version"],
            "cause": "盗窃",
        }
        updated = data(client, UPDATE, id=case["id"], version=case["version"], cause="抢劫")
        assert updated["updateCase"]["cause"] == "抢劫"
        data(client, CREATE, input=_case(2))
    print(
        f"\nNeo4j outage under serve: halted in {halted:.1f} s; during it a read answered "
        f"BACKEND_UNAVAILABLE in {read_took:.2f} s, a write in {write_took:.2f} s; Neo4j back "
        f"in {restarted:.1f} s; serve ready {recovered:.2f} s after that"
    )


def test_a_load_neo4j_interrupts_stops_clearly_and_the_same_command_finishes_it(
    neo4j: Any, tmp_path: Path
) -> None:
    with EmbeddedStore(tmp_path / "demo") as demo:
        write_demo(demo, cases=CASES, seed=14, progress=False)
        export_store(demo, tmp_path / "export", progress=False)
        whole = files(tmp_path / "export")
    uri = neo4j.uri
    with GraphDatabase.driver(uri, auth=None) as driver:
        emptied(driver)  # what the first test wrote
    command = load_command(uri, tmp_path / "export")

    # A short retry (JIANDU_NEO4J_RETRY_SECONDS) keeps the test short; the default is 15 s.
    env = {**os.environ, "JIANDU_NEO4J_RETRY_SECONDS": "2"}
    load = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    # Halt Neo4j once the load has written its first batches.
    deadline = time.monotonic() + 120
    with Neo4jStore(uri) as store:
        while sum(store.counts().nodes.values()) < 1000:
            assert load.poll() is None, f"the load ended before Neo4j went down: {load.stdout}"
            assert time.monotonic() < deadline, "the load wrote nothing in 120 s"
            time.sleep(0.05)
    neo4j.halt()
    output, _ = load.communicate(timeout=120)
    assert load.returncode != 0, output
    assert "Traceback" not in output, output
    assert "BACKEND_UNAVAILABLE" in output or "cannot reach" in output or uri in output, output

    neo4j.start()
    with Neo4jStore(uri) as store:
        [interrupted] = unfinished(store)
    assert interrupted.files and interrupted.records > 0
    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "did not finish" in rerun.stderr, rerun.stderr
    with Neo4jStore(uri) as store:
        assert unfinished(store) == []
        export_store(store, tmp_path / "reloaded", progress=False)
    assert files(tmp_path / "reloaded") == whole
    print(f"\nload interrupted by a Neo4j restart: {output.strip().splitlines()[-1]}")
