"""A subgraph or a saved investigation (调查研判) as a file other tools open (issue 15):
GraphML (yEd, Gephi, Cytoscape; Neo4j through APOC), GEXF (Gephi), JSON (networkx's
node-link form, as d3 and most web viewers read it) and SVG (a drawing for a report or a
browser; ``jiandu graph --format png`` prints it to PNG through Chromium).

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
from xml.sax.saxutils import escape

import networkx as nx

from graph.errors import FieldError, NotFound, ValidationError
from graph.model.enums import NodeKind
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
    SVG = ("svg", "image/svg+xml")

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


PALETTE = (
    "#c0392b", "#2e86c1", "#28b463", "#d68910", "#7d3c98", "#17a589", "#cb4335", "#2874a6",
    "#b7950b", "#6c3483", "#148f77", "#a04000",
)  # fmt: skip
WIDTH, HEIGHT, MARGIN = 1200.0, 900.0, 60.0


def _positions(
    graph: nx.MultiDiGraph[str], placed: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Where each node sits: as saved on the explorer's canvas when every node has a place,
    else a seeded force layout (the same graph always draws the same)."""
    if graph.number_of_nodes() and all(n in placed for n in graph.nodes):
        raw = {n: placed[n] for n in graph.nodes}
    else:
        layout: dict[str, Any] = (
            nx.spring_layout(nx.Graph(graph), seed=7) if graph.number_of_nodes() else {}
        )
        raw = {n: (float(x), float(y)) for n, (x, y) in layout.items()}
    if not raw:
        return {}
    xs, ys = [x for x, _ in raw.values()], [y for _, y in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        n: (
            MARGIN + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
            MARGIN + (y - min(ys)) / span_y * (HEIGHT - 2 * MARGIN),
        )
        for n, (x, y) in raw.items()
    }


def _svg(graph: nx.MultiDiGraph[str], placed: dict[str, tuple[float, float]]) -> str:
    """An SVG drawing: each node a circle coloured by kind with its caption under it, each
    relationship an arrow; hovering shows a tooltip (<title>) with the kind, id, dates and
    provenance of a node, the type of a relationship. A legend names the kinds."""
    at = _positions(graph, placed)
    kinds = sorted({str(a["kind"]) for _, a in graph.nodes(data=True)})
    colour = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(kinds)}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:g}" height="{HEIGHT:g}" '
        f'viewBox="0 0 {WIDTH:g} {HEIGHT:g}" font-family="Noto Sans CJK SC, sans-serif">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="18" refY="5" '
        'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker></defs>',
        f'<rect width="{WIDTH:g}" height="{HEIGHT:g}" fill="white"/>',
    ]
    for start, end, attrs in graph.edges(data=True):
        (x1, y1), (x2, y2) = at[start], at[end]
        label = escape(f"{attrs['relationship_label']} ({attrs['relationship']})")
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#999" '
            f'stroke-width="1.2" marker-end="url(#arrow)"><title>{label}</title></line>'
        )
    for node, attrs in graph.nodes(data=True):
        x, y = at[node]
        facts = [f"{attrs['kind_label']} ({attrs['kind']})", node]
        facts += [
            f"{k}: {attrs[k]}"
            for k in ("valid_from", "valid_to", "source", "recorded_by", "recorded_at")
            if attrs.get(k) not in (None, "")
        ]
        out.append(
            f"<g><title>{escape(chr(10).join(facts))}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colour[str(attrs["kind"])]}"/>'
            f'<text x="{x:.1f}" y="{y + 22:.1f}" font-size="12" text-anchor="middle">'
            f"{escape(str(attrs['caption']))}</text></g>"
        )
    for i, kind in enumerate(kinds):
        label = escape(NodeKind[kind].label)
        out.append(
            f'<circle cx="{20:g}" cy="{20 + 18 * i:g}" r="6" fill="{colour[kind]}"/>'
            f'<text x="32" y="{24 + 18 * i:g}" font-size="12">{label}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def write(
    graph: nx.MultiDiGraph[str],
    fmt: GraphFormat,
    placed: dict[str, tuple[float, float]] | None = None,
) -> str:
    if fmt is GraphFormat.SVG:
        return _svg(graph, placed or {})
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
        placed: dict[str, tuple[float, float]] = {
            item.node.id: (item.x, item.y) for item in saved.items
        }
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
        placed = {}
        name = "subgraph"
    chosen = {n.id for n in nodes}
    near = linked(store, sorted(chosen), list(ALL_TYPES), Direction.OUT)
    rels = sorted(
        {n.rel.id: n.rel for ns in near.values() for n in ns if n.node.id in chosen}.values(),
        key=lambda r: r.id,
    )
    text = write(to_networkx(nodes, rels), fmt, placed)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return GraphFile(fmt, f"{safe}.{fmt.extension}", text, nodes, rels)
