"""One import checked in full before anything is written: every row validated, ids
deduplicated, relationship ends found and their kinds allowed, and the store compared so
that only what differs is written."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind
from graph.model.kinds import RELS
from graph.model.records import Node, Rel
from loaders.errors import LineError, LoadFailed
from loaders.records import FROM, ID, TO, TYPE, Kind, as_record, build, english, row_kind
from loaders.tables import Table

T = TypeVar("T")


class Lookup(Protocol):
    """What checking an import asks of the store: the records it already holds."""

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]: ...

    def get_rels(self, ids: Sequence[str]) -> dict[str, Rel]: ...


CHUNK = 10_000
_LINE_BITS = 32  # a row's place: its table's index above the bits of its line number


def _a(kind: NodeKind) -> str:
    return f"{'an' if kind.name[0] in 'AEIOU' else 'a'} {kind.name}"


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass(frozen=True)
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Rejected:
    """A row left out, as read (or as validated, when its fault was found later)."""

    place: int
    row: dict[str, Any]
    errors: list[LineError]


@dataclass(frozen=True)
class Changes:
    """What to write: the records that are new or differ from the store's."""

    nodes: list[Node]
    rels: list[Rel]
    node_tally: Tally
    rel_tally: Tally


class Plan:
    def __init__(self, *, cascade: bool) -> None:
        """``cascade``: reject a relationship whose end is a rejected row (when the rest is
        imported); otherwise leave it unreported, the row at fault being reported already."""
        self.cascade = cascade
        self.labels: list[str] = []
        self.problems: list[LineError] = []
        self.rows = 0
        self.nodes: dict[str, Node] = {}
        self.rels: dict[str, Rel] = {}
        self._node_at: dict[str, int] = {}
        self._rel_at: dict[str, int] = {}
        self._rejected: list[Rejected] = []
        self._rejected_nodes: dict[str, int] = {}

    # -- reading -------------------------------------------------------------------------

    def read(self, table: Table, tick: Callable[[int], object]) -> None:
        base = len(self.labels) << _LINE_BITS
        self.labels.append(table.label)
        self.problems += table.problems
        count = 0
        try:
            count = self._read_rows(table, base, tick)
        except LoadFailed as exc:
            self.problems += exc.lines
        tick(count % CHUNK)
        self.rows += count

    def _read_rows(self, table: Table, base: int, tick: Callable[[int], object]) -> int:
        default, cells = table.default, table.cells
        count = 0
        for row in table.rows:
            count += 1
            if count % CHUNK == 0:
                tick(CHUNK)
            place = base | row.line
            if row.problem is not None:
                self._reject(place, row.values, [row.problem])
                continue
            kind: Kind | None = None
            written: dict[str, str] = {}
            try:
                values, written = english(row.values)
                kind = row_kind(values, default)
                values, written = english(values, kind, written)
                record = build(kind, cells(kind, values) if cells else values)
            except ValidationError as exc:
                errors = [
                    dataclasses.replace(e, field=written[e.field]) if e.field in written else e
                    for e in exc.errors
                ]
                self._reject_row(place, row.values, kind, errors)
                continue
            if isinstance(record, Node):
                self._add_node(place, record)
            else:
                self._add_rel(place, record)
        return count

    def _add_node(self, place: int, node: Node) -> None:
        prior = self.nodes.get(node.id)
        if prior is None:
            self.nodes[node.id] = node
            self._node_at[node.id] = place
        elif prior != node:
            self._reject(place, as_record(node), [self._twice(node.id, self._node_at)])

    def _add_rel(self, place: int, rel: Rel) -> None:
        prior = self.rels.get(rel.id)
        if prior is None:
            self.rels[rel.id] = rel
            self._rel_at[rel.id] = place
        elif prior != rel:
            self._reject(place, as_record(rel), [self._twice(rel.id, self._rel_at)])

    def _twice(self, id_: str, at: dict[str, int]) -> FieldError:
        return FieldError(ID, f"'{id_}' is also at {self.where(at[id_])} with other content")

    def _reject_row(
        self, place: int, values: dict[str, Any], kind: Kind | None, errors: list[FieldError]
    ) -> None:
        row = values if kind is None or TYPE in values else {TYPE: kind.name, **values}
        self._reject(place, row, errors)
        id_ = values.get(ID)
        if isinstance(kind, NodeKind) and isinstance(id_, str):
            self._rejected_nodes.setdefault(id_, place)

    def _reject(self, place: int, row: dict[str, Any], errors: Sequence[FieldError]) -> None:
        label, line = self._place(place)
        lines = [LineError(e.field, e.reason, label, line) for e in errors]
        self._rejected.append(Rejected(place, row, lines))

    def _place(self, place: int) -> tuple[str, int]:
        return self.labels[place >> _LINE_BITS], place & ((1 << _LINE_BITS) - 1)

    def where(self, place: int) -> str:
        label, line = self._place(place)
        return f"{label}:{line}"

    # -- checking against the store --------------------------------------------------------

    def check(self, store: Lookup) -> Changes:
        """Find what the store already holds and what it contradicts; the rest is to write."""
        nodes, node_tally = self._compare_nodes(store)
        self._check_ends(store)
        rels, rel_tally = self._compare_rels(store)
        return Changes(nodes, rels, node_tally, rel_tally)

    def _compare_nodes(self, store: Lookup) -> tuple[list[Node], Tally]:
        same: set[str] = set()
        updated = 0
        for chunk in chunks(list(self.nodes)):
            for id_, old in store.get_nodes(chunk).items():
                new = self.nodes[id_]
                if old.kind is not new.kind:
                    reason = f"'{id_}' is already {_a(old.kind)} in the store, not {_a(new.kind)}"
                    self._drop_node(id_, FieldError(ID, reason))
                elif old.props == new.props:
                    same.add(id_)
                else:
                    updated += 1
        changed = [n for i, n in self.nodes.items() if i not in same]
        return changed, Tally(len(changed) - updated, updated, len(same))

    def _drop_node(self, id_: str, error: FieldError) -> None:
        place = self._node_at.pop(id_)
        self._reject(place, as_record(self.nodes.pop(id_)), [error])
        self._rejected_nodes[id_] = place

    def _check_ends(self, store: Lookup) -> None:
        nodes, rejected = self.nodes, self._rejected_nodes
        elsewhere = {e for r in self.rels.values() for e in (r.start, r.end) if e not in nodes}
        stored: dict[str, NodeKind] = {}
        for chunk in chunks(sorted(elsewhere - rejected.keys())):
            stored.update((i, n.kind) for i, n in store.get_nodes(chunk).items())
        kinds = {i: n.kind for i, n in nodes.items()} | stored
        allowed = {t: set(spec.ends) for t, spec in RELS.items()}
        for rel in list(self.rels.values()):
            if (kinds.get(rel.start), kinds.get(rel.end)) in allowed[rel.type]:
                continue
            errors = self._end_errors(rel, stored)
            if errors:
                place = self._rel_at.pop(rel.id)
                del self.rels[rel.id]
                self._reject(place, as_record(rel), errors)

    def _end_errors(self, rel: Rel, stored: dict[str, NodeKind]) -> list[FieldError]:
        errors: list[FieldError] = []
        kinds: list[NodeKind | None] = []
        for name, end in ((FROM, rel.start), (TO, rel.end)):
            node = self.nodes.get(end)
            if node is not None:
                kinds.append(node.kind)
            elif end in self._rejected_nodes:
                kinds.append(None)
                if self.cascade:
                    where = self.where(self._rejected_nodes[end])
                    errors.append(FieldError(name, f"node '{end}' is rejected (at {where})"))
            elif end in stored:
                kinds.append(stored[end])
            else:
                kinds.append(None)
                errors.append(FieldError(name, f"no node '{end}' in the store or this import"))
        start, end_kind = kinds
        if (
            start is not None
            and end_kind is not None
            and not RELS[rel.type].allows(start, end_kind)
        ):
            reason = f"{rel.type.name} cannot link {start.name} to {end_kind.name}"
            errors.append(FieldError(TYPE, reason))
        return errors

    def _compare_rels(self, store: Lookup) -> tuple[list[Rel], Tally]:
        same: set[str] = set()
        updated = 0
        for chunk in chunks(list(self.rels)):
            for id_, old in store.get_rels(chunk).items():
                if old == self.rels[id_]:
                    same.add(id_)
                else:
                    updated += 1
        changed = [r for i, r in self.rels.items() if i not in same]
        return changed, Tally(len(changed) - updated, updated, len(same))

    # -- outcome ---------------------------------------------------------------------------

    @property
    def rejected(self) -> list[Rejected]:
        """Rejected rows in the order they were read."""
        return sorted(self._rejected, key=lambda r: r.place)

    def errors(self) -> list[LineError]:
        return [*self.problems, *(e for r in self.rejected for e in r.errors)]
