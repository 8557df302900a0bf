"""Saved investigations (调查研判): a named set of nodes and where each sits on the explorer's
canvas, kept in the graph as an Investigation that INCLUDES each node (x, y on the
relationship). Saving without an id creates one; with its id and the version read, it
replaces the name, the description and the whole set, or fails with Conflict and changes
nothing. Audited like every write: one record per changed node or relationship.

An investigation lies in the jurisdiction of whoever created it (``region_code``; none for
an unscoped caller), so a scoped colleague sees it and nobody outside does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.audit import AuditRecord
from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel, rel_id
from graph.store import Batch, Direction, GraphStore
from workflows.access import Access, Permission
from workflows.changes import Change, check_version, rel_snapshot
from workflows.reading import require
from workflows.usecase import use_case

INVESTIGATION = NodeKind.Investigation


@dataclass(frozen=True)
class ItemDraft:
    node_id: str
    x: float
    y: float


@dataclass(frozen=True)
class InvestigationItem:
    node: Node
    x: float
    y: float


@dataclass(frozen=True)
class SavedInvestigation:
    investigation: Node
    items: list[InvestigationItem]


def _items(store: GraphStore, access: Access, investigation: Node) -> list[InvestigationItem]:
    found = store.neighbours(
        [investigation.id], rel_types=[RelType.INCLUDES], direction=Direction.OUT
    )
    return [
        InvestigationItem(n.node, *_place(views.Includes(n.rel)))
        for n in access.visible_neighbours(found.get(investigation.id, []))
    ]


def _place(included: views.Includes) -> tuple[float, float]:
    # The model leaves x and y optional (an INCLUDES link may be made through the generic
    # fields without them): such a node sits at the canvas's origin.
    return float(included.x or 0.0), float(included.y or 0.0)


@use_case()
def saved_investigation(
    *, store: GraphStore, access: Access, id_: str
) -> SavedInvestigation | None:
    """The investigation and the nodes of it the caller sees (None when absent or hidden)."""
    found = store.get_nodes([id_]).get(id_)
    if found is None or found.kind is not INVESTIGATION or not access.can_see(found):
        return None
    return SavedInvestigation(access.present(found), _items(store, access, found))


def _placed(arguments: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """The nodes an investigation to save places, by their place in ``items``."""
    items: Sequence[ItemDraft] = arguments["items"]
    return [(f"items.{i}.node_id", item.node_id) for i, item in enumerate(items)]


def _checked(items: Sequence[ItemDraft]) -> None:
    errors = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.node_id in seen:
            errors.append(FieldError(f"items.{i}.node_id", f"'{item.node_id}' is listed twice"))
        seen.add(item.node_id)
        for axis, value in (("x", item.x), ("y", item.y)):
            if not math.isfinite(value):
                errors.append(FieldError(f"items.{i}.{axis}", "not a finite number"))
    if errors:
        raise ValidationError(errors)


# Investigators save their own working sets, so this needs INVESTIGATE, not WRITE; the one
# replaced must lie in the caller's jurisdiction, the nodes placed must be visible to it.
@use_case(Permission.INVESTIGATE, owns=["id_"], sees=[_placed], scoped=True)
def save_investigation(
    *,
    store: GraphStore,
    actor: str,
    access: Access,
    name: str,
    items: Sequence[ItemDraft],
    description: str | None = None,
    id_: str | None = None,
    version: int | None = None,
    region: str | None = None,
) -> SavedInvestigation:
    """Create the investigation (no id) in the caller's region, or replace it (its id and the
    version read)."""
    if (id_ is None) != (version is None):
        missing = "version" if version is None else "id"
        raise ValidationError(FieldError(missing, "give both id and version to replace"))
    _checked(items)
    props = {"name": name, "description": description}
    change = Change(actor)
    old: Node | None = None
    if id_ is None:
        node = change.create(INVESTIGATION, {**props, "region_code": region})
    else:
        assert version is not None
        old = require(store, id_, INVESTIGATION, "id")
        check_version(old, version)
        node = change.update(old, props)
    kept: dict[str, Rel] = {}
    if old is not None:
        found = store.neighbours([old.id], rel_types=[RelType.INCLUDES], direction=Direction.OUT)
        kept = {n.rel.id: n.rel for n in found.get(old.id, [])}
    for item in items:
        before = kept.pop(rel_id(RelType.INCLUDES, node.id, item.node_id), None)
        placed = None if before is None else views.Includes(before)
        if placed is None or (placed.x, placed.y) != (item.x, item.y):
            place = {"x": float(item.x), "y": float(item.y)}
            change.link(RelType.INCLUDES, node.id, item.node_id, place, before=before)
    dropped = [
        AuditRecord(change.actor, change.at, "unlink", r.id, rel_snapshot(r), None)
        for r in kept.values()
    ]
    store.write(
        Batch(
            nodes=list(change.nodes.values()),
            rels=list(change.rels.values()),
            delete_rels=sorted(kept),
            expect_versions=dict(change.expect),
            audit=[*change.audit, *dropped],
        )
    )
    return SavedInvestigation(access.present(node), _items(store, access, node))
