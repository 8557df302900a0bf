"""Cypher for list_nodes: conditions, keyset cursors, a page and its counts in one query."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.adapters.cypher import ALL, NEVER, VERSION, Params, label
from graph.model.enums import NodeKind
from graph.model.kinds import NODES
from graph.store import AnyOf, Condition, Op, PageRequest, decode_cursor


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
