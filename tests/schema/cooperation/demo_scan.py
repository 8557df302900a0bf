"""The 1,000-case demo behind the API, for the cooperation queries: loaded once per test
module in each backend (half a minute into Neo4j), served afresh to each test, and scanned
plainly so that the tests compute their expectations without ``reports``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pytest

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import GraphStore
from tests.api.api_harness import Host, Server, serve, settings
from tests.worlds.demo import BACKENDS, demo_in

CASES = 1000
YEAR = ("2024-01-01", "2024-12-31")
END = YEAR[1]


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    """The demo in a store of each backend, read-only for the tests that share it."""
    with demo_in(request, tmp_path_factory, CASES) as world:
        yield world.store


@pytest.fixture
def api(host: Host, demo: GraphStore) -> Iterator[Server]:
    with serve(host, demo, settings()) as running:
        yield running


def first_day(partial: str) -> str:
    return partial + "-01-01"[len(partial) - 4 :]


def last_day(partial: str) -> str:
    return partial if len(partial) == 10 else partial + "-12-31"[len(partial) - 4 :]


def during(partial: object, period: tuple[str, str] = YEAR) -> bool:
    """Whether a partial date's span meets the period."""
    if not isinstance(partial, str) or not partial:
        return False
    return first_day(partial) <= period[1] and last_day(partial) >= period[0]


def in_force(node: Node, day: str) -> bool:
    """Valid on ``day``: from the first day ``signed_on`` (or ``valid_from``) covers to the
    last day ``valid_to`` covers."""
    start = node.get("signed_on") or node.get("valid_from")
    end = node.get("valid_to")
    return (start is None or first_day(start) <= day) and (end is None or last_day(end) >= day)


class Scan:
    """Every node and relationship of a store, read with scan_nodes/scan_rels only."""

    def __init__(self, store: GraphStore) -> None:
        self.nodes: dict[str, Node] = {}
        self.kind: dict[NodeKind, list[Node]] = defaultdict(list)
        for kind in NodeKind:
            for chunk in store.scan_nodes(kind):
                for node in chunk:
                    self.nodes[node.id] = node
                    self.kind[kind].append(node)
        self.rels: dict[RelType, list[Rel]] = defaultdict(list)
        for type_ in RelType:
            for rels in store.scan_rels(type_):
                self.rels[type_].extend(rels)

    def out(self, type_: RelType) -> dict[str, list[str]]:
        ends: dict[str, list[str]] = defaultdict(list)
        for rel in self.rels[type_]:
            ends[rel.start].append(rel.end)
        return ends

    def into(self, type_: RelType) -> dict[str, list[str]]:
        starts: dict[str, list[str]] = defaultdict(list)
        for rel in self.rels[type_]:
            starts[rel.end].append(rel.start)
        return starts

    def region(self, node_id: str) -> str:
        return str(self.nodes[node_id].get("region_code"))

    def agreements_on(self, day: str) -> list[Node]:
        return [a for a in self.kind[NodeKind.Agreement] if in_force(a, day)]


@pytest.fixture(scope="module")
def scan(demo: GraphStore) -> Scan:
    return Scan(demo)
