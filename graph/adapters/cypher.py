"""The Cypher vocabulary of the Neo4j adapter: names, shared fragments, lookups by id.

Labels and relationship types come only from the model's enumerations and property names
only from its field tables; every value travels as a parameter. ``cypher_list`` and
``cypher_graph`` build the queries of list_nodes and of the traversals from these pieces.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from graph.model.enums import NodeKind, RelType
from graph.model.kinds import NODES, FieldType, node_fields
from graph.model.records import Rel
from graph.store import Direction

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


@functools.cache  # asked for every node written
def sorted_fields(kind: NodeKind) -> tuple[str, ...]:
    """The fields of ``kind`` that lists sort and filter on: one value each (not a list), not
    personal, not free text. Each has a range index on (field, id), which walks the field's
    values in the order of the port's keyset pages."""
    return tuple(
        f.name for f in node_fields(kind) if not (f.many or f.personal or f.type is FieldType.TEXT)
    )


REGION = "region_code"


def paired_fields(kind: NodeKind) -> tuple[str, ...]:
    """The enumerations and flags of ``kind`` that have a range index on (field, region
    code): a list filtered on one of them inside a region subtree (a status tab in a
    jurisdiction) is found, and counted, from that index alone."""
    if REGION not in sorted_fields(kind):
        return ()
    spec = NODES[kind]
    return tuple(
        name
        for name in sorted_fields(kind)
        if (f := spec.field(name)) is not None and f.type in (FieldType.ENUM, FieldType.BOOL)
    )


def by_pair(kind: NodeKind, name: str) -> str:
    """The hint naming the (field, region code) index of ``paired_fields``."""
    return f"n:{label(kind)}(`{name}`, `{REGION}`)"


def by_field(kind: NodeKind, name: str) -> str:
    """The hint naming the (field, id) index of ``sorted_fields``."""
    return f"n:{label(kind)}(`{name}`, id)"


def by_id(kind: NodeKind) -> str:
    """The hint naming the index of the kind's id constraint."""
    return f"n:{label(kind)}(id)"


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


def rel_pattern(
    var: str, types: Sequence[RelType] | None, direction: Direction, hops: str = ""
) -> str:
    """``-[var:A|B]->`` in the given direction (types must not be empty)."""
    typed = "" if types is None else ":" + "|".join(f"`{t.name}`" for t in types)
    left, right = {Direction.OUT: ("-", "->"), Direction.IN: ("<-", "-")}.get(direction, ("-", "-"))
    return f"{left}[{var}{typed}{hops}]{right}"


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


COUNTS = "RETURN " + ", ".join(
    [f"COUNT {{ (:{label(k)}) }} AS n_{k.name}" for k in NodeKind]
    + [f"COUNT {{ ()-[:`{t.name}`]->() }} AS r_{t.name}" for t in RelType]
)
