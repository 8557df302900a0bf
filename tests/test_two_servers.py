"""Two ``jiandu serve`` processes over one Neo4j serve the same data: what one writes, the
other reads at once, and a version one of them moved on is stale for the other too."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.auth import create_token

pytestmark = pytest.mark.neo4j

JIANDU = Path(sys.executable).parent / "jiandu"
SECRET = "two-servers-secret-" + "s" * 32
START_TIMEOUT = 120.0  # seconds: importing the schema takes a while on a loaded machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment() -> dict[str, str]:
    """This environment without any Jiandu setting but the token secret (the store is a flag)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIANDU_")}
    return {**env, "JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "WARNING"}


@dataclass(frozen=True)
class Serving:
    process: subprocess.Popen[bytes]
    port: int
    log: Path


@contextmanager
def _serve(uri: str, log: Path) -> Iterator[Serving]:
    """``jiandu --store URI serve`` in its own process, stopped on exit."""
    port = _free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(JIANDU), "--store", uri, "serve", "--port", str(port)],
            env=_environment(),
            cwd=log.parent,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield Serving(process, port, log)
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def _client(serving: Serving) -> Iterator[httpx.Client]:
    """A client with an admin token, once the server answers that its store is ready."""
    token = create_token(
        role="admin", region=None, subject="two-servers", secret=SECRET, ttl_hours=1
    )
    with httpx.Client(
        base_url=f"http://127.0.0.1:{serving.port}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    ) as client:
        deadline = time.monotonic() + START_TIMEOUT
        while not _ready(client, serving):
            if time.monotonic() > deadline:
                pytest.fail(
                    f"jiandu serve not ready after {START_TIMEOUT:.0f} s:\n{_output(serving)}"
                )
            time.sleep(0.2)
        yield client


def _ready(client: httpx.Client, serving: Serving) -> bool:
    if serving.process.poll() is not None:
        pytest.fail(f"jiandu serve exited with {serving.process.returncode}:\n{_output(serving)}")
    try:
        return client.get("/readyz").status_code == 200
    except httpx.TransportError:
        return False


def _output(serving: Serving) -> str:
    return serving.log.read_text()


@pytest.fixture(scope="module")
def servers(
    neo4j_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """Two servers over the session's Neo4j; the tests write only ids of their own. As a
    deployment does: ``jiandu migrate`` once, then the workers all at once."""
    logs = tmp_path_factory.mktemp("two-servers")
    subprocess.run(
        [str(JIANDU), "--store", neo4j_server, "migrate"],
        env=_environment(),
        cwd=logs,
        check=True,
        capture_output=True,
    )
    with ExitStack() as stack:
        a, b = (stack.enter_context(_serve(neo4j_server, logs / f"{n}.log")) for n in "ab")
        yield stack.enter_context(_client(a)), stack.enter_context(_client(b))


def answer(client: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    """The JSON answer to ``query``, errors included."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    return body


def data(client: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    body = answer(client, query, **variables)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result


CREATE_CASE = """mutation($input: CreateCaseInput!) { createCase(input: $input) { id version } }"""
CREATE_AGENCY = """mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id } }"""
LINK = """mutation($input: LinkInput!) { link(input: $input) { storeId type } }"""
UPDATE_CASE = """mutation($id: ID!, $version: Int!, $cause: String!) {
  updateCase(id: $id, version: $version, input: {cause: $cause}) { version cause } }"""
NODE = """query($id: ID!) { node(id: $id) {
  storeId version nodeKind
  ... on Case { caseNumber cause }
  ... on Agency { name }
  links { outgoing node { storeId } relationship { storeId type } } } }"""
SEARCH = """query($text: String!) { cases(filter: {search: $text}, first: 10) {
  totalCount nodes { storeId caseNumber } } }"""
STATS = "{ stats { nodes { kind count } rels { type count } } }"


def test_what_one_server_writes_the_other_reads(
    servers: tuple[httpx.Client, httpx.Client],
) -> None:
    a, b = servers
    run = uuid.uuid4().hex[:10]  # ids no other test writes
    cases = []
    for i in range(2):
        case = {
            "storeId": f"case:two-{run}-{i}",
            "caseNumber": f"(2024)川0104刑初{run}{i}号",
            "cause": "盗窃",
            "kind": "CRIMINAL",
            "stage": "TRIAL",
            "regionCode": "510104",
        }
        cases.append(data(a, CREATE_CASE, input=case)["createCase"]["id"])
    agency = data(
        b,
        CREATE_AGENCY,
        input={
            "storeId": f"agency:two-{run}",
            "name": "成都市武侯区人民法院",
            "kind": "COURT",
            "level": "COUNTY",
            "regionCode": "510107",
        },
    )["createAgency"]["id"]
    # A links its case to the agency B has just created.
    link = data(a, LINK, input={"type": "HANDLED_BY", "from": cases[0], "to": agency})["link"]

    reads = [(NODE, {"id": i}) for i in (*cases, agency)] + [(SEARCH, {"text": run}), (STATS, {})]
    seen_by_a = [data(a, q, **v) for q, v in reads]
    assert seen_by_a == [data(b, q, **v) for q, v in reads]
    case0, _, agency_node, search, _ = seen_by_a
    assert [c["storeId"] for c in search["cases"]["nodes"]] == [
        f"case:two-{run}-0",
        f"case:two-{run}-1",
    ]
    assert search["cases"]["totalCount"] == 2
    assert agency_node["node"]["name"] == "成都市武侯区人民法院"
    assert case0["node"]["links"] == [
        {
            "outgoing": True,
            "node": {"storeId": f"agency:two-{run}"},
            "relationship": link,
        }
    ]


def test_a_version_moved_on_by_one_server_is_stale_for_the_other(
    servers: tuple[httpx.Client, httpx.Client],
) -> None:
    a, b = servers
    run = uuid.uuid4().hex[:10]
    case = data(
        a,
        CREATE_CASE,
        input={
            "storeId": f"case:two-{run}",
            "caseNumber": f"(2024)川0105民初{run}号",
            "cause": "合同纠纷",
            "kind": "CIVIL",
            "stage": "FILED",
            "regionCode": "510105",
        },
    )["createCase"]
    assert data(b, NODE, id=case["id"])["node"]["version"] == 1
    assert data(a, UPDATE_CASE, id=case["id"], version=1, cause="借款合同纠纷")["updateCase"] == {
        "version": 2,
        "cause": "借款合同纠纷",
    }
    stale = answer(b, UPDATE_CASE, id=case["id"], version=1, cause="买卖合同纠纷")
    assert [e["extensions"]["code"] for e in stale["errors"]] == ["CONFLICT"]
    assert data(b, UPDATE_CASE, id=case["id"], version=2, cause="买卖合同纠纷")["updateCase"] == {
        "version": 3,
        "cause": "买卖合同纠纷",
    }
    assert {k: v for k, v in data(a, NODE, id=case["id"])["node"].items() if k != "links"} == {
        "storeId": f"case:two-{run}",
        "version": 3,
        "nodeKind": "Case",
        "caseNumber": f"(2024)川0105民初{run}号",
        "cause": "买卖合同纠纷",
    }
