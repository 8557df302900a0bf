"""Plain reads of a store for the report tests: every node and relationship, scanned, and
the date rules written out again, so figures are checked independently of ``reports``."""

from __future__ import annotations

from collections import defaultdict

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import GraphStore

CASES = 1000
YEAR = ("2023-01-01", "2023-12-31")
DONE = {"ACCEPTED", "CLOSED"}


def span(partial: str) -> tuple[str, str]:
    """The first and last day a partial date covers, as text."""
    first = partial + "-01-01"[len(partial) - 4 :]
    last = partial + "-12-31"[len(partial) - 4 :] if len(partial) < 10 else partial
    return first, last


def during(partial: object, period: tuple[str, str] = YEAR) -> bool:
    if not isinstance(partial, str):
        return False
    first, last = span(partial)
    return first <= period[1] and last >= period[0]


class Scan:
    """Every node and relationship of a store, read with scan_nodes/scan_rels only."""

    def __init__(self, store: GraphStore) -> None:
        self.nodes: dict[str, Node] = {}
        self.by_kind: dict[NodeKind, list[Node]] = defaultdict(list)
        for kind in NodeKind:
            for chunk in store.scan_nodes(kind):
                for node in chunk:
                    self.nodes[node.id] = node
                    self.by_kind[kind].append(node)
        self.rels: dict[RelType, list[Rel]] = defaultdict(list)
        for type_ in RelType:
            for rel_chunk in store.scan_rels(type_):
                self.rels[type_].extend(rel_chunk)

    def out(self, type_: RelType) -> dict[str, list[str]]:
        ends: dict[str, list[str]] = defaultdict(list)
        for rel in self.rels[type_]:
            ends[rel.start].append(rel.end)
        return ends
