"""Relay cursor connections, one per node kind, over the store's keyset pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode

from graph.model.enums import NodeKind
from graph.store import Page
from schema.generic.nodes import TYPES, list_of, wrap


@strawberry.type(description="Where a page stands in its list (Relay).")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def _edge(kind: NodeKind) -> Any:
    cls = type(f"{kind.name}Edge", (), {"__annotations__": {"cursor": str, "node": TYPES[kind]}})
    return strawberry.type(cls, description=f"A {kind.name} in a page, with its cursor.")


EDGES: dict[NodeKind, Any] = {kind: _edge(kind) for kind in NodeKind}


def _connection(kind: NodeKind) -> Any:
    node = TYPES[kind]
    hints = {
        "edges": list_of(EDGES[kind]),
        "nodes": list_of(node),
        "page_info": PageInfo,
        "total_count": int,
    }
    cls = type(f"{kind.name}Connection", (), {"__annotations__": hints})
    return strawberry.type(
        cls, description=f"A page of {kind.name} ({kind.label}) and the size of the whole list."
    )


CONNECTIONS: dict[NodeKind, Any] = {kind: _connection(kind) for kind in NodeKind}


def connection(kind: NodeKind, page: Page) -> Any:
    nodes = [wrap(n) for n in page.items]
    return CONNECTIONS[kind](
        edges=[EDGES[kind](cursor=c, node=n) for c, n in zip(page.cursors, nodes, strict=True)],
        nodes=nodes,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        ),
        total_count=page.total,
    )


def _fields(raw: Any, selection_sets: list[Any], seen: set[str]) -> Iterator[FieldNode]:
    """The fields written at the level of ``selection_sets``, directly or through fragments
    and inline fragments. It walks the document, never the fragments' expansion, and reads
    each named fragment once (``seen``): linear in the document's size whatever its
    fragments spread."""
    pending = list(selection_sets)
    while pending:
        selection_set = pending.pop()
        for selection in getattr(selection_set, "selections", ()) or ():
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = selection.name.value
                if fragment not in seen and fragment in raw.fragments:
                    seen.add(fragment)
                    pending.append(raw.fragments[fragment].selection_set)


def asks_for(info: Any, name: str) -> bool:
    """Whether the selection of the field being resolved includes ``name`` at its own level,
    written directly or through fragments and inline fragments (``_fields``)."""
    raw = info._raw_info  # strawberry's own selected_fields expands every fragment, deeply
    own = [node.selection_set for node in raw.field_nodes]
    return any(f.name.value == name for f in _fields(raw, own, set()))


def asks_only(info: Any, name: str, allowed: frozenset[str]) -> bool:
    """Whether every field selected under ``name`` (a field of the one being resolved),
    however often and through whatever fragments it is written, is among ``allowed``:
    then the resolver may leave out what only the others need. Directives are not
    evaluated: a field skipped by ``@skip`` or ``@include`` still counts as asked."""
    raw = info._raw_info
    own = [node.selection_set for node in raw.field_nodes]
    under = [f.selection_set for f in _fields(raw, own, set()) if f.name.value == name]
    return all(f.name.value in allowed for f in _fields(raw, under, set()))
