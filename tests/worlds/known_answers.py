"""Small hand-built graphs with known answers, for the contract tests."""

from __future__ import annotations

from typing import Any

from graph.model.enums import NodeKind, RelType
from graph.model.kinds import FieldType, node_fields
from graph.model.records import Node, Rel
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore, Neighbour, Path, Subgraph

_DEFAULTS = {
    FieldType.STR: "x",
    FieldType.TEXT: "x",
    FieldType.INT: 1,
    FieldType.FLOAT: 1.0,
    FieldType.BOOL: False,
    FieldType.DATE: "2020-01-01",
    FieldType.DATETIME: "2020-01-01T00:00:00",
    FieldType.CODE: "510100",
}


def node(kind: NodeKind, id_: str, /, **raw: Any) -> Node:
    """A valid node of ``kind``: required fields get a default unless given."""
    props = {}
    for f in node_fields(kind):
        if f.required and f.name not in raw:
            props[f.name] = next(iter(f.enum)).name if f.enum else _DEFAULTS[f.type]
    return make_node(kind, id_, {**props, **raw})


def rel(type_: RelType, start: str, end: str, id_: str | None = None, /, **raw: Any) -> Rel:
    return make_rel(type_, id_ or f"{start}-{type_.name}-{end}", start, end, raw)


def agency(id_: str, /, **raw: Any) -> Node:
    return node(NodeKind.Agency, id_, name=raw.pop("name", id_), **raw)


def ids(items: list[Node] | Subgraph) -> list[str]:
    nodes = items.nodes if isinstance(items, Subgraph) else items
    return [n.id for n in nodes]


def rel_ids(items: list[Rel] | Subgraph) -> list[str]:
    rels = items.rels if isinstance(items, Subgraph) else items
    return [r.id for r in rels]


def listing(found: list[Neighbour]) -> list[tuple[str, str, str, bool]]:
    return [(n.rel.type.name, n.node.id, n.rel.id, n.outgoing) for n in found]


def route(path: Path) -> tuple[list[str], list[str]]:
    return [n.id for n in path.nodes], [r.id for r in path.rels]


# The supervision neighbourhood used by the traversal tests:
#
#   r_sc ◄─PART_OF── r_cd ◄─LOCATED_IN── ag_court ──GUIDES──► ag_proc ──LOCATED_IN──► r_cd
#                                          ▲ ▲ ▲  ⟲ COORDINATES (a self-loop)
#             c1 ──HANDLED_BY──────────────┘ │ └──MEMBER_OF (2019 – 2021-06)── o1
#             c2 ──HANDLED_BY (until 2020)───┘                                  │
#             c1 ◄──HANDLED──────────────────────────────────────────────────── o1
#             c3 ──HANDLED_BY──► ag_proc        c3 ──INVOLVES──► r_cq ◄──LOCATED_IN── ag_cq
#             c4 (from 2022-06) ──HANDLED_BY──► ag_cq
NEIGHBOURHOOD = Batch(
    nodes=[
        node(NodeKind.Region, "r_sc", code="510000", name="四川省", level="PROVINCE"),
        node(NodeKind.Region, "r_cd", code="510100", name="成都市", level="CITY"),
        node(NodeKind.Region, "r_cq", code="500000", name="重庆市", level="PROVINCE"),
        agency("ag_court", name="成都市中级人民法院", kind="COURT"),
        agency("ag_proc", name="成都市人民检察院", kind="PROCURATORATE"),
        agency("ag_cq", name="重庆市第一中级人民法院", kind="COURT", region_code="500000"),
        node(NodeKind.Case, "c1", case_number="(2021)川01刑初1号"),
        node(NodeKind.Case, "c2"),
        node(NodeKind.Case, "c3"),
        node(NodeKind.Case, "c4", valid_from="2022-06"),
        node(NodeKind.Official, "o1", name="张三"),
    ],
    rels=[
        rel(RelType.PART_OF, "r_cd", "r_sc"),
        rel(RelType.LOCATED_IN, "ag_court", "r_cd"),
        rel(RelType.LOCATED_IN, "ag_proc", "r_cd"),
        rel(RelType.LOCATED_IN, "ag_cq", "r_cq"),
        rel(RelType.GUIDES, "ag_court", "ag_proc"),
        rel(RelType.COORDINATES, "ag_court", "ag_court", "loop"),
        rel(RelType.HANDLED_BY, "c1", "ag_court"),
        rel(RelType.HANDLED_BY, "c2", "ag_court", valid_to="2020"),
        rel(RelType.HANDLED_BY, "c3", "ag_proc"),
        rel(RelType.HANDLED_BY, "c4", "ag_cq"),
        rel(RelType.INVOLVES, "c3", "r_cq"),
        rel(RelType.MEMBER_OF, "o1", "ag_court", valid_from="2019", valid_to="2021-06"),
        rel(RelType.HANDLED, "o1", "c1"),
    ],
)


def load(store: GraphStore, batch: Batch = NEIGHBOURHOOD) -> GraphStore:
    store.write(batch)
    return store
