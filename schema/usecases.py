"""What every workflow module of the schema shares: output types built at import time, global
ids for store ids, and the two ways a resolver calls a use case (reading, scoped to the
caller's region; writing, as the caller, on targets in the caller's jurisdiction)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry

from graph.errors import NotFound
from graph.model.enums import NodeKind
from graph.model.records import Node as StoredNode
from graph.store import GraphStore
from schema.context import Info as Info
from schema.generic.ids import to_global
from schema.generic.nodes import list_of, wrap
from workflows.access import Access, Permission
from workflows.days import Alert
from workflows.generic import now

IDS = list_of(strawberry.ID)


def output(name: str, description: str, **fields: Any) -> Any:
    """A GraphQL object type with these fields, built like the roots (the node types are
    generated, so they cannot be written as static annotations)."""
    return strawberry.type(type(name, (), {"__annotations__": fields}), description=description)


def ids(kind: NodeKind, store_ids: list[str]) -> list[str]:
    return [to_global(kind.name, i) for i in store_ids]


def one_id(kind: NodeKind, store_id: str | None) -> str | None:
    return None if store_id is None else to_global(kind.name, store_id)


def alert_name(alert: Alert | None) -> str | None:
    return None if alert is None else alert.name


def reading(use_case: Callable[..., Any]) -> Callable[..., Any]:
    """A query use case called with the request's store, scoped to the caller's region."""

    def run(*, store: GraphStore, access: Access, **kwargs: Any) -> Any:
        access.require(Permission.READ)
        return use_case(store=store, region=access.principal.region, **kwargs)

    return run


def writing(use_case: Callable[..., Any], permission: Permission, *targets: str) -> Any:
    """A write use case called as the caller, on targets (store ids, by argument name) that
    lie in the caller's jurisdiction."""

    def run(*, store: GraphStore, access: Access, **kwargs: Any) -> Any:
        access.require(permission)
        for name in targets:
            node = store.get_nodes([kwargs[name]]).get(kwargs[name])
            if node is None or not access.can_see(node):
                raise NotFound(f"{name}: no node '{kwargs[name]}'")
            access.require_jurisdiction(node)
        return use_case(store=store, actor=access.principal.subject, today=now()[:10], **kwargs)

    return run


def shown(info: Info, node: StoredNode) -> Any:
    """The node as the caller may see it (personal data masked unless allowed)."""
    return wrap(info.context.access.present(node))
