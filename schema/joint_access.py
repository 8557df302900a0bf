"""How the joint-supervision fields reach the graph: ids in, and the use case called as the
caller on nodes it may see, writing only where it has jurisdiction.

A reference is (GraphQL argument, store id). A hidden node reads as absent (NOT_FOUND); a
visible node outside the jurisdiction that a write would place or change is FORBIDDEN.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from strawberry.types.unset import UNSET

from graph.errors import FieldError, Forbidden, ValidationError
from graph.model.enums import NodeKind
from graph.store import GraphStore
from schema.generic.ids import from_global
from schema.guards import visible
from workflows.access import Access, Permission
from workflows.generic import now

Refs = Sequence[tuple[str, str]]


def store_ids(global_ids: Iterable[str], field: str) -> list[str]:
    """The store ids of global ids of any kind (the use case checks the kinds it accepts)."""
    return [from_global(g, field)[1] for g in global_ids]


def refs(field: str, ids: Iterable[str]) -> list[tuple[str, str]]:
    return [(field, i) for i in ids]


def asked_day(value: str | None) -> str:
    """The day a query is asked about: the server's day unless given."""
    return now()[:10] if value is None or value is UNSET else value


def at_least(value: int, least: int, field: str) -> int:
    if value < least:
        raise ValidationError(FieldError(field, f"must be {least} or more"))
    return value


def reach(store: GraphStore, access: Access, own: Refs = (), seen: Refs = ()) -> None:
    """Every referenced node visible; the ``own`` ones inside the caller's jurisdiction."""
    by_field: dict[str, list[str]] = {}
    for field, id_ in [*own, *seen]:
        by_field.setdefault(field, []).append(id_)
    found = {node.id: node for nodes in visible(store, access, by_field).values() for node in nodes}
    for _, id_ in own:
        access.require_jurisdiction(found[id_])


def about(use_case: Callable[..., Any], *seen: tuple[str, str]) -> Callable[..., Any]:
    """A query use case about nodes the caller may see."""

    def run(*, store: GraphStore, access: Access, **kwargs: Any) -> Any:
        access.require(Permission.READ)
        reach(store, access, seen=seen)
        return use_case(store=store, **kwargs)

    return run


def acting(
    use_case: Callable[..., Any],
    permission: Permission,
    *,
    own: Refs = (),
    seen: Refs = (),
    placed: tuple[NodeKind, str, str] | None = None,
) -> Callable[..., Any]:
    """A write use case called as the caller, today; ``placed`` (kind, argument, region code)
    is where a new record without an ``own`` node to take its region from will lie."""

    def run(*, store: GraphStore, access: Access, **kwargs: Any) -> Any:
        access.require(permission)
        if placed is not None and not access.in_jurisdiction(placed[0], placed[2]):
            raise Forbidden(
                f"{placed[1]} '{placed[2]}' is outside the jurisdiction {access.principal.region}"
            )
        reach(store, access, own, seen)
        return use_case(store=store, actor=access.principal.subject, today=now()[:10], **kwargs)

    return run
