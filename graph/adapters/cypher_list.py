"""Cypher for list_nodes: the conditions, the index stretches that walk a listing in its
order, the index seeks that can find its nodes instead, and the queries over them.

A listing sorted on a field walks the field's (field, id) index: nodes that have the value
in (value, id) order, then those without it through the kind's id index (missing values come
last in ascending order; descending is the exact reverse). A keyset cursor becomes the start
of a seek, so a page never reads what came before it. ``neo4j_list`` decides, page by page,
whether to walk the order and check the conditions on the way, or to let one condition's
index find the nodes and sort them; these are the queries it runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from graph.adapters.cypher import (
    ALL,
    NEVER,
    REGION,
    VERSION,
    Params,
    by_field,
    by_id,
    by_pair,
    label,
    paired_fields,
    sorted_fields,
)
from graph.adapters.cypher_text import lacking, searched, text_index
from graph.model.enums import NodeKind
from graph.model.kinds import NODES
from graph.store import AnyOf, Condition, Op, Where

# (missing, value, id): a position in a listing's order, as its cursors carry it.
Key = tuple[bool, Any, str]


def field(var: str, kind: NodeKind, name: str, params: Params) -> str:
    """The value of ``name`` on a node of ``kind``: its id, a model field, or any property."""
    if name == "id":
        return f"{var}.id"
    if name == VERSION:
        return "null"  # bookkeeping, not a property of the node
    spec = NODES[kind].field(name)
    if spec is not None:
        return f"{var}.`{spec.name}`"
    return f"{var}[{params.add(name)}]"


def condition(var: str, kind: NodeKind, cond: Condition, params: Params) -> str:
    if isinstance(cond, AnyOf):
        parts = [condition(var, kind, c, params) for c in cond.conditions]
        return "(" + " OR ".join(parts) + ")" if parts else NEVER
    x = field(var, kind, cond.field, params)
    op, want = cond.op, cond.value
    if op is Op.EQ:
        return f"{x} IS NULL" if want is None else f"{x} = {params.add(want)}"
    if op is Op.IN:
        return f"{x} IN {params.add(list(want))}"
    if op is Op.GTE:
        return f"{x} >= {params.add(want)}"
    if op is Op.LTE:
        return f"{x} <= {params.add(want)}"
    if op is Op.PREFIX:
        return f"{x} STARTS WITH {params.add(str(want))}"
    if op is Op.CONTAINS:
        p = params.add(str(want).lower())
        return (
            f"(CASE WHEN {x} IS :: STRING NOT NULL THEN toLower({x}) CONTAINS {p} ELSE false END)"
        )
    p = params.add(want)
    return f"(CASE WHEN {x} IS :: LIST<ANY> NOT NULL THEN {p} IN {x} ELSE false END)"


def conditions(kind: NodeKind, where: Sequence[Condition], params: Params) -> str:
    return " AND ".join(condition("n", kind, c, params) for c in where) or "true"


# -- seeks: one condition's index finds the nodes ---------------------------------------------


class Seek(Protocol):
    def rows(self, params: Params, cap: int | None = None) -> str:
        """Clauses that bind ``n`` to the nodes the index finds (about ``cap`` of them at
        most when given: enough to tell a small set from a large one)."""


@dataclass(frozen=True)
class IndexSeek:
    """Nodes found through a range index (``hint``) from the tests it serves."""

    kind: NodeKind
    hint: str
    conds: tuple[Where, ...]
    ided: bool  # a (field, id) index: it answers ``n.id IS NOT NULL`` too, and needs it

    def rows(self, params: Params, cap: int | None = None) -> str:
        tests = [condition("n", self.kind, c, params) for c in self.conds]
        if self.ided:
            tests.append("n.id IS NOT NULL")
        return f"MATCH (n:{label(self.kind)}) USING INDEX {self.hint} WHERE {' AND '.join(tests)}"


@dataclass(frozen=True)
class TextSeek:
    """Nodes found through the kind's full-text index (``cypher_text``)."""

    kind: NodeKind
    query: str

    def rows(self, params: Params, cap: int | None = None) -> str:
        options = "" if cap is None else f", {{limit: {params.add(cap)}}}"
        index, query = params.add(text_index(self.kind)), params.add(self.query)
        return f"CALL db.index.fulltext.queryNodes({index}, {query}{options}) YIELD node AS n"


@dataclass(frozen=True)
class UnionSeek:
    parts: tuple[Seek, ...]

    def rows(self, params: Params, cap: int | None = None) -> str:
        union = " UNION ".join(f"{p.rows(params, cap)} RETURN n" for p in self.parts)
        return f"CALL () {{ {union} }}"


def _seekable(cond: Where) -> bool:
    if cond.op is Op.EQ:
        return cond.value is not None
    if cond.op is Op.PREFIX:
        return isinstance(cond.value, str)
    return cond.op in (Op.IN, Op.GTE, Op.LTE)


def seek(kind: NodeKind, cond: Condition, companion: Where | None = None) -> Seek | None:
    """How an index finds the nodes matching ``cond``, if one can; with ``companion`` (an
    equality on one of ``paired_fields``), a region condition is sought together with it."""
    text = searched(kind, cond)
    if text is not None:
        return TextSeek(kind, text)
    if isinstance(cond, AnyOf):
        parts = [seek(kind, c, companion) for c in cond.conditions]
        if not parts or any(p is None for p in parts):
            return None
        return UnionSeek(tuple(p for p in parts if p is not None))
    if not _seekable(cond):
        return None
    if cond.field == "id":
        return IndexSeek(kind, by_id(kind), (cond,), False)
    if companion is not None and cond.field == REGION:
        return IndexSeek(kind, by_pair(kind, companion.field), (companion, cond), False)
    if cond.field in sorted_fields(kind):
        return IndexSeek(kind, by_field(kind, cond.field), (cond,), True)
    return None


def _companion(kind: NodeKind, where: Sequence[Condition]) -> Where | None:
    """A condition to seek together with the region's: an equality on a paired field."""
    paired = paired_fields(kind)
    for c in where:
        if isinstance(c, Where) and c.field in paired and c.op in (Op.EQ, Op.IN) and _seekable(c):
            return c
    return None


def _regional(cond: Condition) -> bool:
    if isinstance(cond, AnyOf):
        return any(map(_regional, cond.conditions))
    return cond.field == REGION


def id_list(cond: Condition) -> int | None:
    """The number of ids ``cond`` names when it is an id lookup: a set known to be small."""
    if isinstance(cond, Where) and cond.field == "id":
        if cond.op is Op.IN:
            return len(list(cond.value))
        if cond.op is Op.EQ and cond.value is not None:
            return 1
    return None


@dataclass(frozen=True)
class Candidate:
    """A seek that can drive a listing, and how many of its conditions it serves."""

    seek: Seek
    serves: int


def candidates(kind: NodeKind, where: Sequence[Condition]) -> list[Candidate]:
    out = []
    companion = _companion(kind, where)
    for c in where:
        found = seek(kind, c)
        if found is not None:
            out.append(Candidate(found, 1))
        if companion is not None and c is not companion and _regional(c):
            paired = seek(kind, c, companion)
            if paired is not None:
                out.append(Candidate(paired, 2))
    return out


# -- stretches: an index walks the order ------------------------------------------------------


class Test(Protocol):
    def render(self, params: Params) -> str: ...


@dataclass(frozen=True)
class Compare:
    """``expr op value``; ``IS NULL`` and ``IS NOT NULL`` take no value."""

    expr: str
    op: str
    value: Any = None

    def render(self, params: Params) -> str:
        if self.op.startswith("IS"):
            return f"{self.expr} {self.op}"
        return f"{self.expr} {self.op} {params.add(self.value)}"


@dataclass(frozen=True)
class Before:
    """The key (``expr``, id) sorts before (``value``, ``id``): ``upper`` is the bound of a
    listing's window, as a check on the nodes of a stretch."""

    expr: str
    value: Any
    id: str
    inclusive: bool

    def render(self, params: Params) -> str:
        v, i = params.add(self.value), params.add(self.id)
        less = "<=" if self.inclusive else "<"
        return f"({self.expr} < {v} OR ({self.expr} = {v} AND n.id {less} {i}))"


@dataclass(frozen=True)
class Unordered:
    """A window bound on a field no index walks: the port's order written out in Cypher
    (missing values last, ties by id), with the cursor as a parameter."""

    value: str
    key: Key
    above: bool
    inclusive: bool

    def render(self, params: Params) -> str:
        c = params.add({"null": bool(self.key[0]), "v": self.key[1], "id": str(self.key[2])})
        v = self.value
        eq = "=" if self.inclusive else ""
        if self.above:
            return (
                f"CASE WHEN {c}.null THEN {v} IS NULL AND n.id >{eq} {c}.id ELSE coalesce("
                f"{v} IS NULL OR {v} > {c}.v OR ({v} = {c}.v AND n.id >{eq} {c}.id), false) END"
            )
        return (
            f"CASE WHEN {c}.null THEN {v} IS NOT NULL OR n.id <{eq} {c}.id ELSE coalesce("
            f"{v} IS NOT NULL AND ({v} < {c}.v OR ({v} = {c}.v AND n.id <{eq} {c}.id)), false)"
            " END"
        )


@dataclass(frozen=True)
class Stretch:
    """Part of a listing that one index walks in order (``hint``), from the nodes the seek
    tests select; ``rest`` holds the tests the index does not serve. Without a hint, no
    index gives the order: the stretch is sorted."""

    hint: str | None
    seek: tuple[Test, ...]
    rest: tuple[Test, ...]
    order: tuple[str, ...]
    own: tuple[Seek, ...] = ()  # what else finds the stretch's nodes (those lacking a value)

    def sought(self, params: Params) -> str:
        """The tests the index serves."""
        return " AND ".join(t.render(params) for t in self.seek) or "true"

    def where(self, params: Params, *more: str) -> str:
        return " AND ".join([*(t.render(params) for t in (*self.seek, *self.rest)), *more])

    def checked(self, params: Params, *more: str) -> str:
        """The tests the index does not serve."""
        return " AND ".join([*(t.render(params) for t in self.rest), *more]) or "true"


@dataclass(frozen=True)
class Bound:
    key: Key
    inclusive: bool


class Listing:
    """One list_nodes request on one kind: its conditions, its order, the seeks that can
    serve it, and the queries ``neo4j_list`` runs."""

    def __init__(self, kind: NodeKind, where: Sequence[Condition], order_by: str) -> None:
        self.kind = kind
        self.where = list(where)
        self.order_by = order_by
        self.match = f"MATCH (n:{label(kind)})"
        self.candidates = candidates(kind, where)
        ids = [(n, s) for c in where if (n := id_list(c)) is not None and (s := seek(kind, c))]
        # The caller's own list of ids, when it gave one (the shortest): a set known to be small.
        self.ids: tuple[int, Seek] | None = min(ids, key=lambda p: p[0]) if ids else None
        # A property outside the model is named by a parameter; it comes first in every query.
        self._order_params = Params()
        self.value = field("n", kind, order_by, self._order_params)

    def params(self) -> Params:
        """Fresh parameters for one query; the order's value may need one of its own."""
        params = Params()
        params.update(self._order_params)
        return params

    # -- the order as stretches (ascending) --------------------------------------------------

    def stretches(self, lo: Bound | None, hi: Bound | None) -> list[Stretch]:
        """The stretches covering the keys between ``lo`` and ``hi``, in ascending order."""
        if self.order_by == "id":
            return self._by_id(lo, hi)
        if self.order_by in sorted_fields(self.kind):
            return self._by_field(lo, hi)
        return [self._sorted(lo, hi)]

    def _by_id(self, lo: Bound | None, hi: Bound | None) -> list[Stretch]:
        if lo is not None and lo.key[0]:
            return []  # an id is never missing: nothing sorts after a missing value
        tests: list[Test] = [Compare("n.id", "IS NOT NULL")]
        if lo is not None:
            tests.append(Compare("n.id", ">=" if lo.inclusive else ">", lo.key[2]))
        if hi is not None and not hi.key[0]:
            tests.append(Compare("n.id", "<=" if hi.inclusive else "<", hi.key[2]))
        return [Stretch(by_id(self.kind), tuple(tests), (), ("n.id",))]

    def _by_field(self, lo: Bound | None, hi: Bound | None) -> list[Stretch]:
        v = f"n.`{self.order_by}`"
        hint = by_field(self.kind, self.order_by)
        order = (v, "n.id")
        out: list[Stretch] = []
        if lo is None or not lo.key[0]:
            upper: tuple[Test, ...] = ()
            cap: tuple[Test, ...] = ()
            if hi is not None and not hi.key[0]:
                upper = (Before(v, hi.key[1], hi.key[2], hi.inclusive),)
                cap = (Compare(v, "<=", hi.key[1]),)
            present = Compare("n.id", "IS NOT NULL")
            if lo is None:
                out.append(Stretch(hint, (Compare(v, "IS NOT NULL"), present, *cap), upper, order))
            else:
                _, low, low_id = lo.key
                tie = Compare("n.id", ">=" if lo.inclusive else ">", low_id)
                out.append(Stretch(hint, (Compare(v, "=", low), tie), upper, order))
                out.append(Stretch(hint, (Compare(v, ">", low), present, *cap), upper, order))
        if hi is None or hi.key[0]:
            ids: list[Test] = [Compare("n.id", "IS NOT NULL")]
            if lo is not None and lo.key[0]:
                ids.append(Compare("n.id", ">=" if lo.inclusive else ">", lo.key[2]))
            if hi is not None:
                ids.append(Compare("n.id", "<=" if hi.inclusive else "<", hi.key[2]))
            lack = TextSeek(self.kind, lacking(self.order_by))
            rest = (Compare(v, "IS NULL"),)
            out.append(Stretch(by_id(self.kind), tuple(ids), rest, ("n.id",), (lack,)))
        return out

    def _sorted(self, lo: Bound | None, hi: Bound | None) -> Stretch:
        v = self.value
        tests: list[Test] = []
        if lo is not None:
            tests.append(Unordered(v, lo.key, True, lo.inclusive))
        if hi is not None:
            tests.append(Unordered(v, hi.key, False, hi.inclusive))
        return Stretch(None, (), tuple(tests), (f"{v} IS NULL", v, "n.id"))

    # -- the queries ----------------------------------------------------------------------------

    def _filters(self, params: Params) -> str:
        return conditions(self.kind, self.where, params)

    def _rows(self, stretch: Stretch, down: bool, size: int | None, params: Params) -> str:
        way = " DESC" if down else ""
        order = ", ".join(f"{o}{way}" for o in stretch.order)
        return (
            f"WITH n ORDER BY {order} LIMIT coalesce({params.add(size)}, {ALL})\n"
            f"RETURN collect([n, {self.value}]) AS rows"
        )

    def walk(self, stretch: Stretch, down: bool, size: int | None) -> tuple[str, Params]:
        """The stretch in order with every condition checked on the way, to the end if need
        be (or, without an index for the order, every match sorted)."""
        params = self.params()
        hint = f" USING INDEX {stretch.hint}" if stretch.hint else ""
        where = stretch.where(params, self._filters(params))
        rows = self._rows(stretch, down, size, params)
        return f"{self.match}{hint} WHERE {where}\n{rows}", params

    def scan(
        self, stretch: Stretch, down: bool, size: int | None, budget: int
    ) -> tuple[str, Params]:
        """The matches among the first ``budget`` nodes of the stretch, and how many nodes
        it holds up to ``budget`` (from the index alone)."""
        assert stretch.hint is not None
        params = self.params()
        way = " DESC" if down else ""
        order = ", ".join(f"{o}{way}" for o in stretch.order)
        walked = f"{self.match} USING INDEX {stretch.hint} WHERE {stretch.sought(params)}"
        b = params.add(budget)
        query = f"""
CALL () {{
  {walked}
  WITH n ORDER BY {order} LIMIT {b}
  WITH n WHERE {stretch.checked(params, self._filters(params))}
  WITH n LIMIT coalesce({params.add(size)}, {ALL})
  RETURN collect([n, {self.value}]) AS rows
}}
CALL () {{
  {walked}
  WITH n LIMIT {b}
  RETURN count(*) AS walked
}}
RETURN rows, walked"""
        return query, params

    def sought(
        self, stretch: Stretch, down: bool, size: int | None, found: Seek
    ) -> tuple[str, Params]:
        """The stretch's matches found through ``found``'s index, then sorted."""
        params = self.params()
        where = stretch.where(params, self._filters(params))
        rows = self._rows(stretch, down, size, params)
        return f"CALL () {{ {found.rows(params)} RETURN n }}\nWITH n WHERE {where}\n{rows}", params

    def probes(self, seeks: Sequence[Seek], cap: int) -> tuple[str, Params]:
        """How many nodes each seek finds, counting to ``cap`` at most (from the indexes),
        and how many nodes the kind has (from the count store)."""
        params = self.params()
        limit = params.add(cap)
        calls = "\n".join(
            f"CALL () {{ {s.rows(params, cap)} WITH n LIMIT {limit} RETURN count(*) AS c{i} }}"
            for i, s in enumerate(seeks)
        )
        found = ", ".join(f"c{i}" for i in range(len(seeks)))
        kind = f"CALL () {{ {self.match} RETURN count(n) AS kind }}"
        return f"{calls}\n{kind}\nRETURN [{found}] AS counts, kind", params

    def count(self, found: Seek | None) -> tuple[str, Params]:
        """The number of matches: from the count store without conditions, else through
        ``found``'s index (or as Neo4j plans it)."""
        params = self.params()
        if not self.where:
            return f"{self.match} RETURN count(n) AS total", params
        filters = self._filters(params)
        if found is None:
            return f"{self.match} WHERE {filters} RETURN count(n) AS total", params
        rows = found.rows(params)
        return f"CALL () {{ {rows} RETURN n }}\nWITH n WHERE {filters} RETURN count(n) AS total", (
            params
        )
