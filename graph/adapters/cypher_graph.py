"""Cypher for the traversals: neighbours, expand and shortest_paths, one query each."""

from __future__ import annotations

from collections.abc import Sequence

from graph.adapters.cypher import (
    ALL,
    ENTITY,
    NEVER,
    Params,
    kind_test,
    label,
    node_by_id,
    rel_pattern,
    valid_at,
)
from graph.adapters.cypher_list import condition, conditions
from graph.model.enums import NodeKind, RelType
from graph.store import Condition, Direction, NodeConditions, Op, Where


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
  RETURN collect([r, b.id, out]) AS found
}}
RETURN collect([id, found]) AS rows"""
    return query, params


# Nodes by id, in one record (the driver's cost is per record as much as per value): for
# ``get_nodes``, and for the neighbours ``neighbours`` named, each read once however many of
# the ids it neighbours (the officials and courts of many cases are few).
NODES_BY_ID = f"UNWIND $ids AS id MATCH {node_by_id('n', 'id')} RETURN collect(n) AS nodes"


def meets(var: str, where: NodeConditions | None, params: Params) -> str:
    """Whether the node ``var`` meets the conditions of its kind (``GraphStore.expand``)."""
    if not where:
        return "true"
    cases = [
        f"WHEN {var}:{label(kind)} THEN "
        + " AND ".join(condition(var, kind, c, params) for c in conds)
        for kind, conds in where.items()
        if conds
    ]
    return f"(CASE {' '.join(cases)} ELSE true END)" if cases else "true"


def expand(
    seeds: list[str],
    depth: int,
    rel_types: Sequence[RelType] | None,
    node_kinds: Sequence[NodeKind] | None,
    direction: Direction,
    as_of: str | None,
    limit: int | None,
    where: NodeConditions | None = None,
    *,
    rel_props: bool = True,
) -> tuple[str, Params]:
    """A breadth-first search inside Neo4j, one level to a subquery: the nodes one hop from
    the last level's (the frontier) that no level holds yet, each once, so the cost follows
    the neighbourhood's size, never its number of paths. A level keeps only the ``limit`` + 1
    of them first by id: with fewer it keeps all, and with more the walk stops there (it stops
    at the first depth where more than ``limit`` nodes are reached), where the cut keeps the
    nearest and, among the farthest, the first by id. So a case beside a court reaches the
    court's 58,000 cases at depth 2 and sorts none of them whole (a top-k by id).
    Then the cut, then the relationships among the nodes kept (without ``rel_props``: their
    ids, types and ends only, their properties neither read nor sent)."""
    params = Params()
    rel_ok = valid_at("r", as_of, params)
    if rel_types is not None and not rel_types:
        rel_ok = NEVER
    step = rel_pattern("r", rel_types or None, direction)
    new_node = f"{rel_ok} AND {kind_test('x', node_kinds)}"
    new_node += f" AND {valid_at('x', as_of, params)} AND {meets('x', where, params)}"
    p = params.add(limit)
    top = "" if limit is None else f"LIMIT {params.add(int(limit) + 1)}"
    levels = []
    for d in range(1, max(int(depth), 0) + 1):
        levels.append(f"""
CALL (reached, frontier) {{
  WITH reached, frontier WHERE size(reached) <= coalesce({p}, size(reached))
  WITH [k IN reached | k[0]] AS known, frontier
  UNWIND frontier AS u
  MATCH (u){step}(x) WHERE {new_node} AND NOT x IN known
  WITH DISTINCT x ORDER BY x.id {top}
  RETURN collect(x) AS fresh
}}
WITH reached + [x IN fresh | [x, {d}]] AS reached, fresh AS frontier""")
    keep = f"coalesce({p}, size(ordered))"
    shown = (
        "[r, startNode(r).id, endNode(r).id]"
        if rel_props
        else "[r.id, type(r), startNode(r).id, endNode(r).id]"
    )
    query = f"""
MATCH (s:{ENTITY}) USING INDEX s:{ENTITY}(id) WHERE s.id IN {params.add(seeds)}
WITH collect(DISTINCT s) AS seeds
WITH [s IN seeds | [s, 0]] AS reached, seeds AS frontier{"".join(levels)}
CALL (reached) {{
  UNWIND reached AS k
  WITH k ORDER BY k[1], k[0].id
  RETURN collect(k) AS ordered
}}
WITH ordered[0..{keep}] AS kept, size(ordered) > {keep} AS truncated
CALL (kept) {{
  WITH kept, [k IN kept | k[0]] AS keep
  UNWIND kept AS k
  WITH k[0] AS u, keep WHERE k[1] < {params.add(depth)}
  MATCH (u){step}(v) WHERE v IN keep AND {rel_ok}
  RETURN collect(DISTINCT r) AS rels
}}
RETURN kept, truncated, [r IN rels | {shown}] AS rels"""
    return query, params


def shortest_paths(
    start: str,
    end: str,
    max_length: int,
    rel_types: Sequence[RelType] | None,
    direction: Direction,
    as_of: str | None,
    limit: int,
    where: NodeConditions | None = None,
) -> tuple[str, Params]:
    """The endpoints (to tell which one is missing) and the paths, ordered and cut."""
    params = Params()
    ends = (
        f"OPTIONAL MATCH {node_by_id('a', params.add(start))}\n"
        f"OPTIONAL MATCH {node_by_id('b', params.add(end))}"
    )
    if start == end or max_length < 1 or limit <= 0 or (rel_types is not None and not rel_types):
        return f"{ends}\nRETURN a, b, [] AS paths", params
    hops = rel_pattern("", rel_types, direction, f"*..{int(max_length)}")
    query = f"""{ends}
CALL (a, b) {{
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = allShortestPaths((a){hops}(b))
  WHERE all(r IN relationships(p) WHERE {valid_at("r", as_of, params)})
    AND all(x IN nodes(p) WHERE x = a OR x = b OR
      ({valid_at("x", as_of, params)} AND {meets("x", where, params)}))
  WITH p ORDER BY [x IN nodes(p) | x.id], [r IN relationships(p) | r.id]
  LIMIT {params.add(limit)}
  RETURN collect([nodes(p), [r IN relationships(p) | [r, startNode(r).id, endNode(r).id]]])
         AS paths
}}
RETURN a, b, paths"""
    return query, params


def distances(
    pairs: list[list[str]], max_depth: int, node_kinds: Sequence[NodeKind] | None
) -> tuple[str, Params]:
    """One shortest walk per pair (``ANY SHORTEST`` between two bound ends: a search from
    both sides inside Neo4j), its length only; pairs without one give no row. Pairs whose
    ends are one node are the caller's (length 0)."""
    params = Params()
    query = f"""
UNWIND {params.add(pairs)} AS pair
MATCH {node_by_id("a", "pair[0]")}
MATCH {node_by_id("b", "pair[1]")}
WHERE a <> b AND {kind_test("b", node_kinds)}
MATCH walk = ANY SHORTEST (a)(()-[]-(x) WHERE {kind_test("x", node_kinds)}){{1,{int(max_depth)}}}(b)
RETURN pair[0] AS a, pair[1] AS b, length(walk) AS d"""
    return query, params


def near_ids(ids: list[str], node_kinds: Sequence[NodeKind] | None) -> tuple[str, Params]:
    """Each node of ``ids`` with whether it is of ``node_kinds`` and the ids of its neighbours
    that are (any relationship, either way), a chunk of nodes to a record: ``distances`` at
    one or two steps, from sets (an official's 2,000 cases come once, not once per pair)."""
    params = Params()
    query = f"""
UNWIND {params.add(ids)} AS id
MATCH {node_by_id("n", "id")}
CALL (n) {{
  MATCH (n)--(x) WHERE {kind_test("x", node_kinds)}
  RETURN collect(DISTINCT x.id) AS near
}}
WITH collect([n.id, {kind_test("n", node_kinds)}, near]) AS rows
UNWIND range(0, size(rows) - 1, {(chunk := params.add(VALUE_CHUNK))}) AS at
RETURN rows[at..at + {chunk}] AS chunk"""
    return query, params


VALUE_CHUNK = 10_000  # rows of ``node_values``, or groups of ``link_groups``, in one record


def rels_among(ids: list[str], rel_types: Sequence[RelType] | None) -> tuple[str, Params]:
    """The relationships from each node among ``ids`` to another among them (each matched
    once, from its start; the id test is on a parameter list, which Neo4j looks up as a
    set)."""
    params = Params()
    ids_p = params.add(ids)
    query = f"""
UNWIND {ids_p} AS id
MATCH {node_by_id("a", "id")}
MATCH (a){rel_pattern("r", rel_types or None, Direction.OUT)}(b)
WHERE b.id IN {ids_p}
RETURN r, a.id AS start, b.id AS end"""
    return query, params


def whole_kind(kind: NodeKind, where: Sequence[Condition], params: Params) -> str:
    """The conditions on every node of a kind that a detector reads (``link_groups``,
    ``node_values``). Each range index is on (field, id), and Neo4j seeks a composite index
    only when every one of its properties is tested: ``n.id IS NOT NULL`` (true of every
    node) lets the planner seek the (field, id) index of the most selective condition
    instead of scanning the label."""
    return f"{conditions(kind, where, params)} AND n.id IS NOT NULL"


def nodes_meeting(kind: NodeKind, where: Sequence[Condition], params: Params) -> str:
    """The clauses binding ``n`` to the nodes of a kind meeting ``where``.

    With a list of ids among the conditions, each id is looked up in the kind's unique id
    index and the other conditions test the node found. Left to the planner, a list of ids
    beside another indexed test (a status) seeks the composite (status, id) index once per
    pair of values: for the 47,123 rectifications the province's findings require, 135,974
    index hits and 0.83 s, against 94,246 and 0.31 s looked up one id at a time."""
    ids = next(
        (
            c
            for c in where
            if isinstance(c, Where)
            and c.field == "id"
            and c.op is Op.IN
            and isinstance(c.value, list | tuple | set | frozenset)
        ),
        None,
    )
    if ids is None:
        return f"MATCH (n:{label(kind)}) WHERE {whole_kind(kind, where, params)}"
    # Each id once (a repeated one would bind its node twice); an id that is not a string
    # names no node, as ``n.id IN $list`` would find none for it.
    listed = list(dict.fromkeys(v for v in ids.value if isinstance(v, str)))
    rest = [c for c in where if c is not ids]
    return f"""UNWIND {params.add(listed)} AS listed_id
MATCH (n:{label(kind)} {{id: listed_id}}) USING INDEX n:{label(kind)}(id)
WHERE {conditions(kind, rest, params)}"""


def link_groups(
    kind: NodeKind,
    where: Sequence[Condition],
    rel_types: Sequence[RelType],
    direction: Direction,
    node_kinds: Sequence[NodeKind] | None,
    min_size: int,
) -> tuple[str, Params]:
    """The grouping inside Neo4j: only the groups kept, as ids, come back, a chunk of groups
    to a record (the driver's cost is per record: 44,000 groups of one or two members each
    took a second one to a record).

    With a least size above one and no condition on the members (a whole kind grouped:
    complaints by petitioner or by case), the groups are counted first, by neighbour node and
    without reading an id, and only the groups kept are walked again for their members' ids:
    the second walk reads no more than the kept groups' own rows. ``repeatPetitions`` keeps
    2,025 of 277,895 groups of the province's complaints by case: 0.76 → 0.47 s, and by
    petitioner 0.64 → 0.32 s. With a condition the second walk would also pass every
    neighbour's other nodes (an official's other cases: 0.21 → 0.61 s for the sentence-change
    files' handlers), so the rows are grouped once."""
    params = Params()
    pattern = rel_pattern("r", rel_types, direction)
    least = params.add(min_size)
    found = f"""
{nodes_meeting(kind, where, params)}
MATCH (n){pattern}(b) WHERE {kind_test("b", node_kinds)}"""
    if min_size > 1 and not where:
        grouped = f"""
WITH b, count(DISTINCT n) AS size WHERE size >= {least}
MATCH (n:{label(kind)}){pattern}(b)
WITH b.id AS key, collect(DISTINCT n.id) AS members"""
    else:
        grouped = f"""
WITH b.id AS key, collect(DISTINCT n.id) AS members
WHERE size(members) >= {least}"""
    query = f"""{found}{grouped}
WITH collect([key, members]) AS groups
UNWIND range(0, size(groups) - 1, {(chunk := params.add(VALUE_CHUNK))}) AS at
RETURN groups[at..at + {chunk}] AS chunk"""
    return query, params


def node_values(
    kind: NodeKind, where: Sequence[Condition], fields: Sequence[str]
) -> tuple[str, Params]:
    """The named properties of the nodes meeting ``where``, read inside Neo4j: only the values
    travel (``GraphStore.node_values``)."""
    params = Params()
    # The rows come back a chunk to a record: the driver's cost is per record, not per value.
    query = f"""
{nodes_meeting(kind, where, params)}
WITH collect([n.id, [f IN {params.add(list(fields))} | n[f]]]) AS rows
UNWIND range(0, size(rows) - 1, {(chunk := params.add(VALUE_CHUNK))}) AS at
RETURN rows[at..at + {chunk}] AS chunk"""
    return query, params
