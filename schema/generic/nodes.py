"""Object types, generated from the model table: the Relay ``Node`` interface, one type per
node kind (its fields, a ``…Label`` beside every enumeration, its relationships both ways),
``Relationship`` and ``Link``.

An object wraps the store's record and reads each field through a getter made once per
field, so wrapping costs nothing and only the selected fields are computed. Classes are
made empty first and filled in after, so that types may refer to one another.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import GenericAlias
from typing import Any, Optional

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind, RelType
from graph.model.kinds import COMMON, NODES, RELS, Field, FieldType, rel_fields
from graph.model.records import Node as StoredNode
from graph.model.records import Rel
from graph.store import Direction
from schema.execution import NOT_HELD, quick
from schema.generic.dataloaders import NeighbourKey, NeighbourQuery
from schema.generic.enums import LABELED, LinkDirection, NodeKindEnum, RelTypeEnum
from schema.generic.ids import to_global
from schema.generic.relations import Relation, relations
from schema.generic.scalars import DateTime, PartialDate
from schema.limits import DEFAULT_PAGE_SIZE
from workflows.explore.captions import caption

Getter = Callable[[Any], Any]
Members = tuple[dict[str, Any], dict[str, Any], dict[str, Getter]]

SCALAR_TYPES: dict[FieldType, Any] = {
    FieldType.STR: str,
    FieldType.TEXT: str,
    FieldType.CODE: str,
    FieldType.INT: int,
    FieldType.FLOAT: float,
    FieldType.BOOL: bool,
    FieldType.DATE: PartialDate,
    FieldType.DATETIME: DateTime,
}
RELATIONSHIP = "Relationship"


def annotate(fn: Any, returns: Any, **hints: Any) -> Any:
    """Give a generated resolver the types strawberry reads from its signature."""
    fn.__annotations__ = {**hints, "return": returns}
    return fn


def base_type(f: Field) -> Any:
    return LABELED[f.enum] if f.enum is not None else SCALAR_TYPES[f.type]


def list_of(type_: Any) -> Any:
    return GenericAlias(list, (type_,))


def maybe(type_: Any) -> Any:
    return Optional[type_]  # noqa: UP045 - a runtime type object for strawberry


def output_type(f: Field) -> Any:
    base = base_type(f)
    if f.many:
        return list_of(base)
    return base if f.required else maybe(base)


class Record:
    """A wrapped store record; its fields are properties reading the record (see finish)."""

    _record: Any


def _reader(getter: Getter) -> property:
    return property(lambda self: getter(self._record))


def _prop(name: str, many: bool) -> Getter:
    if many:
        return lambda r: r.props.get(name) or []
    return lambda r: r.props.get(name)


def _personal(name: str) -> Callable[..., Any]:
    def resolve(root: Any, info: strawberry.Info) -> Any:
        value = root._record.props.get(name)
        if value is not None:
            info.context.read_personal(root._record, name)
        return value

    return resolve


def _label(f: Field) -> Getter:
    assert f.enum is not None
    labels = {m.name: m.label for m in f.enum}
    name = f.name
    if f.many:
        return lambda r: [labels[v] for v in r.props.get(name) or ()]
    return lambda r: labels.get(r.props.get(name))


def field_members(fields: tuple[Field, ...]) -> Members:
    """Annotations, strawberry fields and getters for model fields and their labels."""
    hints: dict[str, Any] = {}
    members: dict[str, Any] = {}
    getters: dict[str, Getter] = {}
    for f in fields:
        if f.personal:  # read through a resolver, which records who read it unmasked
            members[f.name] = strawberry.field(
                resolver=annotate(
                    _personal(f.name), output_type(f), root=Any, info=strawberry.Info
                ),
                description=f"{f.label} (personal: masked unless the role may read it; every "
                "unmasked read is recorded in the audit trail)",
            )
            continue
        hints[f.name] = output_type(f)
        members[f.name] = strawberry.field(description=f.label)
        getters[f.name] = _prop(f.name, f.many)
        if f.enum is not None:
            label = f"{f.name}_label{'s' if f.many else ''}"
            hints[label] = list[str] if f.many else (str if f.required else maybe(str))
            members[label] = strawberry.field(description=f"{f.label}(中文)")
            getters[label] = _label(f)
    return hints, members, getters


def finish(cls: Any, members: Members, decorate: Callable[..., Any], description: str) -> Any:
    hints, fields, getters = members
    for name, value in fields.items():
        setattr(cls, name, value)
    cls.__annotations__ = hints
    decorated = decorate(cls, description=description)
    # Set after strawberry has read the class: a field without a resolver is read with
    # getattr, and a property answers it without copying anything out of the record.
    for name, getter in getters.items():
        setattr(decorated, name, _reader(getter))
    return decorated


def identity_members(
    global_type: Callable[[Any], str], name: str, attribute: str, enum: Any
) -> Members:
    """id, storeId and the kind or type of a record (as ``name``), with its label."""
    return (
        {"id": strawberry.ID, "store_id": str, name: enum, f"{name}_label": str},
        {
            "id": strawberry.field(description="全局标识 (global id, opaque)"),
            "store_id": strawberry.field(description="存储标识 (the store's own id)"),
            name: strawberry.field(description="类别"),
            f"{name}_label": strawberry.field(description="类别(中文)"),
        },
        {
            "id": lambda r: to_global(global_type(r), r.id),
            "store_id": lambda r: r.id,
            name: lambda r: getattr(r, attribute).name,
            f"{name}_label": lambda r: getattr(r, attribute).label,
        },
    )


def merge(*parts: Members) -> Members:
    hints: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    getters: dict[str, Getter] = {}
    for h, f, g in parts:
        hints.update(h)
        fields.update(f)
        getters.update(g)
    return hints, fields, getters


def resolver_field(
    name: str, resolver: Any, description: str, graphql_name: str | None = None
) -> Members:
    return (
        {},
        {name: strawberry.field(resolver=resolver, description=description, name=graphql_name)},
        {},
    )


# -- the classes, empty ----------------------------------------------------------------------

Node: Any = type("Node", (Record,), {})
Relationship: Any = type(RELATIONSHIP, (Record,), {})
Link: Any = type("Link", (), {})
TYPES: dict[NodeKind, Any] = {kind: type(kind.name, (Node,), {}) for kind in NodeKind}


def wrap(node: StoredNode) -> Any:
    obj = TYPES[node.kind].__new__(TYPES[node.kind])
    obj._record = node
    return obj


def wrap_rel(rel: Rel, ends: Mapping[str, StoredNode] | None = None) -> Any:
    """``ends``: nodes already read as the caller may see them (a subgraph's own), from which
    ``from`` and ``to`` are answered without a loader."""
    obj = Relationship.__new__(Relationship)
    obj._record = rel
    obj._ends = ends
    return obj


# -- resolvers -------------------------------------------------------------------------------


async def _links(
    root: Any,
    info: strawberry.Info,
    types: Any = UNSET,
    direction: LinkDirection = LinkDirection.BOTH,
    first: int | None = DEFAULT_PAGE_SIZE,
    as_of: Any = UNSET,
) -> list[Any]:
    query = NeighbourQuery(
        tuple(RelType[t.value] for t in types) if types else None,
        Direction(direction.value),
        None,
        None if as_of is UNSET else as_of,
        info.context.limits.page_size(first),
    )
    found = await info.context.loaders.neighbours.load(NeighbourKey(root._record.id, query))
    return [
        Link(outgoing=n.outgoing, node=wrap(n.node), relationship=wrap_rel(n.rel)) for n in found
    ]


async def _load_end(info: strawberry.Info, id_: str) -> Any:
    node = await info.context.loaders.nodes.load(id_)
    return None if node is None else wrap(node)


def _rel_end(attribute: str) -> Any:
    # Not a coroutine function: an end the subgraph holds is answered at once, and a list of
    # relationships completes without a task per item.
    def resolve(root: Any, info: strawberry.Info) -> Any:
        end = getattr(root._record, attribute)
        if root._ends is not None and end in root._ends:
            return wrap(root._ends[end])
        return _load_end(info, end)

    def held(root: Any) -> Any:
        ends = root._ends
        found = None if ends is None else ends.get(getattr(root._record, attribute))
        return NOT_HELD if found is None else wrap(found)

    quick(resolve, held)
    return annotate(resolve, maybe(Node), root=Any, info=strawberry.Info)


def _relation(rel: Relation) -> Any:
    target = TYPES[rel.other]
    rel_types, kinds = (rel.type,), (rel.other,)

    if rel.single:

        async def one(root: Any, info: strawberry.Info, as_of: Any = UNSET) -> Any:
            day = None if as_of is UNSET else as_of
            query = NeighbourQuery(rel_types, rel.direction, kinds, day, 1)
            found = await info.context.loaders.neighbours.load(NeighbourKey(root._record.id, query))
            return wrap(found[0].node) if found else None

        return annotate(
            one, maybe(target), root=Any, info=strawberry.Info, as_of=maybe(PartialDate)
        )

    async def many(
        root: Any, info: strawberry.Info, first: int | None = DEFAULT_PAGE_SIZE, as_of: Any = UNSET
    ) -> Any:
        day = None if as_of is UNSET else as_of
        size = info.context.limits.page_size(first)
        query = NeighbourQuery(rel_types, rel.direction, kinds, day, size)
        found = await info.context.loaders.neighbours.load(NeighbourKey(root._record.id, query))
        return [wrap(n.node) for n in found]

    return annotate(
        many,
        list_of(target),
        root=Any,
        info=strawberry.Info,
        first=maybe(int),
        as_of=maybe(PartialDate),
    )


def _relation_doc(rel: Relation) -> str:
    arrow = "→" if rel.direction is Direction.OUT else "←"
    return f"{rel.type.label} ({arrow} {rel.type.name}, {rel.other.name} {rel.other.label})"


# -- the classes, filled in ------------------------------------------------------------------

_REL_FIELDS = tuple({f.name: f for t in RELS for f in rel_fields(t)}.values())

Node = finish(
    Node,
    merge(
        identity_members(lambda n: n.kind.name, "node_kind", "kind", NodeKindEnum),
        (
            {"version": int, "caption": str},
            {
                "version": strawberry.field(description="版本 (pass it back to update)"),
                "caption": strawberry.field(description="标题: a short label (名称, 案号, 编号…)"),
            },
            {"version": lambda n: n.version, "caption": caption},
        ),
        field_members(COMMON),
        resolver_field(
            "links",
            annotate(
                _links,
                list_of(Link),
                root=Any,
                info=strawberry.Info,
                types=maybe(list_of(RelTypeEnum)),
                direction=LinkDirection,
                first=maybe(int),
                as_of=maybe(PartialDate),
            ),
            "Every relationship of the node (records with their dates and provenance) and the "
            "node at the other end; hidden nodes are left out.",
        ),
    ),
    strawberry.interface,
    "An object with a global id (Relay): every node kind of the supervision graph.",
)

# The fields of Relationship answered without the record's properties: its identity and
# its ends (read from the nodes beside it). A subgraph whose relationships are asked for no
# other field need not read them (``GraphStore.expand``'s ``rel_props``).
REL_BARE_FIELDS = frozenset({"__typename", "id", "storeId", "type", "typeLabel", "from", "to"})

Relationship = finish(
    Relationship,
    merge(
        identity_members(lambda r: RELATIONSHIP, "type", "type", RelTypeEnum),
        field_members(_REL_FIELDS),
        resolver_field(
            "from_", _rel_end("start"), "起点 (null when hidden from the caller)", "from"
        ),
        resolver_field("to", _rel_end("end"), "终点 (null when hidden from the caller)"),
    ),
    strawberry.type,
    "A relationship record (关系): its own id, validity dates and provenance.",
)

Link = finish(
    Link,
    (
        {"outgoing": bool, "node": Node, "relationship": Relationship},
        {
            "outgoing": strawberry.field(description="true when the relationship leaves the node"),
            "node": strawberry.field(description="the node at the other end"),
            "relationship": strawberry.field(description="the relationship record"),
        },
        {},
    ),
    strawberry.type,
    "One relationship of a node, seen from the node.",
)

_RELATIONS = relations()

for _kind, _cls in TYPES.items():
    TYPES[_kind] = finish(
        _cls,
        merge(
            field_members(NODES[_kind].fields),
            *(resolver_field(r.name, _relation(r), _relation_doc(r)) for r in _RELATIONS[_kind]),
        ),
        strawberry.type,
        f"{_kind.label}: {NODES[_kind].doc}",
    )
