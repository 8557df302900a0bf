"""The GraphStore port: the few operations the rest of Jiandu needs from storage.

Each read is shaped so that Neo4j answers it in one Cypher query; the embedded adapter
answers the same questions in memory. The contract tests hold both to identical answers,
so every ordering below is part of the contract.
"""

from __future__ import annotations

import abc
import base64
import enum
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.audit import AuditEntry, AuditRecord
from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel


class Direction(enum.Enum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


class Op(enum.Enum):
    EQ = "eq"  # equal; EQ None matches a missing property
    IN = "in"  # value in a list
    GTE = "gte"
    LTE = "lte"
    CONTAINS = "contains"  # case-insensitive substring of a text property (index-backed)
    PREFIX = "prefix"  # text starts with (region subtree: code prefix)
    HAS = "has"  # a list property contains the value


@dataclass(frozen=True)
class Where:
    field: str
    op: Op
    value: Any


@dataclass(frozen=True)
class AnyOf:
    """True when one of its conditions is."""

    conditions: tuple[Where, ...]


Condition = Where | AnyOf
# Conditions per node kind that a walk's nodes must meet (kinds absent: no condition).
NodeConditions = Mapping[NodeKind, Sequence[Condition]]
# ``Page.total`` of a page asked for with ``count=False``.
NOT_COUNTED = -1


@dataclass(frozen=True)
class PageRequest:
    """Keyset pagination. Ascending order puts missing values last; descending is the exact
    reverse; ties are broken by id. ``last``/``before`` page backwards. ``count=False``
    spares the store counting the whole list: ``Page.total`` is then NOT_COUNTED."""

    order_by: str = "id"
    descending: bool = False
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None
    count: bool = True


@dataclass(frozen=True)
class Page:
    items: list[Node]
    cursors: list[str]
    total: int
    has_next: bool
    has_previous: bool


@dataclass(frozen=True)
class Batch:
    """One all-or-nothing write. Upserting a node replaces its properties and increments its
    version; upserting a relationship replaces its endpoints and properties. Deleting a node
    deletes its relationships. ``expect_versions`` makes the batch fail with Conflict when a
    node's current version differs (0 = must not exist). ``audit`` records are appended to
    the audit chain in the same transaction."""

    nodes: Sequence[Node] = ()
    rels: Sequence[Rel] = ()
    delete_nodes: Sequence[str] = ()
    delete_rels: Sequence[str] = ()
    expect_versions: Mapping[str, int] = field(default_factory=dict)
    audit: Sequence[AuditRecord] = ()


@dataclass(frozen=True)
class WriteResult:
    nodes_written: int
    rels_written: int
    nodes_deleted: int
    rels_deleted: int

    def __add__(self, other: WriteResult) -> WriteResult:
        return WriteResult(
            self.nodes_written + other.nodes_written,
            self.rels_written + other.rels_written,
            self.nodes_deleted + other.nodes_deleted,
            self.rels_deleted + other.rels_deleted,
        )


@dataclass(frozen=True)
class Neighbour:
    rel: Rel
    node: Node
    outgoing: bool


@dataclass(frozen=True)
class Subgraph:
    """Nodes ordered by (distance from the seeds, id); rels ordered by id."""

    nodes: list[Node]
    rels: list[Rel]
    distance: dict[str, int]
    truncated: bool


@dataclass(frozen=True)
class Path:
    nodes: list[Node]
    rels: list[Rel]

    @property
    def length(self) -> int:
        return len(self.rels)


@dataclass(frozen=True)
class Counts:
    nodes: dict[NodeKind, int]
    rels: dict[RelType, int]


class GraphStore(abc.ABC):
    """Storage of the supervision graph. Implementations: embedded (default) and Neo4j."""

    url: str
    # Whether reads asked at the same time are answered at the same time (a server: Neo4j
    # runs each query on a core of its own); a store that answers one call at a time gains
    # nothing from being asked together (``workflows.reading.together``).
    parallel_reads: bool = False

    @abc.abstractmethod
    def write(self, batch: Batch) -> WriteResult:
        """Apply ``batch`` in one transaction: all of it or, on any error, none of it.

        Raises ValidationError for a relationship whose endpoint is missing or of a kind its
        type does not allow, or a node id already used by another kind; Conflict for a
        version that does not match ``expect_versions``."""

    def write_many(self, batches: Iterable[Batch]) -> WriteResult:
        """Apply ``batches`` in order, as ``write`` would one by one; their summed results.

        A store that can (the embedded one) applies them all in one transaction, so that a
        failure leaves nothing of them; otherwise each batch is its own transaction."""
        done = WriteResult(0, 0, 0, 0)
        for batch in batches:
            done = done + self.write(batch)
        return done

    @abc.abstractmethod
    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        """The nodes with these ids that exist."""

    @abc.abstractmethod
    def get_rels(self, ids: Sequence[str]) -> dict[str, Rel]:
        """The relationships with these ids that exist."""

    @abc.abstractmethod
    def list_nodes(
        self, kind: NodeKind, where: Sequence[Condition] = (), page: PageRequest = PageRequest()
    ) -> Page:
        """Nodes of ``kind`` matching every condition, one page of them, and their total
        (NOT_COUNTED when the page asks for no count)."""

    @abc.abstractmethod
    def neighbours(
        self,
        ids: Sequence[str],
        *,
        rel_types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        node_kinds: Sequence[NodeKind] | None = None,
        as_of: str | None = None,
        limit: int | None = None,
    ) -> dict[str, list[Neighbour]]:
        """For each id, its neighbours ordered by (rel type, neighbour id, rel id), at most
        ``limit`` each; ``as_of`` keeps relationships and neighbours valid on that day."""

    @abc.abstractmethod
    def expand(
        self,
        seeds: Sequence[str],
        *,
        depth: int,
        rel_types: Sequence[RelType] | None = None,
        node_kinds: Sequence[NodeKind] | None = None,
        direction: Direction = Direction.BOTH,
        as_of: str | None = None,
        limit: int | None = None,
        where: NodeConditions | None = None,
        rel_props: bool = True,
    ) -> Subgraph:
        """The k-hop neighbourhood of the seeds.

        Nodes: the seeds (those that exist) and every node reachable in at most ``depth`` hops
        over allowed relationships through allowed nodes (kind in ``node_kinds``, valid at
        ``as_of``, meeting ``where`` for its kind), ordered by (distance, id) and cut at
        ``limit`` nodes (``truncated`` says so). Relationships: every allowed one between two
        kept nodes of which at least one lies at a distance below ``depth``; with
        ``rel_props`` False they come without their properties (``props`` empty), for a
        caller that shows only their ids, types and ends (the explorer's usual question),
        so that the store need not read them."""

    @abc.abstractmethod
    def shortest_paths(
        self,
        start: str,
        end: str,
        *,
        max_length: int,
        rel_types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        as_of: str | None = None,
        limit: int = 10,
        where: NodeConditions | None = None,
    ) -> list[Path]:
        """All shortest paths of at most ``max_length`` relationships, ordered by their node
        ids then relationship ids, at most ``limit``. ``start == end`` gives one path of
        length 0; no path gives []. A missing endpoint raises NotFound. The nodes between
        the ends are valid at ``as_of`` and meet ``where`` for their kind."""

    @abc.abstractmethod
    def distances(
        self,
        pairs: Sequence[tuple[str, str]],
        *,
        max_depth: int,
        node_kinds: Sequence[NodeKind] | None = None,
    ) -> dict[tuple[str, str], int]:
        """For each (start, end) pair, the length of a shortest walk of at most ``max_depth``
        relationships of any type and direction from start to end, through nodes of
        ``node_kinds`` (None: any); the end must be of those kinds too, the start need not
        be, as for ``expand`` from the start. Pairs with no such walk, or with an end that
        does not exist, are left out; a pair whose ends are one node is at 0.

        One question for many pairs, so that a detector asks the store once instead of
        walking from every start in turn (``workflows/review/reviewers.py``)."""

    @abc.abstractmethod
    def rels_among(
        self, ids: Sequence[str], *, rel_types: Sequence[RelType] | None = None
    ) -> list[Rel]:
        """Every relationship (of ``rel_types``; None: any) whose start and end are both among
        ``ids``, a node's self-loops included, each once, in id order; ids that name no node
        are ignored.

        The subgraph a set of nodes induces, from the store: a caller showing a pattern's or
        a file's nodes with what links them need not read every relationship of every one of
        them (an official's thousands of cases) to keep the few that stay inside."""

    @abc.abstractmethod
    def link_groups(
        self,
        kind: NodeKind,
        where: Sequence[Condition],
        *,
        rel_types: Sequence[RelType],
        direction: Direction,
        node_kinds: Sequence[NodeKind] | None = None,
        min_size: int = 1,
    ) -> dict[str, list[str]]:
        """The nodes of ``kind`` meeting ``where``, grouped by the neighbour they reach over
        one of ``rel_types`` in ``direction`` (a neighbour of ``node_kinds``; None: any): each
        neighbour's id, in id order, with the sorted ids of its group, for the groups of at
        least ``min_size`` members. A node linked to one neighbour several times is one member.

        The store groups, and only ids travel: a detector that counts complaints per
        petitioner, or reviews per case, asks once and reads the nodes of the groups it keeps
        (``workflows/petitioning/petitions.py``, ``workflows/explore/patterns.py``)."""

    @abc.abstractmethod
    def node_values(
        self, kind: NodeKind, where: Sequence[Condition], fields: Sequence[str]
    ) -> dict[str, tuple[Any, ...]]:
        """For each node of ``kind`` meeting ``where``, in id order, the values of its
        properties ``fields`` (``"id"`` included), None where one is missing.

        Only these values travel: a detector that checks a field or two of every record of
        a kind (the two ratios of every sentence-change file, the name and number of every
        person) asks for them, then reads whole only the records it keeps
        (``workflows/petitioning/sentences.py``, ``workflows/explore/xref.py``). A name that
        is not an identifier, or begins with ``_`` (the stores' bookkeeping), is refused
        with ValueError."""

    def node_outlines(
        self, kind: NodeKind, where: Sequence[Condition], fields: Sequence[str]
    ) -> list[Node]:
        """``node_values`` as nodes that hold only ``fields`` (those with a value), in id
        order, for rules written against nodes: not whole records, never to be written."""
        names = list(fields)
        return [
            Node(kind, id_, {f: v for f, v in zip(names, values, strict=True) if v is not None})
            for id_, values in self.node_values(kind, where, names).items()
        ]

    @abc.abstractmethod
    def counts(self) -> Counts:
        """Number of nodes by kind and of relationships by type (zeros included)."""

    @abc.abstractmethod
    def scan_nodes(self, kind: NodeKind, *, batch_size: int = 10_000) -> Iterator[list[Node]]:
        """Every node of ``kind``, in id order, in chunks."""

    @abc.abstractmethod
    def scan_rels(self, type_: RelType, *, batch_size: int = 10_000) -> Iterator[list[Rel]]:
        """Every relationship of ``type_``, in id order, in chunks."""

    @abc.abstractmethod
    def audit_head(self) -> tuple[int, str]:
        """The sequence number and hash of the newest audit entry ((0, GENESIS) when empty)."""

    @abc.abstractmethod
    def audit_entries(
        self,
        *,
        target: str | None = None,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        after_seq: int = 0,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """Audit entries in sequence order, filtered by target, actor and time (``at`` within
        [since, until], ISO strings), after a sequence number, at most ``limit``."""

    @abc.abstractmethod
    def ping(self) -> None:
        """Return when the backend answers; raise BackendUnavailable otherwise."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def value_fields(fields: Sequence[str]) -> list[str]:
    """``fields`` for ``GraphStore.node_values``, or ValueError for a name that is not an
    identifier or is the stores' bookkeeping (a leading ``_``)."""
    names = list(fields)
    wrong = [f for f in names if not f.isidentifier() or f.startswith("_")]
    if wrong:
        raise ValueError(f"not a property one may ask for: {', '.join(map(repr, wrong))}")
    return names


def encode_cursor(key: Sequence[Any]) -> str:
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str, field_name: str = "after") -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != 3:
        raise ValidationError(FieldError(field_name, "not a cursor this store issued"))
    return key
