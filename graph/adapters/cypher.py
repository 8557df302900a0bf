"""Cypher for the Neo4j adapter's reads: one query per store operation.

Labels and relationship types come only from the model's enumerations and property names
only from its field tables; every value travels as a parameter. Each builder returns the
query text and its parameters; ``graph.adapters.neo4j`` runs them and reads the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from graph.model.enums import NodeKind, RelType
from graph.model.kinds import NODES
from graph.model.records import Rel
from graph.store import AnyOf, Condition, Direction, Op, PageRequest, decode_cursor

ENTITY = "Entity"  # every node carries it beside its kind: node ids are unique across kinds
VERSION = "version"  # the store's own property beside ``id``; never part of Node.props
NEVER = "false"
ALL = 2**63 - 1  # a LIMIT that keeps every row: one query text with or without a limit


class Params(dict[str, Any]):
    """Query parameters, each under a fresh name."""

    def add(self, value: Any) -> str:
        name = f"p{len(self)}"
        self[name] = value
        return f"${name}"


def label(kind: NodeKind) -> str:
    return f"`{kind.name}`"


def node_by_id(var: str, key: str) -> str:
    """A node pattern found through the id index. The hint keeps a plan cached while the
    database was empty (where a scan looks as cheap) from scanning once it is full."""
    return f"({var}:{ENTITY} {{id: {key}}}) USING INDEX {var}:{ENTITY}(id)"


def kind_of(labels: Iterable[str]) -> NodeKind:
    return next(NodeKind[x] for x in labels if x in NodeKind.__members__)


# Set on one node once a relationship is stored under an id that does not name its own type
# and ends (``graph.model.records.rel_id``); until then an id tells the one type to look in.
META = "JianduMeta"
FOREIGN_IDS = "foreign_rel_ids"


def named_type(rel_id: str) -> RelType | None:
    """The type that a ``rel_id``-shaped id names, if it is one."""
    parts = rel_id.split("|")
    return RelType.__members__.get(parts[1]) if len(parts) in (3, 4) else None


def names_itself(rel: Rel) -> bool:
    parts = rel.id.split("|")
    return len(parts) in (3, 4) and parts[:3] == [rel.start, rel.type.name, rel.end]


def _rels_by_id(returns: str) -> str:
    """Relationships by id whatever their type. Ids are unique across types, as in the
    embedded store, but Neo4j indexes relationship properties per type: each id is looked
    for under the type it names, or under every type once ids that name none are stored.

    The ids come inside a map, ``$lookup``: Neo4j plans a query again for each size class of
    a list parameter, and planning these 36 branches costs seconds. One seek over a list per
    type, too: a seek per row of an UNWIND costs far more in an index that has lost many
    entries."""
    seeks = "\n  UNION ALL\n  ".join(
        f"MATCH (a)-[r:`{t.name}`]->(b) USING INDEX r:`{t.name}`(id)"
        f" WHERE r.id IN CASE WHEN foreign THEN $lookup.all ELSE $lookup.named.{t.name} END"
        f" RETURN {returns}"
        for t in RelType
    )
    return f"""
OPTIONAL MATCH (m:{META} {{id: 'meta'}})
WITH coalesce(m.{FOREIGN_IDS}, false) AS foreign
CALL (foreign) {{
  {seeks}
}}
RETURN *"""


RELS_BY_ID = _rels_by_id("r, a.id AS start, b.id AS end")
REL_KEYS_BY_ID = _rels_by_id(
    "r.id AS id, type(r) AS type, a.id AS start, b.id AS end, elementId(r) AS eid"
)


def rels_by_id(ids: Iterable[str]) -> dict[str, Any]:
    """The parameters of RELS_BY_ID and REL_KEYS_BY_ID."""
    wanted = list(dict.fromkeys(ids))
    named: dict[str, list[str]] = {}
    for id_ in wanted:
        type_ = named_type(id_)
        if type_ is not None:
            named.setdefault(type_.name, []).append(id_)
    return {"lookup": {"all": wanted, "named": named}}


def rel_pattern(var: str, types: Sequence[RelType] | None, direction: Direction) -> str:
    """``-[var:A|B]->`` in the given direction (types must not be empty)."""
    typed = "" if types is None else ":" + "|".join(f"`{t.name}`" for t in types)
    left, right = {Direction.OUT: ("-", "->"), Direction.IN: ("<-", "-")}.get(
        direction, ("-", "-")
    )
    return f"{left}[{var}{typed}]{right}"


def kind_test(var: str, kinds: Sequence[NodeKind] | None) -> str:
    if kinds is None:
        return "true"
    if not kinds:
        return NEVER
    return f"{var}:" + "|".join(label(k) for k in kinds)


def valid_at(var: str, day: str | None, params: Params) -> str:
    """``graph.model.dates.valid_at`` over a node's or relationship's validity properties."""
    if day is None:
        return "true"
    p = params.add(day)
    return (
        f"NOT ({var}.valid_from IS :: STRING NOT NULL AND {var}.valid_from > {p})"
        f" AND NOT ({var}.valid_to IS :: STRING NOT NULL AND {var}.valid_to + '~' < {p})"
    )


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
        return f"(CASE WHEN {x} IS :: STRING NOT NULL THEN toLower({x}) CONTAINS {p} ELSE false END)"
    p = params.add(want)
    return f"(CASE WHEN {x} IS :: LIST<ANY> NOT NULL THEN {p} IN {x} ELSE false END)"


def _beyond(cursor: list[Any], greater: bool, params: Params) -> str:
    """Whether the row's key (``v IS NULL``, ``v``, ``n.id``) sorts after (or before) the
    cursor's, in ascending order where missing values come last. The cursor is a parameter,
    so that every page of one listing shares one query plan."""
    c = params.add({"null": bool(cursor[0]), "v": cursor[1], "id": str(cursor[2])})
    if greater:
        return (
            f"CASE WHEN {c}.null THEN v IS NULL AND n.id > {c}.id"
            f" ELSE coalesce(v IS NULL OR v > {c}.v OR (v = {c}.v AND n.id > {c}.id), false) END"
        )
    return (
        f"CASE WHEN {c}.null THEN v IS NOT NULL OR n.id < {c}.id"
        f" ELSE coalesce(v IS NOT NULL AND (v < {c}.v OR (v = {c}.v AND n.id < {c}.id)), false)"
        " END"
    )


def list_nodes(
    kind: NodeKind, where: Sequence[Condition], page: PageRequest
) -> tuple[str, Params, bool]:
    """The query for one page and the counts around it; the flag says whether its rows come
    in reverse order (a ``last`` page without ``first``, fetched from its end)."""
    params = Params()
    filters = " AND ".join(condition("n", kind, c, params) for c in where) or "true"
    value = field("n", kind, page.order_by, params)
    after = (
        _beyond(decode_cursor(page.after), not page.descending, params)
        if page.after is not None
        else None
    )
    before = (
        _beyond(decode_cursor(page.before, "before"), page.descending, params)
        if page.before is not None
        else None
    )
    window = " AND ".join(p for p in (after, before) if p) or "true"
    reverse = page.last is not None and page.first is None
    down = page.descending != reverse
    way = " DESC" if down else ""
    size = page.first if page.first is not None else page.last
    limit = f" LIMIT coalesce({params.add(size)}, {ALL})"
    scan = f"MATCH (n:{label(kind)}) WHERE {filters} WITH n, {value} AS v"
    query = f"""
CALL () {{
  {scan}
  RETURN count(*) AS total,
         {f"count(CASE WHEN NOT {after} THEN 1 END)" if after else "count(null)"} AS lo,
         {f"count(CASE WHEN {before} THEN 1 END)" if before else "count(*)"} AS hi
}}
CALL () {{
  {scan} WHERE {window}
  WITH n, v ORDER BY v IS NULL{way}, v{way}, n.id{way}{limit}
  RETURN collect([n, v]) AS rows
}}
RETURN total, lo, hi, rows"""
    return query, params, reverse


def neighbours(
    ids: list[str],
    rel_types: Sequence[RelType] | None,
    direction: Direction,
    node_kinds: Sequence[NodeKind] | None,
    as_of: str | None,
    limit: int | None,
) -> tuple[str, Params]:
    params = Params()
    ids_p = params.add(ids)
    keep = f"{kind_test('b', node_kinds)} AND {valid_at('r', as_of, params)}"
    keep += f" AND {valid_at('b', as_of, params)}"
    if rel_types is not None and not rel_types:
        keep = NEVER
    ways = [d for d in (Direction.OUT, Direction.IN) if direction in (d, Direction.BOTH)]
    # A self-loop is listed once going out and once coming in, as the embedded store does.
    branches = "\n    UNION ALL\n    ".join(
        f"MATCH (a){rel_pattern('r', rel_types or None, d)}(b) WHERE {keep}"
        f" RETURN r, b, {'true' if d is Direction.OUT else 'false'} AS out"
        for d in ways
    )
    cut = f" LIMIT coalesce({params.add(limit)}, {ALL})"
    query = f"""
UNWIND {ids_p} AS id
MATCH {node_by_id("a", "id")}
CALL (a) {{
  CALL (a) {{
    {branches}
  }}
  WITH r, b, out ORDER BY type(r), b.id, r.id, out DESC{cut}
  RETURN collect([r, b, out]) AS found
}}
RETURN id, found"""
    return query, params


def expand(
    seeds: list[str],
    depth: int,
    rel_types: Sequence[RelType] | None,
    node_kinds: Sequence[NodeKind] | None,
    direction: Direction,
    as_of: str | None,
    limit: int | None,
) -> tuple[str, Params]:
    """Breadth first, one level per subquery: each level keeps only nodes not seen before,
    so the cost follows the neighbourhood's size, never its number of paths."""
    params = Params()
    step = rel_pattern("r", rel_types or None, direction)
    rel_ok = valid_at("r", as_of, params)
    node_ok = f"{kind_test('v', node_kinds)} AND {valid_at('v', as_of, params)}"
    if rel_types is not None and not rel_types:
        rel_ok = NEVER
    level = f"""
CALL (frontier, seen) {{
  UNWIND frontier AS u
  MATCH (u){step}(v) WHERE NOT v IN seen AND {rel_ok} AND {node_ok}
  RETURN collect(DISTINCT v) AS found
}}
WITH found AS frontier, seen + found AS seen, levels + [found] AS levels"""
    p = params.add(limit)
    keep = f"coalesce({p}, size(ordered))"
    cut = f"ordered[0..{keep}] AS kept, size(ordered) > {keep} AS truncated"
    query = f"""
MATCH (s:{ENTITY}) USING INDEX s:{ENTITY}(id) WHERE s.id IN {params.add(seeds)}
WITH collect(s) AS frontier
WITH frontier, frontier AS seen, [frontier] AS levels
{level * depth}
UNWIND range(0, size(levels) - 1) AS d
UNWIND levels[d] AS n
WITH n, d ORDER BY d, n.id
WITH collect([n, d]) AS ordered
WITH {cut}
CALL (kept) {{
  WITH kept, [k IN kept | k[0]] AS keep
  UNWIND kept AS k
  WITH k[0] AS u, keep WHERE k[1] < {params.add(depth)}
  MATCH (u){step}(v) WHERE v IN keep AND {rel_ok}
  RETURN collect(DISTINCT r) AS rels
}}
RETURN kept, truncated, [r IN rels | [r, startNode(r).id, endNode(r).id]] AS rels"""
    return query, params


def shortest_paths(
    start: str,
    end: str,
    max_length: int,
    rel_types: Sequence[RelType] | None,
    direction: Direction,
    as_of: str | None,
    limit: int,
) -> tuple[str, Params]:
    """The endpoints (to tell which one is missing) and the paths, ordered and cut."""
    params = Params()
    ends = (
        f"OPTIONAL MATCH {node_by_id('a', params.add(start))}\n"
        f"OPTIONAL MATCH {node_by_id('b', params.add(end))}"
    )
    if start == end:
        return f"{ends}\nRETURN a, b, [] AS paths", params
    if max_length < 1 or (rel_types is not None and not rel_types) or limit <= 0:
        return f"{ends}\nRETURN a, b, [] AS paths", params
    hops = rel_pattern("", rel_types, direction).replace("]", f"*..{int(max_length)}]")
    query = f"""{ends}
CALL (a, b) {{
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = allShortestPaths((a){hops}(b))
  WHERE all(r IN relationships(p) WHERE {valid_at("r", as_of, params)})
    AND all(x IN nodes(p) WHERE x = a OR x = b OR ({valid_at("x", as_of, params)}))
  WITH p ORDER BY [x IN nodes(p) | x.id], [r IN relationships(p) | r.id]
  LIMIT {params.add(limit)}
  RETURN collect([nodes(p), [r IN relationships(p) | [r, startNode(r).id, endNode(r).id]]])
         AS paths
}}
RETURN a, b, paths"""
    return query, params


COUNTS = "RETURN " + ", ".join(
    [f"COUNT {{ (:{label(k)}) }} AS n_{k.name}" for k in NodeKind]
    + [f"COUNT {{ ()-[:`{t.name}`]->() }} AS r_{t.name}" for t in RelType]
)
