"""The generic writes: create and update per kind, the lifecycle moves, delete, link, unlink.

Each resolver translates its arguments and calls one use case of ``workflows.generic``;
errors come back as GraphQL errors with ``extensions.code`` (schema.errors)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind, RelType
from schema.context import Info
from schema.fields import Root, RootField, mutation, root_field
from schema.generic.enums import MOVES, code
from schema.generic.ids import from_global
from schema.generic.inputs import (
    CREATE_INPUTS,
    UPDATE_INPUTS,
    LinkInput,
    expect_id,
    given,
    link_props,
    to_props,
)
from schema.generic.nodes import TYPES, Relationship, maybe, wrap, wrap_rel
from schema.generic.scalars import PartialDate
from workflows import generic as records

MOVE_NAMES = {
    NodeKind.Complaint: "transition_complaint",
    NodeKind.Rectification: "transition_rectification",
    NodeKind.SupervisionAction: "transition_case_supervision",
}


@strawberry.type(description="What a delete removed.")
class Deleted:
    id: strawberry.ID = strawberry.field(description="the global id of what was deleted")


def _named(resolve: Any, name: str) -> Any:
    resolve.__name__ = resolve.__qualname__ = name
    return resolve


def create(kind: NodeKind) -> RootField:
    """``create<Kind>``: record a new node of ``kind``."""

    async def resolve(info: Info, input: Any) -> Any:
        node = await info.context.call(
            records.create_node,
            kind=kind,
            props=to_props(kind, input),
            id_=getattr(input, "store_id", None) or None,
        )
        return wrap(node)

    return root_field(
        Root.MUTATION,
        _named(resolve, f"create{kind.name}"),
        f"Record a new {kind.name} ({kind.label}).",
        maybe(TYPES[kind]),
        input=CREATE_INPUTS[kind],
    )


def update(kind: NodeKind) -> RootField:
    """``update<Kind>``: change a node of ``kind`` at the version read."""

    async def resolve(info: Info, id: strawberry.ID, version: int, input: Any) -> Any:
        node = await info.context.call(
            records.update_node,
            kind=kind,
            id_=expect_id(id, kind.name),
            version=version,
            changes=to_props(kind, input),
        )
        return wrap(node)

    return root_field(
        Root.MUTATION,
        _named(resolve, f"update{kind.name}"),
        f"Change a {kind.name}; `version` must be the one read (else CONFLICT).",
        maybe(TYPES[kind]),
        input=UPDATE_INPUTS[kind],
    )


def transition(kind: NodeKind) -> RootField:
    """``transition<Lifecycle>``: one move of a node's lifecycle."""

    async def resolve(
        info: Info,
        id: strawberry.ID,
        version: int,
        move: Any,
        on: PartialDate | None = UNSET,
    ) -> Any:
        node = await info.context.call(
            records.transition,
            kind=kind,
            id_=expect_id(id, kind.name),
            version=version,
            move=code(move),
            on=given(on),
        )
        return wrap(node)

    return root_field(
        Root.MUTATION,
        _named(resolve, MOVE_NAMES[kind]),
        f"Move a {kind.name} along its lifecycle; `on`: the day (default today).",
        maybe(TYPES[kind]),
        move=MOVES[kind],
    )


@mutation("Delete a node and its relationships (admins).")
async def delete_node(info: Info, id: strawberry.ID, version: int) -> Deleted:
    _, store_id = from_global(id)
    await info.context.call(records.delete_node, id_=store_id, version=version)
    return Deleted(id=id)


@mutation(
    "Create a relationship, or replace its properties.",
    returns=maybe(Relationship),
    input=LinkInput,
)
async def link(info: Info, input: Any) -> Any:
    rel = await info.context.call(
        records.link,
        type_=RelType[code(input.type)],
        start=from_global(input.from_, "from")[1],
        end=from_global(input.to, "to")[1],
        props=link_props(input),
        discriminator=input.discriminator or "",
    )
    return wrap_rel(rel)


@mutation("Delete a relationship.")
async def unlink(info: Info, id: strawberry.ID) -> Deleted:
    await info.context.call(records.unlink, id_=expect_id(id, "Relationship"))
    return Deleted(id=id)


MUTATION: tuple[RootField, ...] = (
    *(
        f
        for kind in NodeKind
        if kind not in records.OWN_WRITERS
        for f in (create(kind), update(kind))
    ),
    *(transition(kind) for kind in MOVE_NAMES),
    delete_node,
    link,
    unlink,
)
