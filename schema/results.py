"""Mapping what a use case returns onto GraphQL values, as the caller may see them: store ids
become global ids, nodes are masked for roles that may not read personal data, and nodes a
result merely mentions are loaded in one batch and left out when hidden from the caller."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from graph.model.enums import NodeKind
from graph.model.records import Node
from schema.context import Info
from schema.generic.ids import to_global
from schema.generic.nodes import wrap
from workflows.days import Alert


def ids(kind: NodeKind, store_ids: Iterable[str]) -> list[str]:
    return [to_global(kind.name, i) for i in store_ids]


def one_id(kind: NodeKind, store_id: str | None) -> str | None:
    return None if store_id is None else to_global(kind.name, store_id)


def alert_name(alert: Alert | None) -> str | None:
    return None if alert is None else alert.name


def shown(info: Info, node: Node) -> Any:
    """The node as the caller may see it (personal data masked unless allowed)."""
    return wrap(info.context.access.present(node))


async def visible(info: Info, store_ids: Iterable[str]) -> dict[str, Any]:
    """The nodes the caller may see among these, as it may see them, by store id."""
    found = await info.context.loaders.nodes.load_many(sorted(set(store_ids)))
    return {n.id: wrap(n) for n in found if n is not None}


def kept(nodes: dict[str, Any], store_ids: Sequence[str]) -> list[Any]:
    """The nodes of ``store_ids`` found in ``nodes``, in that order (hidden ones left out)."""
    return [nodes[i] for i in store_ids if i in nodes]
