"""The Mutation root: create and update per kind, the lifecycle moves, delete, link, unlink.

Each resolver translates its arguments and calls one use case of ``workflows.records``;
errors come back as GraphQL errors with ``extensions.code`` (schema.errors)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind, RelType
from schema.areas import AREAS
from schema.enums import MOVES, code
from schema.ids import from_global
from schema.inputs import (
    CREATE_INPUTS,
    UPDATE_INPUTS,
    LinkInput,
    expect_id,
    given,
    link_props,
    to_props,
)
from schema.nodes import TYPES, Relationship, annotate, maybe, wrap, wrap_rel
from schema.scalars import PartialDate
from workflows import records

MOVE_NAMES = {
    NodeKind.Complaint: "transitionComplaint",
    NodeKind.Rectification: "transitionRectification",
    NodeKind.SupervisionAction: "transitionCaseSupervision",
}


@strawberry.type(description="What a delete removed.")
class Deleted:
    id: strawberry.ID = strawberry.field(description="the global id of what was deleted")


def _create(kind: NodeKind) -> Any:
    async def resolve(root: Any, info: strawberry.Info, input: Any) -> Any:
        props = to_props(kind, input)
        node = await info.context.call(
            records.create_node,
            kind=kind,
            props=props,
            id_=getattr(input, "store_id", None) or None,
        )
        return wrap(node)

    return annotate(
        resolve, maybe(TYPES[kind]), root=Any, info=strawberry.Info, input=CREATE_INPUTS[kind]
    )


def _update(kind: NodeKind) -> Any:
    async def resolve(
        root: Any, info: strawberry.Info, id: strawberry.ID, version: int, input: Any
    ) -> Any:
        node = await info.context.call(
            records.update_node,
            kind=kind,
            id_=expect_id(id, kind.name),
            version=version,
            changes=to_props(kind, input),
        )
        return wrap(node)

    return annotate(
        resolve,
        maybe(TYPES[kind]),
        root=Any,
        info=strawberry.Info,
        id=strawberry.ID,
        version=int,
        input=UPDATE_INPUTS[kind],
    )


def _transition(kind: NodeKind) -> Any:
    async def resolve(
        root: Any,
        info: strawberry.Info,
        id: strawberry.ID,
        version: int,
        move: Any,
        on: Any = UNSET,
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

    return annotate(
        resolve,
        maybe(TYPES[kind]),
        root=Any,
        info=strawberry.Info,
        id=strawberry.ID,
        version=int,
        move=MOVES[kind],
        on=maybe(PartialDate),
    )


async def _delete(root: Any, info: strawberry.Info, id: strawberry.ID, version: int) -> Deleted:
    _, store_id = from_global(id)
    await info.context.call(records.delete_node, id_=store_id, version=version)
    return Deleted(id=id)


async def _link(root: Any, info: strawberry.Info, input: Any) -> Any:
    rel = await info.context.call(
        records.link,
        type_=RelType[code(input.type)],
        start=from_global(input.from_, "from")[1],
        end=from_global(input.to, "to")[1],
        props=link_props(input),
        discriminator=input.discriminator or "",
    )
    return wrap_rel(rel)


async def _unlink(root: Any, info: strawberry.Info, id: strawberry.ID) -> Deleted:
    await info.context.call(records.unlink, id_=expect_id(id, "Relationship"))
    return Deleted(id=id)


def _fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for kind in NodeKind:
        fields[f"create{kind.name}"] = strawberry.field(
            resolver=_create(kind), description=f"Record a new {kind.name} ({kind.label})."
        )
        fields[f"update{kind.name}"] = strawberry.field(
            resolver=_update(kind),
            description=f"Change a {kind.name}; `version` must be the one read (else CONFLICT).",
        )
    for kind, name in MOVE_NAMES.items():
        fields[name] = strawberry.field(
            resolver=_transition(kind),
            description=f"Move a {kind.name} along its lifecycle; `on`: the day (default today).",
        )
    fields["delete_node"] = strawberry.field(
        resolver=_delete, description="Delete a node and its relationships (admins)."
    )
    fields["link"] = strawberry.field(
        resolver=annotate(
            _link, maybe(Relationship), root=Any, info=strawberry.Info, input=LinkInput
        ),
        description="Create a relationship, or replace its properties.",
    )
    fields["unlink"] = strawberry.field(resolver=_unlink, description="Delete a relationship.")
    for area in AREAS:
        fields.update(area.mutation_fields())
    return fields


Mutation: Any = strawberry.type(type("Mutation", (), _fields()), description="Writes, all audited.")
