"""A subgraph or a saved investigation (调查研判) as a file other tools open (issue 15):
GraphML (yEd, Gephi, Cytoscape; Neo4j through APOC), GEXF (Gephi) and JSON (networkx's
node-link form, as d3 and most web viewers read it).

The nodes are those the caller may see, as the caller may see them (personal fields masked
for roles that read them masked); the relationships are every one among them. Each node
carries its caption, kind (code and Chinese label), its fields and its provenance
(``source``, ``recorded_by``, ``recorded_at``, validity dates), each relationship its type,
id (the edge's key) and fields, under ``relationship`` and ``relationship_label``. A list
field is written as its items joined by ``;``, as in CSV cells.
"""

from __future__ import annotations

import enum
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.errors import FieldError, NotFound, ValidationError
from graph.model.records import Node, Rel
from graph.store import Direction, GraphStore
from workflows.access import Access
from workflows.explore.captions import caption
from workflows.explore.investigations import saved_investigation
from workflows.explore.visible import ALL_TYPES
from workflows.reading import linked
from workflows.usecase import use_case

MAX_NODES = 5_000  # a file for a desktop tool, not a dump of the store (jiandu export is)


class GraphFormat(enum.Enum):
    GRAPHML = ("graphml", "application/graphml+xml")
    GEXF = ("gexf", "application/gexf+xml")
    JSON = ("json", "application/json")

    @property
    def extension(self) -> str:
        return self.value[0]

    @property
    def media_type(self) -> str:
        return self.value[1]


@dataclass(frozen=True)
class GraphFile:
    format: GraphFormat
    filename: str
    text: str
    nodes: list[Node]
    rels: list[Rel]


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False)


def to_networkx(nodes: Sequence[Node], rels: Sequence[Rel]) -> nx.MultiDiGraph[str]:
    """The graph the files are written from: one node per node, one edge per relationship
    (keyed by its id), every value a scalar."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in nodes:
        attrs = {name: _scalar(v) for name, v in node.props.items()}
        attrs |= {"caption": caption(node), "kind": node.kind.name, "kind_label": node.kind.label}
        graph.add_node(node.id, **attrs)
    for rel in rels:
        attrs = {name: _scalar(v) for name, v in rel.props.items()}
        # Not ``type``: GEXF gives edges a ``type`` of their own (directed or not).
        attrs |= {"relationship": rel.type.name, "relationship_label": rel.type.label}
        graph.add_edge(rel.start, rel.end, key=rel.id, **attrs)
    return graph


def write(graph: nx.MultiDiGraph[str], fmt: GraphFormat) -> str:
    if fmt is GraphFormat.JSON:
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    buffer = io.BytesIO()
    if fmt is GraphFormat.GRAPHML:
        nx.write_graphml(graph, buffer, encoding="utf-8")
    else:
        # GEXF names a node's caption ``label``; its own label attribute would clash.
        gexf = graph.copy()
        for _, attrs in gexf.nodes(data=True):
            attrs["label"] = attrs["caption"]
        nx.write_gexf(gexf, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


@use_case()
def graph_file(
    *,
    store: GraphStore,
    access: Access,
    fmt: GraphFormat,
    node_ids: Sequence[str] = (),
    investigation_id: str | None = None,
) -> GraphFile:
    """The nodes named (or those of the saved investigation) and every relationship among
    them, as a file of ``fmt``. A node named that does not exist, or that the caller may not
    see, is NOT_FOUND naming its place."""
    if (investigation_id is None) == (not node_ids):
        raise ValidationError(
            FieldError("node_ids", "give either node ids or an investigation id, one of them")
        )
    if investigation_id is not None:
        saved = saved_investigation(store=store, access=access, id_=investigation_id)
        if saved is None:
            raise NotFound.named("investigation_id", investigation_id)
        nodes = [item.node for item in saved.items]
        name = investigation_id
    else:
        if len(node_ids) > MAX_NODES:
            raise ValidationError(FieldError("node_ids", f"at most {MAX_NODES:,} nodes"))
        found = store.get_nodes(sorted(set(node_ids)))
        for i, id_ in enumerate(node_ids):
            node = found.get(id_)
            if node is None or not access.can_see(node):
                raise NotFound.named(f"node_ids.{i}", id_)
        nodes = [access.present(found[i]) for i in dict.fromkeys(node_ids)]
        name = "subgraph"
    chosen = {n.id for n in nodes}
    near = linked(store, sorted(chosen), list(ALL_TYPES), Direction.OUT)
    rels = sorted(
        {n.rel.id: n.rel for ns in near.values() for n in ns if n.node.id in chosen}.values(),
        key=lambda r: r.id,
    )
    text = write(to_networkx(nodes, rels), fmt)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return GraphFile(fmt, f"{safe}.{fmt.extension}", text, nodes, rels)
