"""Input types, generated from the model table: per kind a filter, an order, a create and
an update input; and their translation into what the use cases take."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind
from graph.model.kinds import COMMON, NODES, RELS, Field, FieldType, rel_fields
from graph.store import PageRequest
from schema.errors import camel
from schema.generic.enums import LABELED, RelTypeEnum, SortDirection, code, new_enum
from schema.generic.ids import from_global
from schema.generic.nodes import base_type, list_of, maybe
from schema.generic.scalars import PartialDate
from schema.limits import Limits
from workflows.access import REGION_FIELD
from workflows.generic import AGENCY_LINKS, LIFECYCLES, PROVENANCE, NodeFilter


@strawberry.input(description="An inclusive range of partial dates; either end may be open.")
class DateRange:
    start: PartialDate | None = strawberry.field(name="from", default=UNSET)
    end: PartialDate | None = strawberry.field(name="to", default=UNSET)


@strawberry.input(description="An inclusive range of numbers; either end may be open.")
class NumberRange:
    min: float | None = UNSET
    max: float | None = UNSET


def _input(name: str, hints: dict[str, Any], members: dict[str, Any], description: str) -> Any:
    cls = type(name, (), {**members, "__annotations__": hints})
    return strawberry.input(cls, description=description)


def _optional(description: str) -> Any:
    return strawberry.field(default=UNSET, description=description)


# -- filters ---------------------------------------------------------------------------------

_ANY_OF, _HAS, _FLAG, _RANGE = "any_of", "has", "flag", "range"


def _filter_how(f: Field) -> tuple[str, Any] | None:
    """How a field can be filtered on, and the input type for it."""
    if f.personal:
        return None
    if f.enum is not None:
        return (_HAS, LABELED[f.enum]) if f.many else (_ANY_OF, list_of(LABELED[f.enum]))
    if f.type is FieldType.BOOL:
        return _FLAG, bool
    if f.type is FieldType.DATE:
        return _RANGE, DateRange
    if f.type in (FieldType.INT, FieldType.FLOAT):
        return _RANGE, NumberRange
    return None


@dataclass(frozen=True)
class FilterPlan:
    kind: NodeKind
    fields: tuple[tuple[str, str], ...]  # (model field, how)


def _filter(kind: NodeKind) -> tuple[Any, FilterPlan]:
    spec = NODES[kind]
    hints: dict[str, Any] = {"ids": maybe(list[strawberry.ID])}
    members: dict[str, Any] = {"ids": _optional("only these nodes (global ids)")}
    if spec.field(REGION_FIELD[kind]) is not None:
        hints["region"] = maybe(str)
        members["region"] = _optional("行政区划: a region code; its whole subtree matches")
    if AGENCY_LINKS.get(kind):
        hints["agency"] = maybe(strawberry.ID)
        members["agency"] = _optional(
            "机关: linked to this agency (global id) by "
            + ", ".join(t.name for t in AGENCY_LINKS[kind])
        )
    if spec.search:
        hints["search"] = maybe(str)
        members["search"] = _optional(
            "text in " + ", ".join(map(camel, spec.search)) + " (case-insensitive substring)"
        )
    plan: list[tuple[str, str]] = []
    for f in spec.fields + COMMON:
        found = _filter_how(f)
        if found is None:
            continue
        how, type_ = found
        hints[f.name] = maybe(type_)
        members[f.name] = _optional(
            f"{f.label}: "
            + {_ANY_OF: "any of", _HAS: "contains", _FLAG: "is", _RANGE: "within"}[how]
        )
        plan.append((f.name, how))
    cls = _input(f"{kind.name}Filter", hints, members, f"Conditions on {kind.name}; all must hold.")
    return cls, FilterPlan(kind, tuple(plan))


_FILTERS = {kind: _filter(kind) for kind in NodeKind}
FILTERS: dict[NodeKind, Any] = {kind: cls for kind, (cls, _) in _FILTERS.items()}


def _present(value: Any) -> bool:
    return value is not UNSET and value is not None


def to_filter(kind: NodeKind, value: Any) -> NodeFilter:
    """The use cases' filter for a GraphQL filter input (absent: no condition)."""
    if value is None or value is UNSET:
        return NodeFilter()
    plan = _FILTERS[kind][1]
    any_of: dict[str, list[Any]] = {}
    has: dict[str, Any] = {}
    flags: dict[str, bool] = {}
    ranges: dict[str, tuple[Any, Any]] = {}
    for name, how in plan.fields:
        wanted = getattr(value, name)
        if not _present(wanted):
            continue
        if how == _ANY_OF:
            any_of[name] = [code(v) for v in wanted]
        elif how == _HAS:
            has[name] = code(wanted)
        elif how == _FLAG:
            flags[name] = wanted
        elif isinstance(wanted, DateRange):
            ranges[name] = (given(wanted.start), given(wanted.end))
        else:
            ranges[name] = (given(wanted.min), given(wanted.max))
    ids = getattr(value, "ids", UNSET)
    agency = getattr(value, "agency", UNSET)
    return NodeFilter(
        ids=[_store_id(g, kind.name, "filter.ids") for g in ids] if _present(ids) else None,
        region=given(getattr(value, "region", UNSET)),
        agency=expect_id(agency, NodeKind.Agency.name, "filter.agency")
        if _present(agency)
        else None,
        search=given(getattr(value, "search", UNSET)),
        any_of=any_of,
        has=has,
        flags=flags,
        ranges=ranges,
    )


def given(value: Any) -> Any:
    """The argument's value, None when it was not given."""
    return None if value is UNSET else value


def _store_id(global_id: str, type_name: str, field: str) -> str:
    found_type, store_id = from_global(global_id, field)
    # An id of another type cannot match; it is kept as an id no node of this kind has.
    return store_id if found_type == type_name else f"{found_type}:{store_id}"


def expect_id(global_id: str, type_name: str, field: str = "id") -> str:
    """The store id in a global id of ``type_name``, or ValidationError naming ``field``."""
    found_type, store_id = from_global(global_id, field)
    if found_type != type_name:
        raise ValidationError(FieldError(field, f"expected the id of a {type_name}"))
    return store_id


def expect_one_of(global_id: str, kinds: Sequence[NodeKind], field: str) -> str:
    """The store id in a global id of one of ``kinds``, or ValidationError naming ``field``."""
    type_name, store_id = from_global(global_id, field)
    if type_name not in {k.name for k in kinds}:
        names = " or ".join(k.name for k in kinds)
        raise ValidationError(FieldError(field, f"expected the id of {names}"))
    return store_id


def optional_id(value: Any, kind: NodeKind, field: str) -> str | None:
    """The store id in an optional global id of ``kind`` (None when not given)."""
    present = given(value)
    return None if present is None else expect_id(present, kind.name, field)


def store_id(global_id: str, field: str) -> str:
    """The store id in a global id of any kind (the use case checks the kinds it accepts)."""
    return from_global(global_id, field)[1]


def store_ids(global_ids: Iterable[str], field: str) -> list[str]:
    """The store ids in global ids of any kind; a bad one is named by its index."""
    return [store_id(g, f"{field}.{i}") for i, g in enumerate(global_ids)]


def at_least(value: int, least: int, field: str) -> int:
    if value < least:
        raise ValidationError(FieldError(field, f"must be {least} or more"))
    return value


# -- order and pages -------------------------------------------------------------------------


def _order(kind: NodeKind) -> Any:
    sortable = [
        f.name
        for f in NODES[kind].fields + COMMON
        if not f.many and not f.personal and f.type is not FieldType.TEXT
    ]
    values = [("ID", "id")] + [(name.upper(), name) for name in sortable]
    fields = new_enum(f"{kind.name}OrderField", values)
    field_enum = strawberry.enum(
        fields,
        description=f"What {kind.name} lists can be sorted by (missing values sort last).",
    )
    hints = {"field": field_enum, "direction": SortDirection}
    members = {
        "field": strawberry.field(default=field_enum.ID, description="sort key (ties: by id)"),
        "direction": strawberry.field(default=SortDirection.ASC, description="ASC or DESC"),
    }
    return _input(f"{kind.name}Order", hints, members, f"The order of a {kind.name} list.")


ORDERS: dict[NodeKind, Any] = {kind: _order(kind) for kind in NodeKind}


def page_request(
    limits: Limits,
    order: Any,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    count: bool = True,
) -> PageRequest:
    """The page a list field asks for; ``count`` when the client selects ``totalCount``."""
    if first is None and last is None:
        first = limits.page_size(None)
    return PageRequest(
        count=count,
        order_by="id" if order is None else order.field.value,
        descending=order is not None and order.direction is SortDirection.DESC,
        first=None if first is None else limits.page_size(first, "first"),
        after=after,
        last=None if last is None else limits.page_size(last, "last"),
        before=before,
    )


# -- create and update -----------------------------------------------------------------------


def writable(kind: NodeKind) -> tuple[Field, ...]:
    """The fields an input may set: not the lifecycle state, not the provenance stamps."""
    machine = LIFECYCLES.get(kind)
    skip = {*PROVENANCE, machine.field if machine else ""}
    return tuple(f for f in NODES[kind].fields + COMMON if f.name not in skip)


def _input_type(f: Field, required: bool) -> Any:
    base = base_type(f)
    type_ = list_of(base) if f.many else base
    return type_ if required else maybe(type_)


def _write_input(kind: NodeKind, create: bool) -> Any:
    hints: dict[str, Any] = {}
    members: dict[str, Any] = {}
    if create:
        hints["store_id"] = maybe(str)
        members["store_id"] = _optional(
            "the store id to use (default: a new one); one already in use is a CONFLICT"
        )
    for f in writable(kind):
        required = create and f.required
        hints[f.name] = _input_type(f, required)
        members[f.name] = strawberry.field(description=f.label) if required else _optional(f.label)
    verb = "Create" if create else "Update"
    what = "a new" if create else "changes to a"
    note = "" if create else " Absent fields stay as they are; null clears a field."
    return _input(f"{verb}{kind.name}Input", hints, members, f"{what} {kind.name}.{note}")


CREATE_INPUTS: dict[NodeKind, Any] = {kind: _write_input(kind, True) for kind in NodeKind}
UPDATE_INPUTS: dict[NodeKind, Any] = {kind: _write_input(kind, False) for kind in NodeKind}


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return [code(v) for v in value]
    return code(value)


def to_props(kind: NodeKind, value: Any) -> dict[str, Any]:
    """The properties an input gives (absent fields left out; null kept as a clearing None)."""
    out: dict[str, Any] = {}
    for f in writable(kind):
        given = getattr(value, f.name, UNSET)
        if given is not UNSET:
            out[f.name] = _value(given)
    return out


# -- relationships ---------------------------------------------------------------------------

_REL_FIELDS = tuple(
    {f.name: f for t in RELS for f in rel_fields(t) if f.name not in PROVENANCE}.values()
)


def _link_input() -> Any:
    hints: dict[str, Any] = {"type": RelTypeEnum, "from_": strawberry.ID, "to": strawberry.ID}
    members: dict[str, Any] = {
        "type": strawberry.field(description="关系类型"),
        "from_": strawberry.field(name="from", description="起点 (global id)"),
        "to": strawberry.field(description="终点 (global id)"),
        "discriminator": _optional("tells apart two records of one type between the same nodes"),
    }
    hints["discriminator"] = maybe(str)
    for f in _REL_FIELDS:
        hints[f.name] = _input_type(f, False)
        members[f.name] = _optional(f.label)
    return _input(
        "LinkInput",
        hints,
        members,
        "A relationship to create, or whose properties to replace. Properties a type does not "
        "have are refused.",
    )


LinkInput: Any = _link_input()


def link_props(value: Any) -> dict[str, Any]:
    return {
        f.name: _value(getattr(value, f.name))
        for f in _REL_FIELDS
        if _present(getattr(value, f.name, UNSET))
    }
