"""Calling use cases whose inputs name several nodes, as ``schema.usecases`` calls those that
name one: a write acts on nodes that must lie in the caller's jurisdiction and refers to
nodes the caller must see (as ``link`` does: its start in the jurisdiction, its end
visible); an argument may be absent or a list of ids; a node to be created is checked by
its region code; a query about one node needs that node visible."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from graph.errors import FieldError, NotFound, ValidationError
from graph.model.enums import NodeKind
from graph.model.records import Node
from graph.store import GraphStore
from schema.generic.ids import from_global
from schema.usecases import writing
from workflows.access import REGION_FIELD, Access, Permission


def expect_one_of(global_id: str, kinds: Sequence[NodeKind], field: str) -> str:
    """The store id in a global id of one of ``kinds``, or ValidationError naming ``field``."""
    type_name, store_id = from_global(global_id, field)
    if type_name not in {k.name for k in kinds}:
        names = " or ".join(k.name for k in kinds)
        raise ValidationError(FieldError(field, f"expected the id of {names}"))
    return store_id


def _ids(value: str | Sequence[str] | Mapping[str, str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, Mapping):
        return list(value.values())
    return [value] if isinstance(value, str) else list(value)


def visible(store: GraphStore, access: Access, named: Mapping[str, Any]) -> dict[str, list[Node]]:
    """The nodes named by each argument (an id, ids in a list or as a mapping's values, or
    None), each visible to the caller, else NotFound naming the argument: a hidden node
    reads as absent."""
    wanted = {name: _ids(value) for name, value in named.items()}
    every_id = sorted({i for ids in wanted.values() for i in ids})
    found = store.get_nodes(every_id) if every_id else {}
    out: dict[str, list[Node]] = {}
    for name, ids in wanted.items():
        for id_ in ids:
            node = found.get(id_)
            if node is None or not access.can_see(node):
                raise NotFound(f"{name}: no node '{id_}'")
            out.setdefault(name, []).append(node)
    return out


def acting(
    use_case: Callable[..., Any],
    permission: Permission,
    *,
    owned: Iterable[str] = (),
    seen: Iterable[str] = (),
    creates: tuple[NodeKind, str] | None = None,
    scoped: bool = False,
) -> Callable[..., Any]:
    """A write use case called as the caller: ``owned`` arguments name nodes it acts on (in
    the jurisdiction), ``seen`` nodes it refers to (visible); ``creates`` = (kind, argument)
    when it makes a node of that kind in the region the argument gives; ``scoped`` passes the
    caller's region as the use case's ``region``."""
    owned, seen = tuple(owned), tuple(seen)
    call = writing(use_case, permission)

    def run(*, store: GraphStore, access: Access, **kwargs: Any) -> Any:
        access.require(permission)
        named = visible(store, access, {name: kwargs[name] for name in (*owned, *seen)})
        for name in owned:
            for node in named.get(name, []):
                access.require_jurisdiction(node)
        if creates is not None:
            kind, argument = creates
            access.require_jurisdiction(Node(kind, "", {REGION_FIELD[kind]: kwargs[argument]}, 0))
        region = {"region": access.principal.region} if scoped else {}
        return call(store=store, access=access, **region, **kwargs)

    return run


def about(use_case: Callable[..., Any], target: str) -> Callable[..., Any]:
    """A query use case about one node (the argument ``target``) that the caller must see."""

    def run(*, store: GraphStore, access: Access, **kwargs: Any) -> Any:
        access.require(Permission.READ)
        visible(store, access, {target: kwargs[target]})
        return use_case(store=store, **kwargs)

    return run
