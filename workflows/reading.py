"""Reading the graph the way the use cases need it: required nodes, every page of a filtered
list, and neighbours of many nodes at once (in chunks, so no single query grows unbounded)."""

from __future__ import annotations

import contextvars
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any, TypeVar, overload

from graph.errors import FieldError, NotFound, ValidationError
from graph.model.dates import upper_bound
from graph.model.enums import Labeled, NodeKind, RelType
from graph.model.records import Node
from graph.model.views import NodeView
from graph.store import Condition, Direction, GraphStore, Neighbour, Op, PageRequest, Where
from workflows.access import subtree_prefix
from workflows.days import partial

PAGE = 2000
CHUNK = 2000

# Independent reads of one use case asked together (``together``): a server store answers them
# on its other cores while the first is under way.
_POOL = ThreadPoolExecutor(max_workers=3, thread_name_prefix="jiandu-read")
_POOLED = threading.local()

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")
C = TypeVar("C")
D = TypeVar("D")


def together(store: GraphStore, calls: Sequence[Callable[[], T]]) -> list[T]:
    """The results of independent reads of ``store``, in order, asked together when the store
    answers reads at the same time (``GraphStore.parallel_reads``): the first in this
    thread, the others in a small pool of threads, each in a copy of this thread's context.
    Every call has ended when this returns or raises (the first error raised, in the calls'
    order). A call made from a pool thread asks its own reads in turn, so that no pool
    thread waits on another.

    Neo4j answers each query on one core: two queries of a detector asked together take
    about as long as the longer of them on this 2-core machine (``conflictedAssignments``
    at a million cases, in process: 3.5 → 2.7 s). The embedded store answers one call at a
    time (its lock): there the calls run in turn, as before (asked together, the threads
    only contended for the interpreter: 2.10 → 2.22 s)."""
    if len(calls) < 2 or not store.parallel_reads or getattr(_POOLED, "on", False):
        return [call() for call in calls]
    futures = [_POOL.submit(contextvars.copy_context().run, _pooled, call) for call in calls[1:]]
    try:
        first = calls[0]()
    finally:
        wait(futures)
    return [first, *(f.result() for f in futures)]


@overload
def at_once(store: GraphStore, a: Callable[[], A], b: Callable[[], B], /) -> tuple[A, B]: ...
@overload
def at_once(
    store: GraphStore, a: Callable[[], A], b: Callable[[], B], c: Callable[[], C], /
) -> tuple[A, B, C]: ...
@overload
def at_once(
    store: GraphStore,
    a: Callable[[], A],
    b: Callable[[], B],
    c: Callable[[], C],
    d: Callable[[], D],
    /,
) -> tuple[A, B, C, D]: ...
def at_once(store: GraphStore, *calls: Callable[[], Any]) -> tuple[Any, ...]:
    """``together`` for a few reads of different types, as a tuple to unpack."""
    return tuple(together(store, calls))


def _pooled(call: Callable[[], Any]) -> Any:
    _POOLED.on = True
    try:
        return call()
    finally:
        _POOLED.on = False


def require(store: GraphStore, id_: str, kind: NodeKind, field: str) -> Node:
    """The node ``id_`` of ``kind``, or NotFound naming the input field."""
    found = store.get_nodes([id_]).get(id_)
    if found is None or found.kind is not kind:
        raise NotFound.named(field, id_, kind.name)
    return found


V = TypeVar("V", bound=NodeView)


def require_view(store: GraphStore, id_: str, view: type[V], field: str) -> V:
    """The node ``id_`` read through ``view`` (its kind), or NotFound naming the input field."""
    return view(require(store, id_, view.KIND, field))


def require_all(
    store: GraphStore, ids: Sequence[str], kinds: Iterable[NodeKind], field: str
) -> list[Node]:
    """The nodes ``ids`` in order, each of one of ``kinds``, or NotFound for the first missing."""
    allowed = frozenset(kinds)
    found = store.get_nodes(list(ids))
    for id_ in ids:
        node = found.get(id_)
        if node is None or node.kind not in allowed:
            names = " or ".join(sorted(k.name for k in allowed))
            raise NotFound.named(field, id_, names)
    return [found[i] for i in ids]


def every(
    store: GraphStore, kind: NodeKind, where: Sequence[Condition] = (), order_by: str = "id"
) -> Iterator[Node]:
    """Every node of ``kind`` matching ``where``, page by page."""
    after: str | None = None
    while True:
        page = store.list_nodes(
            kind, where, PageRequest(order_by=order_by, first=PAGE, after=after)
        )
        yield from page.items
        if not page.has_next or not page.cursors:
            return
        after = page.cursors[-1]


def linked(
    store: GraphStore,
    ids: Iterable[str],
    rel_types: Sequence[RelType],
    direction: Direction,
    node_kinds: Sequence[NodeKind] | None = None,
    limit: int | None = None,
) -> dict[str, list[Neighbour]]:
    """Each id's neighbours over ``rel_types`` (at most ``limit`` each), asked in chunks
    (``together``)."""
    out: dict[str, list[Neighbour]] = {}
    calls = linked_calls(store, ids, rel_types, direction, node_kinds, limit)
    for found in together(store, calls):
        out.update(found)
    return out


def linked_calls(
    store: GraphStore,
    ids: Iterable[str],
    rel_types: Sequence[RelType],
    direction: Direction,
    node_kinds: Sequence[NodeKind] | None = None,
    limit: int | None = None,
) -> list[Callable[[], dict[str, list[Neighbour]]]]:
    """``linked`` as its calls to the store, a chunk of ids each, for a caller that asks them
    together with others of its own."""
    unique = sorted(set(ids))

    def chunk(start: int) -> Callable[[], dict[str, list[Neighbour]]]:
        return lambda: store.neighbours(
            unique[start : start + CHUNK],
            rel_types=rel_types,
            direction=direction,
            node_kinds=node_kinds,
            limit=limit,
        )

    return [chunk(start) for start in range(0, len(unique), CHUNK)]


def linked_ids(
    store: GraphStore,
    kind: NodeKind,
    where: Sequence[Condition],
    rel_types: Sequence[RelType],
    direction: Direction,
    node_kinds: Sequence[NodeKind] | None = None,
) -> dict[str, list[str]]:
    """Each node of ``kind`` meeting ``where``: its neighbours' ids over ``rel_types``, each
    once, in id order; asked of the store as groups of ids (``link_groups``), no record read."""
    out: dict[str, list[str]] = defaultdict(list)
    for end, members in store.link_groups(
        kind, where, rel_types=rel_types, direction=direction, node_kinds=node_kinds
    ).items():  # the groups come by id
        for m in members:
            out[m].append(end)
    return dict(out)


def linked_ids_of(
    store: GraphStore,
    kind: NodeKind,
    ids: Iterable[str],
    rel_types: Sequence[RelType],
    direction: Direction,
    node_kinds: Sequence[NodeKind] | None = None,
) -> dict[str, list[str]]:
    """``linked_ids`` for the nodes of ``kind`` named by ``ids``."""
    among = [Where("id", Op.IN, sorted(set(ids)))]
    return linked_ids(store, kind, among, rel_types, direction, node_kinds)


def parse_enum(enum_: type[Labeled], value: str, field: str) -> str:
    """The stored code of ``value`` (an English code or a Chinese label), or ValidationError."""
    try:
        return enum_.parse(value).name
    except (KeyError, ValueError):
        names = ", ".join(m.name for m in enum_)
        raise ValidationError(FieldError(field, f"'{value}' is not one of {names}")) from None


def in_region(region: str | None, field: str = "region_code") -> list[Condition]:
    """The condition keeping nodes of a region's subtree (none when ``region`` is None)."""
    return [] if region is None else [Where(field, Op.PREFIX, subtree_prefix(region))]


def within(node: Node, region: str) -> bool:
    """Whether a node lies in a region's subtree."""
    return str(node.get("region_code", "")).startswith(subtree_prefix(region))


def in_period(field: str, since: str | None, until: str | None) -> list[Condition]:
    """Conditions keeping ``field`` within [since, until], both partial dates and inclusive."""
    where: list[Condition] = []
    if since is not None:
        where.append(Where(field, Op.GTE, partial(since, "since")))
    if until is not None:
        where.append(Where(field, Op.LTE, upper_bound(partial(until, "until"))))
    return where
