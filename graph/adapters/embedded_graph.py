"""The embedded store's topology in memory: which node and relationship is where, nothing more.

Nodes and relationships are named by their SQLite rowids (``n``, ``r``). Each node has one
flat ``array('i')`` of (neighbour, signed relationship) pairs: ``r`` for a relationship it
starts, ``~r`` for one it ends (a self-loop appears once each way). Kinds, types and validity
windows (interned pairs) sit in flat arrays; properties stay in SQLite. About 150 bytes an
element, against the 1.8 KB of a networkx MultiDiGraph holding the records.

The walks here (``expand``, ``bidirectional``) return rowids; the store turns them into
records. A walk's node condition (``Admit``) is asked a whole level at a time, so the store
can check it with one query.

Hubs (a court with 63,000 cases at a million) also keep their distinct neighbours sorted by
id (``hub``): a neighbourhood cut at a limit takes the first few of a hub's neighbours by id
from that list, instead of reading every neighbour's id to sort them all.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from graph.model.dates import valid_at
from graph.model.enums import NodeKind, RelType

NONE = 255  # no node, no relationship under this rowid
KINDS = list(NodeKind)
TYPES = list(RelType)
KIND_CODE = {k: i for i, k in enumerate(KINDS)}
TYPE_CODE = {t: i for i, t in enumerate(TYPES)}

# Neighbour pairs above which a node keeps its neighbours sorted by id.
HUB = 256

Window = tuple[str | None, str | None]
# Which of these candidate nodes (not yet reached) a walk may reach.
Admit = Callable[[list[int]], Collection[int]]


@dataclass
class Step:
    """A relationship from a node, as a walk sees it."""

    neighbour: int
    rel: int
    outgoing: bool


class Topology:
    def __init__(self) -> None:
        self.node_ids: list[str] = []  # "" under a rowid that holds no node
        self.node_index: dict[str, int] = {}
        self.kinds = bytearray()
        self.versions = array("i")
        self.node_window = array("i")
        self.adjacent: list[array[int] | None] = []
        self.rel_ids: list[str] = []
        self.rel_index: dict[str, int] = {}
        self.types = bytearray()
        self.starts = array("i")
        self.ends = array("i")
        self.rel_window = array("i")
        self.kind_count = [0] * len(KINDS)
        self.type_count = [0] * len(TYPES)
        self.windows: list[Window] = [(None, None)]
        self._window_index: dict[Window, int] = {(None, None): 0}
        self._hubs: dict[int, array[int]] = {}  # a hub's distinct neighbours by id
        self._typed: dict[int, array[int]] = {}  # a type's relationships, once asked

    # -- building -------------------------------------------------------------------------

    def window(self, valid_from: object, valid_to: object) -> int:
        """The code of a validity window (0: none); windows are few, each is kept once."""
        pair = (
            valid_from if isinstance(valid_from, str) else None,
            valid_to if isinstance(valid_to, str) else None,
        )
        code = self._window_index.get(pair)
        if code is None:
            code = self._window_index[pair] = len(self.windows)
            self.windows.append(pair)
        return code

    def reserve(self, nodes: int, rels: int) -> None:
        """Room for node rowids below ``nodes`` and relationship rowids below ``rels``."""
        missing = nodes - len(self.node_ids)
        if missing > 0:
            self.node_ids.extend([""] * missing)
            self.kinds.extend(b"\xff" * missing)
            self.versions.extend(itertools.repeat(0, missing))
            self.node_window.extend(itertools.repeat(0, missing))
            self.adjacent.extend([None] * missing)
        missing = rels - len(self.rel_ids)
        if missing > 0:
            self.rel_ids.extend([""] * missing)
            self.types.extend(b"\xff" * missing)
            self.starts.extend(itertools.repeat(0, missing))
            self.ends.extend(itertools.repeat(0, missing))
            self.rel_window.extend(itertools.repeat(0, missing))

    def put_node(self, n: int, id_: str, kind: NodeKind, version: int, window: int) -> None:
        if n >= len(self.node_ids):
            self.reserve(n + 1, 0)
        code = KIND_CODE[kind]
        old = self.kinds[n]
        if old != NONE:
            self.kind_count[old] -= 1
        self.kind_count[code] += 1
        self.node_ids[n] = id_
        self.node_index[id_] = n
        self.kinds[n] = code
        self.versions[n] = version
        self.node_window[n] = window

    def drop_node(self, n: int) -> None:
        """Forget node ``n`` (its relationships are dropped first, by the caller)."""
        del self.node_index[self.node_ids[n]]
        self.kind_count[self.kinds[n]] -= 1
        self.node_ids[n] = ""
        self.kinds[n] = NONE
        self.adjacent[n] = None
        self._hubs.pop(n, None)

    def put_rel(self, r: int, id_: str, type_: RelType, start: int, end: int, window: int) -> None:
        """Add relationship ``r`` (a relationship already under ``r`` is dropped first)."""
        if r >= len(self.rel_ids):
            self.reserve(0, r + 1)
        if self.types[r] != NONE:
            self.drop_rels([r])
        self.rel_ids[r] = id_
        self.rel_index[id_] = r
        code = TYPE_CODE[type_]
        self.types[r] = code
        self.type_count[code] += 1
        self._typed.pop(code, None)
        self.starts[r] = start
        self.ends[r] = end
        self.rel_window[r] = window
        self._attach(start, (end, r))
        self._attach(end, (start, ~r))

    def _attach(self, n: int, pair: tuple[int, int]) -> None:
        found = self.adjacent[n]
        if found is None:
            self.adjacent[n] = array("i", pair)
        else:
            found.extend(pair)
        hub = self._hubs.get(n)
        if hub is not None:
            ids, v = self.node_ids, pair[0]
            at = bisect.bisect_left(hub, ids[v], key=ids.__getitem__)
            if at == len(hub) or hub[at] != v:
                hub.insert(at, v)

    def drop_rels(self, rels: Iterable[int]) -> None:
        """Forget these relationships, rebuilding each touched node's array once."""
        dropped: dict[int, set[int]] = {}
        for r in rels:
            del self.rel_index[self.rel_ids[r]]
            self.type_count[self.types[r]] -= 1
            self._typed.pop(self.types[r], None)
            self.rel_ids[r] = ""
            self.types[r] = NONE
            dropped.setdefault(self.starts[r], set()).add(r)
            dropped.setdefault(self.ends[r], set()).add(~r)
        for n, signed in dropped.items():
            self._hubs.pop(n, None)  # sorted again when next asked
            found = self.adjacent[n]
            if found is None:
                continue
            it = iter(found)
            kept = [x for v, s in zip(it, it, strict=True) if s not in signed for x in (v, s)]
            self.adjacent[n] = array("i", kept) if kept else None

    def load_nodes(self, rows: Iterable[tuple[int, str, str, int, object, object]]) -> None:
        """Nodes as read at opening: (n, id, kind name, version, valid_from, valid_to)."""
        kinds = {k.name: k for k in KINDS}
        put, window = self.put_node, self.window
        for n, id_, kind, version, valid_from, valid_to in rows:
            code = window(valid_from, valid_to) if valid_from or valid_to else 0
            put(n, id_, kinds[kind], version, code)

    def load_rels(self, rows: Iterable[tuple[int, str, str, int, int, object, object]]) -> None:
        """Relationships as read at opening: (r, id, type name, start, end, from, to), with
        room reserved for them."""
        codes = {t.name: TYPE_CODE[t] for t in TYPES}
        self._typed.clear()
        window, adjacent, rel_index = self.window, self.adjacent, self.rel_index
        for r, id_, type_, start, end, valid_from, valid_to in rows:
            code = codes[type_]
            self.rel_ids[r] = id_
            rel_index[id_] = r
            self.types[r] = code
            self.type_count[code] += 1
            self.starts[r] = start
            self.ends[r] = end
            if valid_from or valid_to:
                self.rel_window[r] = window(valid_from, valid_to)
            out = adjacent[start]
            if out is None:
                adjacent[start] = array("i", (end, r))
            else:
                out.append(end)
                out.append(r)
            back = adjacent[end]
            if back is None:
                adjacent[end] = array("i", (start, ~r))
            else:
                back.append(start)
                back.append(~r)

    def index_hubs(self) -> None:
        """Sort every hub's neighbours now (at opening) rather than on a request."""
        for n, found in enumerate(self.adjacent):
            if found is not None and len(found) > 2 * HUB:
                self.hub(n)

    # -- reading --------------------------------------------------------------------------

    def hub(self, n: int) -> array[int] | None:
        """The distinct neighbours of ``n`` by id, if ``n`` is a hub (else None)."""
        found = self._hubs.get(n)
        if found is None:
            pairs = self.adjacent[n]
            if pairs is None or len(pairs) <= 2 * HUB:
                return None
            ordered = sorted(set(pairs[0::2]), key=self.node_ids.__getitem__)
            found = self._hubs[n] = array("i", ordered)
        return found

    def kind(self, n: int) -> NodeKind:
        return KINDS[self.kinds[n]]

    def rel_type(self, r: int) -> RelType:
        return TYPES[self.types[r]]

    def of_kind(self, kind: NodeKind) -> list[int]:
        return _positions(self.kinds, KIND_CODE[kind])

    def of_type(self, type_: RelType) -> list[int]:
        return list(self.typed(TYPE_CODE[type_]))

    def typed(self, code: int) -> array[int]:
        """The relationships of the type ``code``, found once (a scan in C) and kept until a
        relationship of that type is added or dropped."""
        found = self._typed.get(code)
        if found is None:
            found = self._typed[code] = array("i", _positions(self.types, code))
        return found

    def incident(self, n: int) -> set[int]:
        found = self.adjacent[n]
        if found is None:
            return set()
        return {s if s >= 0 else ~s for s in found[1::2]}

    def steps(self, n: int, direction: str) -> Iterator[tuple[int, int]]:
        """(neighbour, signed rel) pairs of ``n`` in one direction ('out', 'in', 'both')."""
        found = self.adjacent[n]
        if found is None:
            return
        it = iter(found)
        pairs = zip(it, it, strict=True)
        if direction == "both":
            yield from pairs
        elif direction == "out":
            yield from ((v, s) for v, s in pairs if s >= 0)
        else:
            yield from ((v, s) for v, s in pairs if s < 0)

    def around(
        self,
        ns: Collection[int],
        types: frozenset[int] | None,
        direction: str,
        kinds: frozenset[int] | None = None,
    ) -> Iterator[tuple[int, int, int]]:
        """(node, neighbour, signed rel) for every relationship of the nodes ``ns`` in one
        direction, of the types ``types``, to a neighbour of the kinds ``kinds`` (None:
        any), in no particular order, a self-loop's way out before its way in."""
        if self._scan_types(ns, types):
            assert types is not None
            yield from self._by_type(ns, types, direction, kinds)
            return
        codes, node_kinds = self.types, self.kinds
        for n in ns:
            for v, s in self.steps(n, direction):
                if types is not None and codes[s if s >= 0 else ~s] not in types:
                    continue
                if kinds is None or node_kinds[v] in kinds:
                    yield n, v, s

    def groups(
        self,
        ns: Collection[int],
        types: frozenset[int] | None,
        direction: str,
        kinds: frozenset[int] | None = None,
    ) -> dict[int, set[int]]:
        """``around`` as each neighbour with the nodes of ``ns`` that reach it, in one pass
        without a tuple per relationship (``GraphStore.link_groups`` on a province)."""
        out: dict[int, set[int]] = {}
        if not self._scan_types(ns, types):
            # ``around`` inlined: the steps of tens of thousands of nodes, no generator.
            adjacent, codes, node_kinds = self.adjacent, self.types, self.kinds
            sign = {"out": 1, "in": -1}.get(direction, 0)
            for n in ns:
                found_rels = adjacent[n]
                if found_rels is None:
                    continue
                it = iter(found_rels)
                for v, s in zip(it, it, strict=True):
                    if sign and (s >= 0) != (sign > 0):
                        continue
                    if types is not None and codes[s if s >= 0 else ~s] not in types:
                        continue
                    if kinds is not None and node_kinds[v] not in kinds:
                        continue
                    found = out.get(v)
                    if found is None:
                        out[v] = {n}
                    else:
                        found.add(n)
            return out
        assert types is not None
        member = ns if isinstance(ns, set | frozenset | dict) else set(ns)
        starts, ends, node_kinds = self.starts, self.ends, self.kinds
        for t in sorted(types):
            rs = self.typed(t)
            for here, there, way in ((starts, ends, "out"), (ends, starts, "in")):
                if direction not in (way, "both"):
                    continue
                for r in rs:
                    n = here[r]
                    if n in member:
                        v = there[r]
                        if kinds is None or node_kinds[v] in kinds:
                            found = out.get(v)
                            if found is None:
                                out[v] = {n}
                            else:
                                found.add(n)
        return out

    def _scan_types(self, ns: Collection[int], types: frozenset[int] | None) -> bool:
        """Whether the relationships of ``types`` are fewer than the steps from ``ns``
        (officials with thousands of cases asked for their few memberships): then they are
        found by type, in a scan in C, instead of by stepping through every relationship
        of every node."""
        if types is None:
            return False
        steps = sum(map(len, filter(None, map(self.adjacent.__getitem__, ns)))) // 2
        return sum(self.type_count[t] for t in types) < steps

    def _by_type(
        self,
        ns: Collection[int],
        types: frozenset[int],
        direction: str,
        kinds: frozenset[int] | None,
    ) -> Iterator[tuple[int, int, int]]:
        member = ns if isinstance(ns, set | frozenset | dict) else set(ns)
        starts, ends, node_kinds = self.starts, self.ends, self.kinds
        out, back = direction != "in", direction != "out"
        for t in sorted(types):
            for r in self.typed(t):
                s, e = starts[r], ends[r]
                if out and s in member and (kinds is None or node_kinds[e] in kinds):
                    yield s, e, r
                if back and e in member and (kinds is None or node_kinds[s] in kinds):
                    yield e, s, ~r

    def valid_node(self, n: int, day: str) -> bool:
        code = self.node_window[n]
        return code == 0 or valid_at(*self.windows[code], day)

    def valid_rel(self, r: int, day: str) -> bool:
        code = self.rel_window[r]
        return code == 0 or valid_at(*self.windows[code], day)


def _positions(codes: bytearray, code: int) -> list[int]:
    """Where ``code`` stands in ``codes``, found by ``bytearray.find`` (a scan in C): a kind
    of a few hundred nodes among two million is found without a step per node in Python."""
    out: list[int] = []
    at = codes.find(code)
    while at != -1:
        out.append(at)
        at = codes.find(code, at + 1)
    return out


@dataclass(frozen=True)
class Filter:
    """What a walk may cross: relationship types and node kinds (None: any), the day both
    must be valid on, and the nodes it may reach (``admit``: None, any)."""

    types: frozenset[int] | None = None
    kinds: frozenset[int] | None = None
    as_of: str | None = None
    admit: Admit | None = None

    @staticmethod
    def of(
        rel_types: Sequence[RelType] | None,
        node_kinds: Sequence[NodeKind] | None,
        as_of: str | None,
        admit: Admit | None,
    ) -> Filter:
        return Filter(
            None if rel_types is None else frozenset(TYPE_CODE[t] for t in rel_types),
            None if node_kinds is None else frozenset(KIND_CODE[k] for k in node_kinds),
            as_of,
            admit,
        )

    def rel_ok(self, g: Topology, r: int) -> bool:
        if self.types is not None and g.types[r] not in self.types:
            return False
        return self.as_of is None or g.valid_rel(r, self.as_of)

    def node_ok(self, g: Topology, n: int) -> bool:
        if self.kinds is not None and g.kinds[n] not in self.kinds:
            return False
        return self.as_of is None or g.valid_node(n, self.as_of)


@dataclass(frozen=True)
class Reached:
    order: list[int]  # nodes by (distance, id), cut at the limit
    distance: dict[int, int]
    rels: list[int]
    truncated: bool


def expand(
    g: Topology, seeds: Sequence[int], depth: int, direction: str, f: Filter, limit: int | None
) -> Reached:
    """The port's ``expand`` over rowids (see GraphStore.expand)."""
    ids = g.node_ids
    dist = {s: 0 for s in seeds}
    frontier = sorted(dist, key=ids.__getitem__)
    order = list(frontier)
    refused: set[int] = set()
    plain = direction == "both" and f == PLAIN
    truncated = False
    for d in range(1, depth + 1):
        if plain and limit is not None:
            layer, truncated = _plain_layer(g, frontier, dist, max(limit - len(order), 0))
        else:
            room = None if limit is None else max(limit - len(order), 0)
            layer = _layer(g, frontier, dist, refused, direction, f, room)
        for v in layer:
            dist[v] = d
        order += layer
        frontier = layer
        # Farther nodes sort after every node found so far: past the limit, none is kept.
        if truncated or not frontier or (limit is not None and len(order) > limit):
            break
    truncated = truncated or (limit is not None and len(order) > limit)
    kept = order[:limit] if limit is not None else order
    for n in order[len(kept) :]:
        del dist[n]
    if direction == "both":
        rels = _rels_among(g, kept, dist, depth, f)
    else:
        keep = set(kept)
        rels = set()
        for u in kept:
            if dist[u] >= depth:
                continue
            for v, s in g.steps(u, direction):
                r = s if s >= 0 else ~s
                if v in keep and f.rel_ok(g, r):
                    rels.add(r)
    return Reached(kept, dist, sorted(rels), truncated)


PLAIN = Filter()


def _layer(
    g: Topology,
    frontier: list[int],
    dist: dict[int, int],
    refused: set[int],
    direction: str,
    f: Filter,
    room: int | None = None,
) -> list[int]:
    """The nodes one step beyond ``frontier`` that the filter lets a walk reach, by id.

    With ``room`` (the nodes the limit leaves) the nodes ``admit`` must judge are asked in
    id order, a chunk at a time, until more than ``room`` are admitted: the walk stops at
    this layer then, and keeps only the first by id. A scoped caller's walk past a court
    asks about a thousand of its 58,000 cases, not all of them."""
    found: dict[int, None] = {}
    for u in frontier:
        for v, s in g.steps(u, direction):
            if v in dist or v in found or v in refused:
                continue
            if f.rel_ok(g, s if s >= 0 else ~s) and f.node_ok(g, v):
                found[v] = None
    layer = sorted(found, key=g.node_ids.__getitem__)
    if f.admit is None or not layer:
        return layer
    wanted = len(layer) if room is None else room + 1
    step = max(2 * wanted, ADMIT_CHUNK)
    kept: list[int] = []
    for at in range(0, len(layer), step):
        chunk = layer[at : at + step]
        admitted = f.admit(chunk)
        refused.update(v for v in chunk if v not in admitted)
        kept += [v for v in chunk if v in admitted]
        if len(kept) >= wanted:
            break
    return kept


ADMIT_CHUNK = 1_000  # the fewest nodes a walk asks ``admit`` about at once


def _plain_layer(
    g: Topology, frontier: list[int], dist: dict[int, int], room: int
) -> tuple[list[int], bool]:
    """The next layer of a walk that any relationship and node may take, by id, cut after
    ``room`` nodes (and whether it was cut). A hub's neighbours come from its sorted list,
    so only as many are read as are kept."""
    ids, adjacent = g.node_ids, g.adjacent
    found: set[int] = set()
    hubs: list[array[int]] = []
    for u in frontier:
        hub = g.hub(u)
        if hub is not None:
            hubs.append(hub)
        else:
            pairs = adjacent[u]
            if pairs is not None:
                found.update(pairs[0::2])
    found.difference_update(dist)
    if not hubs:
        layer = sorted(found, key=ids.__getitem__)
        return layer[:room], len(layer) > room
    layer = []
    taken: set[int] = set()
    streams = [sorted(found, key=ids.__getitem__), *hubs]
    for v in heapq.merge(*streams, key=ids.__getitem__):
        if v in dist or v in taken:
            continue
        if len(layer) == room:
            return layer, True
        taken.add(v)
        layer.append(v)
    return layer, False


def rels_among(g: Topology, ns: Iterable[int], f: Filter) -> set[int]:
    """The relationships the filter lets through whose two ends are among ``ns``."""
    kept = list(dict.fromkeys(ns))
    return _rels_among(g, kept, dict.fromkeys(kept, 0), 1, f)


def _rels_among(
    g: Topology, kept: list[int], dist: dict[int, int], depth: int, f: Filter
) -> set[int]:
    """The relationships (either direction) between kept nodes, one of them nearer than
    ``depth``, that the filter lets a walk take. A relationship with one end a hub is found
    from its other end; only relationships between two hubs (or a hub and itself) are
    looked for in a hub's pairs, the hubs among its neighbours found in C."""
    adjacent = g.adjacent
    rels: set[int] = set()
    hubs = [u for u in kept if (p := adjacent[u]) is not None and len(p) > 2 * HUB]
    near_hubs = {h for h in hubs if dist[h] < depth}
    big = set(hubs)
    for u in kept:
        pairs = adjacent[u]
        if pairs is None or u in big:
            continue
        # A nearer node finds its relationships to every kept node; a node at ``depth``
        # only those to the nearer hubs (a nearer node that is no hub finds it itself).
        ends = dist if dist[u] < depth else near_hubs
        if not ends:
            continue
        it = iter(pairs)
        for v, s in zip(it, it, strict=True):
            if v in ends:
                r = s if s >= 0 else ~s
                if f.rel_ok(g, r):
                    rels.add(r)
    for u in hubs:  # relationships between two hubs (or a hub and itself)
        pairs = adjacent[u]
        assert pairs is not None
        neighbours = pairs[0::2]
        for v in big.intersection(neighbours):
            if dist[u] >= depth and dist[v] >= depth:
                continue
            at = -1
            while True:
                try:
                    at = neighbours.index(v, at + 1)
                except ValueError:
                    break
                s = pairs[2 * at + 1]
                r = s if s >= 0 else ~s
                if f.rel_ok(g, r):
                    rels.add(r)
    return rels


Parents = dict[int, list[tuple[int, int]]]


@dataclass(frozen=True)
class Meeting:
    """Where a search from both ends met: each side's parents and the meeting nodes."""

    start_parents: Parents
    end_parents: Parents
    meet: set[int]


def bidirectional(
    g: Topology,
    start: int,
    end: int,
    direction: str,
    f: Filter,
    max_length: int,
) -> Meeting | None:
    """Level-by-level search from both ends, always growing the smaller frontier.

    Returns the parents (node, rel) of every node reached from each side (all of them, so
    that every shortest path can be listed), the nodes where the two searches meet and the
    length of the paths through them. The ends need not pass the node filter."""
    back = {"out": "in", "in": "out"}.get(direction, "both")
    dist: tuple[dict[int, int], dict[int, int]] = ({start: 0}, {end: 0})
    parents: tuple[Parents, Parents] = ({}, {})
    fronts = ([start], [end])
    ways = (direction, back)
    refused: set[int] = set()
    ends = {start, end}
    while all(fronts) and dist[0][fronts[0][0]] + dist[1][fronts[1][0]] < max_length:
        side = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        seen, par, other = dist[side], parents[side], dist[1 - side]
        level = seen[fronts[side][0]] + 1
        links: dict[int, list[tuple[int, int]]] = {}
        for u in fronts[side]:
            for v, s in g.steps(u, ways[side]):
                known = seen.get(v)
                if (known is not None and known != level) or v in refused:
                    continue
                r = s if s >= 0 else ~s
                if f.rel_ok(g, r) and (v in ends or f.node_ok(g, v)):
                    links.setdefault(v, []).append((u, r))
        fresh = [v for v in links if v not in seen and v not in ends]
        if f.admit is not None and fresh:
            admitted = f.admit(fresh)
            for v in fresh:
                if v not in admitted:
                    refused.add(v)
                    del links[v]
        nxt: list[int] = []
        for v, found in links.items():
            if v not in seen:
                seen[v] = level
                nxt.append(v)
            par.setdefault(v, []).extend(found)
        fronts = (nxt, fronts[1]) if side == 0 else (fronts[0], nxt)
        met = [v for v in nxt if v in other]
        if met:
            best = min(dist[0][v] + dist[1][v] for v in met)
            meet = {v for v in met if dist[0][v] + dist[1][v] == best}
            return Meeting(parents[0], parents[1], meet)
    return None


class Near:
    """Each node's neighbours (both ways, any relationship) that pass a node filter, found
    once and kept for one question of many pairs (``distance``)."""

    def __init__(self, g: Topology, f: Filter) -> None:
        self.g, self.f = g, f
        self._known: dict[int, frozenset[int]] = {}

    def __call__(self, u: int) -> frozenset[int]:
        found = self._known.get(u)
        if found is None:
            g, f = self.g, self.f
            adjacent = g.adjacent[u]
            neighbours = adjacent[::2] if adjacent is not None else ()
            if f.as_of is None:  # the kinds alone, tested inline (an official's thousands)
                kinds, allowed = g.kinds, f.kinds
                found = frozenset(v for v in neighbours if allowed is None or kinds[v] in allowed)
            else:
                found = frozenset(v for v in neighbours if f.node_ok(g, v))
            self._known[u] = found
        return found


def distance(near: Near, start: int, end: int, max_length: int) -> int | None:
    """The length of a shortest walk of at most ``max_length`` from ``start`` to ``end``
    (``bidirectional`` without the paths, on level sets), through nodes ``near`` lets pass;
    ``end`` must pass, ``start`` need not: the start's side grows first, so a walk's last
    step into the start is met at the neighbour before it."""
    if start == end:
        return 0
    if max_length <= 0:
        return None
    if max_length <= 2:
        # The steps below for one or two, without the level sets (many pairs, each a few
        # set operations): the start's side grows first, then the end's one step, and
        # they meet at a node both neighbour. The end's neighbours are found once for all
        # its pairs; a hub between them (a court) is never expanded.
        around = near(start)
        if end in around:
            return 1
        if max_length == 2 and not around.isdisjoint(near(end)):
            return 2
        return None
    seen: tuple[dict[int, int], dict[int, int]] = ({start: 0}, {end: 0})
    fronts: list[set[int]] = [{start}, {end}]
    levels = [0, 0]
    while fronts[0] and fronts[1] and levels[0] + levels[1] < max_length:
        side = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        if levels[0] + levels[1] + 1 == max_length:
            # The last step: no level to keep for later, only whether a neighbour of this
            # front was reached from the other side (the two sides share no node yet, or
            # they would have met), each test from the smaller of the two sets.
            other, step = seen[1 - side], levels[side] + 1
            best: int | None = None
            for u in fronts[side]:
                around = near(u)
                if len(around) <= len(other):
                    hits = [other[v] for v in around if v in other]
                else:
                    hits = [d for v, d in other.items() if v in around]
                if hits and (best is None or min(hits) + step < best):
                    best = min(hits) + step
            return best
        reached: set[int] = set()
        for u in fronts[side]:
            reached |= near(u)
        levels[side] += 1
        fresh = {v for v in reached if v not in seen[side]}
        for v in fresh:
            seen[side][v] = levels[side]
        fronts[side] = fresh
        met = [v for v in fresh if v in seen[1 - side]]
        if met:
            return min(seen[0][v] + seen[1][v] for v in met)
    return None
