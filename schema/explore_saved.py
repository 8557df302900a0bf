"""Saved investigations (调查研判) on the explorer: ``savedInvestigation`` reads one with its
placed nodes, ``saveInvestigation`` creates or replaces one (stale version: CONFLICT). The
list is the generated ``investigations`` connection."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.explore_args import store_id, subgraph_size
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES, Node, annotate, list_of, maybe, wrap
from schema.usecases import Info, output
from workflows import explore_investigations as saved

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


def _saved(found: saved.SavedInvestigation) -> Any:
    return SavedInvestigationType(
        investigation=wrap(found.investigation),
        items=[InvestigationItemType(node=wrap(i.node), x=i.x, y=i.y) for i in found.items],
    )


async def _saved_investigation(root: Any, info: Info, id: strawberry.ID) -> Any:
    found = await info.context.call(
        saved.saved_investigation, id_=expect_id(id, NodeKind.Investigation.name)
    )
    return None if found is None else _saved(found)


async def _save_investigation(root: Any, info: Info, input: SaveInvestigationInput) -> Any:
    subgraph_size(info, len(input.items), "input.items")
    id_ = given(input.id)
    found = await info.context.call(
        saved.save_investigation,
        id_=None if id_ is None else expect_id(id_, NodeKind.Investigation.name, "input.id"),
        version=given(input.version),
        name=input.name,
        description=given(input.description),
        items=[
            saved.ItemDraft(store_id(item.node_id, f"input.items.{i}.nodeId"), item.x, item.y)
            for i, item in enumerate(input.items)
        ],
    )
    return _saved(found)


def query_fields() -> dict[str, Any]:
    return {
        "saved_investigation": strawberry.field(
            resolver=annotate(
                _saved_investigation,
                maybe(SavedInvestigationType),
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
            ),
            description=(
                "调查研判: a saved investigation with its placed nodes (null when absent or "
                "hidden); hidden nodes of it are left out."
            ),
        )
    }


def mutation_fields() -> dict[str, Any]:
    return {
        "save_investigation": strawberry.field(
            resolver=annotate(
                _save_investigation,
                SavedInvestigationType,
                root=Any,
                info=strawberry.Info,
                input=SaveInvestigationInput,
            ),
            description=(
                "保存调查研判: create (no id) or replace (id and the version read; else "
                "CONFLICT) a named set of nodes and their places. Needs INVESTIGATE."
            ),
        )
    }
