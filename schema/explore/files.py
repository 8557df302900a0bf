"""A subgraph or a saved investigation as a file for Gephi, yEd, Cytoscape or a web viewer
(``workflows.explore.graph_files``): ``graphFile`` answers the file's name, media type and
text; the explorer offers it as a download."""

from __future__ import annotations

import enum
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.explore.args import node_id, subgraph_size
from schema.fields import query
from schema.generic.inputs import expect_id, given
from schema.objects import output
from workflows.access import PERSONAL
from workflows.explore import graph_files


class _Format(enum.Enum):
    GRAPHML = "GRAPHML"
    GEXF = "GEXF"
    JSON = "JSON"
    SVG = "SVG"


GraphFileFormat: Any = strawberry.enum(
    _Format,
    name="GraphFileFormat",
    description="GRAPHML (yEd, Gephi, Cytoscape; Neo4j through APOC), GEXF (Gephi), JSON "
    "(networkx node-link: nodes, edges), SVG (a drawing: nodes coloured by kind with their "
    "captions, arrows, tooltips with kind, id, dates and provenance; a saved investigation "
    "as laid out on the explorer's canvas).",
)

GraphFileType = output(
    "GraphFile",
    "A subgraph written as a file: its name, media type and text.",
    filename=str,
    media_type=str,
    content=str,
    node_count=int,
    relationship_count=int,
)


@query(
    "图文件: the nodes named by `nodeIds`, or those of the saved investigation "
    "`investigationId` (one of them), and every relationship among them, as a file "
    "of `format`: captions, kinds, fields, dates and provenance; personal fields as you may "
    "read them. A node you may not see is NOT_FOUND.",
    returns=GraphFileType,
)
async def graph_file(
    info: Info,
    format: GraphFileFormat,
    node_ids: list[strawberry.ID] | None = UNSET,
    investigation_id: strawberry.ID | None = UNSET,
) -> Any:
    ids = [node_id(g, f"nodeIds.{i}") for i, g in enumerate(given(node_ids) or [])]
    subgraph_size(info, len(ids), "nodeIds")
    investigation = given(investigation_id)
    found = await info.context.call(
        graph_files.graph_file,
        fmt=graph_files.GraphFormat[format.value],
        node_ids=ids,
        investigation_id=None
        if investigation is None
        else expect_id(investigation, NodeKind.Investigation.name, "investigationId"),
    )
    for node in found.nodes:
        for name in PERSONAL.get(node.kind, ()):
            if node.props.get(name) is not None:
                info.context.read_personal(node, name)
    return GraphFileType(
        filename=found.filename,
        media_type=found.format.media_type,
        content=found.text,
        node_count=len(found.nodes),
        relationship_count=len(found.rels),
    )
