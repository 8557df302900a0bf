"""Where the generators put records, handed out as store batches in emission order.

Every relationship is emitted after both of its endpoints, and batches cut that order
into slices, so a batch only refers to nodes of itself or of earlier batches. Records are
built as canonical ``Node``/``Rel`` values directly (validating a million records one by
one is too slow); tests/test_demo.py puts a whole dataset through the model's validation.
"""

from __future__ import annotations

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Props, Rel, rel_id
from graph.store import Batch


class Sink:
    def __init__(self, source: str) -> None:
        self.source = source
        self.records: list[Node | Rel] = []

    def node(self, kind: NodeKind, id_: str, props: Props) -> str:
        props["source"] = self.source
        self.records.append(Node(kind, id_, props))
        return id_

    def rel(
        self, type_: RelType, start: str, end: str, props: Props | None = None, key: str = ""
    ) -> None:
        """A relationship; ``key`` tells apart two records of one type between one pair."""
        props = {} if props is None else props
        props["source"] = self.source
        self.records.append(Rel(type_, rel_id(type_, start, end, key), start, end, props))

    def __len__(self) -> int:
        return len(self.records)

    def take(self, limit: int) -> Batch:
        """The oldest ``limit`` records as one batch."""
        chunk, self.records = self.records[:limit], self.records[limit:]
        return Batch(
            nodes=[r for r in chunk if isinstance(r, Node)],
            rels=[r for r in chunk if isinstance(r, Rel)],
        )
