"""Merging a likely duplicate (交叉比对 → 合并), and undoing it.

``merge_nodes`` keeps both ids. The losing node stays, as an alias: ``merged_into`` names the
node kept, so an old reference still resolves (read it, follow ``mergedInto``). Every
relationship of the losing node moves to the kept one (same type, same other end, same
properties); one the kept node already has (same type, other end and key) is not doubled.
The whole merge is one audited change: the audit chain holds each relationship removed (with
its snapshot) and each one made, all at one instant by one actor.

``unmerge_node`` reads that change back from the audit chain and reverses it: the
relationships the merge made are removed, those it removed come back under their own ids, and
the alias mark goes. Relationships added to the kept node since are left alone.

Only people and agencies are merged (the kinds ``likely_duplicates`` finds), of one kind, in the
caller's jurisdiction; a node already merged is neither kept nor merged again.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel, rel_id
from graph.store import Direction, GraphStore
from workflows.access import Access, Permission
from workflows.changes import Change, check_version
from workflows.reading import linked, require_all
from workflows.usecase import use_case

KINDS = (NodeKind.Official, NodeKind.Agency)
MERGE, UNMERGE = "merge", "unmerge"


@dataclass(frozen=True)
class MergeResult:
    kept: Node
    alias: Node
    moved: int
    already: int


def _key(rel: Rel) -> str:
    """The discriminator a relationship's id carries (``start|TYPE|end|key``), if any."""
    parts = rel.id.split("|", 3)
    return parts[3] if len(parts) == 4 else ""


def _all_rels(store: GraphStore, node_id: str) -> list[Rel]:
    found = linked(store, [node_id], list(RelType), Direction.BOTH)
    rels = {n.rel.id: n.rel for n in found.get(node_id, [])}
    return [rels[k] for k in sorted(rels)]


@use_case(Permission.WRITE, owns=["keep_id", "lose_id"])
def merge_nodes(
    *,
    store: GraphStore,
    actor: str,
    access: Access | None = None,
    keep_id: str,
    lose_id: str,
    version: int,
    reason: str,
) -> MergeResult:
    """Merge ``lose_id`` (at ``version``) into ``keep_id``: relationships move, the loser
    stays as an alias of the kept node (agencies, reference data, need that permission)."""
    if keep_id == lose_id:
        raise ValidationError(FieldError("lose_id", "is the node kept"))
    (keep,) = require_all(store, [keep_id], KINDS, "keep_id")
    (lose,) = require_all(store, [lose_id], KINDS, "lose_id")
    check_version(lose, version)
    if access is not None:
        access.require_write(lose.kind)
    errors = []
    if keep.kind is not lose.kind:
        errors.append(
            FieldError("lose_id", f"is a {lose.kind.name}, the node kept a {keep.kind.name}")
        )
    for field, node in (("keep_id", keep), ("lose_id", lose)):
        if node.props.get("merged_into"):
            errors.append(
                FieldError(field, f"is already merged into '{node.props['merged_into']}'")
            )
    if not reason.strip():
        errors.append(FieldError("reason", "required: why the two are one"))
    if errors:
        raise ValidationError(errors)
    kept_rels = {r.id for r in _all_rels(store, keep.id)}
    change = Change(actor, note=f"{MERGE}: {reason.strip()}")
    moved = already = 0
    for rel in _all_rels(store, lose.id):
        start = keep.id if rel.start == lose.id else rel.start
        end = keep.id if rel.end == lose.id else rel.end
        if start == end:
            continue  # a relationship between the two would become a loop: it goes
        change.unlink(rel)
        if rel_id(rel.type, start, end, _key(rel)) in kept_rels:
            already += 1
            continue
        change.link(rel.type, start, end, rel.props, discriminator=_key(rel))
        moved += 1
    change.touch(keep, MERGE)
    alias = change.update(lose, {"merged_into": keep.id}, operation=MERGE)
    change.commit(store)
    fresh = store.get_nodes([keep.id])[keep.id]
    return MergeResult(fresh, alias, moved, already)


@use_case(Permission.WRITE, owns=["alias_id"])
def unmerge_node(
    *, store: GraphStore, actor: str, access: Access | None = None, alias_id: str, version: int
) -> MergeResult:
    """Undo the merge of ``alias_id`` (at ``version``) from the audit chain."""
    (alias,) = require_all(store, [alias_id], KINDS, "alias_id")
    check_version(alias, version)
    if access is not None:
        access.require_write(alias.kind)
    keep_id = alias.props.get("merged_into")
    if not keep_id:
        raise ValidationError(FieldError("alias_id", "is not merged into another node"))
    marks = [e for e in store.audit_entries(target=alias.id) if e.record.operation == MERGE]
    if not marks:
        raise ValidationError(FieldError("alias_id", "its merge is not in the audit chain"))
    mark = marks[-1].record
    done = [
        e.record
        for e in store.audit_entries(actor=mark.actor, since=mark.at, until=mark.at)
        if e.record.at == mark.at
    ]
    keep = store.get_nodes([str(keep_id)]).get(str(keep_id))
    change = Change(actor, note=f"{UNMERGE}: {alias.id} from {keep_id}")
    current = {r.id: r for r in _all_rels(store, str(keep_id))}
    restored = removed = 0
    for record in done:
        if record.operation == "link" and record.target in current:
            change.unlink(current[record.target])
            removed += 1
    for record in done:
        if record.operation == "unlink" and record.before is not None:
            snap = record.before
            change.restore(
                Rel(RelType[snap["type"]], record.target, snap["start"], snap["end"], snap["props"])
            )
            restored += 1
    if keep is not None:
        change.touch(keep, UNMERGE)
    node = change.update(alias, {"merged_into": None}, operation=UNMERGE)
    change.commit(store)
    kept = store.get_nodes([str(keep_id)]).get(str(keep_id)) or node
    return MergeResult(kept, node, restored, removed)
