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
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import networkx as nx

from graph.errors import FieldError, NotFound, ValidationError
from graph.model.enums import NodeKind
from graph.model.records import Node, Rel
from graph.store import GraphStore
from workflows.access import Access
from workflows.explore.captions import caption
from workflows.explore.investigations import saved_investigation
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
WIDTH, HEIGHT = 1200.0, 900.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 140.0, 70.0, 40.0  # room for captions and the legend
CAPTION = 18  # characters of a caption drawn (the tooltip has it whole)


FORCE_NODES = 200  # above this, the circle alone (the force layout's cost grows as n²)
FORCE_STEPS = 60


def _force_layout(graph: nx.MultiDiGraph[str]) -> dict[str, tuple[float, float]]:
    """A deterministic force-directed layout (Fruchterman–Reingold, in plain Python): nodes
    start on a circle ordered by kind and id, repel each other and are pulled along their
    relationships, the step cooling to nothing."""
    order = sorted(graph.nodes, key=lambda n: (str(graph.nodes[n].get("kind")), n))
    count = len(order)
    if count == 0:
        return {}
    pos = {
        n: [math.cos(2 * math.pi * i / count), math.sin(2 * math.pi * i / count)]
        for i, n in enumerate(order)
    }
    if count > FORCE_NODES:
        return {n: (p[0], p[1]) for n, p in pos.items()}
    edges = {(a, b) for a, b in graph.edges() if a != b}
    k = math.sqrt(4.0 / count)
    for step in range(FORCE_STEPS):
        moves = {n: [0.0, 0.0] for n in order}
        for i, a in enumerate(order):
            for b in order[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d2 = max(dx * dx + dy * dy, 1e-6)
                f = k * k / d2
                moves[a][0] += dx * f
                moves[a][1] += dy * f
                moves[b][0] -= dx * f
                moves[b][1] -= dy * f
        for a, b in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 1e-3)
            f = d / k
            moves[a][0] -= dx * f
            moves[a][1] -= dy * f
            moves[b][0] += dx * f
            moves[b][1] += dy * f
        limit = 0.1 * (1 - step / FORCE_STEPS)
        for n, (mx, my) in moves.items():
            size = math.hypot(mx, my)
            if size > 0:
                pos[n][0] += mx / size * min(size, limit)
                pos[n][1] += my / size * min(size, limit)
    return {n: (p[0], p[1]) for n, p in pos.items()}


def _positions(
    graph: nx.MultiDiGraph[str], placed: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Where each node sits: as saved on the explorer's canvas when every node has a place,
    else a seeded force layout (the same graph always draws the same)."""
    if graph.number_of_nodes() and all(n in placed for n in graph.nodes):
        raw = {n: placed[n] for n in graph.nodes}
    else:
        raw = _force_layout(graph)
    if not raw:
        return {}
    xs, ys = [x for x, _ in raw.values()], [y for _, y in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        n: (
            MARGIN_X + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN_X),
            MARGIN_TOP + (y - min(ys)) / span_y * (HEIGHT - MARGIN_TOP - MARGIN_BOTTOM),
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
        text = str(attrs["caption"])
        facts = [f"{attrs['kind_label']} ({attrs['kind']})", node, text]
        facts += [
            f"{k}: {attrs[k]}"
            for k in ("valid_from", "valid_to", "source", "recorded_by", "recorded_at")
            if attrs.get(k) not in (None, "")
        ]
        out.append(
            f"<g><title>{escape(chr(10).join(facts))}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colour[str(attrs["kind"])]}"/>'
            f'<text x="{x:.1f}" y="{y + 22:.1f}" font-size="12" text-anchor="middle">'
            f"{escape(text if len(text) <= CAPTION else text[: CAPTION - 1] + '…')}</text></g>"
        )
    x = 20.0
    for kind in kinds:  # the legend, in a row along the top
        label = NodeKind[kind].label
        out.append(
            f'<circle cx="{x:g}" cy="20" r="6" fill="{colour[kind]}"/>'
            f'<text x="{x + 10:g}" y="24" font-size="12">{escape(label)}</text>'
        )
        x += 30 + 13 * len(label)
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
    rels = store.rels_among(sorted({n.id for n in nodes}))
    text = write(to_networkx(nodes, rels), fmt, placed)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return GraphFile(fmt, f"{safe}.{fmt.extension}", text, nodes, rels)
