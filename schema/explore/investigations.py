"""Saved investigations (调查研判) on the explorer, over ``workflows.explore.investigations``:
``savedInvestigation`` reads one with its placed nodes, ``saveInvestigation`` creates or
replaces one (stale version: CONFLICT). The list is the generated ``investigations``
connection."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.explore.args import node_id, subgraph_size
from schema.fields import mutation, query
from schema.generic.inputs import expect_id, given, optional_id
from schema.generic.nodes import TYPES, Node, wrap
from schema.objects import list_of, maybe, output
from workflows.explore import investigations

InvestigationItemType = output(
    "InvestigationItem",
    "A node of an investigation and where it sits on the canvas.",
    node=Node,
    x=float,
    y=float,
)
SavedInvestigationType = output(
    "SavedInvestigation",
    "调查研判: the investigation and the nodes of it the caller sees, by node id.",
    investigation=TYPES[NodeKind.Investigation],
    items=list_of(InvestigationItemType),
)


@strawberry.input(description="A node to keep in an investigation, and its place.")
class InvestigationItemInput:
    node_id: strawberry.ID = strawberry.field(description="the node (global id, any kind)")
    x: float
    y: float


@strawberry.input(
    description=(
        "An investigation to save: without `id` a new one; with `id` and the `version` read, "
        "its name, description and whole set of nodes are replaced."
    )
)
class SaveInvestigationInput:
    id: strawberry.ID | None = UNSET
    version: int | None = UNSET
    name: str = strawberry.field(description="名称")
    description: str | None = strawberry.field(default=UNSET, description="说明")
    items: list[InvestigationItemInput] = strawberry.field(description="the nodes and places")


def _saved(found: investigations.SavedInvestigation) -> Any:
    return SavedInvestigationType(
        investigation=wrap(found.investigation),
        items=[InvestigationItemType(node=wrap(i.node), x=i.x, y=i.y) for i in found.items],
    )


@query(
    "调查研判: a saved investigation with its placed nodes (null when absent or hidden); hidden "
    "nodes of it are left out.",
    returns=maybe(SavedInvestigationType),
)
async def saved_investigation(info: Info, id: strawberry.ID) -> Any:
    found = await info.context.call(
        investigations.saved_investigation, id_=expect_id(id, NodeKind.Investigation.name)
    )
    return None if found is None else _saved(found)


@mutation(
    "保存调查研判: create (no id) or replace (id and the version read; else CONFLICT) a named "
    "set of nodes and their places. Needs INVESTIGATE.",
    returns=SavedInvestigationType,
)
async def save_investigation(info: Info, input: SaveInvestigationInput) -> Any:
    subgraph_size(info, len(input.items), "input.items")
    found = await info.context.call(
        investigations.save_investigation,
        id_=optional_id(input.id, NodeKind.Investigation, "input.id"),
        version=given(input.version),
        name=input.name,
        description=given(input.description),
        items=[
            investigations.ItemDraft(
                node_id(item.node_id, f"input.items.{i}.nodeId"), item.x, item.y
            )
            for i, item in enumerate(input.items)
        ],
    )
    return _saved(found)
